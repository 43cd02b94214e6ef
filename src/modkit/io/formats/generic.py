"""Rows from other tools: JSONL, CSV (via `io.readers`) and a JSON array of row objects."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from ...comment import Comment
from ..readers import BadRow, _to_comment, read_comments
from ._jsonstream import JsonStream

JSONL = "jsonl"
CSV = "csv"
JSON_ARRAY = "json"


def read_rows(stream: IO[str], fmt: str, name: str, text_field: str, id_field: str) -> Iterator[Comment | BadRow]:
    if fmt in (JSONL, CSV):
        yield from read_comments(stream, fmt, text_field=text_field, id_field=id_field)  # type: ignore[arg-type]
        return
    for event in JsonStream(stream, name).events(frozenset({"data", "items", "comments", "rows"})):
        if isinstance(event.value, dict):
            yield _to_comment(event.value, event.line, text_field, id_field)
        elif event.key is None or event.key in ("data", "items", "comments", "rows"):
            yield BadRow(event.line, f"expected a JSON object, got {type(event.value).__name__}")
