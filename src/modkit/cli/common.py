"""Shared CLI plumbing: engine options, exit codes, error printing."""

from __future__ import annotations

import argparse
import sys

from ..batch import EngineSpec
from ..engine import Engine

EXIT_OK = 0
EXIT_FINDINGS_OR_BAD_ROWS = 1
EXIT_USAGE = 2


def add_engine_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rules", action="append", default=[], metavar="DIR",
                        help="extra rule directory, applied after the bundled rules (repeatable)")
    parser.add_argument("--only-rules", action="append", default=None, metavar="DIR",
                        help="use only these rule directories instead of the bundled ones (repeatable)")
    parser.add_argument("--policy", metavar="FILE", help="policy file (default: the bundled policy.toml)")


def add_classifier_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--classifier", action="append", default=[], metavar="NAME",
                        help="also run this classifier (repeatable): 'tfidf' (built in, needs modkit[ml]) or a plugin's "
                             "registered name; the policy's [classifiers] section says how its scores count. Default: rules only")


def build_engine(args: argparse.Namespace, detect_language: bool = True) -> Engine:
    return Engine(args.only_rules, extra_rule_dirs=args.rules, policy=args.policy, detect_language=detect_language,
                  classifiers=getattr(args, "classifier", ()))


def engine_spec(args: argparse.Namespace, detect_language: bool = True) -> EngineSpec:
    """The engine `build_engine` makes, as a picklable recipe that worker processes build from."""
    return EngineSpec.of(args.only_rules, args.rules, args.policy, detect_language, getattr(args, "classifier", ()))


def error(message: str) -> None:
    print(f"modkit: error: {message}", file=sys.stderr)
