"""The classifier interface: texts in, one score per category out."""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Mapping, Sequence
from typing import Protocol, runtime_checkable

from ..categories import Category
from ..errors import ClassifierError

NAME_RE = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)*\.v[0-9]+$")
"""Registered names are namespaced and versioned: `modkit.tfidf_linear.v1`, `acme.toxicity.v2`."""

Scores = dict[Category, float]


@runtime_checkable
class Classifier(Protocol):
    """What modkit needs from a classifier (built in or a plugin).

    `predict` gets a batch of comment texts and returns, for each text in the same
    order, a mapping from category key (`Category` or its string value) to a
    calibrated probability in [0, 1]. A category left out means "no opinion".
    `predict` must be deterministic and give a text the same scores alone as in
    a batch. Heavy work (importing a framework, reading a model file) belongs in
    the first `predict` call or a property, not in `__init__` or at import.

    `name` is namespaced and versioned (`modkit.tfidf_linear.v1`): it is the rule
    code and the detector of every finding the classifier causes. `version` and
    `content_hash` identify the trained model in audit records.
    """

    name: str
    version: str
    content_hash: str

    def predict(self, texts: Sequence[str]) -> list[Mapping[Category | str, float]]: ...


def validate_scores(name: str, raw: object, expected: int) -> list[Scores]:
    """A classifier's output checked and keyed by `Category`; ClassifierError says what is wrong."""
    if not isinstance(raw, Sequence) or isinstance(raw, (str, bytes)):
        raise ClassifierError(f"classifier {name}: predict() returned {type(raw).__name__}, not a list")
    if len(raw) != expected:
        raise ClassifierError(f"classifier {name}: predict() returned {len(raw)} results for {expected} texts")
    out: list[Scores] = []
    for i, item in enumerate(raw):
        if not isinstance(item, Mapping):
            raise ClassifierError(f"classifier {name}: result {i} is {type(item).__name__}, not a mapping")
        scores: Scores = {}
        for key, value in item.items():
            try:
                category = Category(key)
            except ValueError:
                raise ClassifierError(f"classifier {name}: result {i} has unknown category {key!r}") from None
            if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value) or not 0.0 <= value <= 1.0:
                raise ClassifierError(f"classifier {name}: result {i}, {category.value}: score {value!r} is not in [0, 1]")
            scores[category] = float(value)
        out.append(scores)
    return out
