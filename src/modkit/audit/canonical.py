"""Canonical JSON and hashing: the one byte form that every record hash is taken over.

A hash chain is only as good as its serialisation: if two writers could turn the
same record into different bytes, honest records would fail verification. So there
is exactly one form: keys sorted, no insignificant whitespace, UTF-8, no ASCII escaping.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

GENESIS_HASH = "0" * 64  # the `prev_hash` of the first record in a chain


def canonical_json(data: Any) -> str:
    """JSON with sorted keys and no whitespace; `data` must already be JSON-ready."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_hex(text: str) -> str:
    """SHA-256 of the UTF-8 bytes of `text`, as 64 lowercase hex digits."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
