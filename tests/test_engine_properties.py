"""The engine on arbitrary input: never raises, always returns offsets into the original."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modkit import Engine, Verdict

_ENGINE = Engine()
_WORDS = st.sampled_from(
    ["jävla", "idiot", "du", "är", "en", "f i t t a", "h0ra", "070-123 45 67", "811228-9874", "vi vet var du bor",
     "invandrare", "parasiter", "inte", "\"", "”", "bit.ly/x", "köp nu", "🖕", "\u200b", "fantastisk", "?", "\n", "åäö"]
)
_SOUPS = st.lists(_WORDS, max_size=40).map(" ".join)
# A hang is a failure; speed itself is measured in benchmarks/, so the deadline is generous.
_BOUNDED = settings(max_examples=300, deadline=timedelta(seconds=5), suppress_health_check=[HealthCheck.too_slow])


def _check(text: str, verdict: Verdict) -> None:
    for item in [*verdict.findings, *verdict.suppressed]:
        assert 0 <= item.start <= item.end <= len(text)
        assert item.text == text[item.start : item.end]
        assert 0.0 <= item.score <= 1.0
    assert verdict.categories == sorted(set(verdict.categories))


@given(st.text(max_size=400))
@_BOUNDED
def test_engine_never_raises_on_any_unicode(text: str) -> None:
    _check(text, _ENGINE.moderate(text, id="p"))


@given(_SOUPS)
@_BOUNDED
def test_findings_map_back_to_the_original_text(text: str) -> None:
    _check(text, _ENGINE.moderate(text, id="p"))


@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=2000, max_size=6000))
@settings(max_examples=20, deadline=timedelta(seconds=10), suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_long_inputs_finish(text: str) -> None:
    _check(text, _ENGINE.moderate(text, id="p"))


def test_pathological_repetition_finishes() -> None:
    for text in ("a" * 50_000, "jävla " * 5000, "du är en idiot " * 3000, "0" * 40_000, "f i t t a " * 4000):
        _check(text, _ENGINE.moderate(text, id="p"))
