"""Shared by the audit tests: one fixture that gives a fresh store URL on every backend.

SQLite always runs. PostgreSQL runs when MODKIT_TEST_POSTGRES_URL points at a real
server (`. .ci/postgres.sh` starts a throwaway one); each test gets its own schema,
passed in the URL as `options=-csearch_path=…`, so tests never see each other's chains.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import pytest

from modkit import Comment, Engine
from modkit.audit import AuditRecord

PG_URL = os.environ.get("MODKIT_TEST_POSTGRES_URL")

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.skipif(
        not PG_URL, reason="MODKIT_TEST_POSTGRES_URL is not set (start a server with: . .ci/postgres.sh)")),
]


def with_search_path(url: str, schema: str) -> str:
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture(params=BACKENDS)
def audit_url(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[str]:
    """A URL (or path) of an empty audit store, on each backend in turn."""
    if request.param == "sqlite":
        yield str(tmp_path / "audit.db")
        return
    psycopg = pytest.importorskip("psycopg")
    assert PG_URL is not None
    schema = f"modkit_t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield with_search_path(PG_URL, schema)
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def is_postgres(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def tamper(url: str, sql: str, params: tuple[Any, ...] = ()) -> None:
    """Run `sql` (with ? placeholders) as an attacker with write access would: guards off first."""
    if is_postgres(url):
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("ALTER TABLE audit_record DISABLE TRIGGER audit_record_guard")
            conn.execute(sql.replace("?", "%s"), params)  # type: ignore[arg-type]
        return
    conn = sqlite3.connect(url, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("DROP TRIGGER IF EXISTS audit_record_no_update")
        conn.execute("DROP TRIGGER IF EXISTS audit_record_no_delete")
        conn.execute(sql, params)
    finally:
        conn.close()


def query(url: str, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Read rows straight from the database (bypassing modkit)."""
    if is_postgres(url):
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            return list(conn.execute(sql.replace("?", "%s"), params).fetchall())  # type: ignore[arg-type]
    conn = sqlite3.connect(url)
    try:
        return list(conn.execute(sql, params).fetchall())
    finally:
        conn.close()


TEXTS = {
    "insult": "Din jävla idiot",  # insult + profanity: remove, kept 1y
    "ad": "Köp billiga klockor på www.x.se",  # advertising: remove, kept 90d
    "phone": "Ring Kalle Svensson på 070-123 45 67",  # personal data: remove_and_register
    "swear": "Fan vad trött jag är på allt",  # profanity: remove, kept 90d
    "fine": "Hej kommunen, när töms soporna?",  # publish
}


def make_record(engine: Engine, key: str, cid: str | None = None, *, when: datetime | None = None,
                text: str | None = None) -> AuditRecord:
    comment = Comment(id=cid or key, text=text or TEXTS[key], author="Test Testsson", platform="facebook",
                      created_at=datetime(2026, 11, 3, 9, 14, tzinfo=UTC), url=f"https://example.org/c/{cid or key}",
                      metadata={"likes": 3})
    return AuditRecord.from_verdict(comment, engine.moderate(comment), engine, decided_at=when)
