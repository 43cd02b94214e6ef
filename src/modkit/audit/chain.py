"""Verifying the hash chain: any edit, insertion or deletion is found and the record named.

Works on the raw stored rows (the hashed body text plus the columns kept for queries),
never on re-serialised models, so records written by an older modkit still verify after
the models have grown new fields.

What is checked, in `seq` order:
  * every `seq` from 1 to the head is present, or listed in a purge record (gallring);
  * the body hashes to `record_hash` (an edit of the content shows here);
  * the query columns say what the hashed body says (an edit of a column shows here);
  * `prev_hash` is the hash of the record before (an edit that also recomputed the
    hash, or a record slipped in, shows here);
  * the head row (last seq and hash, updated in the same transaction as every append)
    matches the last record, so deleting the newest records shows too.

What a chain alone cannot show: someone with write access who rewrites *every* hash
after their edit, head included. Note the head hash that `modkit audit verify` prints
somewhere else (the diarium, an e-mail) and pass it back with `--anchor` to close that gap.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .canonical import GENESIS_HASH, sha256_hex


@dataclass(frozen=True, slots=True)
class RawRow:
    """One stored record as the database holds it."""

    seq: int
    record_hash: str
    prev_hash: str
    kind: str
    comment_id: str | None
    refers_to: int | None
    action: str | None
    decided_at: datetime | str
    body: str


@dataclass(frozen=True, slots=True)
class Problem:
    seq: int
    message: str

    def __str__(self) -> str:
        return f"record {self.seq}: {self.message}"


@dataclass(slots=True)
class VerifyReport:
    """The outcome of a verification; `problems` are sorted by seq, the first one is the first break."""

    records: int = 0
    purged: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS_HASH
    problems: list[Problem] = field(default_factory=list)
    anchors_missing: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.anchors_missing

    @property
    def first(self) -> Problem | None:
        return self.problems[0] if self.problems else None


@dataclass(frozen=True, slots=True)
class _Entry:
    record_hash: str
    prev_hash: str


def purge_manifest(bodies: Iterable[str]) -> dict[int, _Entry]:
    """seq -> (hash, prev) of every record that a purge record says it deleted."""
    out: dict[int, _Entry] = {}
    for body in bodies:
        try:
            data = json.loads(body)
            for item in data.get("purged") or []:
                out[int(item["seq"])] = _Entry(str(item["record_hash"]), str(item["prev_hash"]))
        except (ValueError, TypeError, KeyError, AttributeError):
            continue  # a damaged purge record is reported by the row checks
    return out


def verify_rows(
    rows: Iterable[RawRow],
    purge_bodies: Iterable[str],
    head: tuple[int, str] | None,
    anchors: Iterable[str] = (),
    max_problems: int = 50,
) -> VerifyReport:
    """Check the chain in `rows` (ascending seq). `head` is the stored (last_seq, last_hash)."""
    manifest = purge_manifest(purge_bodies)
    report = VerifyReport()
    problems: list[Problem] = []
    seen: dict[str, int] = {e.record_hash: s for s, e in manifest.items()}  # hash -> seq, for blame and anchors
    prev_seq, prev_hash = 0, GENESIS_HASH
    prev_row_ok = False  # was the previous position a present row whose own hash verified?
    prev_hash_known = True

    def gap(upto: int) -> None:
        nonlocal prev_seq, prev_hash, prev_row_ok, prev_hash_known
        for s in range(prev_seq + 1, upto):
            entry = manifest.get(s)
            if entry is None:
                problems.append(Problem(s, "is missing: deleted without a purge record"))
                prev_hash_known = False
            else:
                if prev_hash_known and entry.prev_hash != prev_hash:
                    problems.append(Problem(s, "purged record does not chain to the record before it"))
                prev_hash, prev_hash_known = entry.record_hash, True
                report.purged += 1
            prev_seq, prev_row_ok = s, False

    for row in rows:
        if len(problems) >= max_problems:
            break
        gap(row.seq)
        report.records += 1
        if row.seq in manifest:
            problems.append(Problem(row.seq, "is listed as purged but is still present"))
        content_ok = sha256_hex(row.body) == row.record_hash
        if not content_ok:
            problems.append(Problem(row.seq, "content was changed after it was written (hash mismatch)"))
        else:
            problems.extend(Problem(row.seq, m) for m in _column_mismatches(row))
        if prev_hash_known and row.prev_hash != prev_hash:
            earlier = seen.get(row.prev_hash)
            if earlier is not None:  # it names another, earlier record as its predecessor
                problems.append(Problem(row.seq, f"chains to record {earlier}, not to record {row.seq - 1}: inserted or moved"))
            elif content_ok and prev_row_ok:  # it still points at the old hash of an edited predecessor
                problems.append(Problem(
                    prev_seq,
                    f"was changed after it was written: record {row.seq} chains to a different hash",
                ))
            else:
                problems.append(Problem(row.seq, f"does not chain to record {row.seq - 1}"))
        prev_seq, prev_hash, prev_hash_known = row.seq, row.record_hash, True
        prev_row_ok = content_ok
        seen.setdefault(row.record_hash, row.seq)

    head_seq, head_hash = head if head is not None else (prev_seq, prev_hash)
    if len(problems) < max_problems:
        if head_seq > prev_seq:
            last_present = prev_seq
            gap(head_seq + 1)
            if prev_seq == head_seq and not any(p.seq > last_present for p in problems) and prev_hash != head_hash:
                problems.append(Problem(head_seq, "differs from the chain head"))
        elif head_seq < prev_seq:
            problems.append(Problem(head_seq + 1, "was added outside modkit: it is past the chain head"))
        elif prev_hash != head_hash:
            problems.append(Problem(head_seq, "was changed after it was written: it differs from the chain head"))
    report.head_seq, report.head_hash = head_seq, head_hash
    report.problems = sorted(problems, key=lambda p: p.seq)
    report.anchors_missing = [a for a in anchors if a.lower() not in seen]
    return report


def _column_mismatches(row: RawRow) -> list[str]:
    """The query columns must say what the hashed body says (purge and lookups read them)."""
    try:
        data: dict[str, Any] = json.loads(row.body)
    except ValueError:
        return ["body is not JSON"]
    comment = data.get("comment") or {}
    expected: dict[str, Any] = {
        "seq": (row.seq, data.get("seq")),
        "prev_hash": (row.prev_hash, data.get("prev_hash")),
        "kind": (row.kind, data.get("kind")),
        "comment_id": (row.comment_id, comment.get("id") if isinstance(comment, dict) else None),
        "refers_to": (row.refers_to, data.get("refers_to")),
        "action": (row.action, data.get("action")),
        "decided_at": (_instant(row.decided_at), _instant(data.get("decided_at"))),
    }
    return [f"column {name} differs from the hashed content" for name, (col, body) in expected.items() if col != body]


def _instant(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return None
    return None
