"""The normalised views: idempotent, offsets always valid, fast path equals careful path."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from modkit.text import NormalisedText, lower_text, skeleton_text
from modkit.text import normalise as norm_module

# Text that stresses the normaliser: Swedish letters, leet, separators, marks, invisibles, homoglyphs.
_ALPHABET = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzåäöÅÄÖABCJ é ü.,-_*#!|@$0134578 \n\t'\"”“«»")
                            + ["\u200b", "\u200d", "\u00ad", "\ufe0f", "\u0308", "\u030a", "а", "е", "о", "і", "ﬁ", "ß", "İ", "ǅ", "🖕", "½", "…"])
swedishish = st.lists(_ALPHABET, max_size=80).map("".join)
any_text = st.text(max_size=200)


@given(st.one_of(any_text, swedishish))
@settings(max_examples=400)
def test_lower_is_idempotent(text: str) -> None:
    once = lower_text(text)
    assert lower_text(once) == once


@given(st.one_of(any_text, swedishish))
@settings(max_examples=400)
def test_skeleton_is_idempotent(text: str) -> None:
    once = skeleton_text(text)
    assert skeleton_text(once) == once


@given(st.one_of(any_text, swedishish))
@settings(max_examples=400)
def test_every_view_span_maps_inside_the_original(text: str) -> None:
    doc = NormalisedText(text)
    n = len(doc.skeleton)
    for a in range(0, n, 3):
        for b in (a + 1, min(n, a + 5)):
            if b <= a:
                continue
            start, end = doc.skeleton_span(a, b)
            assert 0 <= start <= end <= len(text)
    for a in range(0, len(doc.lower), 4):
        start, end = doc.lower_span(a, a + 1)
        assert 0 <= start < end <= len(text)


@given(st.one_of(swedishish, any_text))
@settings(max_examples=400)
def test_fast_path_equals_careful_path(text: str) -> None:
    if norm_module.NON_SIMPLE_RE.search(text) is None:
        lower_careful, _ = norm_module._lower_with_maps(text)
        assert lower_careful == text.casefold()
    doc = NormalisedText(text)
    plain = norm_module._skeleton_plain(doc.lower)
    with_offsets, (starts, ends) = norm_module._skeleton(doc.lower, doc._lower_maps)
    assert plain == with_offsets == doc.skeleton
    assert len(starts) == len(ends) == len(with_offsets)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("JÄÄÄVLA", "jävla"),
        ("j ä v l a", "jävla"),
        ("f.i.t.t.a", "fita"),
        ("h0r4", "hora"),
        ("іdіоt", "idiot"),  # Cyrillic і and о
        ("id\u200biot", "idiot"),
        ("ﬁtta", "fita"),
        ("skit-kommun", "skitkomun"),
        ("i̶d̶i̶o̶t̶", "idiot"),  # combining strike-through
    ],
)
def test_obfuscations_reach_the_same_skeleton(written: str, expected: str) -> None:
    assert skeleton_text(written) == expected


def test_swedish_letters_are_kept_in_the_primary_view() -> None:
    assert skeleton_text("Åsa är på ön") == "åsa är på ön"
    assert NormalisedText("Åsa är på ön").ascii_skeleton == "asa ar pa on"


def test_offsets_point_back_to_obfuscated_original() -> None:
    text = "Du är en f.i.t.t.a!"
    doc = NormalisedText(text)
    pos = doc.skeleton.index("fita")
    start, end = doc.skeleton_span(pos, pos + 4)
    assert text[start:end] == "f.i.t.t.a"
