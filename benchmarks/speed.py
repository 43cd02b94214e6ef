"""Speed: engine throughput, single-call latency, end-to-end `modkit score`, start-up, memory.

Every figure is the median of repeated runs after a warm-up. End-to-end runs,
start-up and the floor run in child processes so that their memory and
import costs are measured as a user would see them.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from modkit import Comment, Engine

from .datasets import read_jsonl

_CHILD = Path(__file__).with_name("_child.py")


def machine() -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}


def load_comments(path: Path, limit: int | None = None) -> list[Comment]:
    out = []
    for i, row in enumerate(read_jsonl(path)):
        if limit is not None and i >= limit:
            break
        out.append(Comment(id=str(row.get("id", i)), text=row["text"], platform=row.get("platform", "other")))
    return out


def engine_throughput(engine: Engine, comments: list[Comment], repeats: int = 3) -> dict[str, float]:
    """Comments/s and MB/s inside the engine (no I/O), median of `repeats` after a warm-up pass."""
    size_mb = sum(len(c.text.encode()) for c in comments) / 1e6
    for c in comments[: min(len(comments), 5000)]:
        engine.moderate(c)
    rates = []
    for _ in range(repeats):
        started = time.perf_counter()
        for c in comments:
            engine.moderate(c)
        rates.append(time.perf_counter() - started)
    elapsed = statistics.median(rates)
    return {"comments_per_s": len(comments) / elapsed, "mb_per_s": size_mb / elapsed, "comments": len(comments)}


def latency(engine: Engine, comments: list[Comment], n: int = 5000) -> dict[str, float]:
    """p50/p95/p99 of single `moderate()` calls, in milliseconds."""
    sample = comments[:n]
    for c in sample[:500]:
        engine.moderate(c)
    times = []
    for c in sample:
        started = time.perf_counter()
        engine.moderate(c)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()

    def pct(p: float) -> float:
        return times[min(len(times) - 1, int(p / 100 * len(times)))]

    return {"p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99), "max_ms": times[-1], "calls": len(times)}


def _child(args: list[str]) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, str(_CHILD), *args], capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"benchmark child failed: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def end_to_end(path: Path, repeats: int = 3, extra: list[str] | None = None) -> dict[str, float]:
    """`modkit score FILE -o FILE` in a child process: comments/s, MB/s and peak memory."""
    rows = sum(1 for _ in path.open(encoding="utf-8"))
    size_mb = path.stat().st_size / 1e6
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        for _ in range(repeats):
            runs.append(_child(["score", str(path), str(out), *(extra or [])]))
    elapsed = statistics.median(r["seconds"] for r in runs)
    return {"comments_per_s": rows / elapsed, "mb_per_s": size_mb / elapsed, "peak_rss_mb": max(r["peak_rss_mb"] for r in runs), "rows": rows}


def floor(path: Path, repeats: int = 3) -> dict[str, float]:
    """Reading and writing the same JSONL without moderating: the floor any tool pays."""
    rows = sum(1 for _ in path.open(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        runs = [_child(["floor", str(path), str(Path(tmp) / "out.jsonl")]) for _ in range(repeats)]
    elapsed = statistics.median(r["seconds"] for r in runs)
    return {"comments_per_s": rows / elapsed, "peak_rss_mb": max(r["peak_rss_mb"] for r in runs)}


def startup(repeats: int = 5) -> dict[str, float]:
    """Import modkit and compile the bundled rules, in a fresh interpreter."""
    runs = [_child(["startup"])["seconds"] for _ in range(repeats)]
    return {"seconds": statistics.median(runs)}


def stage_costs(engine: Engine, comments: list[Comment]) -> dict[str, Any]:
    """Time per stage and per pattern rule, so an expensive rule is visible."""
    from modkit.detectors.language import guess_language
    from modkit.text import NormalisedText

    compiled = engine.compiled
    stages = {"normalise": 0.0, "terms": 0.0, "patterns": 0.0, "language": 0.0, "whole_engine": 0.0}
    per_rule: dict[str, float] = {}
    runs: dict[str, int] = {}
    for c in comments:
        t0 = time.perf_counter()
        doc = NormalisedText(c.text)
        _ = doc.ascii_skeleton
        t1 = time.perf_counter()
        compiled._term_hits(doc)
        t2 = time.perf_counter()
        for index in compiled._candidate_patterns(doc.lower):
            code = compiled.rules[index].spec.code
            s = time.perf_counter()
            for _m in compiled._patterns[index].finditer(doc.lower, timeout=1.0):
                pass
            per_rule[code] = per_rule.get(code, 0.0) + time.perf_counter() - s
            runs[code] = runs.get(code, 0) + 1
        t3 = time.perf_counter()
        guess_language(c.text)
        t4 = time.perf_counter()
        engine.moderate(c)
        t5 = time.perf_counter()
        stages["normalise"] += t1 - t0
        stages["terms"] += t2 - t1
        stages["patterns"] += t3 - t2
        stages["language"] += t4 - t3
        stages["whole_engine"] += t5 - t4
    n = len(comments)
    return {
        "us_per_comment": {k: v / n * 1e6 for k, v in stages.items()},
        "pattern_rules": sorted(
            ({"rule": k, "us_per_comment": v / n * 1e6, "share_of_comments_run": runs[k] / n} for k, v in per_rule.items()),
            key=lambda r: -r["us_per_comment"],
        ),
        "unanchored_patterns": compiled.unanchored_patterns,
    }
