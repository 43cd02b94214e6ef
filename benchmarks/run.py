"""`modkit bench` / `python -m benchmarks.run`: quality and speed in one report.

    python -m benchmarks.run                       # full run: quality + speed on a generated 100,000-comment dump
    python -m benchmarks.run --size 20000 --quick  # faster, fewer repeats
    python -m benchmarks.run --skip-speed          # quality only

Writes bench.json, bench.md and bench.html into --out (default benchmarks/out/).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from modkit import Engine

from . import peers, quality, report, speed
from .generate import write as write_dump


def run_quality(engine: Engine) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if quality.DEV.exists():
        out["dev"] = quality.evaluate_dev(engine)
        out["confusion"] = quality.confusion(engine)
        out["sweep"] = quality.threshold_sweep(engine)
    if quality.TEST.exists():
        out["test"] = quality.evaluate_dev(engine, quality.TEST)
    if quality.FUNCTIONAL.exists():
        out["functional"] = quality.evaluate_functional(engine)
    out["rtp_lx_sv"] = quality.evaluate_rtp(engine)
    out["absabank_imm"] = quality.evaluate_absabank(engine)
    return out


def run_speed(size: int, repeats: int, workdir: Path, log: Any) -> dict[str, Any]:
    dump = write_dump(size, workdir / f"generated_{size}.jsonl")
    comments = speed.load_comments(dump)
    engine = Engine()
    result: dict[str, Any] = {"machine": speed.machine(), "median_chars": statistics.median(len(c.text) for c in comments)}
    log("engine throughput …")
    result["engine"] = speed.engine_throughput(engine, comments, repeats)
    log("latency …")
    result["latency"] = speed.latency(engine, comments)
    log("stage costs …")
    result["stage_costs"] = speed.stage_costs(engine, comments[:5000])
    log("end to end …")
    result["end_to_end"] = speed.end_to_end(dump, repeats)
    log("floor …")
    result["floor"] = speed.floor(dump, repeats)
    log("start-up …")
    result["startup"] = speed.startup()
    log("peers …")
    texts = [c.text for c in comments]
    result["peers"] = {
        "better-profanity (LDNOOBW sv, 245 words)": peers.better_profanity_speed(texts[:300]),
        "presidio-analyzer (pattern recognizers)": peers.presidio_speed(texts[:5000]),
    }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="modkit bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("out"))
    parser.add_argument("--size", type=int, default=100_000, help="generated comments for the speed runs")
    parser.add_argument("--quick", action="store_true", help="one repeat instead of three")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-quality", action="store_true")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    def log(message: str) -> None:
        print(f"bench: {message}", file=sys.stderr, flush=True)

    started = time.perf_counter()
    full: dict[str, Any] = {}
    engine = Engine(detect_language=False)
    full["ruleset"] = engine.ruleset_info.model_dump()
    if not args.skip_quality:
        log("quality …")
        full["quality"] = run_quality(engine)
    if not args.skip_speed:
        with tempfile.TemporaryDirectory() as tmp:
            full["speed"] = run_speed(args.size, 1 if args.quick else 3, Path(tmp), log)
    full["seconds"] = time.perf_counter() - started
    report.write_json(full, args.out / "bench.json")
    md = report.write_markdown(full, args.out / "bench.md")
    report.write_html(full, md, args.out / "bench.html")
    print(md)
    log(f"wrote {args.out}/bench.json, bench.md, bench.html in {full['seconds']:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
