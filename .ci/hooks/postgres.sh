# Sourced by .ci/run: a throwaway PostgreSQL server for the audit store tests (they skip without it).
. .ci/postgres.sh || echo "postgres hook: PostgreSQL could not be started; its tests will skip" >&2
