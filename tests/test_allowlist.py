"""Innocent words that contain a lexicon entry must never produce a finding."""

from __future__ import annotations

import pytest

from modkit import Engine

_ENGINE = Engine(detect_language=False)
_WORDS = _ENGINE.ruleset.allow_words


@pytest.mark.parametrize("word", _WORDS)
def test_allowed_word_is_not_flagged(word: str) -> None:
    for text in (word, word.capitalize(), f"Det var {word} igår."):
        verdict = _ENGINE.moderate(text, id="allow")
        term_findings = [f for f in verdict.findings if _ENGINE.ruleset.by_code(f.rule).spec.kind != "pattern"]
        assert term_findings == [], (text, term_findings)


def test_allowlisted_hit_is_reported_as_suppressed() -> None:
    verdict = _ENGINE.moderate("Fantastiskt många moskiter i Fittja idag", id="x")
    assert verdict.findings == []
    assert {s.suppressed_by for s in verdict.suppressed} == {"allowlist"}
