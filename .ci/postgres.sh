#!/usr/bin/env bash
# A throwaway PostgreSQL server for the audit-store tests (modkit[postgres]).
#
#   . .ci/postgres.sh        # from .ci/run: starts the server, exports MODKIT_TEST_POSTGRES_URL,
#                            # stops the server and deletes its data when the calling shell exits
#   bash .ci/postgres.sh     # by hand: starts it and prints the export line (stop: see the line after)
#
# Installs PostgreSQL with apt-get when it is missing, creates a fresh cluster in a temp
# directory (initdb + pg_ctl as the postgres user when run as root), listening on 127.0.0.1
# only, on a free port, trust auth (nothing but this machine can reach it), and a database
# `modkit_test`. Installs psycopg into the active virtualenv when it is missing there.
# Fails loudly: a CI that meant to test PostgreSQL must not skip it silently.

_modkit_pg_start() {
  local bindir datadir port as_pg py
  if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
    echo "postgres.sh: installing postgresql" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q postgresql >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null && apt-get install -y -q postgresql >/dev/null; } \
      || { echo "postgres.sh: cannot install postgresql" >&2; return 1; }
  fi
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  datadir=$(mktemp -d /tmp/modkit-pg.XXXXXX)
  as_pg=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$datadir"
    as_pg=(runuser -u postgres --)
  fi
  py=$(command -v python || command -v python3)
  port=$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "${as_pg[@]}" "$bindir/initdb" -D "$datadir/data" -U postgres -A trust -E UTF8 --no-sync >"$datadir/initdb.log" 2>&1 \
    || { cat "$datadir/initdb.log" >&2; return 1; }
  "${as_pg[@]}" "$bindir/pg_ctl" -D "$datadir/data" -l "$datadir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $datadir" start >/dev/null \
    || { cat "$datadir/server.log" >&2; return 1; }
  "${as_pg[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres modkit_test \
    || return 1
  export MODKIT_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/modkit_test"
  export MODKIT_TEST_POSTGRES_DATA="$datadir"
  export MODKIT_TEST_POSTGRES_BIN="$bindir"
  if ! "$py" -c 'import psycopg' 2>/dev/null; then
    if "$py" -c 'import sys; sys.exit(sys.prefix == sys.base_prefix)'; then
      "$py" -m pip install --quiet "psycopg[binary]>=3.1" || return 1   # into the active venv only
    else
      echo "postgres.sh: psycopg is missing; install modkit[postgres] in the venv that runs the tests" >&2
    fi
  fi
  echo "postgres.sh: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($datadir)" >&2
}

_modkit_pg_stop() {
  local datadir=${MODKIT_TEST_POSTGRES_DATA:-}
  [ -n "$datadir" ] && [ -d "$datadir/data" ] || return 0
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$MODKIT_TEST_POSTGRES_BIN/pg_ctl" -D "$datadir/data" -m immediate stop >/dev/null 2>&1 || true
  else
    "$MODKIT_TEST_POSTGRES_BIN/pg_ctl" -D "$datadir/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$datadir"
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  # Sourced: start, and stop when the calling shell exits (keeping any EXIT trap it had).
  _modkit_pg_start || return 1
  _modkit_pg_prev_trap=$(trap -p EXIT | sed -e "s/^trap -- '//" -e "s/' EXIT\$//")
  # shellcheck disable=SC2064
  trap "_modkit_pg_stop; ${_modkit_pg_prev_trap:-:}" EXIT
else
  set -euo pipefail
  _modkit_pg_start
  echo "export MODKIT_TEST_POSTGRES_URL=$MODKIT_TEST_POSTGRES_URL"
  echo "# stop with: runuser -u postgres -- $MODKIT_TEST_POSTGRES_BIN/pg_ctl -D $MODKIT_TEST_POSTGRES_DATA/data stop && rm -rf $MODKIT_TEST_POSTGRES_DATA"
fi
