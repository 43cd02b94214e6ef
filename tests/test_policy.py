"""Policy: most severe action wins, thresholds give review, platforms without delete get a reply."""

from __future__ import annotations

from pathlib import Path

import pytest

from modkit import Action, Engine, PolicyError
from modkit.policy import load_policy
from modkit.resources import bundled_policy

from .conftest import FIXTURES


def test_most_severe_action_wins(engine: Engine) -> None:
    verdict = engine.moderate("Din jävla idiot, ring mig på 070-123 45 67", id="1", platform="facebook")
    assert {"insult", "profanity", "personal_data"} <= set(verdict.categories)
    assert verdict.action is Action.REMOVE_AND_REGISTER


def test_platform_without_delete_gets_the_policy_reply(engine: Engine) -> None:
    verdict = engine.moderate("Din jävla idiot", id="1", platform="twitter")
    assert verdict.action is Action.REPLY
    assert verdict.reply_text == load_policy(bundled_policy()).reply_text
    assert any("kan inte radera" in r for r in verdict.reasons)


def test_confidential_post_on_twitter_is_flagged_for_manual_registration(engine: Engine) -> None:
    verdict = engine.moderate("Mitt personnummer är 811228-9874", id="1", platform="x")
    assert verdict.action is Action.REPLY and verdict.needs_review
    assert any("diariet" in r for r in verdict.reasons)


def test_finding_below_threshold_gives_review(tmp_path: Path) -> None:
    text = bundled_policy().read_text(encoding="utf-8").replace(
        '[categories.profanity]\naction = "remove"', '[categories.profanity]\naction = "remove"\nthreshold = 0.99'
    )
    policy = tmp_path / "policy.toml"
    policy.write_text(text, encoding="utf-8")
    verdict = Engine(policy=policy, detect_language=False).moderate("Vilket jävla väder", id="1")
    assert verdict.action is Action.REVIEW and verdict.needs_review
    assert any("Osäker" in r for r in verdict.reasons)


def test_guarded_hate_speech_goes_to_review_not_removal() -> None:
    engine = Engine([FIXTURES / "guard_rules"], detect_language=False)
    assert engine.moderate("Invandrare är parasiter", id="0").action is Action.REMOVE
    verdict = engine.moderate("Att kalla invandrare för parasiter är vidrigt.", id="1")
    assert "hate_speech" not in verdict.categories
    assert any(s.category == "hate_speech" for s in verdict.suppressed)
    assert verdict.needs_review and verdict.action is Action.PUBLISH


def test_clearly_foreign_text_needs_review(engine_with_language: Engine) -> None:
    verdict = engine_with_language.moderate("This is a perfectly normal English comment about the new bridge.", id="1")
    assert verdict.language == "en" and verdict.needs_review


def test_swedish_text_is_decided_without_review(engine_with_language: Engine) -> None:
    verdict = engine_with_language.moderate("När kommer bussen tillbaka till Torsvik?", id="1")
    assert verdict.language == "sv" and not verdict.needs_review


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (('[categories.copyright]\naction = "remove"', '[categories.copyright]\naction = "delete"'), "categories.copyright.action"),
        (("[categories.advertising]", "[categories.spam]"), "categories"),
        (('reply_text = "', 'reply_txt = "'), "reply_t"),
    ],
)
def test_bad_policy_names_the_problem(tmp_path: Path, edit: tuple[str, str], words: str) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text(bundled_policy().read_text(encoding="utf-8").replace(*edit), encoding="utf-8")
    with pytest.raises(PolicyError) as info:
        load_policy(policy)
    assert str(policy) in str(info.value) and words in str(info.value)
