"""Run one timed job in a fresh interpreter and print JSON: seconds and peak memory."""

from __future__ import annotations

import json
import resource
import sys
import time


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    job, *args = sys.argv[1:]
    started = time.perf_counter()
    if job == "startup":
        import modkit

        modkit.Engine()
    elif job == "score":
        from modkit.cli.main import main as cli

        source, target, *extra = args
        cli(["score", source, "-o", target, "--quiet", *extra])
    elif job == "floor":
        source, target = args
        with open(source, encoding="utf-8") as inp, open(target, "w", encoding="utf-8") as out:
            for line in inp:
                row = json.loads(line)
                out.write(json.dumps({"id": row.get("id"), "text": row["text"]}, ensure_ascii=False) + "\n")
    else:
        raise SystemExit(f"unknown job {job}")
    print(json.dumps({"seconds": time.perf_counter() - started, "peak_rss_mb": _peak_mb()}))


if __name__ == "__main__":
    main()
