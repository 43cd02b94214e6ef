"""Literal anchors decide which pattern rules run: they must never hide a real match."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from modkit.rules.anchors import anchors_for

PATTERNS = [
    r"vi vet var (?:du|ni) bor",
    r"(?:köp|beställ)\s+(?:\w+\s+){0,3}(?:nu|idag)",
    r"(?<![\d-])(?:19|20)?\d{6}[-+ ]?\d{4}(?![\d-])",
    r"d[öo]da (?:dig|er)",
    r"(?:https?://|www\.)\S{2,50}|\b[a-z]{2,20}\.(?:se|com|nu)\b",
    r"(?:jag|vi) (?:ska|kommer att) (?:slå|döda)",
    r"©|alla rättigheter förbehållna",
    r"(?:ab)?cde(?:fg)?",
]
_ALPHABET = st.sampled_from(list("abcdefgijklmnorstuvöå0123456789 .-:/©") + ["vi vet var ", "du bor", "köp ", "nu", "www.", ".se", "döda ", "dig", "jag ", "ska ", "slå", "cde"])


@pytest.mark.parametrize(
    ("pattern", "expected", "digit"),
    [
        (PATTERNS[0], {"vi vet var du bor", "vi vet var ni bor"}, False),
        (PATTERNS[1], {"köp", "beställ"}, False),
        (PATTERNS[2], set(), True),
        (PATTERNS[3], {"döda dig", "doda dig", "döda er", "doda er"}, False),
        (PATTERNS[6], {"©", "alla rättigheter förbehållna"}, False),
        (r"\w+\s\w+", set(), False),
    ],
)
def test_anchor_extraction(pattern: str, expected: set[str], digit: bool) -> None:
    anchors = anchors_for(pattern)
    assert set(anchors.strings) == expected and anchors.needs_digit is digit


@given(st.lists(_ALPHABET, max_size=30).map("".join), st.sampled_from(PATTERNS))
@settings(max_examples=500)
def test_every_match_contains_an_anchor(text: str, pattern: str) -> None:
    anchors = anchors_for(pattern)
    if regex.search(pattern, text) is None or not anchors.usable:
        return
    if anchors.needs_digit:
        assert any(ch.isdigit() for ch in text)
    else:
        assert any(a in text for a in anchors.strings)
