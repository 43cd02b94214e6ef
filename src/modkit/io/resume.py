"""`modkit score --resume`: continue an interrupted run from its own output.

The output file is the checkpoint. Every complete record in it (a JSONL line
ending in a newline, or a complete CSV record) is a comment already scored;
a partial last record (the run was killed mid-write) is cut off. The resumed
run reads the input from the start, takes the verdicts of the first N
comments back from the output (checking that the ids match, so a different
input is caught), and scores only the comments after them. Bad input rows
produce no output and are skipped again. The result is byte for byte the
output of an uninterrupted run.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import InputError
from ..verdict import Verdict
from .writers import CSV_COLUMNS, OutputFormat

_VERDICT_FIELDS = set(Verdict.model_fields)


@dataclass(frozen=True, slots=True)
class ResumePoint:
    done: int  # complete records in the output
    keep_bytes: int  # size of the output up to the end of the last complete record
    cut_bytes: int  # bytes of a partial last record that were removed


def _records(path: Path, fmt: OutputFormat) -> Iterator[tuple[bytes, int]]:
    """(raw record, offset just after it) for every complete record; CSV header excluded."""
    with path.open("rb") as handle:
        offset = 0
        if fmt == "csv":
            header = handle.readline()
            if not header.endswith(b"\n"):
                return
            offset = len(header)
        pending = b""
        for line in handle:
            pending += line
            if not line.endswith(b"\n"):
                return  # a partial last record
            if fmt == "csv" and pending.count(b'"') % 2:
                continue  # a newline inside a quoted field: the record goes on
            offset += len(pending)
            yield pending, offset
            pending = b""


def find_resume_point(path: str | os.PathLike[str], fmt: OutputFormat) -> ResumePoint:
    target = Path(path)
    if not target.exists():
        return ResumePoint(0, 0, 0)
    size = target.stat().st_size
    done = keep = 0
    for number, (raw, end) in enumerate(_records(target, fmt), 1):
        if fmt == "jsonl":
            try:
                json.loads(raw)
            except ValueError as exc:
                raise InputError(f"{target}: record {number} is not a verdict ({exc}); cannot resume from this file") from exc
        done, keep = number, end
    if fmt == "csv" and keep == 0 and size:
        with target.open("rb") as handle:
            header = handle.readline()
        keep = len(header) if header.endswith(b"\n") else 0
    return ResumePoint(done, keep, size - keep)


def truncate_to(path: str | os.PathLike[str], point: ResumePoint) -> None:
    if point.cut_bytes:
        with Path(path).open("r+b") as handle:
            handle.truncate(point.keep_bytes)


@dataclass(frozen=True, slots=True)
class Previous:
    """A complete record of the output being resumed: its comment id, and its verdict on demand."""

    comment_id: str
    number: int
    _row: Any
    _fmt: OutputFormat
    _path: str

    def verdict(self) -> Verdict:
        try:
            return _from_json_row(self._row) if self._fmt == "jsonl" else _from_csv_row(self._row)
        except (ValidationError, ValueError) as exc:
            raise InputError(f"{self._path}: record {self.number} is not a modkit verdict ({exc.__class__.__name__}); cannot resume from this file") from exc


def read_previous(path: str | os.PathLike[str], fmt: OutputFormat) -> Iterator[Previous]:
    """The complete records of an output file, in order."""
    for number, (raw, _) in enumerate(_records(Path(path), fmt), 1):
        text = raw.decode("utf-8")
        if fmt == "jsonl":
            row: Any = json.loads(text)
            ident = row.get("id") if isinstance(row, dict) else None
        else:
            row = next(csv.reader(io.StringIO(text)))
            ident = row[0] if row else None
        yield Previous(str(ident), number, row, fmt, os.fspath(path))


def read_verdicts(path: str | os.PathLike[str], fmt: OutputFormat) -> Iterator[Verdict]:
    """The verdicts of the complete records of an output file, in order."""
    for previous in read_previous(path, fmt):
        yield previous.verdict()


def _from_json_row(row: dict[str, Any]) -> Verdict:
    data = {k: v for k, v in row.items() if k in _VERDICT_FIELDS}
    data["comment_id"] = str(row.get("id"))
    return Verdict.model_validate(data)


def _from_csv_row(values: list[str]) -> Verdict:
    row = dict(zip(CSV_COLUMNS, values, strict=False))
    return Verdict.model_validate({
        "comment_id": row.get("id", ""),
        "action": row.get("action") or "publish",
        "needs_review": row.get("needs_review") == "ja",
        "categories": [c for c in (row.get("categories") or "").split(";") if c],
        "reasons": [r for r in (row.get("reasons") or "").split(" | ") if r],
        "language": row.get("language") or "und",
        "findings": json.loads(row.get("findings") or "[]"),
        "suppressed": json.loads(row.get("suppressed") or "[]"),
        "reply_text": row.get("reply_text") or None,
        "ruleset": {"name": "", "version": row.get("ruleset_version", ""), "content_hash": ""},
        "engine_version": "",
    })
