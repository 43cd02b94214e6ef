"""JSONL and CSV readers that yield comments or bad rows, never raising mid-batch.

A bad row (invalid JSON, missing text, wrong type) becomes a `BadRow` with its
line number, so the caller can report it, count it and go on.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from pydantic import ValidationError

from ..comment import Comment
from ..errors import InputError

InputFormat = Literal["jsonl", "csv"]
_COMMENT_FIELDS = set(Comment.model_fields)
csv.field_size_limit(sys.maxsize // 2)


@dataclass(frozen=True, slots=True)
class BadRow:
    line: int
    message: str


def infer_format(path: str) -> InputFormat:
    return "csv" if path.lower().endswith((".csv", ".tsv")) else "jsonl"


def open_input(path: str) -> IO[str]:
    """A text stream for `path` (`-` is stdin); UTF-8 with or without BOM."""
    if path == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", errors="strict")
    try:
        return Path(path).open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(f"cannot open {path}: {exc.strerror or exc}") from exc


def _to_comment(record: dict[str, Any], line: int, text_field: str, id_field: str) -> Comment | BadRow:
    if text_field not in record:
        return BadRow(line, f"field '{text_field}' is missing")
    text = record[text_field]
    if not isinstance(text, str):
        return BadRow(line, f"field '{text_field}' must be a string, not {type(text).__name__}")
    raw_id = record.get(id_field)
    fields: dict[str, Any] = {k: v for k, v in record.items() if k in _COMMENT_FIELDS and k not in {"id", "text"} and v not in (None, "")}
    extra = {k: v for k, v in record.items() if k not in _COMMENT_FIELDS and k not in {text_field, id_field}}
    if extra:
        fields["metadata"] = {**fields.get("metadata", {}), **extra}
    try:
        return Comment(id=str(raw_id) if raw_id not in (None, "") else str(line), text=text, **fields)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"])
        return BadRow(line, f"field '{loc}': {err['msg']}")


def _read_jsonl(stream: IO[str], text_field: str, id_field: str) -> Iterator[Comment | BadRow]:
    for line_no, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield BadRow(line_no, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield BadRow(line_no, f"expected a JSON object, got {type(record).__name__}")
            continue
        yield _to_comment(record, line_no, text_field, id_field)


def _read_csv(stream: IO[str], text_field: str, id_field: str) -> Iterator[Comment | BadRow]:
    head = stream.readline()
    offset = 0
    if head.lower().startswith("sep=") and len(head.rstrip("\r\n")) == 5:
        # Excel's 'sep=;' hint line names the separator; the header follows it
        delimiter, head, offset = head[4], stream.readline(), 1
    else:
        delimiter = ";" if head.count(";") > head.count(",") else ","
        if "\t" in head and head.count("\t") > max(head.count(";"), head.count(",")):
            delimiter = "\t"
    reader = csv.DictReader(_chain(head, stream), delimiter=delimiter)
    try:
        if reader.fieldnames is None or text_field not in reader.fieldnames:
            raise InputError(f"CSV has no column '{text_field}' (columns: {', '.join(reader.fieldnames or [])}); use --text-field")
        for record in reader:
            line_no = reader.line_num + offset
            if None in record:
                yield BadRow(line_no, "more fields than the header has")
                continue
            yield _to_comment(record, line_no, text_field, id_field)
    except csv.Error as exc:
        raise InputError(f"line {reader.line_num + offset}: malformed CSV: {exc}") from exc


def _chain(first: str, rest: IO[str]) -> Iterator[str]:
    yield first
    yield from rest


def read_comments(
    stream: IO[str], fmt: InputFormat = "jsonl", *, text_field: str = "text", id_field: str = "id"
) -> Iterator[Comment | BadRow]:
    """Yield a `Comment` or a `BadRow` for every input row, in order."""
    try:
        if fmt == "csv":
            yield from _read_csv(stream, text_field, id_field)
        else:
            yield from _read_jsonl(stream, text_field, id_field)
    except UnicodeDecodeError as exc:
        raise InputError(f"input is not valid UTF-8 (byte {exc.start}): save the file as UTF-8") from exc
