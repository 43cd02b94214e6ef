"""Classifier benchmark: rules only, classifier only, and rules + classifier, on held-out data.

    python -m benchmarks.classifier                 # Markdown summary to stdout
    python -m benchmarks.classifier --json out.json # also machine-readable
    python -m benchmarks.classifier --added         # list what the classifier added on the test split

Held out from the classifier: the test split of corpora/sv/dev.jsonl (corpora/README.md,
"Splits"), the blind corpora/sv/test.jsonl when present, and from ../shared/data when present
rtp-lx-sv and absabank-imm's dev file (its train file may be trained on: `modkit train --shared`). "Combined" is the engine with `classifiers=["tfidf"]` under the
bundled policy (its classifier thresholds were tuned on the train split only); "classifier
only" flags a category when its score reaches the policy's threshold for it (the shared
`[classifiers] threshold` where the policy turns the classifier off). Needs modkit[ml].
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from modkit import Category, ClassifierError, Engine
from modkit.classifiers.corpus import Example, read_labelled
from modkit.classifiers.tfidf import TfidfLinearClassifier
from modkit.policy import Policy

from .datasets import ABSABANK, DEV, RTP_LX, TEST, read_jsonl
from .quality import TOXIC_CATEGORIES

SYSTEMS = ("rules", "classifier", "combined")
MAX_PRECISION_DROP = 0.02


class Systems:
    """The three ways of flagging, run side by side over a list of texts."""

    def __init__(self, model: Path | None = None) -> None:
        self.classifier = TfidfLinearClassifier(model)
        self.rules = Engine(detect_language=False)
        self.combined = Engine(detect_language=False, classifiers=[self.classifier])
        self.policy: Policy = self.combined.policy
        self.thresholds = {
            c: t if (t := self.policy.classifier_threshold(c)) is not None else self.policy.classifiers.threshold
            for c in Category
        }
        self.seconds: Counter[str] = Counter()
        self.texts = 0

    def flag(self, texts: list[str]) -> dict[str, list[set[str]]]:
        out: dict[str, list[set[str]]] = {}
        started = time.perf_counter()
        out["rules"] = [{c.value for c in v.categories} for v in self.rules.moderate_many(texts)]
        self.seconds["rules"] += time.perf_counter() - started
        started = time.perf_counter()
        scores = [s for i in range(0, len(texts), 256) for s in self.classifier.predict(texts[i : i + 256])]
        out["classifier"] = [{c.value for c, v in s.items() if v >= self.thresholds[c]} for s in scores]
        self.seconds["classifier"] += time.perf_counter() - started
        started = time.perf_counter()
        out["combined"] = [{c.value for c in v.categories} for v in self.combined.moderate_many(texts)]
        self.seconds["combined"] += time.perf_counter() - started
        self.texts += len(texts)
        return out


def evaluate_labelled(systems: Systems, examples: list[Example]) -> dict[str, Any]:
    flagged = systems.flag([e.text for e in examples])
    gold = [{c.value for c in e.labels} for e in examples]
    report: dict[str, Any] = {"rows": len(examples), "per_category": {}, "micro": {}, "macro": {}, "comments": {}, "added": []}
    for system in SYSTEMS:
        totals: Counter[str] = Counter()
        per_category = {}
        for category in Category:
            c = _counts([category.value in p for p in flagged[system]], [category.value in g for g in gold])
            totals.update(c)
            per_category[category.value] = _metrics(c)
        report["per_category"][system] = per_category
        report["micro"][system] = _metrics(totals)
        supported = [m for m in per_category.values() if m["support"]]
        report["macro"][system] = {k: round(sum(m[k] for m in supported) / len(supported), 3) for k in ("precision", "recall", "f1")}
        report["comments"][system] = _metrics(_counts([bool(p) for p in flagged[system]], [bool(g) for g in gold]))
    for e, g, r, c in zip(examples, gold, flagged["rules"], flagged["combined"]):
        for category in sorted(c - r):
            report["added"].append({"id": e.id, "category": category, "right": category in g, "text": e.text})
    return report


def evaluate_rtp(systems: Systems, path: Path = RTP_LX) -> dict[str, Any] | None:
    """Rows with mean Toxicity ≥ 3 flagged (toxic categories), and all-1 rows flagged (profanity aside),
    as in benchmarks.quality."""
    if not path.exists():
        return None
    rows = list(read_jsonl(path))
    flagged = systems.flag([r["Prompt"] for r in rows])
    toxic = [r["Annotations"]["Toxicity"] >= 3 for r in rows]
    benign = [all(v == 1 for values in r["AnnotationsRaw"].values() for v in values) for r in rows]
    out: dict[str, Any] = {"toxic_rows": sum(toxic), "benign_rows": sum(benign)}
    for system in SYSTEMS:
        hit = [bool(p & TOXIC_CATEGORIES) for p in flagged[system]]
        alarm = [bool(p & (TOXIC_CATEGORIES - {"profanity"})) for p in flagged[system]]
        out[system] = {
            "toxic_flagged_rate": round(sum(h for h, t in zip(hit, toxic) if t) / max(sum(toxic), 1), 3),
            "benign_flagged_rate_excl_profanity": round(sum(a for a, b in zip(alarm, benign) if b) / max(sum(benign), 1), 3),
        }
    return out


def evaluate_absabank(systems: Systems, paths: list[Path] = ABSABANK[:1]) -> dict[str, Any] | None:
    """Paragraphs of absabank-imm's dev file with immigration stance ≥ 3 (neutral or positive) flagged
    as hate_speech: false alarms."""
    rows = [r for p in paths if p.exists() for r in read_jsonl(p) if r["label"] >= 3]
    if not rows:
        return None
    flagged = systems.flag([r["text"] for r in rows])
    return {"rows": len(rows), **{s: {"hate_speech_rate": round(sum("hate_speech" in p for p in flagged[s]) / len(rows), 4)} for s in SYSTEMS}}


def _counts(predicted: list[bool], gold: list[bool]) -> Counter[str]:
    c: Counter[str] = Counter()
    for p, g in zip(predicted, gold):
        c["tp" if p and g else "fn" if g else "fp" if p else "tn"] += 1
    return c


def _metrics(c: Counter[str]) -> dict[str, Any]:
    precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
    recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "support": c["tp"] + c["fn"], "tp": c["tp"], "fp": c["fp"]}


def verdict(labelled: dict[str, Any]) -> dict[str, Any]:
    rules, combined = labelled["micro"]["rules"], labelled["micro"]["combined"]
    drop = round(rules["precision"] - combined["precision"], 3)
    gain = round(combined["recall"] - rules["recall"], 3)
    return {"recall_gain": gain, "precision_drop": drop, "pass": gain > 0 and drop <= MAX_PRECISION_DROP}


def markdown(report: dict[str, Any]) -> str:
    lines = [
        f"Classifier `{report['classifier']['name']}` {report['classifier']['version']} "
        f"(model `{report['classifier']['content_hash'][:12]}…`); rules {report['ruleset']['version']}; "
        f"policy: classifier threshold {report['policy']['threshold']}, apply_to {report['policy']['apply_to']}, "
        f"categories {', '.join(report['policy']['categories']) or 'none'}.",
        "",
    ]
    for key, title in (("dev_test", "Test split of corpora/sv/dev.jsonl"), ("blind_test", "Blind corpora/sv/test.jsonl")):
        result = report.get(key)
        if not result:
            continue
        check = result["check"]
        lines += [
            f"### {title} ({result['rows']} comments, held out)",
            "",
            "| category | support | rules P / R | classifier P / R | combined P / R |",
            "| --- | ---: | --- | --- | --- |",
        ]
        for category in (c.value for c in Category):
            m = {s: result["per_category"][s][category] for s in SYSTEMS}
            lines.append(f"| {category} | {m['rules']['support']} | " + " | ".join(_pr(m[s]) for s in SYSTEMS) + " |")
        for avg in ("micro", "macro"):
            lines.append(f"| **{avg} average** | | " + " | ".join(_pr(result[avg][s]) for s in SYSTEMS) + " |")
        lines.append("| **comments (any category)** | " + f"{result['comments']['rules']['support']} | "
                     + " | ".join(_pr(result["comments"][s]) for s in SYSTEMS) + " |")
        right = sum(a["right"] for a in result["added"])
        lines += [
            "",
            f"Combined vs rules (micro): recall {check['recall_gain']:+.3f}, precision {-check['precision_drop']:+.3f} "
            f"→ {'PASS' if check['pass'] else 'FAIL'} (recall up, precision at most {MAX_PRECISION_DROP} lower). "
            f"The classifier added {len(result['added'])} category labels, {right} of them right.",
            "",
        ]
    rtp = report.get("rtp_lx_sv")
    if rtp:
        lines += [f"### rtp-lx-sv ({rtp['toxic_rows']} rows with mean Toxicity ≥ 3; {rtp['benign_rows']} all-1 rows)", "",
                  "| | rules | classifier | combined |", "| --- | ---: | ---: | ---: |",
                  "| toxic rows flagged | " + " | ".join(f"{rtp[s]['toxic_flagged_rate']:.1%}" for s in SYSTEMS) + " |",
                  "| all-1 rows flagged (profanity aside) | " + " | ".join(f"{rtp[s]['benign_flagged_rate_excl_profanity']:.1%}" for s in SYSTEMS) + " |", ""]
    absa = report.get("absabank_imm")
    if absa:
        lines += [f"### absabank-imm dev ({absa['rows']} paragraphs with stance ≥ 3): flagged as hate_speech", "",
                  "| rules | classifier | combined |", "| ---: | ---: | ---: |",
                  "| " + " | ".join(f"{absa[s]['hate_speech_rate']:.2%}" for s in SYSTEMS) + " |", ""]
    speed = report["speed"]
    lines.append(f"Speed over {speed['texts']} texts (one process): " + ", ".join(f"{s} {speed[s]:,.0f} comments/s" for s in SYSTEMS) + ".")
    return "\n".join(lines)


def _pr(m: dict[str, Any]) -> str:
    return f"{m['precision']:.2f} / {m['recall']:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", metavar="FILE", help="write the full report as JSON")
    parser.add_argument("--model", type=Path, help="model file (default: the bundled models/tfidf_linear_v1/model.skops)")
    parser.add_argument("--added", action="store_true", help="list the category labels the classifier added on the test split")
    args = parser.parse_args(argv)
    try:
        systems = Systems(args.model)
    except ClassifierError as exc:
        print(f"benchmarks.classifier: {exc}", file=sys.stderr)
        return 2
    policy = systems.policy
    report: dict[str, Any] = {
        "classifier": {"name": systems.classifier.name, "version": systems.classifier.version,
                       "content_hash": systems.classifier.content_hash},
        "ruleset": systems.rules.ruleset_info.model_dump(),
        "policy": {"threshold": policy.classifiers.threshold, "apply_to": policy.classifiers.apply_to,
                   "categories": [c.value for c in Category if policy.classifier_threshold(c) is not None]},
    }
    report["dev_test"] = evaluate_labelled(systems, read_labelled(DEV, split="test"))
    if TEST.exists():
        report["blind_test"] = evaluate_labelled(systems, read_labelled(TEST))
    for key in ("dev_test", "blind_test"):
        if key in report:
            report[key]["check"] = verdict(report[key])
    report["rtp_lx_sv"] = evaluate_rtp(systems)
    report["absabank_imm"] = evaluate_absabank(systems)
    report["speed"] = {"texts": systems.texts, **{s: systems.texts / max(systems.seconds[s], 1e-9) for s in SYSTEMS}}
    print(markdown(report))
    if args.added:
        for a in report["dev_test"]["added"]:
            print(f"{'RIGHT' if a['right'] else 'WRONG'} {a['id']} {a['category']}: {a['text']}", file=sys.stdout)
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
