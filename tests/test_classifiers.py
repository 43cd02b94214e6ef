"""Pluggable classifiers without scikit-learn: the interface, the conformance kit, the policy's
thresholds, batching, failure isolation, the registry and the CLI switch (with the mock)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

import pytest

from modkit import Action, Category, Engine
from modkit.classifiers import load_classifier, registry
from modkit.classifiers.corpus import TEST_MODULUS, read_labelled, split_of
from modkit.cli.main import main
from modkit.errors import ClassifierError, PolicyError
from modkit.policy import Policy, load_policy
from modkit.resources import bundled_policy
from modkit.testing import MockClassifier, check_classifier

from .conftest import ROOT

CLEAN = "Tack för att ni röjde snön på Torsvik så snabbt i morse."


def _policy(**classifiers: object) -> Policy:
    """The bundled policy with every category open to classifiers and `[classifiers]` replaced."""
    data = load_policy(bundled_policy()).model_dump(mode="json")
    for category in data["categories"].values():
        category.update(classifier=True, classifier_threshold=None, classifier_remove_threshold=None)
    data["classifiers"] = {"threshold": 0.5, **classifiers}
    return Policy.model_validate(data)


def _engine(classifier: object, **classifiers: object) -> Engine:
    return Engine(detect_language=False, policy=_policy(**classifiers), classifiers=[classifier])


@pytest.fixture(scope="module")
def mock() -> MockClassifier:
    """Scores 0.97 on its (arbitrary) keywords and 0.4, below every threshold, everywhere else."""
    keywords = {"insult": ["fånig"], "profanity": ["fånig"], "harassment": ["snygging"], "hate_speech": ["kanelbulle", "idiot"]}
    return MockClassifier(keywords, score=0.97, baseline=0.4)


@pytest.fixture(scope="module")
def engine_mock(mock: MockClassifier) -> Engine:
    """Classifier findings from 0.5; insult removes from 0.95, harassment from 0.98; never profanity."""
    data = _policy(apply_to="unflagged").model_dump(mode="json")
    data["categories"]["insult"]["classifier_remove_threshold"] = 0.95
    data["categories"]["harassment"]["classifier_remove_threshold"] = 0.98
    data["categories"]["profanity"]["classifier"] = False
    return Engine(detect_language=False, policy=Policy.model_validate(data), classifiers=[mock])


# --- the conformance kit ------------------------------------------------------------------------

def test_check_classifier_passes_for_the_mock() -> None:
    check_classifier(MockClassifier())


class _Base:
    name = "acme.test.v1"
    version = "1"
    content_hash = "abc"

    def predict(self, texts: Sequence[str]) -> list[dict[str, float]]:
        return [{"insult": 0.5} for _ in texts]


class _WrongLength(_Base):
    def predict(self, texts: Sequence[str]) -> list[dict[str, float]]:
        return [{"insult": 0.5}] * (len(texts) + 1) if texts else []


class _OutOfRange(_Base):
    def predict(self, texts: Sequence[str]) -> list[dict[str, float]]:
        return [{"insult": 1.5} for _ in texts]


class _UnknownCategory(_Base):
    def predict(self, texts: Sequence[str]) -> list[dict[str, float]]:
        return [{"toxicity": 0.5} for _ in texts]


class _Random(_Base):
    def __init__(self) -> None:
        self.calls = 0

    def predict(self, texts: Sequence[str]) -> list[dict[str, float]]:
        self.calls += 1
        return [{"insult": (self.calls * 0.1) % 1} for _ in texts]


class _BatchDependent(_Base):
    def predict(self, texts: Sequence[str]) -> list[dict[str, float]]:
        return [{"insult": 1 / (1 + len(texts))} for _ in texts]


class _BadName(_Base):
    name = "Shouting"


class _NaN(_Base):
    def predict(self, texts: Sequence[str]) -> list[dict[str, float]]:
        return [{"insult": float("nan")} for _ in texts]


class _HugeFails(_Base):
    def predict(self, texts: Sequence[str]) -> list[dict[str, float]]:
        if any(len(t) > 10_000 for t in texts):
            raise MemoryError("too long")
        return super().predict(texts)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (_WrongLength(), "results for"),
        (_OutOfRange(), "not in [0, 1]"),
        (_NaN(), "not in [0, 1]"),
        (_UnknownCategory(), "unknown category 'toxicity'"),
        (_Random(), "not deterministic"),
        (_BatchDependent(), "alone than in a batch"),
        (_BadName(), "namespaced and versioned"),
    ],
    ids=lambda v: type(v).__name__ if not isinstance(v, str) else "",
)
def test_check_classifier_names_what_is_broken(bad: object, message: str) -> None:
    with pytest.raises(AssertionError, match=re.escape(message)):
        check_classifier(bad)


def test_check_classifier_feeds_a_huge_text() -> None:
    with pytest.raises(MemoryError):
        check_classifier(_HugeFails())


# --- findings and the policy ---------------------------------------------------------------------

def test_classifier_finding_spans_the_whole_text_and_carries_name_and_score(engine_mock: Engine) -> None:
    verdict = engine_mock.moderate("Vilken fånig fråga.")
    (finding,) = verdict.findings  # not profanity (switched off), nothing at the 0.4 baseline
    assert (finding.category, finding.rule, finding.detector) == (Category.INSULT, "modkit.mock.v1", "modkit.mock.v1")
    assert (finding.start, finding.end, finding.text) == (0, 19, "Vilken fånig fråga.")
    assert finding.score == pytest.approx(0.97)
    assert verdict.categories == [Category.INSULT]


def test_a_classifier_alone_sends_to_review_unless_its_remove_threshold_is_reached(engine_mock: Engine) -> None:
    review = engine_mock.moderate("Jag bjuder på kanelbulle.")  # hate_speech: no remove threshold
    assert review.categories == [Category.HATE_SPEECH]
    assert review.action is Action.REVIEW and review.needs_review
    assert any(r.startswith("Klassificeraren modkit.mock.v1") and "0,97" in r and "granska" in r for r in review.reasons)
    assert engine_mock.moderate("Vilken snygging.").action is Action.REVIEW  # harassment: 0.97 < 0.98
    assert engine_mock.moderate("Vilken fånig fråga.").action is Action.REMOVE  # insult: 0.97 ≥ 0.95


def test_scores_below_the_threshold_are_not_findings(engine_mock: Engine) -> None:
    verdict = engine_mock.moderate(CLEAN)
    assert (verdict.findings, verdict.suppressed, verdict.action) == ([], [], Action.PUBLISH)


def test_per_category_thresholds_override_the_shared_one() -> None:
    data = _policy(threshold=0.9).model_dump(mode="json")
    data["categories"]["insult"]["classifier_threshold"] = 0.3
    policy = Policy.model_validate(data)
    assert policy.classifier_threshold(Category.INSULT) == 0.3
    assert policy.classifier_threshold(Category.HATE_SPEECH) == 0.9
    assert policy.classifier_remove_threshold(Category.INSULT) is None


def test_a_remove_threshold_below_the_review_threshold_is_a_policy_error(tmp_path: Path) -> None:
    text = bundled_policy().read_text(encoding="utf-8")
    path = tmp_path / "policy.toml"
    path.write_text(text.replace("[classifiers]", "[classifiers]\nremove_threshold = 0.1", 1), encoding="utf-8")
    with pytest.raises(PolicyError, match="classifier_remove_threshold"):
        load_policy(path)


def test_unflagged_scope_leaves_comments_the_rules_flagged_to_the_rules(engine_mock: Engine, mock: MockClassifier) -> None:
    verdict = engine_mock.moderate("Du är en jävla idiot")
    assert Category.HATE_SPEECH not in verdict.categories
    assert all(f.detector == "rules" for f in verdict.findings)
    (set_aside,) = [s for s in verdict.suppressed if s.detector == "modkit.mock.v1"]
    assert set_aside.suppressed_by == "policy.classifiers.apply_to"
    assert not any("Granska" in r and "mock" in r for r in verdict.reasons)
    everywhere = _engine(mock, apply_to="all").moderate("Du är en jävla idiot")
    assert Category.HATE_SPEECH in everywhere.categories


def test_the_rules_still_decide_when_the_classifier_fails() -> None:
    engine = _engine(MockClassifier(fail_with=RuntimeError("model server down")))
    verdict = engine.moderate("Din jävla idiot")
    assert verdict.action is Action.REMOVE and verdict.needs_review
    assert any("modkit.mock.v1 kunde inte köras" in r and "model server down" in r for r in verdict.reasons)
    clean = engine.moderate(CLEAN)
    assert clean.action is Action.PUBLISH and clean.needs_review  # as for any review note: a person looks


def test_unusable_scores_count_as_a_failure_not_a_crash() -> None:
    verdicts = list(_engine(_WrongLength()).moderate_many(["a", "b"]))
    assert all(v.needs_review and any("kunde inte köras" in r for r in v.reasons) for v in verdicts)


def test_provenance_names_the_classifier_and_its_model_hash(engine_mock: Engine, mock: MockClassifier) -> None:
    (info,) = engine_mock.provenance.classifiers
    assert (info.name, info.version, info.model_hash) == ("modkit.mock.v1", "1", mock.content_hash)


# --- batching ----------------------------------------------------------------------------------

def test_moderate_many_batches_the_classifier_and_keeps_order(engine_mock: Engine, mock: MockClassifier) -> None:
    texts = [f"kommentar {i}" + (" kanelbulle" if i % 7 == 0 else "") for i in range(600)]
    mock.batches.clear()
    verdicts = list(engine_mock.moderate_many(texts))
    assert mock.batches == [256, 256, 88]
    assert [bool(v.findings) for v in verdicts] == [i % 7 == 0 for i in range(600)]
    one_by_one = [engine_mock.moderate(t) for t in texts[:20]]
    assert [v.model_dump() for v in verdicts[:20]] == [v.model_dump() for v in one_by_one]


def test_moderate_many_reads_at_most_one_batch_ahead(engine_mock: Engine) -> None:
    pulled = 0

    def comments():
        nonlocal pulled
        for i in range(10_000):
            pulled += 1
            yield f"kommentar {i}"

    stream = engine_mock.moderate_many(comments(), batch_size=50)
    for _ in range(120):
        next(stream)
    assert pulled <= 150


def test_long_texts_are_classified_on_the_part_the_rules_see() -> None:
    seen: list[int] = []

    class Measuring(_Base):
        def predict(self, texts: Sequence[str]) -> list[dict[str, float]]:
            seen.extend(len(t) for t in texts)
            return super().predict(texts)

    _engine(Measuring()).moderate("x" * 250_000)
    assert seen == [100_000]


# --- the registry and plugins (entry points monkeypatched; a real install is in test_classifiers_plugin.py)

def _fake_entry_points(monkeypatch: pytest.MonkeyPatch, **targets: str) -> None:
    eps = [metadata.EntryPoint(name, value, registry.ENTRY_POINT_GROUP) for name, value in targets.items()]
    monkeypatch.setattr(registry, "_entry_points", lambda: eps)


def test_names_and_aliases_resolve() -> None:
    assert load_classifier("mock").name == "modkit.mock.v1"
    assert load_classifier("modkit.mock.v1", score=0.7).score == 0.7
    with pytest.raises(ClassifierError, match="unknown classifier 'nope'.*mock"):
        load_classifier("nope")


def test_a_plugin_registered_by_entry_point_is_found_and_used(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_entry_points(monkeypatch, **{"acme.keyword.v1": "modkit.testing:MockClassifier"})
    assert "acme.keyword.v1" in registry.available_classifiers()
    verdict = _engine("acme.keyword.v1").moderate("Sluta vara en sån pucko nu")  # the mock's default keyword
    assert any(f.detector == "modkit.mock.v1" for f in verdict.findings + verdict.suppressed)


def test_a_broken_plugin_is_a_clear_error_that_keeps_the_cause_and_spares_the_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_entry_points(monkeypatch, **{"acme.broken.v1": "acme_no_such_module:Classifier"})
    with pytest.raises(ClassifierError, match="acme.broken.v1.*failed to load.*ModuleNotFoundError") as caught:
        Engine(detect_language=False, classifiers=["acme.broken.v1"])
    assert isinstance(caught.value.__cause__, ModuleNotFoundError)
    assert Engine(detect_language=False).moderate("Din jävla idiot").action is Action.REMOVE  # the rules are unaffected


def test_a_plugin_whose_constructor_fails_keeps_the_cause(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_entry_points(monkeypatch, **{"acme.fails.v1": "json:loads"})  # callable, but not with no arguments
    with pytest.raises(ClassifierError, match="could not be created: TypeError") as caught:
        load_classifier("acme.fails.v1")
    assert isinstance(caught.value.__cause__, TypeError)


def test_a_plugin_that_is_not_a_classifier_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_entry_points(monkeypatch, **{"acme.thing.v1": "collections:OrderedDict"})
    with pytest.raises(ClassifierError, match="lacks name, version, content_hash, predict"):
        load_classifier("acme.thing.v1")


def test_the_core_imports_and_runs_without_the_ml_extra(tmp_path: Path) -> None:
    script = textwrap.dedent("""
        import sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in {"sklearn", "skops", "scipy"}:
                    raise ImportError(f"blocked {name}")
        sys.meta_path.insert(0, Block())
        import modkit
        from modkit.errors import ClassifierError
        print(modkit.moderate("Din jävla idiot", id="x").action.value)
        try:
            modkit.Engine(classifiers=["tfidf"])
        except ClassifierError as exc:
            print("ERR", exc)
        print(sorted(m for m in sys.modules if m.startswith(("sklearn", "skops"))))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=tmp_path).stdout
    lines = out.splitlines()
    assert lines[0] == "remove"
    assert lines[1].startswith("ERR") and "pip install 'modkit[ml]'" in lines[1]
    assert lines[2] == "[]"


# --- the command line ------------------------------------------------------------------------------

def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_score_with_a_classifier_and_workers_gives_the_same_verdicts(tmp_path: Path) -> None:
    data = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": str(i), "text": t}) for i, t in enumerate(["Du är en pucko", CLEAN, "vi vet var du bor", "hej"] * 30)]
    lines.insert(50, "{bad")
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outs = []
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}.jsonl"
        assert main(["score", str(data), "-o", str(out), "--classifier", "mock", "--workers", workers, "--no-language", "--quiet"]) == 1
        outs.append(_rows(out))
    assert outs[0] == outs[1] and len(outs[0]) == 120
    assert any(f["detector"] == "modkit.mock.v1" for r in outs[0] for f in r["findings"] + r["suppressed"])


def test_score_without_the_flag_runs_the_rules_only(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps({"id": "1", "text": "Du är en pucko"}) + "\n", encoding="utf-8")
    assert main(["score", str(data), "-o", str(out), "--quiet"]) == 0
    assert all(f["detector"] != "modkit.mock.v1" for f in _rows(out)[0]["findings"])


def test_an_unknown_classifier_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps({"id": "1", "text": "hej"}) + "\n", encoding="utf-8")
    assert main(["score", str(data), "--classifier", "nope"]) == 2
    assert "unknown classifier 'nope'" in capsys.readouterr().err


# --- the held-out split ----------------------------------------------------------------------------

def test_the_split_depends_on_the_id_only_and_holds_out_about_a_fifth() -> None:
    ids = [f"dev-x-{i:04d}" for i in range(5000)]
    share = sum(split_of(i) == "test" for i in ids) / len(ids)
    assert abs(share - 1 / TEST_MODULUS) < 0.02
    assert split_of("dev-a-0001") == split_of("dev-a-0001")
    corpus = ROOT / "corpora" / "sv" / "dev.jsonl"
    train, test = read_labelled(corpus, "train"), read_labelled(corpus, "test")
    assert not {e.id for e in train} & {e.id for e in test}
    assert len(train) + len(test) == len(read_labelled(corpus))
