"""The built-in classifier (modkit.tfidf_linear.v1): conformance, safe loading, deterministic
training, threshold tuning and `modkit train`. Skipped without the `ml` extra."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("sklearn")
sio = pytest.importorskip("skops.io")

import numpy as np  # noqa: E402

from modkit import Category, Engine  # noqa: E402
from modkit.classifiers.corpus import Example, split_of  # noqa: E402
from modkit.classifiers.tfidf import (  # noqa: E402
    TfidfLinearClassifier, default_model_path, load_model, model_content_hash, save_model,
)
from modkit.classifiers.training import CATEGORIES, Recipe, fit_bundle, tune_thresholds  # noqa: E402
from modkit.cli.main import main  # noqa: E402
from modkit.errors import ClassifierError  # noqa: E402
from modkit.testing import check_classifier  # noqa: E402

BUNDLED = default_model_path()
needs_bundled = pytest.mark.skipif(not BUNDLED.is_file(), reason="no trained model: run `modkit train` (models/README.md)")


# --- the bundled model -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bundled() -> TfidfLinearClassifier:
    return TfidfLinearClassifier()


@needs_bundled
def test_the_bundled_model_passes_the_conformance_check(bundled: TfidfLinearClassifier) -> None:
    check_classifier(bundled)


@needs_bundled
def test_the_model_card_names_the_model_file_it_sits_beside(bundled: TfidfLinearClassifier) -> None:
    card = json.loads((BUNDLED.parent / "model_card.json").read_text(encoding="utf-8"))
    assert (card["name"], card["version"], card["content_hash"]) == (bundled.name, bundled.version, bundled.content_hash)
    assert card["training_data"]["sources"][0]["selection"].startswith("train split")
    assert (BUNDLED.parent / "model_card.md").is_file()
    assert BUNDLED.stat().st_size < 5_000_000


@needs_bundled
def test_the_bundled_model_scores_swedish_comments_sensibly(bundled: TfidfLinearClassifier) -> None:
    rude, clean = bundled.predict(["Du är en jävla idiot och en pucko", "Tack för en fin konsert i parken igår!"])
    assert rude[Category.INSULT] > 0.5 > clean[Category.INSULT]
    assert set(rude) == set(bundled.categories)


@needs_bundled
def test_the_engine_uses_the_built_in_classifier_by_name() -> None:
    engine = Engine(detect_language=False, classifiers=["tfidf"])
    (info,) = engine.provenance.classifiers
    assert info.name == "modkit.tfidf_linear.v1"
    verdicts = list(engine.moderate_many(["Tack för en fin konsert!", "Du är inte värd ett svar ens. Troll."]))
    assert len(verdicts) == 2
    for verdict in verdicts:
        for finding in verdict.findings:
            if finding.detector == info.name:
                assert engine.policy.classifier_threshold(finding.category) is not None


# --- loading never runs code from the file ------------------------------------------------------------

class Evil:
    """Writes a marker file whenever it is rebuilt from a file: stands for any code a crafted file runs."""

    marker: Path | None = None

    def __setstate__(self, state: dict) -> None:
        Path(state["marker"]).write_text("pwned")


class _Touch:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # what a malicious pickle does: call anything on load
        return (Path.write_text, (self.marker, "pwned"))


def test_a_skops_file_with_an_untrusted_type_is_refused_and_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    evil = Evil()
    evil.__dict__["marker"] = str(marker)
    path = tmp_path / "model.skops"
    sio.dump({"format": 1, "name": "modkit.tfidf_linear.v1", "categories": [], "heads": [], "x": evil}, path)
    with pytest.raises(ClassifierError, match=r"refused to load.*not trusted.*Evil"):
        TfidfLinearClassifier(path).predict(["hej"])
    assert not marker.exists()
    sio.load(path, trusted=[f"{Evil.__module__}.Evil"])  # the file really would run code if its type were trusted
    assert marker.read_text() == "pwned"


def test_a_pickle_is_never_loaded(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    for name in ("model.skops", "model.pkl"):
        path = tmp_path / name
        path.write_bytes(pickle.dumps(_Touch(marker)))
        with pytest.raises(ClassifierError, match="not a skops model file"):
            TfidfLinearClassifier(path).predict(["hej"])
    assert not marker.exists()


def test_files_that_are_not_modkit_models_are_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.skops"
    sio.dump({"a": 1}, other)
    with pytest.raises(ClassifierError, match="not a modkit.tfidf_linear.v1 model"):
        load_model(other)
    broken = tmp_path / "broken.skops"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("schema.json", "{not json")
    with pytest.raises(ClassifierError, match="cannot load model"):
        load_model(broken)
    with pytest.raises(ClassifierError, match="no model file.*modkit train"):
        _ = TfidfLinearClassifier(tmp_path / "missing.skops").version


# --- training ------------------------------------------------------------------------------------

_INSULTS = ["idiot", "pucko", "klantskalle", "dumskalle", "fjant", "tönt", "nolla", "mupp", "knäppgök", "dåre", "fåne", "stolpskott"]
_ADS = ["rabatt", "köp nu", "swisha", "rea", "erbjudande", "gratis frakt", "rabattkod", "billigt", "kampanj", "beställ", "priset", "klicka"]
_CLEAN = ["snöröjningen", "bussen", "biblioteket", "parken", "skolan", "badhuset", "cykelbanan", "torget", "hamnen",
          "konserten", "gatlyktorna", "återvinningen", "lekplatsen", "simhallen", "vägarbetet", "pendeln"]


def _tiny_corpus() -> list[Example]:
    rows = []
    for i, word in enumerate(_INSULTS):
        rows.append(Example(f"i{i}", f"Du är en {word}, sluta skriva här {i}", frozenset({Category.INSULT})))
    for i, word in enumerate(_ADS):
        rows.append(Example(f"a{i}", f"{word.capitalize()} på alla skor i butiken vid torget, nr {i}", frozenset({Category.ADVERTISING})))
    for i, word in enumerate(_CLEAN):
        rows.append(Example(f"c{i}", f"Tack för att {word} fungerar så bra nu, dag {i}", frozenset()))
    return rows


def test_training_is_deterministic_down_to_the_content_hash(tmp_path: Path) -> None:
    recipe = Recipe(min_positives=10, calibration_folds=3)
    first, second = fit_bundle(_tiny_corpus(), recipe), fit_bundle(_tiny_corpus(), recipe)
    assert first["categories"] == [Category.INSULT, Category.ADVERTISING]  # the others have no examples
    for i, bundle in enumerate((first, second)):
        bundle["version"] = "test"
        save_model(bundle, tmp_path / f"m{i}.skops")
    assert model_content_hash(tmp_path / "m0.skops") == model_content_hash(tmp_path / "m1.skops")
    texts = ["Du är en pucko", "Köp nu med rabatt", "Snöröjningen var bra"]
    a, b = TfidfLinearClassifier(tmp_path / "m0.skops"), TfidfLinearClassifier(tmp_path / "m1.skops")
    assert a.predict(texts) == b.predict(texts)
    check_classifier(a)


def test_modkit_train_writes_a_model_and_its_card(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus.jsonl"
    rows = [{"id": e.id, "text": e.text, "labels": sorted(c.value for c in e.labels)} for e in _tiny_corpus() * 2]
    for i, row in enumerate(rows):
        row["id"] = f"{row['id']}-{i}"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "model"
    assert main(["train", "--corpus", str(corpus), "--out", str(out), "--folds", "3", "--jobs", "1", "--no-tune"]) == 0
    card = json.loads((out / "model_card.json").read_text(encoding="utf-8"))
    classifier = TfidfLinearClassifier(out / "model.skops")
    assert card["content_hash"] == classifier.content_hash and card["version"] == classifier.version
    assert card["training_data"]["sources"][0]["rows"] == sum(split_of(r["id"]) == "train" for r in rows)
    assert set(card["categories"]) == {"insult", "advertising"}
    assert "Model card: modkit.tfidf_linear.v1" in (out / "model_card.md").read_text(encoding="utf-8")
    check_classifier(classifier)
    again = tmp_path / "again"  # in another process: nothing in the file may depend on id() or hash seeds
    subprocess.run([sys.executable, "-m", "modkit", "train", "--corpus", str(corpus), "--out", str(again),
                    "--folds", "3", "--jobs", "1", "--no-tune"], check=True, capture_output=True)
    assert model_content_hash(again / "model.skops") == card["content_hash"]


def test_modkit_train_without_the_corpus_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", "--corpus", str(tmp_path / "none.jsonl"), "--out", str(tmp_path / "m")]) == 2
    assert "cannot read corpus" in capsys.readouterr().err


def test_tuning_picks_one_threshold_and_switches_off_categories_that_only_add_noise() -> None:
    n = 200
    rng = np.random.default_rng(0)
    gold = np.zeros((n, len(CATEGORIES)), dtype=bool)
    rules = np.zeros_like(gold)
    scores = rng.uniform(0.0, 0.2, size=gold.shape)
    insult, profanity = CATEGORIES.index(Category.INSULT), CATEGORIES.index(Category.PROFANITY)
    gold[:40, insult] = True
    rules[:30, insult] = True                     # the rules find 30 of 40, no false alarms
    scores[30:40, insult] = 0.9                   # the classifier finds the other ten …
    scores[40:42, insult] = 0.9                   # … with two false alarms
    scores[100:110, profanity] = 0.95             # and ten false alarms in a category it cannot help
    tuning = tune_thresholds(scores, rules, gold, margin=0.05)
    assert tuning.threshold is not None and 0.2 <= tuning.threshold <= 0.9
    assert tuning.per_category[Category.INSULT].threshold == tuning.threshold
    assert (tuning.per_category[Category.INSULT].added_tp, tuning.per_category[Category.INSULT].added_fp) == (10, 2)
    assert tuning.per_category[Category.PROFANITY].threshold is None
    assert tuning.combined["recall"] == 1.0
    strict = tune_thresholds(scores, rules, gold, margin=0.0)
    assert strict.threshold is None  # any false alarm costs precision the rules did not lose
