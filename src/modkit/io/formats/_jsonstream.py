"""Stream the records of a large JSON document without loading it whole.

Platform exports are one JSON document (a page object with a `data`/`items`
array, an array of records or of pages, `tweets.js` after its JavaScript
prefix) or several documents one after another (one API page per line). This
reader walks the top level itself and hands each array element to
`json.JSONDecoder.raw_decode`, so memory holds one record at a time.

Every error names the file and the line and column where parsing failed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from ...errors import InputError

_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
_CHUNK = 1 << 16
MAX_RECORD_CHARS = 256 * 1024 * 1024  # one record larger than this is taken as a broken file


@dataclass(frozen=True, slots=True)
class Event:
    """One streamed value: `key` is None for an element of a top-level array,
    the top-level key for a member of a top-level object (each element of a
    streamed array member is its own event), `line` where the value starts."""

    key: str | None
    value: Any
    line: int
    document: int  # 0 for the first top-level document, 1 for the next …


class JsonStream:
    def __init__(self, stream: IO[str], name: str) -> None:
        self.stream = stream
        self.name = name
        self.buf = ""
        self.pos = 0
        self.eof = False
        self._dropped_lines = 0  # newlines in text dropped from the buffer
        self._dropped_chars = 0
        self._last_nl = -1  # absolute offset of the last dropped newline

    # -- buffer ------------------------------------------------------------
    def _fill(self, at_least: int = _CHUNK) -> bool:
        if self.eof:
            return False
        if self.pos > _CHUNK and self.pos > len(self.buf) // 2:
            dropped = self.buf[: self.pos]
            n = dropped.count("\n")
            if n:
                self._dropped_lines += n
                self._last_nl = self._dropped_chars + dropped.rindex("\n")
            self._dropped_chars += self.pos
            self.buf = self.buf[self.pos :]
            self.pos = 0
        chunk = self.stream.read(max(at_least, _CHUNK))
        if not chunk:
            self.eof = True
            return False
        self.buf += chunk
        return True

    def where(self, pos: int | None = None) -> tuple[int, int]:
        """(line, column), 1-based, of buffer position `pos`."""
        pos = self.pos if pos is None else pos
        n = self.buf.count("\n", 0, pos)
        line = self._dropped_lines + n + 1
        if n:
            col = pos - self.buf.rindex("\n", 0, pos)
        else:
            col = self._dropped_chars + pos - self._last_nl
        return line, col

    def error(self, message: str, pos: int | None = None) -> InputError:
        line, col = self.where(pos)
        return InputError(f"{self.name}: line {line}, column {col}: {message}")

    def skip_ws(self) -> str:
        """Skip whitespace; return the next character ('' at the end)."""
        while True:
            self.pos = _WS.match(self.buf, self.pos).end()
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._fill():
                return ""

    def expect(self, char: str, what: str) -> None:
        found = self.skip_ws()
        if found != char:
            shown = repr(found) if found else "the end of the file"
            raise self.error(f"expected {what}, found {shown}")
        self.pos += 1

    def value(self) -> Any:
        """Decode one JSON value at the current position."""
        self.skip_ws()
        start_len = len(self.buf) - self.pos
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if len(self.buf) - self.pos > MAX_RECORD_CHARS or not self._fill(max(_CHUNK, start_len)):
                    raise self.error(f"invalid JSON: {exc.msg}", exc.pos) from None
                start_len *= 2
                continue
            if end >= len(self.buf) and not self.eof and not isinstance(value, (dict, list, str)):
                # a number or literal at the buffer's edge may go on in the next chunk
                if self._fill():
                    continue
            self.pos = end
            return value

    def skip_prefix(self, pattern: re.Pattern[str]) -> None:
        """Skip a non-JSON prefix such as `window.YTD.tweets.part0 = `."""
        self.skip_ws()
        while len(self.buf) - self.pos < 512 and self._fill():
            pass
        match = pattern.match(self.buf, self.pos)
        if match is None:
            raise self.error("expected the archive prefix 'window.YTD.<name>.part<N> = '")
        self.pos = match.end()

    # -- top level ---------------------------------------------------------
    def events(self, stream_keys: frozenset[str] = frozenset({"data", "items"})) -> Iterator[Event]:
        """Yield the records of every top-level document in the stream."""
        document = 0
        while True:
            first = self.skip_ws()
            if first == "":
                if document == 0:
                    raise self.error("the file is empty")
                return
            if first == "[":
                yield from self._array(None, document)
            elif first == "{":
                yield from self._object(stream_keys, document)
            elif first == ";" and document > 0:  # `tweets.js` may end with a semicolon
                self.pos += 1
                continue
            else:
                raise self.error(f"expected a JSON object or array, found {first!r}")
            document += 1

    def _array(self, key: str | None, document: int) -> Iterator[Event]:
        self.expect("[", "'['")
        if self.skip_ws() == "]":
            self.pos += 1
            return
        while True:
            self.skip_ws()
            line, _ = self.where()
            yield Event(key, self.value(), line, document)
            nxt = self.skip_ws()
            if nxt == ",":
                self.pos += 1
            elif nxt == "]":
                self.pos += 1
                return
            else:
                shown = repr(nxt) if nxt else "the end of the file"
                raise self.error(f"expected ',' or ']' in an array, found {shown}")

    def _object(self, stream_keys: frozenset[str], document: int) -> Iterator[Event]:
        self.expect("{", "'{'")
        if self.skip_ws() == "}":
            self.pos += 1
            return
        while True:
            if self.skip_ws() != '"':
                raise self.error("expected a quoted key in an object")
            key = self.value()
            self.expect(":", "':' after a key")
            nxt = self.skip_ws()
            if key in stream_keys and nxt == "[":
                yield from self._array(key, document)
            else:
                line, _ = self.where()
                yield Event(key, self.value(), line, document)
            nxt = self.skip_ws()
            if nxt == ",":
                self.pos += 1
            elif nxt == "}":
                self.pos += 1
                return
            else:
                shown = repr(nxt) if nxt else "the end of the file"
                raise self.error(f"expected ',' or '}}' in an object, found {shown}")
