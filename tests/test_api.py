"""The public API: a small `__all__`, typed models, clear validation errors."""

from __future__ import annotations

import itertools

import pytest
from pydantic import ValidationError

import modkit
from modkit import Action, Category, Comment, Engine, Platform, Verdict


def test_public_names_are_exactly_the_documented_ones() -> None:
    public = {name for name in dir(modkit) if not name.startswith("_")} - {
        # subpackages and modules are importable but not part of __all__
        "audit", "batch", "categories", "classifiers", "cli", "comment", "detectors", "engine", "errors", "findings", "io",
        "policy", "report", "resources", "rules", "testing", "text", "verdict",
    }
    assert public <= set(modkit.__all__)
    for name in modkit.__all__:
        assert hasattr(modkit, name), name


def test_category_keys_are_the_eleven_policy_keys() -> None:
    assert [c.value for c in Category] == [
        "defamation", "insult", "hate_speech", "harassment", "violence_or_pornography", "incitement",
        "copyright", "profanity", "advertising", "personal_data", "sensitive_data",
    ]


def test_moderate_convenience_returns_a_verdict() -> None:
    verdict = modkit.moderate("Köp billiga klockor på www.x.se", id="c1", platform="facebook")
    assert isinstance(verdict, Verdict)
    assert verdict.comment_id == "c1"
    assert Category.ADVERTISING in verdict.categories
    assert verdict.action is Action.REMOVE
    assert verdict.ruleset.version == verdict.ruleset.content_hash[:12]
    assert verdict.engine_version == modkit.__version__
    assert all(r and r[0].isupper() for r in verdict.reasons)


def test_clean_comment_is_published(engine: Engine) -> None:
    verdict = engine.moderate("Tack för snabb snöröjning på Kyrkvägen i morse!", id="c")
    assert verdict.action is Action.PUBLISH and verdict.categories == [] and not verdict.needs_review


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"id": "1", "text": 5}, "text"),
        ({"id": "", "text": "hej"}, "id"),
        ({"id": "1", "text": "hej", "platform": "myspace"}, "platform"),
        ({"id": "1", "text": "hej", "created_at": "igår"}, "created_at"),
        ({"id": "1", "text": "hej", "colour": "red"}, "colour"),
    ],
)
def test_bad_comment_fields_give_a_clear_validation_error(fields: dict, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        Comment(**fields)
    assert field in str(info.value)


def test_numeric_ids_and_platform_case_are_accepted() -> None:
    comment = Comment(id=123, text="hej", platform="Facebook", parent_id=7)
    assert comment.id == "123" and comment.parent_id == "7" and comment.platform is Platform.FACEBOOK


def test_findings_carry_original_offsets(engine: Engine) -> None:
    text = "Din J.Ä.V.L.A idiot"
    verdict = engine.moderate(text, id="x")
    assert verdict.findings
    for f in verdict.findings:
        assert text[f.start : f.end] == f.text
    assert any(f.text == "J.Ä.V.L.A" for f in verdict.findings)


def test_moderate_many_streams_lazily(engine: Engine) -> None:
    endless = (Comment(id=str(i), text="hej kommunen") for i in itertools.count())
    first = list(itertools.islice(engine.moderate_many(endless), 5))
    assert [v.comment_id for v in first] == ["0", "1", "2", "3", "4"]


def test_verdict_round_trips_through_json(engine: Engine) -> None:
    verdict = engine.moderate("Din jävla idiot", id="rt")
    assert Verdict.model_validate_json(verdict.model_dump_json()) == verdict
