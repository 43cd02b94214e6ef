"""Every rule's own must-match / must-not-match examples, one test each (`pytest -k PR01`)."""

from __future__ import annotations

import pytest

from modkit import Engine
from modkit.rules.examples import example_cases, run_example

_ENGINE = Engine(detect_language=False)
_CASES = list(example_cases(_ENGINE))


@pytest.mark.parametrize("case", _CASES, ids=[c.test_id for c in _CASES])
def test_rule_example(case) -> None:
    result = run_example(_ENGINE, case)
    assert result.ok, result.detail


def test_every_rule_has_enough_examples_and_a_swedish_reason() -> None:
    for rule in _ENGINE.ruleset.rules:
        spec = rule.spec
        assert len(spec.examples.match) >= 3 and len(spec.examples.no_match) >= 3, spec.code
        assert spec.description[0].isupper() and len(spec.description) >= 10, spec.code


def test_every_category_has_rules() -> None:
    from modkit import Category

    covered = {rule.spec.category for rule in _ENGINE.ruleset.rules}
    assert covered == set(Category)
