"""Personal-data benchmark: modkit against presidio-analyzer on a generated corpus,
plus sensitive_data and personal_data on the labelled dev corpus.

    pip install -e ".[bench]"          # faker (+ presidio-analyzer for the comparison)
    python -m benchmarks.personal_data                 # 3,000 generated comments, seed 7
    python -m benchmarks.personal_data --n 5000 --seed 3 --errors phone

Entity-level scores on the generated corpus (benchmarks/pd_corpus.py): a gold
entity counts as found when a finding of its rule group overlaps it; a finding
counts as a false alarm when it overlaps no gold entity of its group.
presidio-analyzer runs with its pattern recognizers only (e-mail, phone via
`phonenumbers` for SE, IBAN) plus a Swedish personnummer PatternRecognizer
written here; no NLP model is loaded (none can be downloaded), so it finds no
names. Targets: personnummer, phone and e-mail precision and recall >= 0.98;
addresses and names-with-detail recall >= 0.90; sensitive_data on the dev
corpus precision >= 0.90, recall >= 0.85.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from modkit import Engine

from .datasets import DEV, read_jsonl
from .pd_corpus import HELDOUT_FIRST, HELDOUT_SUR, generate

GROUPS: dict[str, set[str]] = {
    "personnummer": {"PD01", "PD12"},
    "phone": {"PD02"},
    "email": {"PD03"},
    "address": {"PD04", "PD11", "PD20"},
    "name_detail": {"PD20", "PD21", "PD22", "PD23", "PD24"},
    "plate": {"PD05"},
    "account": {"PD06", "PD07", "PD08", "PD09", "PD10"},
}
TARGETS = {"personnummer": (0.98, 0.98), "phone": (0.98, 0.98), "email": (0.98, 0.98), "address": (None, 0.90), "name_detail": (None, 0.90)}
PRESIDIO_GROUPS = {"personnummer": {"SE_PERSONNUMMER"}, "phone": {"PHONE_NUMBER"}, "email": {"EMAIL_ADDRESS"}, "account": {"IBAN_CODE"}}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(rows: list[dict], predictions: list[list[tuple[str, int, int]]], groups: dict[str, set[str]]) -> dict[str, dict[str, Any]]:
    """Entity-level precision/recall per group; predictions are (code, start, end) per row."""
    out: dict[str, dict[str, Any]] = {}
    for group, codes in groups.items():
        tp = fn = fp = 0
        misses, alarms = [], []
        for row, preds in zip(rows, predictions):
            gold = [(e["start"], e["end"]) for e in row["entities"] if e["type"] == group]
            mine = [(s, e) for code, s, e in preds if code in codes]
            for g in gold:
                if any(_overlap(g, p) for p in mine):
                    tp += 1
                else:
                    fn += 1
                    misses.append(row["text"])
            # a finding is right when it overlaps a gold entity of its group (or, for the
            # overlapping address/name groups, any gold personal-data entity)
            any_gold = [(e["start"], e["end"]) for e in row["entities"]]
            for p in mine:
                if not any(_overlap(p, g) for g in (gold if group in {"personnummer", "phone", "email"} else any_gold)):
                    fp += 1
                    alarms.append(f"{row['text'][p[0]:p[1]]!r} in: {row['text']}")
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        out[group] = {"precision": round(precision, 4), "recall": round(recall, 4), "support": tp + fn, "false_alarms": fp, "misses": misses, "alarms": alarms}
    return out


def run_modkit(engine: Engine, rows: list[dict]) -> tuple[list[list[tuple[str, int, int]]], float]:
    preds = []
    started = time.perf_counter()
    for row in rows:
        verdict = engine.moderate(row["text"], id=row["id"])
        preds.append([(f.rule, f.start, f.end) for f in verdict.findings if f.category.value == "personal_data"])
    return preds, len(rows) / (time.perf_counter() - started)


def person_detector_cost(engine: Engine, rows: list[dict], repeats: int = 3) -> tuple[float, float]:
    """The person detector alone: CPU µs per comment (median of `repeats` passes) and the share
    of comments its prefilter skips (CPU time, so that other load on the machine counts less)."""
    from modkit.detectors.persons import PersonDetector
    from modkit.text import NormalisedText

    detector = next(d for d in engine.detectors if isinstance(d, PersonDetector))
    docs = [NormalisedText(row["text"]) for row in rows]
    times = []
    for _ in range(repeats):
        started = time.process_time()
        for doc in docs:
            detector.detect(doc)
        times.append((time.process_time() - started) / len(docs) * 1e6)
    skipped = sum(not detector.prefilter.may_flag(doc.original) for doc in docs) / len(docs)
    return statistics.median(times), skipped


def presidio_recognizers() -> list[Any] | None:
    """presidio's pattern recognizers + a Swedish personnummer one; None when not installed."""
    try:
        from presidio_analyzer import Pattern, PatternRecognizer
        from presidio_analyzer.predefined_recognizers import EmailRecognizer, IbanRecognizer, PhoneRecognizer
    except ImportError:
        return None

    class SePersonnummerRecognizer(PatternRecognizer):
        def validate_result(self, pattern_text: str) -> bool:  # Luhn over the last ten digits
            from modkit.rules.validators import personnummer_ok

            return personnummer_ok(pattern_text)

    pnr = SePersonnummerRecognizer(
        supported_entity="SE_PERSONNUMMER",
        patterns=[Pattern("personnummer", r"\b(?:19|20)?\d{6}[-+ ]?\d{4}\b", 0.5)],
        context=["personnummer", "pnr", "samordningsnummer"],
        supported_language="sv",
    )
    return [EmailRecognizer(supported_language="sv"), PhoneRecognizer(supported_language="sv", supported_regions=("SE",)),
            IbanRecognizer(supported_language="sv"), pnr]


def run_presidio(recognizers: list[Any], rows: list[dict]) -> tuple[list[list[tuple[str, int, int]]], float]:
    preds = []
    started = time.perf_counter()
    for row in rows:
        found = []
        for rec in recognizers:
            for res in rec.analyze(row["text"], rec.supported_entities, None) or []:
                found.append((res.entity_type, res.start, res.end))
        preds.append(found)
    return preds, len(rows) / (time.perf_counter() - started)


def dev_scores(engine: Engine, path: Path = DEV) -> dict[str, Any] | None:
    if not path.exists():
        return None
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    errors: dict[str, list[str]] = defaultdict(list)
    for row in read_jsonl(path):
        got = {c.value for c in engine.moderate(row["text"], id=row["id"]).categories}
        for cat in ("personal_data", "sensitive_data"):
            g, p = cat in row["labels"], cat in got
            if g and p:
                counts[cat]["tp"] += 1
            elif p:
                counts[cat]["fp"] += 1
                errors[cat].append(f"FP {row['id']}: {row['text'][:160]}")
            elif g:
                counts[cat]["fn"] += 1
                errors[cat].append(f"FN {row['id']}: {row['text'][:160]}")
    out = {}
    for cat, c in counts.items():
        out[cat] = {
            "precision": round(c["tp"] / max(c["tp"] + c["fp"], 1), 4),
            "recall": round(c["tp"] / max(c["tp"] + c["fn"], 1), 4),
            "support": c["tp"] + c["fn"], "false_alarms": c["fp"], "errors": errors[cat],
        }
    return out


def heldout_check() -> list[str]:
    """Held-out names must not be in the lists (else the held-out recall means nothing)."""
    from modkit.resources import bundled_rule_dirs

    names = set()
    for f in ("first_names_female.txt", "first_names_male.txt", "surnames.txt"):
        path = bundled_rule_dirs()[0] / "names" / f
        names |= {line.strip().casefold() for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")}
    return [n for n in HELDOUT_FIRST + HELDOUT_SUR if n.casefold() in names]


def _fmt(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--errors", metavar="GROUP", help="print misses and false alarms for a group (personnummer, phone, …, sensitive_data)")
    parser.add_argument("--json", metavar="FILE")
    parser.add_argument("--no-presidio", action="store_true")
    args = parser.parse_args(argv)

    leaked = heldout_check()
    if leaked:
        print(f"warning: held-out names found in the lists: {leaked}", file=sys.stderr)
    rows = generate(args.n, args.seed)
    engine = Engine(detect_language=False)
    preds, speed = run_modkit(engine, rows)
    mine = score(rows, preds, GROUPS)
    held = [r for r in rows if r["heldout_names"]]
    held_preds = [p for r, p in zip(rows, preds) if r["heldout_names"]]
    mine_held = score(held, held_preds, {"name_detail": GROUPS["name_detail"]})["name_detail"]

    recognizers = None if args.no_presidio else presidio_recognizers()
    theirs, their_speed = (None, None)
    if recognizers is not None:
        ppreds, their_speed = run_presidio(recognizers, rows)
        theirs = score(rows, ppreds, PRESIDIO_GROUPS)

    report: dict[str, Any] = {"n": len(rows), "seed": args.seed, "modkit": mine, "modkit_comments_per_s": round(speed),
                              "name_detail_heldout_names": mine_held, "presidio": theirs,
                              "presidio_comments_per_s": round(their_speed) if their_speed else None}
    print(f"### Generated corpus: {len(rows)} comments (seed {args.seed})\n")
    print("| entity | support | modkit P | modkit R | presidio P | presidio R | target P/R |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for group, m in mine.items():
        t = theirs.get(group) if theirs else None
        target = TARGETS.get(group)
        tgt = f"{_fmt(target[0])} / {_fmt(target[1])}" if target else ""
        print(f"| {group} | {m['support']} | {m['precision']:.3f} | {m['recall']:.3f} | {_fmt(t['precision'] if t else None)} | {_fmt(t['recall'] if t else None)} | {tgt} |")
    print(f"\nnames with detail, held-out names only (not in the lists): recall {mine_held['recall']:.3f} of {mine_held['support']}")
    print(f"speed (whole engine, all categories): modkit {speed:,.0f} comments/s", end="")
    print(f"; presidio pattern recognizers {their_speed:,.0f} comments/s" if their_speed else "; presidio not installed (pip install presidio-analyzer)")
    person_us, skipped = person_detector_cost(engine, rows)
    report["person_detector_us_per_comment"], report["person_prefilter_skipped"] = round(person_us, 1), round(skipped, 4)
    print(f"person detector alone: {person_us:.1f} µs CPU per comment; its prefilter skips {skipped:.0%} of the comments")

    dev = dev_scores(engine)
    if dev:
        report["dev"] = dev
        print("\n### Dev corpus (corpora/sv/dev.jsonl)\n")
        print("| category | precision | recall | support |\n| --- | ---: | ---: | ---: |")
        for cat, m in dev.items():
            print(f"| {cat} | {m['precision']:.3f} | {m['recall']:.3f} | {m['support']} |")
    failed = []
    for group, (tp, tr) in TARGETS.items():
        m = mine[group]
        if (tp is not None and m["precision"] < tp) or (tr is not None and m["recall"] < tr):
            failed.append(group)
    if dev and (dev["sensitive_data"]["precision"] < 0.90 or dev["sensitive_data"]["recall"] < 0.85):
        failed.append("sensitive_data")
    print("\nall targets met" if not failed else f"\ntargets missed: {', '.join(failed)}")

    if args.errors:
        if args.errors in mine:
            for text in mine[args.errors]["misses"][:40]:
                print("MISS", text)
            for text in mine[args.errors]["alarms"][:40]:
                print("ALARM", text)
        elif dev and args.errors in dev:
            print("\n".join(dev[args.errors]["errors"]))
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
