"""Comment exports in, `Comment | BadRow` out: one reader per platform and a detector.

    source = open_comments("tweets.js")            # format sniffed from the content
    source.format                                   # 'x-archive'
    for item in source:                             # Comment or BadRow, in file order
        ...

Formats: `facebook` (Graph API comments), `x-archive` (`tweets.js`),
`x-api-v2`, `youtube` (commentThreads), `instagram` (Graph API or account
export), and rows from other tools: `jsonl`, `csv` (`,` `;` or tab, UTF-8
with or without BOM) and `json` (an array of row objects), mapped with
`text_field`/`id_field`. Platform files are streamed record by record.
A file that cannot be parsed raises `InputError` naming the file, line and
column; a record that cannot be used becomes a `BadRow` and reading goes on.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from typing import IO, Any

from ...comment import Comment
from ...errors import InputError
from ..readers import BadRow, open_input
from . import facebook, generic, instagram, twitter, youtube
from ._jsonstream import JsonStream

HEAD_CHARS = 256 * 1024
PLATFORM_FORMATS = ("facebook", "x-archive", "x-api-v2", "youtube", "instagram")
ROW_FORMATS = ("jsonl", "csv", "json")
FORMATS = ("auto", *PLATFORM_FORMATS, *ROW_FORMATS)

_READERS: dict[str, Callable[[IO[str], str], Iterator[Comment | BadRow]]] = {
    "facebook": facebook.read,
    "x-archive": twitter.read_archive,
    "x-api-v2": twitter.read_v2,
    "youtube": youtube.read,
    "instagram": instagram.read,
}


def detect_format(head: str, path: str = "") -> str:
    """Tell the format from the first part of a file (and, for plain text, its name)."""
    text = head.lstrip("\ufeff \t\r\n")
    if text.startswith("window.YTD."):
        return "x-archive"
    if not text.startswith(("{", "[")):
        first = text.split("\n", 1)[0]
        if path.lower().endswith((".csv", ".tsv", ".txt")) or any(sep in first for sep in ",;\t") or first.lower().startswith("sep="):
            return "csv"
        return "jsonl"
    records, top, documents = _sample(text)
    kind = top.get("kind")
    if isinstance(kind, str) and kind.startswith("youtube#") or any(youtube.looks_like(r) for r in records):
        return "youtube"
    if any(twitter.looks_like_archive(r) for r in records):
        return "x-archive"
    if instagram.EXPORT_KEYS & set(top) or any(isinstance(r.get("string_map_data"), dict) for r in records):
        return "instagram"
    meta = top.get("meta")
    if "includes" in top or (isinstance(meta, dict) and ("result_count" in meta or "newest_id" in meta)) or any(twitter.looks_like_v2(r) for r in records):
        return "x-api-v2"
    if any(facebook.looks_like(r) for r in records):
        return "facebook"
    if any(instagram.looks_like(r) for r in records):
        return "instagram"
    if text.startswith("[") or (documents == 1 and records and not _single_line(text)):
        return "json"
    return "jsonl"


def _single_line(text: str) -> bool:
    first, _, rest = text.partition("\n")
    return bool(first.strip()) and (not rest.strip() or rest.lstrip().startswith("{"))


def _sample(text: str) -> tuple[list[dict[str, Any]], dict[str, Any], int]:
    """Up to a few candidate comment records, the first document's top-level keys, documents seen."""
    records: list[dict[str, Any]] = []
    top: dict[str, Any] = {}
    documents = 0
    keys = frozenset({"data", "items"}) | instagram.EXPORT_KEYS
    try:
        for event in JsonStream(io.StringIO(text), "<head>").events(keys):
            documents = event.document + 1
            if event.document > 0 and (records or top):
                break
            value = event.value
            if event.key is not None and event.key not in keys:
                top[event.key] = value
                if event.key == "comments" and isinstance(value, dict) and isinstance(value.get("data"), list):
                    records += [r for r in value["data"][:3] if isinstance(r, dict)]
                continue
            if isinstance(value, dict):
                inner = value.get("data", value.get("items"))
                if isinstance(inner, list) and "text" not in value and "message" not in value:
                    records += [r for r in inner[:3] if isinstance(r, dict)]
                    top.update({k: v for k, v in value.items() if k not in ("data", "items")})
                else:
                    records.append(value)
            if len(records) >= 3:
                break
    except InputError:
        pass  # the head ends inside a record, or the file is broken: judge on what was read
    return records, top, documents


class CommentSource:
    """An opened input: iterate it for `Comment | BadRow` items; `format` tells what was read."""

    def __init__(self, path: str, fmt: str | None = None, *, text_field: str = "text", id_field: str = "id") -> None:
        self.path = path
        self.name = "<stdin>" if path == "-" else path
        self.text_field = text_field
        self.id_field = id_field
        self.stream: IO[str] = open_input(path)
        try:
            if fmt in (None, "auto"):
                head = self.stream.read(HEAD_CHARS)
                self._rewind(head)
                fmt = detect_format(head, path)
        except UnicodeDecodeError as exc:
            self.stream.close()
            raise InputError(f"{self.name}: not valid UTF-8 (byte {exc.start}); save the file as UTF-8") from exc
        if fmt not in FORMATS:
            self.stream.close()
            raise InputError(f"unknown input format {fmt!r} (one of {', '.join(FORMATS)})")
        self.format: str = fmt

    def _rewind(self, head: str) -> None:
        if self.stream.seekable():
            self.stream.seek(0)
        else:
            self.stream = _Prefixed(head, self.stream)

    def position(self) -> int | None:
        """Bytes read so far (for a progress line), when the input is a file."""
        buffer = getattr(self.stream, "buffer", None)
        try:
            return buffer.tell() if buffer is not None and buffer.seekable() else None
        except (OSError, ValueError):
            return None

    def __iter__(self) -> Iterator[Comment | BadRow]:
        reader = _READERS.get(self.format)
        try:
            if reader is not None:
                yield from reader(self.stream, self.name)
            else:
                yield from generic.read_rows(self.stream, self.format, self.name, self.text_field, self.id_field)
        except UnicodeDecodeError as exc:
            raise InputError(f"{self.name}: not valid UTF-8 (byte {exc.start}); save the file as UTF-8") from exc
        except InputError as exc:
            message = str(exc)
            if message.startswith(self.name + ":"):
                raise
            raise InputError(f"{self.name}: {message}") from exc

    def close(self) -> None:
        if self.stream is not sys.stdin:
            self.stream.close()

    def __enter__(self) -> CommentSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_comments(path: str, fmt: str | None = None, *, text_field: str = "text", id_field: str = "id") -> CommentSource:
    """Open `path` (`-` = stdin) and sniff its format unless `fmt` is given."""
    return CommentSource(path, fmt, text_field=text_field, id_field=id_field)


class _Prefixed(io.TextIOBase):
    """A non-seekable stream with its already-read head put back in front."""

    def __init__(self, head: str, rest: IO[str]) -> None:
        self._head = io.StringIO(head)
        self._rest = rest
        self._in_head = True

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> str:
        if size is None or size < 0:
            return self._head.read() + self._rest.read()
        out = self._head.read(size) if self._in_head else ""
        if len(out) < size:
            self._in_head = False
            out += self._rest.read(size - len(out))
        return out

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        if self._in_head:
            line = self._head.readline()
            if line.endswith("\n"):
                return line
            self._in_head = False
            return line + self._rest.readline()
        return self._rest.readline()

    def __iter__(self) -> Iterator[str]:  # type: ignore[override]
        while line := self.readline():
            yield line

    def __next__(self) -> str:
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def close(self) -> None:
        self._rest.close()
        super().close()


__all__ = ["FORMATS", "CommentSource", "detect_format", "open_comments"]
