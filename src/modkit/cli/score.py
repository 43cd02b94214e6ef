"""`modkit score INPUT [-o OUT]`: moderate a dump, one verdict per row, in input order.

INPUT is a platform export (Facebook Graph API, X archive `tweets.js` or API
v2, YouTube commentThreads, Instagram) or rows from another tool (JSONL, CSV,
a JSON array); the format is detected from the content.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ..batch import engine_for, score_stream
from ..comment import Comment
from ..engine import Engine
from ..errors import AuditError, InputError, ModkitError
from ..io import BadRow, open_writer
from ..io.formats import FORMATS, CommentSource, open_comments
from ..io.resume import ResumePoint, find_resume_point, read_previous, truncate_to
from ..io.writers import infer_output_format
from ..redact import RedactingWriter
from ..report import DEFAULT_CAP, ReportCollector, write_report
from ..verdict import Verdict
from .audit_cmd import add_audit_options, open_sink
from .common import EXIT_FINDINGS_OR_BAD_ROWS, EXIT_OK, EXIT_USAGE, add_classifier_option, add_engine_options, engine_spec, error
from .progress import Progress


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("score", help="moderate a dump of comments (platform export, JSONL or CSV)", description=__doc__,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input", help="comment export or rows, or - for stdin")
    p.add_argument("-o", "--output", default="-", help="JSONL or CSV file, or - for stdout (default)")
    p.add_argument("--input-format", choices=FORMATS, default="auto", help="default: auto (sniffed from the content)")
    p.add_argument("--output-format", choices=["jsonl", "csv"], help="default: from the file name (jsonl for stdout)")
    p.add_argument("--text-field", default="text", help="rows from other tools: name of the text field/column (default: text)")
    p.add_argument("--id-field", default="id", help="rows from other tools: name of the id field/column (default: id)")
    p.add_argument("--no-language", action="store_true", help="skip language identification")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="score in N processes; output stays in input order (default: 1)")
    p.add_argument("--resume", action="store_true", help="continue an interrupted run: keep the complete verdicts in --output, score the rest")
    p.add_argument("--report", metavar="FILE", help="also write a review report: one self-contained HTML file")
    p.add_argument("--report-show-personal-data", action="store_true", help="do not mask personal data and author names in the report")
    p.add_argument("--report-limit", type=int, default=DEFAULT_CAP, metavar="N",
                   help=f"most comments listed in the report, most severe first (default: {DEFAULT_CAP}); all are counted")
    p.add_argument("--redact", action="store_true", help="add redacted_text to each verdict: the comment with personal data as placeholders ([PERSONNUMMER], [TELEFON], [NAMN] …)")
    p.add_argument("--quiet", action="store_true", help="no summary on stderr")
    add_engine_options(p)
    add_classifier_option(p)
    add_audit_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.workers < 1:
        error("--workers must be 1 or more")
        return EXIT_USAGE
    if args.resume and args.output == "-":
        error("--resume needs an output file (-o FILE): the output is where the run resumes from")
        return EXIT_USAGE
    out_fmt = args.output_format or infer_output_format(args.output)
    spec = engine_spec(args, detect_language=not args.no_language)
    try:
        engine = engine_for(spec)  # built here once; worker processes build (or inherit) their own
        source = open_comments(args.input, args.input_format, text_field=args.text_field, id_field=args.id_field)
    except (ModkitError, OSError) as exc:
        error(str(exc))
        return EXIT_USAGE
    point = ResumePoint(0, 0, 0)
    if args.resume:
        try:
            point = find_resume_point(args.output, out_fmt)
            truncate_to(args.output, point)
        except (ModkitError, OSError) as exc:
            source.close()
            error(str(exc))
            return EXIT_USAGE
        if not args.quiet:
            cut = f"; cut a partial last record ({point.cut_bytes} bytes)" if point.cut_bytes else ""
            print(f"modkit: resuming {args.output}: {point.done} verdicts already written{cut}", file=sys.stderr)
    try:
        redactor = RedactingWriter(args.output, out_fmt, engine, append=args.resume) if args.redact else None
        writer = redactor or open_writer(args.output, out_fmt, append=args.resume)
    except OSError as exc:
        source.close()
        error(f"cannot write {args.output}: {exc.strerror or exc}")
        return EXIT_USAGE
    try:
        writer = open_sink(args, engine, writer)  # with --audit: no verdict out before its record is committed
    except AuditError as exc:
        source.close()
        writer.close()
        error(str(exc))
        return EXIT_USAGE
    report = ReportCollector(cap=args.report_limit, show_personal_data=args.report_show_personal_data, engine=engine) if args.report else None
    progress = Progress(Path(args.input).stat().st_size if args.input != "-" else None)
    rows = bad = 0
    per_category: Counter[str] = Counter()
    per_action: Counter[str] = Counter()
    started = time.perf_counter()
    verdicts = _verdicts(source, args, engine, point, out_fmt)
    try:
        with contextlib.closing(verdicts):
            for item, verdict, replayed in verdicts:
                if verdict is None:  # a bad input row: reported, counted, skipped
                    assert isinstance(item, BadRow)
                    bad += 1
                    print(f"modkit: {source.name}:{item.line}: skipped bad row: {item.message}", file=sys.stderr)
                    if report is not None:
                        report.add_bad_row()
                    continue
                assert isinstance(item, Comment)
                # verdicts taken back from the output by --resume are already written (recorded again: idempotent)
                if redactor is not None and not replayed:
                    redactor.remember(item.text)
                writer.write(item, verdict, emit=not replayed)
                rows += 1
                per_action[verdict.action.value] += 1
                per_category.update(c.value for c in verdict.categories)
                if report is not None:
                    report.add(item, verdict)
                progress.update(rows, source.position())
    except InputError as exc:
        progress.close()
        writer.close()
        error(str(exc))
        return EXIT_USAGE
    except AuditError as exc:
        progress.close()
        writer.abort()  # the verdicts whose records were not committed are not emitted
        error(f"{exc}; the verdicts of the last batch were not written out")
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        writer.close()  # keep every verdict written so far: --resume continues from there
        raise
    finally:
        source.close()
    try:
        writer.close()  # with --audit: commits the last batch's records, then writes its verdicts
    except AuditError as exc:
        progress.close()
        error(f"{exc}; the verdicts of the last batch were not written out")
        return EXIT_USAGE
    progress.close()
    elapsed = time.perf_counter() - started
    if report is not None:
        try:
            _write_report(report, args, source, engine)
        except OSError as exc:
            error(f"cannot write the report {args.report}: {exc.strerror or exc}")
            return EXIT_USAGE
    if not args.quiet:
        _summary(rows, bad, per_category, per_action, elapsed, point.done)
        if report is not None:
            print(f"  report:     {args.report} ({report.kept} of {report.flagged} comments that need action listed)", file=sys.stderr)
    return EXIT_FINDINGS_OR_BAD_ROWS if bad else EXIT_OK


def _verdicts(
    source: CommentSource, args: argparse.Namespace, engine: Engine, point: ResumePoint, out_fmt: str
) -> Iterator[tuple[Comment | BadRow, Verdict | None, bool]]:
    """`(item, verdict, replayed)` in input order: first the comments whose verdicts a resumed
    run takes back from its output, then the rest, scored in this process or in workers."""
    items = iter(source)
    if point.done:
        previous = read_previous(args.output, out_fmt)  # type: ignore[arg-type]
        taken = 0
        for item in items:
            if isinstance(item, BadRow):
                yield item, None, True
                continue
            record = next(previous, None)
            if record is None:
                raise InputError(f"{args.output} changed while the run resumed; start afresh without --resume")
            if record.comment_id != item.id:
                raise InputError(
                    f"{args.output}: verdict {taken + 1} is for comment {record.comment_id!r} but input comment {taken + 1}"
                    f" is {item.id!r}: resume with the same input and options, or start afresh without --resume"
                )
            verdict = record.verdict()
            if taken == 0 and verdict.ruleset.content_hash and verdict.ruleset.content_hash != engine.ruleset_info.content_hash:
                raise InputError(f"{args.output} was written with other rules ({verdict.ruleset.version}); start afresh without --resume")
            yield item, verdict, True
            taken += 1
            if taken == point.done:
                break
        if taken < point.done:
            raise InputError(f"{args.output} has {point.done} verdicts but the input has only {taken} comments: resume with the same input")
    for item, verdict in score_stream(items, engine_spec(args, not args.no_language), workers=args.workers, engine=engine):
        yield item, verdict, False


def _write_report(report: ReportCollector, args: argparse.Namespace, source: CommentSource, engine: Engine) -> None:
    info = engine.ruleset_info
    with Path(args.report).open("w", encoding="utf-8") as out:
        write_report(report, out, source=source.name, ruleset=f"{info.name} {info.version}")


def _summary(rows: int, bad: int, per_category: Counter[str], per_action: Counter[str], elapsed: float, resumed: int = 0) -> None:
    err = sys.stderr
    scored = rows - resumed
    resumed_note = f" ({resumed} taken back from the output)" if resumed else ""
    print(f"modkit: {rows} comments scored{resumed_note}, {bad} bad rows skipped, {scored / max(elapsed, 1e-9):,.0f} comments/s", file=err)
    if per_action:
        print("  actions:    " + ", ".join(f"{k} {v}" for k, v in per_action.most_common()), file=err)
    if per_category:
        print("  categories: " + ", ".join(f"{k} {v}" for k, v in per_category.most_common()), file=err)
