"""`AuditStore`: the append-only, hash-chained home of audit records.

One interface, two backends that share all their logic here: SQLite (embedded, the
default: a file next to the job) and PostgreSQL (`modkit[postgres]`, for a shared
server). The backends only differ in how they connect, lock and allow a purge.

Guarantees, on both:
  * `write_many` commits a batch in ONE transaction and returns only after the commit,
    so a caller that emits a verdict after `write_many` returned never reports a removal
    that has no durable record;
  * appends are serialised (the head row is locked), so seq numbers have no gaps and
    every record's `prev_hash` is the hash of the record before it;
  * the same verdict record written twice is stored once (idempotency key);
  * records are never updated; they are deleted only by `purge`, which writes a purge
    record listing what it deleted, in the same transaction.
"""

from __future__ import annotations

import json
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import AuditError
from ..policy import Policy
from ..verdict import PolicyInfo
from .canonical import GENESIS_HASH
from .chain import Problem, RawRow, VerifyReport, verify_rows
from .purge import PurgePlan, plan_purge
from .record import SYSTEM, AuditRecord, PurgedEntry, RecordKind

CommitListener = Callable[[list[AuditRecord]], None]
_COLUMNS = "seq, record_hash, prev_hash, kind, comment_id, refers_to, action, decided_at, body"
_CHUNK = 500  # parameters per IN (...) list; well under SQLite's limit


@dataclass(slots=True)
class PurgeResult:
    plan: PurgePlan
    record: AuditRecord | None  # the purge record (None on a dry run or when nothing was purged)
    dry_run: bool


class AuditStore(ABC):
    """Where audit records live. Use as a context manager, or call `close()`."""

    url: str

    def __init__(self) -> None:
        self.listeners: list[CommitListener] = []
        """Called with the newly written records right after each commit (tests, metrics, mirrors)."""

    # -- writing --------------------------------------------------------------------

    def write(self, record: AuditRecord) -> AuditRecord:
        """Append one record and commit; returns it as stored (seq and hashes set)."""
        return self.write_many([record])[0]

    @abstractmethod
    def write_many(self, records: Sequence[AuditRecord]) -> list[AuditRecord]:
        """Append a batch in one transaction; returns each record as stored, in order.

        A record whose idempotency key is already stored is not written again: the
        stored one is returned in its place.
        """

    @abstractmethod
    def purge(
        self, policy: Policy, *, older_than: timedelta = timedelta(0), now: datetime | None = None,
        dry_run: bool = False, decided_by: str = SYSTEM, policy_info: PolicyInfo | None = None,
    ) -> PurgeResult:
        """Gallring: delete the cases past their retention (see `modkit.audit.purge`)."""

    # -- reading --------------------------------------------------------------------

    @abstractmethod
    def get(self, seq: int) -> AuditRecord | None: ...

    @abstractmethod
    def find(
        self, *, comment_id: str | None = None, refers_to: int | None = None, kind: RecordKind | None = None,
        limit: int | None = None,
    ) -> list[AuditRecord]:
        """Records matching all given filters, in chain order."""

    @abstractmethod
    def head(self) -> tuple[int, str]:
        """(seq, hash) of the newest record; (0, genesis) for an empty chain."""

    @abstractmethod
    def verify(self, anchors: Sequence[str] = ()) -> VerifyReport:
        """Check the whole chain; see `modkit.audit.chain`."""

    def related(self, seq: int) -> list[AuditRecord]:
        """Every later record about record `seq` (reviews, holds, …), transitively, in order."""
        out: list[AuditRecord] = []
        todo = [seq]
        while todo:
            children = self.find(refers_to=todo.pop())
            out += children
            todo += [c.seq for c in children if c.seq is not None]
        return sorted(out, key=lambda r: r.seq or 0)

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> AuditStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _notify(self, records: list[AuditRecord]) -> None:
        if records:
            for listener in list(self.listeners):
                listener(records)


class SqlAuditStore(AuditStore):
    """The shared SQL implementation; subclasses supply connection, locking and dialect."""

    placeholder = "?"

    def __init__(self) -> None:
        super().__init__()
        # One connection per store: transactions from several threads must take turns on it.
        self._lock = threading.RLock()

    @contextmanager
    def _write(self) -> Iterator[Any]:
        with self._lock, self._write_tx() as cur:
            yield cur

    @contextmanager
    def _read(self) -> Iterator[Any]:
        with self._lock, self._read_tx() as cur:
            yield cur

    def _stream(self, cur: Any, sql: str) -> Iterator[tuple[Any, ...]]:
        """Rows of `sql` without holding them all in memory (verification reads the whole chain)."""
        cur.execute(sql)
        while batch := cur.fetchmany(1000):
            yield from batch

    # -- dialect hooks ----------------------------------------------------------------

    @abstractmethod
    def _write_tx(self) -> AbstractContextManager[Any]:
        """A write transaction that holds the append lock; yields a cursor."""

    @abstractmethod
    def _read_tx(self) -> AbstractContextManager[Any]:
        """A consistent read snapshot; yields a cursor."""

    @abstractmethod
    def _permit_delete(self, cur: Any, on: bool) -> None:
        """Let the delete guard through for this transaction only (purge)."""

    _HEAD_LOCK = ""  # PostgreSQL locks the head row (" FOR UPDATE"); SQLite's write transaction already does

    def _lock_head(self, cur: Any) -> tuple[int, str]:
        cur.execute("SELECT last_seq, last_hash FROM audit_head WHERE id = 1" + self._HEAD_LOCK)
        row = cur.fetchone()
        if row is None:
            raise AuditError(f"{self.url}: the audit head row is missing: the store was tampered with")
        return int(row[0]), str(row[1])

    @staticmethod
    def _decided_at_param(value: datetime) -> Any:
        return value

    def _sql(self, text: str) -> str:
        return text if self.placeholder == "?" else text.replace("?", self.placeholder)

    # -- writing ----------------------------------------------------------------------

    def write_many(self, records: Sequence[AuditRecord]) -> list[AuditRecord]:
        if not records:
            return []
        keys = [r.idempotency_key() for r in records]
        out: list[AuditRecord] = []
        new: list[AuditRecord] = []
        try:
            with self._write() as cur:
                last_seq, last_hash = self._lock_head(cur)
                known = self._existing(cur, [k for k in keys if k is not None])
                rows = []
                for record, key in zip(records, keys, strict=True):
                    if key is not None and key in known:
                        out.append(known[key])
                        continue
                    sealed = record.sealed(last_seq + 1, last_hash)
                    rows.append(self._row(sealed, key))
                    last_seq, last_hash = sealed.seq or 0, sealed.record_hash or ""
                    if key is not None:
                        known[key] = sealed
                    out.append(sealed)
                    new.append(sealed)
                if rows:
                    cur.executemany(self._sql(
                        "INSERT INTO audit_record (seq, record_hash, prev_hash, kind, comment_id, platform, refers_to,"
                        " action, decided_at, idem_key, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    ), rows)
                    cur.execute(self._sql("UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1"),
                                (last_seq, last_hash))
        except AuditError:
            raise
        except Exception as exc:  # driver errors differ per backend; callers need one type
            raise AuditError(f"{self.url}: could not write audit records: {exc}") from exc
        self._notify(new)
        return out

    def _row(self, record: AuditRecord, key: str | None) -> tuple[Any, ...]:
        comment = record.comment
        return (
            record.seq, record.record_hash, record.prev_hash, record.kind.value,
            comment.id if comment else None, comment.platform.value if comment else None, record.refers_to,
            record.action.value if record.action else None, self._decided_at_param(record.decided_at), key,
            record.body(),
        )

    def _existing(self, cur: Any, keys: list[str]) -> dict[str, AuditRecord]:
        found: dict[str, AuditRecord] = {}
        unique = list(dict.fromkeys(keys))
        for i in range(0, len(unique), _CHUNK):
            chunk = unique[i:i + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            cur.execute(self._sql(f"SELECT idem_key, record_hash, body FROM audit_record WHERE idem_key IN ({marks})"), chunk)
            for key, record_hash, body in cur.fetchall():
                found[key] = _parse(body, record_hash)
        return found

    # -- purge ------------------------------------------------------------------------

    def purge(
        self, policy: Policy, *, older_than: timedelta = timedelta(0), now: datetime | None = None,
        dry_run: bool = False, decided_by: str = SYSTEM, policy_info: PolicyInfo | None = None,
    ) -> PurgeResult:
        now = now or datetime.now(UTC)
        record: AuditRecord | None = None
        try:
            with self._write() as cur:
                last_seq, last_hash = self._lock_head(cur)
                cutoff = now - older_than
                cur.execute(self._sql(
                    f"SELECT {_COLUMNS} FROM audit_record WHERE (kind = ? AND decided_at <= ?) OR refers_to IS NOT NULL"
                    " ORDER BY seq"
                ), (RecordKind.VERDICT.value, self._decided_at_param(cutoff)))
                loaded = [_parse(r[8], r[1]) for r in cur.fetchall()]
                plan = plan_purge(loaded, policy, now, older_than)
                seqs = plan.seqs
                if dry_run or not seqs:
                    return PurgeResult(plan, None, dry_run)
                entries = self._entries(cur, seqs)
                self._permit_delete(cur, True)
                for i in range(len(seqs), 0, -_CHUNK):  # newest first: reviews before what they refer to
                    chunk = seqs[max(0, i - _CHUNK):i]
                    cur.execute(self._sql(f"DELETE FROM audit_record WHERE seq IN ({', '.join('?' * len(chunk))})"), chunk)
                self._permit_delete(cur, False)
                record = AuditRecord(
                    kind=RecordKind.PURGE, decided_by=decided_by, decided_at=now, policy=policy_info,
                    purged=entries,
                    note=(f"Gallring: {len(plan.purge)} ärenden ({len(seqs)} poster) vars bevarandetid har löpt ut"
                          f" enligt policyn \"{policy.name}\"; äldre än {older_than.days} dagar."
                          f" Behållna: {len(plan.kept_registered)} diarieförda, {len(plan.kept_on_hold)} med bevarandebeslut"
                          " (legal hold)."),
                ).sealed(last_seq + 1, last_hash)
                cur.execute(self._sql(
                    "INSERT INTO audit_record (seq, record_hash, prev_hash, kind, comment_id, platform, refers_to,"
                    " action, decided_at, idem_key, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                ), self._row(record, None))
                cur.execute(self._sql("UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1"),
                            (record.seq, record.record_hash))
        except AuditError:
            raise
        except Exception as exc:
            raise AuditError(f"{self.url}: purge failed, nothing was deleted: {exc}") from exc
        self._notify([record])
        return PurgeResult(plan, record, False)

    def _entries(self, cur: Any, seqs: list[int]) -> list[PurgedEntry]:
        out: list[PurgedEntry] = []
        for i in range(0, len(seqs), _CHUNK):
            chunk = seqs[i:i + _CHUNK]
            cur.execute(self._sql(
                f"SELECT seq, record_hash, prev_hash, kind FROM audit_record WHERE seq IN ({', '.join('?' * len(chunk))})"
                " ORDER BY seq"
            ), chunk)
            out += [PurgedEntry(seq=int(s), record_hash=h, prev_hash=p, kind=k) for s, h, p, k in cur.fetchall()]
        return out

    # -- reading ----------------------------------------------------------------------

    def get(self, seq: int) -> AuditRecord | None:
        with self._read() as cur:
            cur.execute(self._sql("SELECT record_hash, body FROM audit_record WHERE seq = ?"), (seq,))
            row = cur.fetchone()
        return _parse(row[1], row[0]) if row else None

    def find(
        self, *, comment_id: str | None = None, refers_to: int | None = None, kind: RecordKind | None = None,
        limit: int | None = None,
    ) -> list[AuditRecord]:
        where, params = [], []
        for column, value in (("comment_id", comment_id), ("refers_to", refers_to), ("kind", kind)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value.value if isinstance(value, RecordKind) else value)
        sql = "SELECT record_hash, body FROM audit_record"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY seq"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        with self._read() as cur:
            cur.execute(self._sql(sql), params)
            return [_parse(body, h) for h, body in cur.fetchall()]

    def head(self) -> tuple[int, str]:
        with self._read() as cur:
            cur.execute("SELECT last_seq, last_hash FROM audit_head WHERE id = 1")
            row = cur.fetchone()
        return (int(row[0]), str(row[1])) if row else (0, GENESIS_HASH)

    def verify(self, anchors: Sequence[str] = ()) -> VerifyReport:
        with self._read() as cur:
            cur.execute("SELECT last_seq, last_hash FROM audit_head WHERE id = 1")
            row = cur.fetchone()
            head = (int(row[0]), str(row[1])) if row else None
            cur.execute(self._sql("SELECT body FROM audit_record WHERE kind = ?"), (RecordKind.PURGE.value,))
            purges = [b for (b,) in cur.fetchall()]
            rows = self._stream(cur, f"SELECT {_COLUMNS} FROM audit_record ORDER BY seq")
            report = verify_rows(_raw_rows(rows), purges, head, anchors)
        if head is None:
            report.problems.insert(0, Problem(0, "the chain head row is missing"))
        return report



def _raw_rows(rows: Iterable[tuple[Any, ...]]) -> Iterator[RawRow]:
    for r in rows:
        yield RawRow(int(r[0]), r[1], r[2], r[3], r[4], None if r[5] is None else int(r[5]), r[6], r[7], r[8])


def _parse(body: str, record_hash: str) -> AuditRecord:
    """A stored body back into a record. Fails loudly: a body that does not parse was damaged."""
    try:
        record = AuditRecord.model_validate_json(body).model_copy(update={"record_hash": record_hash})
        record._stored_body = body
        return record
    except ValidationError as exc:
        seq = _peek_seq(body)
        raise AuditError(f"record {seq}: stored content does not parse as an audit record: {exc.errors()[0]['msg']}") from exc


def _peek_seq(body: str) -> str:
    try:
        return str(json.loads(body).get("seq", "?"))
    except (ValueError, AttributeError):
        return "?"


def open_store(target: str | Path, *, create: bool = True) -> AuditStore:
    """An `AuditStore` for a SQLite path (or `sqlite:///path`) or a `postgresql://` URL.

    With `create=False` a SQLite file that does not exist is an error rather than a new,
    empty store, so `modkit audit verify typo.db` cannot "verify" nothing.
    """
    text = str(target)
    if text.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresAuditStore

        return PostgresAuditStore(text)
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///"):]
    from .sqlite import SqliteAuditStore

    return SqliteAuditStore(text, create=create)


__all__ = ["AuditStore", "CommitListener", "PurgeResult", "SqlAuditStore", "open_store"]
