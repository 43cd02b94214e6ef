"""Shadow mode: score one dump with two rule sets and list every verdict that changed, and why.

    python -m benchmarks.rule_diff DUMP.jsonl --b-rules my-edited-rules/ [--a-rules ...] [--limit 50]

Run it before deploying a rule change. It also flags rules whose hit rate jumps.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from modkit import Comment, Engine

from .datasets import read_jsonl

JUMP_RATIO = 2.0
JUMP_MIN_SHARE = 0.002


def diff(path: Path, a: Engine, b: Engine, limit: int | None = None) -> dict[str, Any]:
    changed: list[dict[str, Any]] = []
    hits_a: Counter[str] = Counter()
    hits_b: Counter[str] = Counter()
    rows = 0
    for i, row in enumerate(read_jsonl(path)):
        comment = Comment(id=str(row.get("id", i)), text=row["text"], platform=row.get("platform", "other"))
        va, vb = a.moderate(comment), b.moderate(comment)
        rows += 1
        rules_a = {f.rule for f in va.findings}
        rules_b = {f.rule for f in vb.findings}
        hits_a.update(rules_a)
        hits_b.update(rules_b)
        if (va.action, va.categories) != (vb.action, vb.categories):
            changed.append({
                "id": comment.id, "text": comment.text,
                "a": {"action": va.action.value, "categories": [c.value for c in va.categories]},
                "b": {"action": vb.action.value, "categories": [c.value for c in vb.categories]},
                "rules_added": sorted(rules_b - rules_a), "rules_removed": sorted(rules_a - rules_b),
                "why": [f"{f.rule}: ”{f.text}”" for f in vb.findings if f.rule not in rules_a]
                + [f"−{f.rule}: ”{f.text}”" for f in va.findings if f.rule not in rules_b],
            })
    jumps = []
    for code in sorted(set(hits_a) | set(hits_b)):
        ra, rb = hits_a[code] / max(rows, 1), hits_b[code] / max(rows, 1)
        if abs(rb - ra) >= JUMP_MIN_SHARE and (ra == 0 or rb / max(ra, 1e-12) >= JUMP_RATIO or ra / max(rb, 1e-12) >= JUMP_RATIO):
            jumps.append({"rule": code, "rate_a": ra, "rate_b": rb})
    return {"rows": rows, "changed": len(changed), "changes": changed[:limit] if limit else changed, "hit_rate_jumps": jumps,
            "ruleset_a": a.ruleset_info.model_dump(), "ruleset_b": b.ruleset_info.model_dump()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dump", type=Path)
    parser.add_argument("--a-rules", action="append", default=None, help="rule dirs of A (default: bundled)")
    parser.add_argument("--b-rules", action="append", required=True, help="rule dirs of B (replace the bundled ones)")
    parser.add_argument("--b-extra", action="store_true", help="apply --b-rules after the bundled rules instead of replacing them")
    parser.add_argument("--limit", type=int, default=50)
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args(argv)
    a = Engine(args.a_rules, detect_language=False)
    b = Engine(None, extra_rule_dirs=args.b_rules, detect_language=False) if args.b_extra else Engine(args.b_rules, detect_language=False)
    report = diff(args.dump, a, b, args.limit)
    print(f"{report['changed']} of {report['rows']} verdicts changed (A {a.ruleset_info.version} → B {b.ruleset_info.version})")
    for c in report["changes"]:
        print(f"- {c['id']}: {c['a']['action']} {c['a']['categories']} → {c['b']['action']} {c['b']['categories']}  {'; '.join(c['why'])}")
        print(f"    {c['text'][:160]}")
    for j in report["hit_rate_jumps"]:
        print(f"! {j['rule']} hit rate {j['rate_a']:.2%} → {j['rate_b']:.2%}")
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
