"""`modkit rules lint`: checks beyond the schema, chiefly patterns that could hang.

A pattern is rejected when it has a nested quantifier (`(a+)+`) or runs past
its time budget on adversarial input; one with no literal anchor is warned
about, since it must run on every comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import regex

from .anchors import COMMON_WORDS, _selective, anchors_for
from .loader import RuleSet
from .paradigms import expand

# A group holding an unbounded quantifier, itself repeated without bound: (a+)+, (\w*x)*, (a+){2,}
_NESTED_QUANTIFIER_RE = re.compile(r"\((?:[^()\\]|\\.)*(?<!\\)[+*](?:[^()\\]|\\.)*\)(?:[+*]|\{\d*,\})")
_ADVERSARIAL = [
    "a" * 5000,
    " " * 5000,
    "du " * 2000,
    ("jag ska " * 500) + "!",
    "0" * 5000,
    ("ab" * 2500) + "!",
    "å" * 3000 + "x",
]
LINT_TIMEOUT_S = 0.25


@dataclass(frozen=True, slots=True)
class LintIssue:
    code: str
    level: Literal["error", "warning"]
    message: str


def lint_ruleset(ruleset: RuleSet) -> list[LintIssue]:
    issues: list[LintIssue] = []
    for rule in ruleset.rules:
        spec = rule.spec
        where = f"{rule.path.name}:{rule.line}"
        if spec.pattern is not None:
            issues.extend(_lint_pattern(spec.code, spec.pattern, where))
            anchors = anchors_for(spec.pattern)
            if not anchors.usable:
                issues.append(LintIssue(spec.code, "warning", f"{where}: no literal anchor found: the pattern runs on every comment (slow); make it contain a rare word in every alternative"))
            else:
                weak = sorted(a for a in anchors.strings if not _selective(a.strip()) or len(a.strip()) == 3 or a.strip() in COMMON_WORDS)
                if weak:
                    issues.append(LintIssue(spec.code, "warning", f"{where}: anchored on short or frequent words {weak[:6]}: the pattern runs on many comments; consider a 'near' rule or a rarer word in every alternative"))
        for term in [*spec.terms, *spec.near_terms]:
            for form in expand(term).forms:
                if len(form.replace(" ", "")) < 2:
                    issues.append(LintIssue(spec.code, "warning", f"{where}: very short form {form!r} from {term!r}"))
    return issues


def _lint_pattern(code: str, pattern: str, where: str) -> list[LintIssue]:
    try:
        compiled = regex.compile(pattern, regex.VERSION0)
    except regex.error as exc:
        return [LintIssue(code, "error", f"{where}: pattern does not compile: {exc}")]
    issues = []
    if _NESTED_QUANTIFIER_RE.search(pattern):
        issues.append(LintIssue(code, "error", f"{where}: nested quantifier (e.g. '(a+)+') can backtrack catastrophically"))
    for text in _ADVERSARIAL:
        try:
            for _ in compiled.finditer(text, timeout=LINT_TIMEOUT_S):
                pass
        except TimeoutError:
            issues.append(LintIssue(code, "error", f"{where}: pattern ran past {LINT_TIMEOUT_S}s on adversarial input {text[:12]!r}…"))
            break
    return issues
