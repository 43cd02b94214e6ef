"""Peers measured side by side on the same comments: better-profanity and presidio-analyzer.

Both are optional (`pip install '.[bench]'`); a peer that is not installed is
reported as skipped, never faked.
"""

from __future__ import annotations

import time
from typing import Any

from .datasets import SHARED

LDNOOBW_SV = SHARED / "sv-lexicons" / "ldnoobw_v2_sv.txt"


def better_profanity_speed(texts: list[str]) -> dict[str, Any]:
    """better-profanity with the LDNOOBW v2 Swedish list (CC0), read from ../shared."""
    try:
        from better_profanity import profanity
    except ImportError:
        return {"skipped": "better-profanity is not installed"}
    if not LDNOOBW_SV.exists():
        return {"skipped": f"{LDNOOBW_SV} is absent"}
    words = [w.strip() for w in LDNOOBW_SV.read_text(encoding="utf-8").splitlines() if w.strip()]
    profanity.load_censor_words(words)
    started = time.perf_counter()
    flagged = sum(profanity.contains_profanity(t) for t in texts)
    elapsed = time.perf_counter() - started
    return {"comments_per_s": len(texts) / elapsed, "comments": len(texts), "flagged": flagged, "words": len(words)}


def presidio_recognizers() -> list[Any]:
    """presidio-analyzer's pattern recognizers for the personal data modkit also finds."""
    from presidio_analyzer import Pattern, PatternRecognizer
    from presidio_analyzer.predefined_recognizers import CreditCardRecognizer, EmailRecognizer, IbanRecognizer

    personnummer = PatternRecognizer(
        supported_entity="SE_PERSONNUMMER",
        patterns=[Pattern("personnummer", r"\b(?:19|20)?\d{6}[-+]?\d{4}\b", 0.5)],
        context=["personnummer", "pnr"],
    )
    phone = PatternRecognizer(
        supported_entity="PHONE_NUMBER",
        patterns=[Pattern("se_phone", r"(?<!\d)(?:\+46|0046|0)\s?\d{1,3}[\s-]?\d{2,3}[\s-]?\d{2}[\s-]?\d{2,3}(?!\d)", 0.5)],
    )
    return [EmailRecognizer(), IbanRecognizer(), CreditCardRecognizer(), personnummer, phone]


def presidio_speed(texts: list[str]) -> dict[str, Any]:
    """presidio-analyzer with pattern recognizers only (no NLP model: none can be downloaded here)."""
    try:
        recognizers = presidio_recognizers()
    except ImportError:
        return {"skipped": "presidio-analyzer is not installed"}
    started = time.perf_counter()
    found = 0
    for text in texts:
        for recognizer in recognizers:
            found += len(recognizer.analyze(text, recognizer.supported_entities, None))
    elapsed = time.perf_counter() - started
    return {"comments_per_s": len(texts) / elapsed, "comments": len(texts), "entities_found": found, "recognizers": len(recognizers)}
