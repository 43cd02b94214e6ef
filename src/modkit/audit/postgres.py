"""PostgreSQL backend (`pip install 'modkit[postgres]'`), for a store shared by several jobs.

Appends lock the head row (SELECT … FOR UPDATE), so concurrent writers queue and seq
numbers stay gapless. Bodies are TEXT, not JSONB: JSONB re-orders keys and would change
the bytes the hashes are taken over. A trigger refuses UPDATE always and DELETE unless
the transaction set `modkit.purge` (only `purge` does, with SET LOCAL).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import AuditError
from .canonical import GENESIS_HASH
from .store import SqlAuditStore

_DDL = [
    "SELECT pg_advisory_xact_lock(hashtext('modkit_audit_schema'))",
    """CREATE TABLE IF NOT EXISTS audit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """INSERT INTO audit_meta (key, value) VALUES ('schema', '1') ON CONFLICT DO NOTHING""",
    """CREATE TABLE IF NOT EXISTS audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        last_seq BIGINT NOT NULL,
        last_hash TEXT NOT NULL)""",
    f"""INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, '{GENESIS_HASH}') ON CONFLICT DO NOTHING""",
    """CREATE TABLE IF NOT EXISTS audit_record (
        seq BIGINT PRIMARY KEY,
        record_hash TEXT NOT NULL UNIQUE,
        prev_hash TEXT NOT NULL,
        kind TEXT NOT NULL,
        comment_id TEXT,
        platform TEXT,
        refers_to BIGINT REFERENCES audit_record (seq),
        action TEXT,
        decided_at TIMESTAMPTZ NOT NULL,
        idem_key TEXT UNIQUE,
        body TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS audit_record_comment ON audit_record (comment_id)",
    "CREATE INDEX IF NOT EXISTS audit_record_refers ON audit_record (refers_to)",
    "CREATE INDEX IF NOT EXISTS audit_record_kind_time ON audit_record (kind, decided_at)",
    """CREATE OR REPLACE FUNCTION modkit_audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' AND current_setting('modkit.purge', true) = 'on' THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit records are append-only (deleted only by modkit audit purge)';
    END $$""",
    """CREATE OR REPLACE TRIGGER audit_record_guard BEFORE UPDATE OR DELETE ON audit_record
        FOR EACH ROW EXECUTE FUNCTION modkit_audit_guard()""",
]


class PostgresAuditStore(SqlAuditStore):
    """Audit records in PostgreSQL (psycopg 3). The URL may carry `options=-csearch_path=…`."""

    placeholder = "%s"

    def __init__(self, url: str) -> None:
        super().__init__()
        try:
            import psycopg
        except ImportError as exc:  # the extra is optional
            raise AuditError("the PostgreSQL audit store needs psycopg: pip install 'modkit[postgres]'") from exc
        self._psycopg = psycopg
        self.url = _redact(url)
        try:
            # autocommit: reads leave no transaction open; writes use explicit transaction blocks.
            self._conn = psycopg.connect(url, autocommit=True)
            with self._conn.transaction(), self._conn.cursor() as cur:
                for statement in _DDL:
                    cur.execute(statement)
        except psycopg.Error as exc:
            raise AuditError(f"{self.url}: cannot open the audit store: {exc}") from exc

    _HEAD_LOCK = " FOR UPDATE"  # two writers must not both extend the chain from the same head

    @contextmanager
    def _write_tx(self) -> Iterator[Any]:
        with self._conn.transaction(), self._conn.cursor() as cur:
            yield cur

    @contextmanager
    def _read_tx(self) -> Iterator[Any]:
        # REPEATABLE READ: one snapshot for the whole verification, whatever is appended meanwhile.
        with self._conn.transaction(), self._conn.cursor() as cur:
            cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield cur

    def _stream(self, cur: Any, sql: str) -> Iterator[tuple[Any, ...]]:
        # A server-side cursor: a chain of millions of records is read in slices, not at once.
        with self._conn.cursor(name="modkit_audit_stream") as stream:
            stream.itersize = 2000
            stream.execute(sql)
            yield from stream

    def _permit_delete(self, cur: Any, on: bool) -> None:
        cur.execute("SELECT set_config('modkit.purge', %s, true)", ("on" if on else "off",))

    def close(self) -> None:
        self._conn.close()


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(url)
        if parts.password:
            netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
            return urlunsplit(parts._replace(netloc=netloc))
    except ValueError:
        pass
    return url
