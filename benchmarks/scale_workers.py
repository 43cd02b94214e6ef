"""Scale: `modkit score --workers N` on a large generated dump: time, speed-up, memory over time.

    python -m benchmarks.scale_workers                      # 1,000,000 comments, --workers 1 and 2
    python -m benchmarks.scale_workers --rows 200000 --workers 1 2 4 --language

The dump comes from `benchmarks.generate` (seeded, realistic comments) and is
kept in benchmarks/out/. Each run is a child `modkit score` process; the
resident memory of its whole process tree (the main process and its workers)
is sampled twice a second, so "flat memory" is visible as RSS that does not
grow between the first and the last quarter of the run. The outputs of all
runs must be byte for byte identical (the order is the input's). Results go
to benchmarks/out/scale_workers.json and are printed as a table.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from modkit.resources import bundled_rules_root

from .generate import write
from .speed import machine

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            text = (task / "children").read_text().split()
            found += [int(c) for c in text]
    except OSError:
        return found
    return found + [g for c in found for g in _children(c)]


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def snapshot_rules() -> list[str]:
    """A frozen copy of the bundled rules, so that every run scores with the same rules
    even while someone edits rules/ in the working tree."""
    target = OUT / "rules_snapshot"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(bundled_rules_root(), target)
    return ["--only-rules", str(target / "sv"), "--policy", str(target / "policy.toml")]


def run_once(dump: Path, workers: int, language: bool, rules: list[str]) -> dict[str, Any]:
    out = OUT / f"scale_out_w{workers}.jsonl"
    cmd = [sys.executable, "-m", "modkit", "score", str(dump), "-o", str(out), "--workers", str(workers), "--quiet", *rules]
    if not language:
        cmd.append("--no-language")
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT)
    samples: list[tuple[float, float, float, int]] = []  # (seconds, tree RSS MB, main RSS MB, output bytes)
    usage = None
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            break
        pids = [proc.pid, *_children(proc.pid)]
        main = _rss_mb(proc.pid)
        tree = main + sum(_rss_mb(p) for p in pids[1:])
        size = out.stat().st_size if out.exists() else 0
        samples.append((time.perf_counter() - started, tree, main, size))
        time.sleep(0.5)
    elapsed = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(f"modkit score --workers {workers} failed with exit code {proc.returncode}")
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    lines = sum(1 for _ in out.open("rb"))
    quarter = max(1, len(samples) // 4)
    first, last = samples[:quarter], samples[-quarter:]
    return {
        "workers": workers,
        "seconds": round(elapsed, 1),
        "comments_per_s": round(lines / elapsed),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),  # the run and its workers, all cores
        "cpu_share": round((usage.ru_utime + usage.ru_stime) / elapsed, 2),  # cores busy on average
        "output_lines": lines,
        "output_sha256": digest,
        "peak_tree_rss_mb": round(max(s[1] for s in samples), 1) if samples else None,
        "peak_main_rss_mb": round(max(s[2] for s in samples), 1) if samples else None,
        "tree_rss_first_quarter_mb": round(max(s[1] for s in first), 1) if samples else None,
        "tree_rss_last_quarter_mb": round(max(s[1] for s in last), 1) if samples else None,
        "rss_timeline_mb": [(round(t, 1), round(r, 1), size) for t, r, _, size in samples[:: max(1, len(samples) // 40)]],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--language", action="store_true", help="with language identification (about 3x slower per comment)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    dump = OUT / f"dump_{args.rows}_seed{args.seed}.jsonl"
    if not dump.exists():
        t = time.perf_counter()
        write(args.rows, dump, args.seed)
        print(f"generated {dump.name} ({dump.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    results = []
    rules = snapshot_rules()
    load_before = os.getloadavg()[0]
    for workers in args.workers:
        print(f"scoring {args.rows:,} comments with --workers {workers} …", file=sys.stderr)
        results.append(run_once(dump, workers, args.language, rules))
        r = results[-1]
        print(f"  {r['seconds']} s, {r['comments_per_s']:,}/s, {r['cpu_seconds']} CPU s, peak RSS {r['peak_tree_rss_mb']} MB", file=sys.stderr)
    base = results[0]["seconds"]
    identical = len({r["output_sha256"] for r in results}) == 1
    report = {
        "machine": machine(),
        "rows": args.rows,
        "language": args.language,
        "dump_mb": round(dump.stat().st_size / 1e6, 1),
        "load_average_before": round(load_before, 2),
        "outputs_identical": identical,
        "runs": [{**r, "speedup": round(base / r["seconds"], 2)} for r in results],
    }
    (OUT / "scale_workers.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"\n{args.rows:,} comments, {report['dump_mb']} MB, {os.cpu_count()} cores, language {'on' if args.language else 'off'},"
          f" load average before {report['load_average_before']}")
    print("| workers | seconds | comments/s | speed-up | CPU seconds | cores busy | peak RSS, all processes | RSS first quarter → last quarter |")
    print("|---|---|---|---|---|---|---|---|")
    for r in report["runs"]:
        print(f"| {r['workers']} | {r['seconds']} | {r['comments_per_s']:,} | {r['speedup']}× | {r['cpu_seconds']} | {r['cpu_share']}"
              f" | {r['peak_tree_rss_mb']} MB | {r['tree_rss_first_quarter_mb']} → {r['tree_rss_last_quarter_mb']} MB |")
    print(f"outputs identical: {identical}")
    return 0 if identical else 1


if __name__ == "__main__":
    raise SystemExit(main())
