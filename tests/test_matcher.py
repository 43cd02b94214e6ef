"""The combined term matcher: inflection, compounds, diacritics, masking, typos, allow-list."""

from __future__ import annotations

from pathlib import Path

import pytest

from modkit import Engine

RULE = '''
[[rule]]
code = "TT01"
name = "insult.test"
category = "insult"
severity = "high"
kind = "terms"
description = "Testregel för matchningen."
terms = ["*idiot/er*", "hora/or*", "jävla", "håll käften", "fan", "fitta/or*", "*käring/ar"]
typos = {typos}
[rule.examples]
match = ["idiot", "hora", "jävla"]
no_match = ["hej", "hallå", "tack"]
'''


def _engine(tmp_path: Path, typos: bool) -> Engine:
    d = tmp_path / f"rules_{typos}"
    d.mkdir(exist_ok=True)
    (d / "t.toml").write_text(RULE.replace("{typos}", "true" if typos else "false"), encoding="utf-8")
    (d / "guards.toml").write_text('negation = ["inte"]\n', encoding="utf-8")
    (d / "allowlist.toml").write_text('words = ["horisont", "håkäring/ar"]\n', encoding="utf-8")
    return Engine([d], detect_language=False)


def _texts(engine: Engine, text: str) -> list[str]:
    return [f.text for f in engine.moderate(text, id="t").findings]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Idioterna i nämnden", ["Idioterna"]),
        ("vilken idiotpolitiker", ["idiot"]),
        ("din jävlaidiot", ["idiot"]),
        ("horornas fel", ["horornas"]),
        ("Javla skit", ["Javla"]),
        ("jaevla skit", ["jaevla"]),
        ("j*vla skit", ["j*vla"]),
        ("JÄÄÄVLA", ["JÄÄÄVLA"]),
        ("Håll  käften!", ["Håll  käften"]),
        ("Jag vill höra mer", []),
        ("Horisonten är vacker", []),
        ("Det fanns ingen som fann den", []),  # fann is not fan: a doubled last letter is another word
        ("jävvla kommun", ["jävvla"]),  # a doubling inside a longer form is disguise
        ("fit som en fiol", []),  # the compound stem fitt- is never a word on its own
        ("fittkärring", ["fitt", "kärring"]),
        ("håkäringar i sjön", []),  # allow-list entry with a paradigm covers every form
    ],
)
def test_term_forms(tmp_path: Path, text: str, expected: list[str]) -> None:
    assert _texts(_engine(tmp_path, typos=False), text) == expected


def test_typos_only_when_the_rule_asks(tmp_path: Path) -> None:
    strict, lenient = _engine(tmp_path, typos=False), _engine(tmp_path, typos=True)
    assert _texts(strict, "din idoiten") == []
    findings = lenient.moderate("din idoiten", id="t").findings
    assert [f.text for f in findings] == ["idoiten"]
    assert findings[0].score == pytest.approx(0.8) and "felstavning" in findings[0].explanation


def test_near_side_before(tmp_path: Path) -> None:
    d = tmp_path / "near"
    d.mkdir()
    (d / "n.toml").write_text(
        '[[rule]]\ncode = "TN01"\nname = "insult.near"\ncategory = "insult"\nseverity = "high"\nkind = "near"\n'
        'description = "Testregel för near."\nterms = ["clown/er"]\nnear_terms = ["din"]\nwindow = 2\nnear_side = "before"\n'
        '[rule.examples]\nmatch = ["din clown", "din clown!", "din clown."]\nno_match = ["clown din", "en clown", "hej"]\n',
        encoding="utf-8",
    )
    (d / "guards.toml").write_text('negation = ["inte"]\n', encoding="utf-8")
    engine = Engine([d], detect_language=False)
    assert [f.rule for f in engine.moderate("din clown", id="x").findings] == ["TN01"]
    assert engine.moderate("clown är din kostym", id="x").findings == []
