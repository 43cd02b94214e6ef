"""`modkit check TEXT`: one verdict explained for a person."""

from __future__ import annotations

import argparse
import sys

from ..errors import ModkitError
from ..verdict import Verdict
from .common import EXIT_OK, EXIT_USAGE, add_classifier_option, add_engine_options, build_engine, error


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="explain the verdict for one text", description=__doc__)
    p.add_argument("text", help="the comment text (- reads it from stdin)")
    p.add_argument("--platform", default="other", help="facebook, twitter, x, youtube, instagram or other")
    p.add_argument("--json", action="store_true", help="print the verdict as JSON")
    add_engine_options(p)
    add_classifier_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    text = sys.stdin.read() if args.text == "-" else args.text
    try:
        engine = build_engine(args)
        verdict = engine.moderate(text, id="check", platform=args.platform)
    except (ModkitError, ValueError) as exc:
        error(str(exc))
        return EXIT_USAGE
    if args.json:
        print(verdict.model_dump_json(indent=2))
    else:
        print(explain(text, verdict, color=sys.stdout.isatty()))
    return EXIT_OK


def _highlight(text: str, spans: list[tuple[int, int]], color: bool) -> str:
    opening, closing = ("\x1b[1;31m", "\x1b[0m") if color else ("»", "«")
    out, pos = [], 0
    for start, end in sorted(set(spans)):
        if start < pos:
            continue
        out += [text[pos:start], opening, text[start:end], closing]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def explain(text: str, verdict: Verdict, color: bool = False) -> str:
    lines = [
        f"Åtgärd:      {verdict.action.value}" + ("  (behöver granskas)" if verdict.needs_review else ""),
        f"Kategorier:  {', '.join(c.value for c in verdict.categories) or '–'}",
        f"Språk:       {verdict.language}",
        f"Regelverk:   {verdict.ruleset.name} {verdict.ruleset.version}",
        "",
        "  " + _highlight(text, [(f.start, f.end) for f in verdict.findings], color),
        "",
    ]
    if verdict.findings:
        lines.append("Träffar:")
        for f in verdict.findings:
            lines.append(f"  {f.rule}  {f.category.value:<24} ”{f.text}” [{f.start}:{f.end}] poäng {f.score:.2f}")
            if f.explanation:
                lines.append(f"        {f.explanation}")
    if verdict.suppressed:
        lines.append("Undertryckta (ej räknade):")
        for s in verdict.suppressed:
            lines.append(f"  {s.rule}  {s.category.value:<24} ”{s.text}” – {s.reason}")
    if verdict.reasons:
        lines.append("Skäl:")
        lines.extend(f"  - {r}" for r in verdict.reasons)
    if verdict.reply_text:
        lines += ["Svar att publicera:", f"  {verdict.reply_text}"]
    return "\n".join(lines)
