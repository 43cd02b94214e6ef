"""The embedded default backend: one SQLite file, safe against a crash at any instant.

WAL journal with synchronous=FULL: a transaction that returned from COMMIT survives a
killed process and a power cut. Writes take the lock up front (BEGIN IMMEDIATE) so the
head read and the appends it numbers cannot interleave with another writer.
Triggers refuse UPDATE always and DELETE outside a purge, so an honest mistake in a
SQL console cannot silently rewrite the record; a deliberate edit still shows in `verify`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import AuditError
from .canonical import GENESIS_HASH
from .store import SqlAuditStore

SCHEMA_VERSION = "1"

_DDL = f"""
CREATE TABLE IF NOT EXISTS audit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO audit_meta (key, value) VALUES ('schema', '{SCHEMA_VERSION}');
CREATE TABLE IF NOT EXISTS audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_seq INTEGER NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT OR IGNORE INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, '{GENESIS_HASH}');
CREATE TABLE IF NOT EXISTS audit_record (
    seq INTEGER PRIMARY KEY,
    record_hash TEXT NOT NULL UNIQUE,
    prev_hash TEXT NOT NULL,
    kind TEXT NOT NULL,
    comment_id TEXT,
    platform TEXT,
    refers_to INTEGER REFERENCES audit_record (seq),
    action TEXT,
    decided_at TEXT NOT NULL,
    idem_key TEXT UNIQUE,
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_record_comment ON audit_record (comment_id);
CREATE INDEX IF NOT EXISTS audit_record_refers ON audit_record (refers_to);
CREATE INDEX IF NOT EXISTS audit_record_kind_time ON audit_record (kind, decided_at);
CREATE TABLE IF NOT EXISTS audit_purge_permit (token INTEGER PRIMARY KEY);
CREATE TRIGGER IF NOT EXISTS audit_record_no_update BEFORE UPDATE ON audit_record
BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_record_no_delete BEFORE DELETE ON audit_record
WHEN NOT EXISTS (SELECT 1 FROM audit_purge_permit)
BEGIN SELECT RAISE(ABORT, 'audit records are deleted only by modkit audit purge'); END;
"""


class SqliteAuditStore(SqlAuditStore):
    """Audit records in a SQLite file."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        super().__init__()
        self.path = Path(path)
        self.url = str(self.path)
        if not create and not self.path.is_file():
            raise AuditError(f"{self.path}: no audit store here")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: no implicit transactions; every write is an explicit BEGIN IMMEDIATE.
            self._conn = sqlite3.connect(self.path, isolation_level=None, timeout=60, check_same_thread=False)
            mode = self._conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise AuditError(f"{self.path}: cannot switch to WAL journal (got {mode})")
            self._conn.execute("PRAGMA synchronous=FULL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._conn.execute("PRAGMA busy_timeout=60000")
            self._conn.execute("BEGIN IMMEDIATE")
            for statement in _statements(_DDL):
                self._conn.execute(statement)
            self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise AuditError(f"{self.path}: cannot open the audit store: {exc}") from exc

    @contextmanager
    def _write_tx(self) -> Iterator[Any]:
        cur = self._conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            yield cur
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        else:
            cur.execute("COMMIT")
        finally:
            cur.close()

    @contextmanager
    def _read_tx(self) -> Iterator[Any]:
        cur = self._conn.cursor()
        cur.execute("BEGIN")  # a WAL read snapshot: appends by others stay out of view until the end
        try:
            yield cur
        finally:
            cur.execute("COMMIT")
            cur.close()

    def _permit_delete(self, cur: Any, on: bool) -> None:
        cur.execute("INSERT INTO audit_purge_permit (token) VALUES (1)" if on else "DELETE FROM audit_purge_permit")

    @staticmethod
    def _decided_at_param(value: datetime) -> Any:
        # Fixed-width UTC text, so that comparing strings compares instants.
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")

    def close(self) -> None:
        self._conn.close()


def _statements(script: str) -> list[str]:
    """Split the DDL into statements (triggers contain ';' inside BEGIN … END)."""
    out, current = [], []
    for line in script.strip().splitlines():
        current.append(line)
        joined = "\n".join(current).strip()
        if joined.endswith(";") and (not joined.upper().startswith("CREATE TRIGGER") or joined.upper().endswith("END;")):
            out.append(joined)
            current = []
    return out
