"""Rule files fail at load with file, line, rule code and field; extra directories override."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from modkit import Engine, RuleFileError, RuleSetError
from modkit.resources import bundled_rule_dirs

from .conftest import FIXTURES

BAD = FIXTURES / "bad_rules"


def _load_single(tmp_path: Path, name: str) -> RuleFileError:
    directory = tmp_path / "rules"
    shutil.copytree(bundled_rule_dirs()[0], directory)
    shutil.copy(BAD / name, directory / name)
    with pytest.raises(RuleFileError) as info:
        Engine([directory], detect_language=False)
    return info.value


@pytest.mark.parametrize(
    ("name", "code", "field", "line", "words"),
    [
        ("unknown_field.toml", "XX02", "termz", 20, "Extra inputs"),
        ("bad_category.toml", "XX03", "category", 4, "Input should be"),
        ("too_few_examples.toml", "XX04", "examples.match", 10, "at least 3"),
        ("bad_paradigm.toml", "XX06", "terms", 8, "unknown paradigm"),
        ("pattern_without_pattern.toml", "XX07", "pattern", 1, "needs 'pattern'"),
        ("bad_regex.toml", "XX08", "pattern", 8, "does not compile"),
    ],
)
def test_bad_rule_file_names_file_line_code_and_field(tmp_path: Path, name: str, code: str, field: str, line: int, words: str) -> None:
    err = _load_single(tmp_path, name)
    assert err.path.name == name
    assert err.code == code
    assert err.field == field
    assert err.line == line
    assert words in str(err)
    assert f"{name}:{line}" in str(err) and code in str(err)


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    err = _load_single(tmp_path, "bad_toml.toml")
    assert err.path.name == "bad_toml.toml"
    assert err.line == 2


def test_missing_directory_is_a_ruleset_error(tmp_path: Path) -> None:
    with pytest.raises(RuleSetError):
        Engine([tmp_path / "nope"])


def test_extra_directory_disables_overrides_and_adds() -> None:
    base = Engine(detect_language=False)
    local = Engine(extra_rule_dirs=[FIXTURES / "extra_rules"], detect_language=False)
    codes = {r.spec.code for r in local.ruleset.rules}
    assert "PR03" not in codes and "LO01" in codes
    assert local.ruleset.by_code("PR01").spec.name == "profanity.swearword_local"
    assert local.ruleset.overridden == ["PR01"] and local.ruleset.disabled == ["PR03"]
    assert local.ruleset_info.content_hash != base.ruleset_info.content_hash
    verdict = local.moderate("Superloppisen öppnar 🖕", id="1")
    assert [f.rule for f in verdict.findings] == ["LO01"]


def test_ruleset_hash_follows_content(tmp_path: Path) -> None:
    directory = tmp_path / "sv"
    shutil.copytree(bundled_rule_dirs()[0], directory)
    first = Engine([directory], detect_language=False).ruleset_info
    again = Engine([directory], detect_language=False).ruleset_info
    (directory / "allowlist.toml").write_text('words = ["fantastisk"]\n', encoding="utf-8")
    changed = Engine([directory], detect_language=False).ruleset_info
    assert first == again
    assert changed.content_hash != first.content_hash and changed.version == changed.content_hash[:12]


def test_shared_lexicons_expand_and_unknown_names_fail(tmp_path: Path) -> None:
    d = tmp_path / "lex"
    d.mkdir()
    (d / "guards.toml").write_text('negation = ["inte"]\n', encoding="utf-8")
    (d / "lexicons.toml").write_text('[lexicons]\ngroups = ["invandrare/are", "muslim/er"]\n', encoding="utf-8")
    rule = (
        '[[rule]]\ncode = "LX01"\nname = "hate_speech.lexicon"\ncategory = "hate_speech"\nseverity = "high"\n'
        'kind = "near"\ndescription = "Testregel med delad lista."\nterms = ["parasit/er"]\nnear_terms = ["{name}"]\n'
        '[rule.examples]\nmatch = ["muslimer är parasiter", "invandrarna är parasiter", "parasiter, muslimerna"]\n'
        'no_match = ["parasiter i dammen", "muslimer firar eid", "hej"]\n'
    )
    (d / "r.toml").write_text(rule.replace("{name}", "@groups"), encoding="utf-8")
    engine = Engine([d], detect_language=False)
    assert [f.rule for f in engine.moderate("Muslimerna är parasiter", id="1").findings] == ["LX01"]
    (d / "r.toml").write_text(rule.replace("{name}", "@grupper"), encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        Engine([d], detect_language=False)
    assert info.value.code == "LX01" and info.value.field == "near_terms" and "@grupper" in str(info.value)
