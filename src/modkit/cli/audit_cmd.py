"""`modkit audit verify|show|list|export|review|hold|release|purge`: the audit trail.

The store is a SQLite file or a postgresql:// URL, from `--db`, else $MODKIT_AUDIT,
else ./audit.db. Also home of the `--audit` option of `modkit score`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from ..categories import Action
from ..comment import Comment
from ..errors import AuditError, ModkitError
from ..policy import Policy, load_policy
from ..resources import bundled_policy
from ..verdict import Verdict
from .common import EXIT_FINDINGS_OR_BAD_ROWS, EXIT_OK, EXIT_USAGE, error

DEFAULT_DB = "audit.db"


# -- `modkit score --audit` ---------------------------------------------------------------


def add_audit_options(parser: argparse.ArgumentParser) -> None:
    """Options that `modkit score` takes to record its verdicts before emitting them."""
    parser.add_argument("--audit", metavar="PATH_OR_URL",
                        help="record verdicts in this audit store (SQLite file or postgresql:// URL) before "
                             "writing them out")
    parser.add_argument("--audit-scope", choices=["removals", "actions", "all"], default="actions",
                        help="which verdicts get a record: removals, actions (all but publish; default) or all")
    parser.add_argument("--audit-batch", type=int, default=500, metavar="N",
                        help="records per transaction (default 500; 1 for a live feed)")


class _PlainSink:
    """No audit store: verdicts go straight to the writer."""

    def __init__(self, writer: Any) -> None:
        self.writer = writer

    def write(self, comment: Comment, verdict: Verdict, *, emit: bool = True) -> None:
        if emit:
            self.writer.write(verdict)

    def close(self) -> None:
        self.writer.close()

    abort = close


class _StoreSink:
    """An `AuditedSink` that also closes the store it opened."""

    def __init__(self, sink: Any, store: Any) -> None:
        self.sink, self.store = sink, store

    def write(self, comment: Comment, verdict: Verdict, *, emit: bool = True) -> None:
        self.sink.write(comment, verdict, emit=emit)

    def close(self) -> None:
        try:
            self.sink.close()
        finally:
            self.store.close()

    def abort(self) -> None:
        try:
            self.sink.abort()
        finally:
            self.store.close()


def open_sink(args: argparse.Namespace, engine: Any, writer: Any) -> _PlainSink | _StoreSink:
    """Where `modkit score` sends (comment, verdict) pairs; raises AuditError if the store cannot open."""
    if not getattr(args, "audit", None):
        return _PlainSink(writer)
    from ..audit import AuditedSink, open_store
    from ..audit.sink import AuditScope

    store = open_store(args.audit)
    sink = AuditedSink(store, writer, engine.provenance, scope=AuditScope(args.audit_scope),
                       batch_size=args.audit_batch)
    return _StoreSink(sink, store)


# -- `modkit audit …` ---------------------------------------------------------------------


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help="verify, show, export and purge audit records", description=__doc__)
    asub = p.add_subparsers(dest="audit_command", required=True)
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", default=os.environ.get("MODKIT_AUDIT", DEFAULT_DB), metavar="PATH_OR_URL",
                    help="audit store: SQLite file or postgresql:// URL (default: $MODKIT_AUDIT or ./audit.db)")

    q = asub.add_parser("verify", parents=[db], help="check the whole hash chain; name the first broken record")
    q.add_argument("--anchor", action="append", default=[], metavar="HASH",
                   help="a head hash noted earlier; it must still be in the chain (repeatable)")
    q.add_argument("--json", action="store_true", help="print the report as JSON")
    q.set_defaults(func=_verify)

    q = asub.add_parser("show", parents=[db], help="print one record (and later decisions on it) as JSON")
    q.add_argument("id", type=int, help="record number (seq)")
    q.set_defaults(func=_show)

    q = asub.add_parser("list", parents=[db], help="list records, newest last")
    q.add_argument("--comment", metavar="ID", help="only records of this comment id")
    q.add_argument("--kind", choices=["verdict", "review", "hold", "release", "purge"])
    q.add_argument("--limit", type=int, default=None)
    q.set_defaults(func=_list)

    q = asub.add_parser("export", parents=[db], help="the preserved copy of records, for the diarium or the police")
    q.add_argument("ids", nargs="+", type=int, metavar="ID", help="record numbers (seq)")
    q.add_argument("--format", choices=["json", "html"], default="html")
    q.add_argument("-o", "--output", default="-",
                   help="file (one document for all IDs), a directory (one file per ID), or - for stdout")
    q.set_defaults(func=_export)

    q = asub.add_parser("review", parents=[db], help="record a reviewer's decision on a record")
    q.add_argument("id", type=int, help="record number (seq) of the decision reviewed")
    q.add_argument("--decision", required=True, choices=["confirm", "overturn", "restore"])
    q.add_argument("--by", required=True, metavar="NAME", help="the reviewer")
    q.add_argument("--action", choices=[a.value for a in Action], help="the new action (required for overturn)")
    q.add_argument("--note", help="free text kept with the decision")
    q.set_defaults(func=_review)

    for name, text in (("hold", "put a record's case under legal hold: purge keeps it"),
                       ("release", "lift a legal hold")):
        q = asub.add_parser(name, parents=[db], help=text)
        q.add_argument("id", type=int, help="record number (seq)")
        q.add_argument("--by", required=True, metavar="NAME")
        q.add_argument("--note", help="e.g. the police case number")
        q.set_defaults(func=_hold, release=(name == "release"))

    q = asub.add_parser("purge", parents=[db], help="gallring: delete records past their retention")
    q.add_argument("--older-than", default="0d", metavar="AGE",
                   help="only cases whose newest record is older than this (e.g. 90d, 1y); retention from the "
                        "policy applies on top")
    q.add_argument("--policy", metavar="FILE", help="policy with the retention classes (default: the bundled one)")
    q.add_argument("--by", default="system", metavar="NAME", help="who ordered the purge (default: system)")
    q.add_argument("--dry-run", action="store_true", help="only say what would be deleted")
    q.set_defaults(func=_purge)


def _with_store(func: Callable[[argparse.Namespace, Any], int]) -> Callable[[argparse.Namespace], int]:
    """Open the store (never creating a new SQLite file), run, close; AuditError -> exit 2."""

    def run(args: argparse.Namespace) -> int:
        from ..audit import open_store

        try:
            with open_store(args.db, create=False) as store:
                return func(args, store)
        except ModkitError as exc:
            error(str(exc))
            return EXIT_USAGE

    run.__name__ = func.__name__
    return run


@_with_store
def _verify(args: argparse.Namespace, store: Any) -> int:
    report = store.verify(anchors=args.anchor)
    if args.json:
        print(json.dumps({
            "ok": report.ok, "records": report.records, "purged": report.purged,
            "head": {"seq": report.head_seq, "hash": report.head_hash},
            "first_broken": report.first.seq if report.first else None,
            "problems": [{"seq": p.seq, "message": p.message} for p in report.problems],
            "anchors_missing": report.anchors_missing,
        }, indent=2))
    else:
        if report.ok:
            print(f"ok: {report.records} records verified, {report.purged} purged records accounted for")
        else:
            if report.first:
                print(f"BROKEN: first broken record is {report.first.seq}: {report.first}")
                for problem in report.problems[1:10]:
                    print(f"  also {problem}")
            for anchor in report.anchors_missing:
                print(f"BROKEN: anchor {anchor} is not in the chain (history was rewritten)")
        print(f"head: record {report.head_seq} sha256 {report.head_hash}")
    return EXIT_OK if report.ok else EXIT_FINDINGS_OR_BAD_ROWS


def _get(store: Any, seq: int) -> Any:
    record = store.get(seq)
    if record is None:
        raise AuditError(f"no record {seq} in {store.url}")
    return record


@_with_store
def _show(args: argparse.Namespace, store: Any) -> int:
    record = _get(store, args.id)
    data = record.model_dump(mode="json")
    data["hash_ok"] = record.hash_matches()
    data["later_records"] = [
        {"seq": r.seq, "kind": r.kind.value, "review": r.review.value if r.review else None,
         "action": r.action.value if r.action else None, "decided_by": r.decided_by,
         "decided_at": r.decided_at.isoformat(), "note": r.note}
        for r in store.related(args.id)
    ]
    print(json.dumps(data, ensure_ascii=False, indent=2))
    return EXIT_OK


@_with_store
def _list(args: argparse.Namespace, store: Any) -> int:
    from ..audit import RecordKind

    kind = RecordKind(args.kind) if args.kind else None
    for r in store.find(comment_id=args.comment, kind=kind, limit=args.limit):
        print("\t".join([
            str(r.seq), r.decided_at.strftime("%Y-%m-%dT%H:%M:%SZ"), r.kind.value, r.comment_id or "-",
            r.action.value if r.action else "-", r.decided_by,
            f"refers_to={r.refers_to}" if r.refers_to else "",
        ]).rstrip())
    return EXIT_OK


@_with_store
def _export(args: argparse.Namespace, store: Any) -> int:
    from ..audit.export_html import render_html

    items = [(_get(store, seq), store.related(seq)) for seq in args.ids]
    out = Path(args.output) if args.output != "-" else None
    if out is not None and (out.is_dir() or args.output.endswith(("/", os.sep))):
        out.mkdir(parents=True, exist_ok=True)
        for record, related in items:
            path = out / f"modkit-audit-{record.seq}.{args.format}"
            path.write_text(_render(args.format, [(record, related)], render_html), encoding="utf-8")
            print(path)
        return EXIT_OK
    text = _render(args.format, items, render_html)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        print(out)
    return EXIT_OK


def _render(fmt: str, items: list[tuple[Any, list[Any]]], render_html: Callable[..., str]) -> str:
    if fmt == "html":
        return render_html(items)
    docs = [{**r.model_dump(mode="json"), "later_records": [x.model_dump(mode="json") for x in rel]} for r, rel in items]
    return json.dumps(docs[0] if len(docs) == 1 else docs, ensure_ascii=False, indent=2) + "\n"


@_with_store
def _review(args: argparse.Namespace, store: Any) -> int:
    from ..audit import AuditRecord, ReviewDecision

    original = _get(store, args.id)
    record = AuditRecord.reviewed(original, ReviewDecision(args.decision), args.by,
                                  action=Action(args.action) if args.action else None, note=args.note)
    written = store.write(record)
    print(f"record {written.seq}: {args.decision} of record {args.id} by {args.by}")
    return EXIT_OK


@_with_store
def _hold(args: argparse.Namespace, store: Any) -> int:
    from ..audit import AuditRecord

    original = _get(store, args.id)
    written = store.write(AuditRecord.hold(original, args.by, args.note, release=args.release))
    print(f"record {written.seq}: {'hold lifted on' if args.release else 'legal hold on'} record {args.id}")
    return EXIT_OK


@_with_store
def _purge(args: argparse.Namespace, store: Any) -> int:
    from ..audit.retention import parse_retention
    from ..engine import policy_hash
    from ..verdict import PolicyInfo

    age = parse_retention(args.older_than)
    if age.period is None:
        raise AuditError("--older-than takes an age such as 90d or 1y")
    policy: Policy = load_policy(Path(args.policy) if args.policy else bundled_policy())
    result = store.purge(policy, older_than=age.period or timedelta(0), dry_run=args.dry_run, decided_by=args.by,
                         policy_info=PolicyInfo(name=policy.name, content_hash=policy_hash(policy)))
    plan = result.plan
    verb = "would purge" if args.dry_run else "purged"
    print(f"{verb} {len(plan.purge)} cases ({len(plan.seqs)} records); kept {len(plan.kept_registered)} registered in "
          f"the diarium, {len(plan.kept_on_hold)} under legal hold, {plan.kept_young} within their retention")
    if args.dry_run:
        for case in plan.purge:
            print(f"  record {case.root.seq} ({case.root.comment_id}): records {', '.join(map(str, case.seqs))}")
    elif result.record is not None:
        print(f"purge record {result.record.seq} written; the chain still verifies")
    return EXIT_OK
