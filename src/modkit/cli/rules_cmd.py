"""`modkit rules list|test|lint`: tools for rule maintainers."""

from __future__ import annotations

import argparse

from ..errors import ModkitError
from ..rules.examples import run_examples
from ..rules.lint import lint_ruleset
from ..rules.paradigms import expand
from .common import EXIT_FINDINGS_OR_BAD_ROWS, EXIT_OK, EXIT_USAGE, add_engine_options, build_engine, error


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rules", help="list, test and lint rules")
    rsub = p.add_subparsers(dest="rules_command", required=True)
    for name, func, text in (
        ("list", _list, "list the rules in force"),
        ("test", _test, "run every rule's match/no_match examples"),
        ("lint", _lint, "check rules for slow or unsafe patterns"),
    ):
        q = rsub.add_parser(name, help=text, description=text)
        add_engine_options(q)
        if name == "list":
            q.add_argument("--forms", action="store_true", help="also show every generated word form")
        q.set_defaults(func=func)


def _engine(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    try:
        return build_engine(args, detect_language=False)
    except ModkitError as exc:
        error(str(exc))
        return None


def _list(args: argparse.Namespace) -> int:
    engine = _engine(args)
    if engine is None:
        return EXIT_USAGE
    print(f"{engine.ruleset.name} {engine.ruleset.version}: {len(engine.ruleset.rules)} rules")
    for rule in engine.ruleset.rules:
        s = rule.spec
        print(f"{s.code}  {s.category.value:<24} {s.kind:<8} {s.severity:<7} {s.name}  — {s.description}")
        if args.forms:
            for term in [*s.terms, *s.near_terms]:
                print(f"        {term}: {', '.join(expand(term).forms)}")
    return EXIT_OK


def _test(args: argparse.Namespace) -> int:
    engine = _engine(args)
    if engine is None:
        return EXIT_USAGE
    results = run_examples(engine)
    failed = [r for r in results if not r.ok]
    for r in failed:
        print(f"FAIL {r.case.test_id}: {r.detail}")
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    return EXIT_FINDINGS_OR_BAD_ROWS if failed else EXIT_OK


def _lint(args: argparse.Namespace) -> int:
    engine = _engine(args)
    if engine is None:
        return EXIT_USAGE
    issues = lint_ruleset(engine.ruleset)
    for issue in issues:
        print(f"{issue.level.upper()} {issue.code}: {issue.message}")
    errors = sum(issue.level == "error" for issue in issues)
    print(f"{len(engine.ruleset.rules)} rules checked, {errors} errors, {len(issues) - errors} warnings")
    return EXIT_FINDINGS_OR_BAD_ROWS if errors else EXIT_OK
