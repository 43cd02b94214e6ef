"""Every rule's own examples, run against the engine: must-match and must-not-match."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ..engine import Engine


@dataclass(frozen=True, slots=True)
class ExampleCase:
    code: str
    kind: Literal["match", "no_match"]
    index: int
    text: str

    @property
    def test_id(self) -> str:
        return f"{self.code}_{self.kind}_{self.index}"


@dataclass(frozen=True, slots=True)
class ExampleResult:
    case: ExampleCase
    ok: bool
    detail: str


def example_cases(engine: Engine) -> Iterator[ExampleCase]:
    for rule in engine.ruleset.rules:
        for kind in ("match", "no_match"):
            for index, text in enumerate(getattr(rule.spec.examples, kind), 1):
                yield ExampleCase(rule.spec.code, kind, index, text)


def run_example(engine: Engine, case: ExampleCase) -> ExampleResult:
    verdict = engine.moderate(case.text, id=case.test_id)
    fired = [f for f in verdict.findings if f.rule == case.code]
    if case.kind == "match":
        if fired:
            return ExampleResult(case, True, "")
        near = [s for s in verdict.suppressed if s.rule == case.code]
        why = f" (suppressed: {near[0].reason})" if near else ""
        return ExampleResult(case, False, f"{case.code} did not fire on {case.text!r}{why}")
    if fired:
        return ExampleResult(case, False, f"{case.code} fired on {case.text!r} at {fired[0].text!r}")
    return ExampleResult(case, True, "")


def run_examples(engine: Engine) -> list[ExampleResult]:
    return [run_example(engine, case) for case in example_cases(engine)]
