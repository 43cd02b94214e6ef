"""Quality benchmark: per-category precision/recall on the dev corpus, the functional
suite's pass rate, and the external checks on rtp-lx-sv and absabank-imm.

    python -m benchmarks.quality                  # all, Markdown summary to stdout
    python -m benchmarks.quality --json out.json  # also machine-readable
    python -m benchmarks.quality --errors insult  # list misses and false alarms for a category

The blind corpora (sv/test.jsonl and sv/test2.jsonl) are reported as aggregate tables only;
their rows are printed only on explicit request (--errors test:CATEGORY, --errors test2:CATEGORY).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from modkit import Category, Engine

from .datasets import ABSABANK, DEV, FUNCTIONAL, RTP_LX, TEST, read_jsonl

TEST2 = TEST.with_name("test2.jsonl")  # second blind corpus, written apart from the rules and the other corpora

RULE_CATEGORIES_ISSUE3 = ["profanity", "insult", "hate_speech", "harassment", "incitement", "violence_or_pornography"]
TOXIC_CATEGORIES = set(RULE_CATEGORIES_ISSUE3)


def _predict(engine: Engine, text: str) -> tuple[set[str], list[str]]:
    verdict = engine.moderate(text, id="bench")
    return {c.value for c in verdict.categories}, [f"{f.rule}:{f.text}" for f in verdict.findings]


def _max_scores(engine: Engine, text: str) -> dict[str, float]:
    scores: dict[str, float] = {}
    for f in engine.moderate(text, id="bench").findings:
        scores[f.category.value] = max(scores.get(f.category.value, 0.0), f.score)
    return scores


SWEEP = [round(0.3 + 0.05 * i, 2) for i in range(14)]


def threshold_sweep(engine: Engine, path: Path = DEV) -> dict[str, Any]:
    """Precision/recall per category as the score threshold moves; the policy's threshold is marked."""
    rows = [(set(r["labels"]), _max_scores(engine, r["text"])) for r in read_jsonl(path)]
    out: dict[str, Any] = {}
    for category in Category:
        key = category.value
        curve = []
        for t in SWEEP:
            tp = sum(1 for gold, sc in rows if key in gold and sc.get(key, 0) >= t)
            fp = sum(1 for gold, sc in rows if key not in gold and sc.get(key, 0) >= t)
            fn = sum(1 for gold, sc in rows if key in gold and sc.get(key, 0) < t)
            curve.append({"threshold": t, "precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / (tp + fn) if tp + fn else 1.0})
        out[key] = {"operating_point": engine.policy.threshold(category), "curve": curve}
    return out


def confusion(engine: Engine, path: Path = DEV) -> dict[str, dict[str, int]]:
    """For each gold category, how often each category was predicted (the diagonal is recall)."""
    table: dict[str, Counter[str]] = {c.value: Counter() for c in Category}
    for row in read_jsonl(path):
        predicted, _ = _predict(engine, row["text"])
        for gold in row["labels"] or ["clean"]:
            table.setdefault(gold, Counter()).update(predicted or {"clean"})
    return {k: dict(v) for k, v in table.items()}


def evaluate_dev(engine: Engine, path: Path = DEV) -> dict[str, Any]:
    counts: dict[str, Counter[str]] = {c.value: Counter() for c in Category}
    errors: dict[str, list[dict[str, Any]]] = defaultdict(list)
    rows = 0
    clean = clean_flagged = 0
    for row in read_jsonl(path):
        rows += 1
        gold = set(row["labels"])
        predicted, fired = _predict(engine, row["text"])
        if not gold:
            clean += 1
            clean_flagged += bool(predicted)
        for category in counts:
            g, p = category in gold, category in predicted
            key = "tp" if g and p else "fn" if g else "fp" if p else "tn"
            counts[category][key] += 1
            if key in {"fn", "fp"}:
                errors[category].append({"id": row["id"], "kind": key, "text": row["text"], "fired": fired})
    per_category = {}
    for category, c in counts.items():
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_category[category] = {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3), "support": c["tp"] + c["fn"], "false_alarms": c["fp"]}
    return {"rows": rows, "clean_false_positive_rate": round(clean_flagged / max(clean, 1), 3), "per_category": per_category, "errors": errors}


def evaluate_functional(engine: Engine, path: Path = FUNCTIONAL) -> dict[str, Any]:
    by_func: dict[str, Counter[str]] = defaultdict(Counter)
    failures = []
    for case in read_jsonl(path):
        predicted, fired = _predict(engine, case["text"])
        expected = set(case.get("labels", []))
        if case["expected"] == "flag":
            ok = bool(expected & predicted) if expected else bool(predicted)
        else:
            ok = not (predicted & TOXIC_CATEGORIES)
        by_func[case["functionality"]]["pass" if ok else "fail"] += 1
        if not ok:
            failures.append({"id": case["id"], "functionality": case["functionality"], "expected": case["expected"], "labels": sorted(expected), "text": case["text"], "predicted": sorted(predicted), "fired": fired})
    total = sum(sum(c.values()) for c in by_func.values())
    passed = sum(c["pass"] for c in by_func.values())
    return {
        "cases": total,
        "pass_rate": round(passed / max(total, 1), 3),
        "per_functionality": {k: round(v["pass"] / sum(v.values()), 3) for k, v in sorted(by_func.items())},
        "failures": failures,
    }


def evaluate_rtp(engine: Engine, path: Path = RTP_LX) -> dict[str, Any] | None:
    if not path.exists():
        return None
    toxic = toxic_flagged = benign = benign_flagged = 0
    misses, alarms = [], []
    for row in read_jsonl(path):
        text = row["Prompt"]
        predicted, fired = _predict(engine, text)
        flagged = bool(predicted & TOXIC_CATEGORIES)
        if row["Annotations"]["Toxicity"] >= 3:
            toxic += 1
            toxic_flagged += flagged
            if not flagged:
                misses.append(text)
        if all(v == 1 for values in row["AnnotationsRaw"].values() for v in values):
            benign += 1
            non_profane = predicted & (TOXIC_CATEGORIES - {"profanity"})
            benign_flagged += bool(non_profane)
            if non_profane:
                alarms.append({"text": text, "predicted": sorted(predicted), "fired": fired})
    return {
        "toxic_rows": toxic, "toxic_flagged_rate": round(toxic_flagged / max(toxic, 1), 3),
        "benign_rows": benign, "benign_flagged_rate_excl_profanity": round(benign_flagged / max(benign, 1), 3),
        "misses": misses, "false_alarms": alarms,
    }


def evaluate_absabank(engine: Engine, paths: list[Path] = ABSABANK) -> dict[str, Any] | None:
    present = [p for p in paths if p.exists()]
    if not present:
        return None
    rows = flagged = 0
    alarms = []
    for path in present:
        for row in read_jsonl(path):
            if row["label"] < 3:
                continue
            rows += 1
            predicted, fired = _predict(engine, row["text"])
            if "hate_speech" in predicted:
                flagged += 1
                alarms.append({"id": row["id"], "text": row["text"][:300], "fired": fired})
    return {"stance_ge_3_rows": rows, "hate_speech_rate": round(flagged / max(rows, 1), 4), "false_alarms": alarms}


def _corpus_table(title: str, result: dict[str, Any]) -> list[str]:
    lines = [f"### {title} ({result['rows']} comments; clean comments flagged: {result['clean_false_positive_rate']:.1%})", "",
             "| category | precision | recall | F1 | support |", "| --- | ---: | ---: | ---: | ---: |"]
    for cat, m in result["per_category"].items():
        lines.append(f"| {cat} | {m['precision']:.2f} | {m['recall']:.2f} | {m['f1']:.2f} | {m['support']} |")
    return lines + [""]


def markdown(report: dict[str, Any]) -> str:
    lines = []
    if report.get("dev"):
        lines += _corpus_table("Dev corpus", report["dev"])
    if report.get("test"):
        lines += _corpus_table("Blind test corpus (never used to write or tune rules)", report["test"])
    if report.get("test2"):
        lines += _corpus_table("Second blind test corpus, test2 (never used to write or tune rules)", report["test2"])
    func = report.get("functional")
    if func:
        lines += [f"### Functional suite: {func['pass_rate']:.1%} of {func['cases']} cases pass", ""]
        worst = sorted(func["per_functionality"].items(), key=lambda kv: kv[1])[:5]
        lines += ["Weakest functionalities: " + ", ".join(f"{k} {v:.0%}" for k, v in worst), ""]
    rtp = report.get("rtp_lx_sv")
    if rtp:
        lines += [f"### rtp-lx-sv: {rtp['toxic_flagged_rate']:.1%} of {rtp['toxic_rows']} rows with mean Toxicity ≥ 3 flagged; "
                  f"{rtp['benign_flagged_rate_excl_profanity']:.1%} of {rtp['benign_rows']} all-1 rows flagged (profanity aside)", ""]
    absa = report.get("absabank_imm")
    if absa:
        lines += [f"### absabank-imm: {absa['hate_speech_rate']:.2%} of {absa['stance_ge_3_rows']} paragraphs with stance ≥ 3 flagged as hate_speech", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", metavar="FILE", help="write the full report (with error lists) as JSON")
    parser.add_argument("--errors", metavar="CATEGORY", help="print misses and false alarms for a category (or 'functional', 'rtp', 'absabank'; 'test:CAT' or 'test2:CAT' for a blind corpus)")
    parser.add_argument("--rules", action="append", default=[], metavar="DIR", help="extra rule directory")
    args = parser.parse_args(argv)
    engine = Engine(extra_rule_dirs=args.rules, detect_language=False)
    report: dict[str, Any] = {"ruleset": engine.ruleset_info.model_dump()}
    if DEV.exists():
        report["dev"] = evaluate_dev(engine)
    if TEST.exists():
        report["test"] = evaluate_dev(engine, TEST)
    if TEST2.exists():
        report["test2"] = evaluate_dev(engine, TEST2)
    if FUNCTIONAL.exists():
        report["functional"] = evaluate_functional(engine)
    report["rtp_lx_sv"] = evaluate_rtp(engine)
    report["absabank_imm"] = evaluate_absabank(engine)
    print(markdown(report))
    if args.errors:
        _print_errors(report, args.errors)
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def _print_errors(report: dict[str, Any], which: str) -> None:
    out = sys.stdout
    if which == "functional":
        for f in report["functional"]["failures"]:
            print(f"[{f['functionality']}] expected {f['expected']} {f['labels']} got {f['predicted']} {f['fired']}: {f['text']}", file=out)
    elif which == "rtp":
        for text in report["rtp_lx_sv"]["misses"]:
            print(f"MISS {text}", file=out)
        for a in report["rtp_lx_sv"]["false_alarms"]:
            print(f"ALARM {a['predicted']} {a['fired']}: {a['text']}", file=out)
    elif which == "absabank":
        for a in report["absabank_imm"]["false_alarms"]:
            print(f"ALARM {a['fired']}: {a['text']}", file=out)
    else:
        if which.startswith("test2:"):
            print("(the second blind test corpus: read its errors to report them, never to tune rules on them)", file=out)
            for e in report.get("test2", {}).get("errors", {}).get(which.removeprefix("test2:"), []):
                print(f"{e['kind'].upper()} {e['id']} {e['fired']}: {e['text']}", file=out)
            return
        if which.startswith("test:"):
            print("(the blind test corpus: read its errors to report them, never to tune rules on them)", file=out)
            for e in report["test"]["errors"].get(which.removeprefix("test:"), []):
                print(f"{e['kind'].upper()} {e['id']} {e['fired']}: {e['text']}", file=out)
            return
        for e in report["dev"]["errors"].get(which, []):
            print(f"{e['kind'].upper()} {e['id']} {e['fired']}: {e['text']}", file=out)


if __name__ == "__main__":
    raise SystemExit(main())
