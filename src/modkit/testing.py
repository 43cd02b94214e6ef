"""Test helpers for classifier authors: a conformance check and a mock classifier.

In a plugin's own tests:

    from modkit.testing import check_classifier

    def test_conforms():
        check_classifier(MyClassifier())

`check_classifier` raises AssertionError naming the first broken expectation, like
scikit-learn's `check_estimator`. `MockClassifier` scores by keywords, counts its calls and
can be told to fail; it is registered as `modkit.mock.v1` (alias `mock`).
"""

from __future__ import annotations

import hashlib
import math
import numbers
from collections.abc import Mapping, Sequence

from .categories import Category
from .classifiers.base import NAME_RE
from .engine import MAX_TEXT_CHARS

SAMPLE_TEXTS: tuple[str, ...] = (
    "Tack för informationen om snöröjningen på Torsvik!",
    "Du är en jävla idiot och borde skämmas.",
    "Köp billiga klockor på www.example.se, rabattkod SOMMAR20!",
    "Ring mig på 070-174 06 12 så pratar vi om bygglovet.",
    "Vi vet var du bor.",
    "",
    "   ",
    "👍👍👍",
    "HELA KOMMUNEN ÄR ETT SKÄMT!!!!",
    "f i t t a   j.ä.v.l.a",
    "Zero\u200bwidth och kontroll\u0007tecken",
    "English text: this is not Swedish at all.",
    "ååå äää ööö ÅÄÖ é ü ß ø æ",
    "a",
)

_TOLERANCE = 1e-6


def check_classifier(obj: object, *, texts: Sequence[str] = SAMPLE_TEXTS, huge_chars: int = MAX_TEXT_CHARS) -> None:
    """Check that `obj` behaves as modkit expects of a classifier; AssertionError says what does not."""
    for attribute in ("name", "version", "content_hash", "predict"):
        assert hasattr(obj, attribute), f"a classifier needs `{attribute}`"
    name, version, content_hash = obj.name, obj.version, obj.content_hash  # type: ignore[attr-defined]
    assert isinstance(name, str) and NAME_RE.match(name), (
        f"name {name!r} must be namespaced and versioned, like 'acme.toxicity.v1'"
    )
    assert isinstance(version, str) and version.strip(), f"version must be a non-empty string, got {version!r}"
    assert isinstance(content_hash, str) and content_hash.strip(), f"content_hash must be a non-empty string, got {content_hash!r}"
    predict = obj.predict  # type: ignore[attr-defined]

    empty = predict([])
    assert isinstance(empty, Sequence) and len(empty) == 0, f"predict([]) must return an empty list, got {empty!r}"

    texts = list(texts)
    batch = _checked(predict(texts), len(texts), "predict(texts)")
    again = _checked(predict(texts), len(texts), "predict(texts), second call")
    for i, (first, second) in enumerate(zip(batch, again)):
        _same(first, second, f"not deterministic: text {i} ({texts[i]!r}) scored differently on a second call")

    as_tuple = _checked(predict(tuple(texts)), len(texts), "predict(tuple(texts))")
    for i, (first, second) in enumerate(zip(batch, as_tuple)):
        _same(first, second, f"text {i} scored differently when the texts came as a tuple")

    for i, text in enumerate(texts):
        (single,) = _checked(predict([text]), 1, f"predict([text {i}])")
        _same(batch[i], single, f"text {i} ({text!r}) scored differently alone than in a batch")

    reordered = _checked(predict(texts[::-1]), len(texts), "predict(reversed texts)")
    for i, scores in enumerate(reversed(reordered)):
        _same(batch[i], scores, f"text {i} ({texts[i]!r}) scored differently when the batch order changed")

    huge = ("Det här är en mycket lång kommentar om kommunens budget. " * (huge_chars // 56 + 1))[:huge_chars]
    _checked(predict([huge, "kort"]), 2, f"predict() on a text of {huge_chars} characters")


def _checked(result: object, expected: int, call: str) -> list[Mapping[Category, float]]:
    assert isinstance(result, Sequence) and not isinstance(result, (str, bytes)), (
        f"{call} must return a list, got {type(result).__name__}"
    )
    assert len(result) == expected, f"{call} returned {len(result)} results for {expected} texts"
    out = []
    for i, scores in enumerate(result):
        assert isinstance(scores, Mapping), f"{call}: result {i} must be a mapping category -> score, got {type(scores).__name__}"
        keyed = {}
        for key, value in scores.items():
            try:
                category = Category(key)
            except ValueError:
                raise AssertionError(f"{call}: result {i} has unknown category {key!r}; use modkit.Category keys") from None
            assert isinstance(value, numbers.Real) and not isinstance(value, bool), (
                f"{call}: result {i}, {category.value}: score must be a number, got {value!r}"
            )
            assert math.isfinite(value) and 0.0 <= value <= 1.0, (
                f"{call}: result {i}, {category.value}: score {value!r} is not in [0, 1]"
            )
            keyed[category] = float(value)
        out.append(keyed)
    return out


def _same(a: Mapping[Category, float], b: Mapping[Category, float], message: str) -> None:
    assert set(a) == set(b), f"{message} (categories {sorted(a)} vs {sorted(b)})"
    for category in a:
        assert abs(a[category] - b[category]) <= _TOLERANCE, f"{message} ({category.value}: {a[category]} vs {b[category]})"


class MockClassifier:
    """A deterministic stand-in: a category scores `score` when one of its keywords occurs
    (case-insensitive substring), else `baseline`.

        MockClassifier({"insult": ["idiot", "pucko"]}, score=0.9)

    `batches` records the size of every `predict` call; `fail_with` makes `predict` raise.
    """

    name = "modkit.mock.v1"
    version = "1"

    def __init__(
        self,
        keywords: Mapping[Category | str, Sequence[str]] | None = None,
        *,
        score: float = 0.9,
        baseline: float = 0.0,
        fail_with: BaseException | None = None,
        name: str | None = None,
    ) -> None:
        if keywords is None:
            keywords = {Category.INSULT: ["idiot", "pucko"], Category.INCITEMENT: ["vet var du bor"]}
        self.keywords = {Category(c): tuple(w.casefold() for w in words) for c, words in keywords.items()}
        self.score = score
        self.baseline = baseline
        self.fail_with = fail_with
        if name is not None:
            self.name = name
        self.batches: list[int] = []

    @property
    def content_hash(self) -> str:
        spec = repr(sorted((c.value, words) for c, words in self.keywords.items())) + f"|{self.score}|{self.baseline}"
        return hashlib.sha256(spec.encode("utf-8")).hexdigest()

    def predict(self, texts: Sequence[str]) -> list[dict[Category, float]]:
        self.batches.append(len(texts))
        if self.fail_with is not None:
            raise self.fail_with
        out = []
        for text in texts:
            folded = text.casefold()
            out.append({
                category: self.score if any(w in folded for w in words) else self.baseline
                for category, words in self.keywords.items()
            })
        return out
