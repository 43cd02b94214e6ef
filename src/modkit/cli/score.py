"""`modkit score INPUT [-o OUT]`: moderate a dump, one verdict per row, in input order."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter

from ..errors import InputError, ModkitError
from ..io import BadRow, open_writer, read_comments
from ..io.readers import infer_format, open_input
from ..io.writers import infer_output_format
from .common import EXIT_FINDINGS_OR_BAD_ROWS, EXIT_OK, EXIT_USAGE, add_engine_options, build_engine, error
from .progress import Progress


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("score", help="moderate a JSONL/CSV dump of comments", description=__doc__)
    p.add_argument("input", help="JSONL or CSV file, or - for stdin")
    p.add_argument("-o", "--output", default="-", help="JSONL or CSV file, or - for stdout (default)")
    p.add_argument("--input-format", choices=["jsonl", "csv"], help="default: from the file name (jsonl for stdin)")
    p.add_argument("--output-format", choices=["jsonl", "csv"], help="default: from the file name (jsonl for stdout)")
    p.add_argument("--text-field", default="text", help="name of the text field/column (default: text)")
    p.add_argument("--id-field", default="id", help="name of the id field/column (default: id)")
    p.add_argument("--no-language", action="store_true", help="skip language identification")
    p.add_argument("--quiet", action="store_true", help="no summary on stderr")
    add_engine_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        engine = build_engine(args, detect_language=not args.no_language)
        stream = open_input(args.input)
    except (ModkitError, OSError) as exc:
        error(str(exc))
        return EXIT_USAGE
    fmt = args.input_format or infer_format(args.input)
    out_fmt = args.output_format or infer_output_format(args.output)
    try:
        writer = open_writer(args.output, out_fmt)
    except OSError as exc:
        error(f"cannot write {args.output}: {exc.strerror or exc}")
        return EXIT_USAGE
    total = os.path.getsize(args.input) if args.input != "-" else None
    progress = Progress(total)
    rows = bad = 0
    per_category: Counter[str] = Counter()
    per_action: Counter[str] = Counter()
    started = time.perf_counter()
    buffer = getattr(stream, "buffer", None)
    try:
        for item in read_comments(stream, fmt, text_field=args.text_field, id_field=args.id_field):
            if isinstance(item, BadRow):
                bad += 1
                print(f"modkit: {args.input}:{item.line}: skipped bad row: {item.message}", file=sys.stderr)
                continue
            verdict = engine.moderate(item)
            writer.write(verdict)
            rows += 1
            per_action[verdict.action.value] += 1
            per_category.update(c.value for c in verdict.categories)
            progress.update(rows, buffer.tell() if buffer is not None and buffer.seekable() else None)
    except InputError as exc:
        progress.close()
        error(f"{args.input}: {exc}")
        writer.close()
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    finally:
        stream.close()
    writer.close()
    progress.close()
    elapsed = time.perf_counter() - started
    if not args.quiet:
        _summary(rows, bad, per_category, per_action, elapsed)
    return EXIT_FINDINGS_OR_BAD_ROWS if bad else EXIT_OK


def _summary(rows: int, bad: int, per_category: Counter[str], per_action: Counter[str], elapsed: float) -> None:
    err = sys.stderr
    print(f"modkit: {rows} comments scored, {bad} bad rows skipped, {rows / max(elapsed, 1e-9):,.0f} comments/s", file=err)
    if per_action:
        print("  actions:    " + ", ".join(f"{k} {v}" for k, v in per_action.most_common()), file=err)
    if per_category:
        print("  categories: " + ", ".join(f"{k} {v}" for k, v in per_category.most_common()), file=err)
