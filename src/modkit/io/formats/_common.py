"""Helpers shared by the platform readers."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from ...comment import Comment
from ..readers import BadRow

_TAG = re.compile(r"<br\s*/?>|<[^>]+>", re.IGNORECASE)
_OFFSET = re.compile(r"([+-]\d\d)(\d\d)$")


def build(line: int, **fields: Any) -> Comment | BadRow:
    """A `Comment` from platform fields, or a `BadRow` naming the bad field."""
    fields = {k: v for k, v in fields.items() if v is not None and v != {}}
    if not isinstance(fields.get("text"), str):
        return BadRow(line, "the comment has no text")
    if fields.get("id") in (None, ""):
        return BadRow(line, "the comment has no id")
    try:
        return Comment(**fields)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"])
        return BadRow(line, f"field '{loc}': {err['msg']}")


def iso_time(value: Any) -> str | None:
    """Graph API times end in '+0000'; make them ISO 8601 ('+00:00')."""
    if not isinstance(value, str) or not value:
        return None
    return _OFFSET.sub(r"\1:\2", value.strip())


def epoch_time(value: Any) -> datetime | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, UTC)
    return None


def strip_html(text: str) -> str:
    """YouTube's `textDisplay` is HTML: line breaks become newlines, tags go, entities decode."""
    text = _TAG.sub(lambda m: "\n" if m.group(0).lower().startswith("<br") else "", text)
    return html.unescape(text)


def fix_meta_mojibake(text: str) -> str:
    """Meta's 'Download your information' JSON writes UTF-8 bytes as \\u00XX escapes
    ('Ã¥' for 'å'); turn them back into the letters. Text that is not mojibake is kept."""
    if not text or max(text) > "\xff" or not any("\x80" <= ch <= "\xff" for ch in text):
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return text


def get(mapping: Any, *path: str) -> Any:
    """`mapping[path[0]][path[1]]…`, or None when any step is missing."""
    for key in path:
        if not isinstance(mapping, dict):
            return None
        mapping = mapping.get(key)
    return mapping


def text_of(value: Any) -> str | None:
    return value if isinstance(value, str) else None
