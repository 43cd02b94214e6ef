"""Training `modkit.tfidf_linear.v1`, and choosing the policy's classifier thresholds by cross-validation.

    bundle = fit_bundle(train_examples, Recipe())
    scores = cross_val_scores(train_examples, Recipe())       # out-of-fold, calibrated
    tuned = tune_thresholds(scores, rule_labels(engine, train_examples), gold_labels(train_examples))

Everything is seeded: the same data and recipe give the same model. Needs the `ml` extra.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from ..categories import Category
from .corpus import Example
from .tfidf import import_ml, predict_bundle

CATEGORIES: list[Category] = list(Category)
RECIPE_VERSION = "1.0"


@dataclass(frozen=True)
class Recipe:
    """The baseline's hyperparameters (chosen by 5-fold cross-validation on the train split)."""

    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (1, 4)  # within word boundaries (char_wb)
    min_df: int = 2  # n-grams in fewer of the corpus's training texts are dropped
    C: float = 10.0
    calibration_folds: int = 5
    min_positives: int = 10  # a category with fewer training examples is not scored
    seed: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"recipe_version": RECIPE_VERSION, **asdict(self)}


@dataclass(frozen=True)
class Tuned:
    """The chosen threshold for one category and what it did on the out-of-fold train data."""

    threshold: float | None  # None: the classifier adds nothing safe here; leave it off
    rules: dict[str, float]
    combined: dict[str, float]
    added_tp: int
    added_fp: int


def gold_labels(examples: Sequence[Example]) -> np.ndarray:
    return np.array([[c in e.labels for c in CATEGORIES] for e in examples], dtype=bool)


def rule_labels(engine: Any, examples: Sequence[Example]) -> np.ndarray:
    """What `engine` (rules only) flags, as a boolean matrix in CATEGORIES order."""
    rows = []
    for e in examples:
        flagged = set(engine.moderate(e.text, id=e.id).categories)
        rows.append([c in flagged for c in CATEGORIES])
    return np.array(rows, dtype=bool).reshape(len(examples), len(CATEGORIES))


def fit_bundle(examples: Sequence[Example], recipe: Recipe = Recipe(), extra: Sequence[Example] = ()) -> dict[str, Any]:
    """Features plus one calibrated linear head per category with enough positives.

    `extra` rows (e.g. clean text from licensed data) are trained on like `examples`, but the
    vocabulary comes from `examples` alone: no n-gram found only in `extra` is kept in the model."""
    import_ml()
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
    from sklearn.pipeline import FeatureUnion

    gold = gold_labels([*examples, *extra])
    features = FeatureUnion([
        ("word", TfidfVectorizer(analyzer="word", ngram_range=recipe.word_ngrams, min_df=recipe.min_df,
                                 sublinear_tf=True, token_pattern=r"(?u)\b\w+\b", dtype=np.float32)),
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=recipe.char_ngrams, min_df=recipe.min_df,
                                 sublinear_tf=True, dtype=np.float32)),
    ])
    features.fit([e.text for e in examples])
    matrix = features.transform([e.text for e in [*examples, *extra]])
    categories, heads = [], []
    for j, category in enumerate(CATEGORIES):
        y = gold[:, j]
        if y.sum() < recipe.min_positives or (~y).sum() < recipe.min_positives:
            continue
        head = CalibratedClassifierCV(
            LogisticRegression(C=recipe.C, solver="liblinear", dual=True, class_weight="balanced",
                               random_state=recipe.seed),
            method="sigmoid",
            cv=StratifiedKFold(recipe.calibration_folds, shuffle=True, random_state=recipe.seed),
            ensemble=False,
        )
        head.fit(matrix, y)
        categories.append(category)
        heads.append(head)
    return {"features": features, "categories": categories, "heads": heads}


def cross_val_scores(
    examples: Sequence[Example], recipe: Recipe = Recipe(), folds: int = 5, extra: Sequence[Example] = (), jobs: int = 1
) -> np.ndarray:
    """Out-of-fold calibrated scores for `examples` (n × len(CATEGORIES)); NaN where a fold's model did not
    score a category. `extra` rows are in every fold's training data and are never scored. Folds run in
    `jobs` processes (the result does not depend on it)."""
    import_ml()
    from joblib import Parallel, delayed
    from sklearn.model_selection import KFold

    scores = np.full((len(examples), len(CATEGORIES)), np.nan)
    splits = list(KFold(folds, shuffle=True, random_state=recipe.seed).split(np.arange(len(examples))))
    results = Parallel(n_jobs=jobs)(
        delayed(_fold)([examples[i] for i in fit_idx], [examples[i].text for i in score_idx], recipe, extra)
        for fit_idx, score_idx in splits
    )
    for (_, score_idx), predicted in zip(splits, results):
        for row, result in zip(score_idx, predicted):
            for category, value in result.items():
                scores[row, CATEGORIES.index(category)] = value
    return scores


def _fold(fit: list[Example], texts: list[str], recipe: Recipe, extra: Sequence[Example]) -> list[dict[Category, float]]:
    return predict_bundle(fit_bundle(fit, recipe, extra), texts)


THRESHOLD_GRID = np.round(np.arange(0.05, 1.0, 0.01), 2)


@dataclass(frozen=True)
class Tuning:
    """The chosen thresholds and what they did on the out-of-fold train data."""

    threshold: float | None  # the shared threshold; None: the classifier adds nothing safe
    per_category: dict[Category, Tuned]
    rules: dict[str, float]  # micro-averaged over categories
    combined: dict[str, float]


def tune_thresholds(
    scores: np.ndarray,
    rules: np.ndarray,
    gold: np.ndarray,
    *,
    apply_to: str = "unflagged",
    margin: float = 0.005,
) -> Tuning:
    """One threshold for every category the classifier helps, as low as precision allows.

    Combined means: the rules' categories, plus a category whose score reaches the
    threshold where the rules did not flag it (with `apply_to="unflagged"`: only in
    comments where the rules flagged nothing). Scanning the threshold down from 0.99, a
    category takes part while the comments it adds are right at least half of the time
    (and at least once); the scan stops at the first threshold where the combined
    precision, micro-averaged over categories, falls below the rules' minus `margin`.
    """
    scores = np.nan_to_num(scores, nan=0.0)
    eligible = ~rules
    if apply_to == "unflagged":
        eligible &= ~rules.any(axis=1, keepdims=True)
    rules_micro = _pr(rules, gold)
    chosen: tuple[float, np.ndarray, np.ndarray] | None = None
    for t in THRESHOLD_GRID[::-1]:
        added = (scores >= t) & eligible
        right, wrong = (added & gold).sum(axis=0), (added & ~gold).sum(axis=0)
        on = right >= np.maximum(1, wrong)
        added &= on
        if _pr(rules | added, gold)["precision"] < rules_micro["precision"] - margin:
            break
        if on.any():
            chosen = (float(t), on, added)
    per_category = {}
    for j, category in enumerate(CATEGORIES):
        r, g = rules[:, j], gold[:, j]
        if chosen is None or not chosen[1][j]:
            per_category[category] = Tuned(None, _pr(r, g), _pr(r, g), 0, 0)
            continue
        a = chosen[2][:, j]
        per_category[category] = Tuned(chosen[0], _pr(r, g), _pr(r | a, g), int((a & g).sum()), int((a & ~g).sum()))
    combined = rules | chosen[2] if chosen else rules
    return Tuning(chosen[0] if chosen else None, per_category, rules_micro, _pr(combined, gold))


def _pr(predicted: np.ndarray, gold: np.ndarray) -> dict[str, float]:
    tp = int((predicted & gold).sum())
    fp = int((predicted & ~gold).sum())
    fn = int((~predicted & gold).sum())
    return {
        "precision": round(tp / (tp + fp), 4) if tp + fp else 1.0,
        "recall": round(tp / (tp + fn), 4) if tp + fn else 1.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def score_metrics(scores: np.ndarray, gold: np.ndarray, threshold: float = 0.5) -> dict[str, dict[str, float]]:
    """Per category: average precision (threshold-free) and precision/recall at `threshold`."""
    import_ml()
    from sklearn.metrics import average_precision_score

    out = {}
    for j, category in enumerate(CATEGORIES):
        column = scores[:, j]
        if np.isnan(column).all():
            continue
        s, g = np.nan_to_num(column, nan=0.0), gold[:, j]
        m = _pr(s >= threshold, g)
        out[category.value] = {
            "average_precision": round(float(average_precision_score(g, s)), 4) if g.any() else None,
            f"precision@{threshold}": m["precision"],
            f"recall@{threshold}": m["recall"],
            "support": int(g.sum()),
        }
    return out
