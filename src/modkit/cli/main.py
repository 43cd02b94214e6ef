"""Entry point: `modkit score|check|rules|bench|audit|train`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .._version import __version__
from . import audit_cmd, bench_cmd, check, rules_cmd, score, train_cmd


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="modkit", description="Moderate Swedish comments with declarative rules.")
    parser.add_argument("--version", action="version", version=f"modkit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in (score, check, rules_cmd, bench_cmd, audit_cmd, train_cmd):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["bench"]:
        return bench_cmd.run_bench(argv[1:])  # its options belong to benchmarks.run
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("modkit: interrupted", file=sys.stderr)
        return 130
