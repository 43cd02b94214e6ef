"""`modkit bench`: the benchmark suite, which lives in the source checkout's `benchmarks/`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import EXIT_USAGE, error


def register(sub: argparse._SubParsersAction) -> None:
    # Listed for `modkit --help`; `main` hands `modkit bench …` straight to run_bench.
    sub.add_parser("bench", help="run the benchmark suite from a source checkout (modkit bench --help)")


def run_bench(argv: list[str]) -> int:
    checkout = Path.cwd()
    if not (checkout / "benchmarks" / "run.py").is_file():
        error("modkit bench runs from a modkit source checkout (no benchmarks/run.py here)")
        return EXIT_USAGE
    sys.path.insert(0, str(checkout))
    from benchmarks.run import main  # type: ignore[import-not-found]

    return int(main(argv))
