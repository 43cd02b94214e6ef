"""Audit records: the preserved copy of every moderated comment, hash-chained and durable.

    from modkit.audit import AuditRecord, open_store

    store = open_store("audit.db")              # or "postgresql://…" with modkit[postgres]
    verdict = engine.moderate(comment)
    store.write(AuditRecord.from_verdict(comment, verdict, engine))   # committed on return
    ...                                          # only now delete, hide or answer the comment

Modules: `record` (the model), `store` (interface + shared SQL), `sqlite`, `postgres`,
`chain` (verification), `purge` and `retention` (gallring), `sink` (batched writing
for streams), `export_html` (the printable copy for the diarium or a police report).
"""

from .chain import Problem, VerifyReport
from .record import ActionState, AuditRecord, PurgedEntry, RecordKind, ReviewDecision
from .retention import Retention, parse_retention, retention_for
from .sink import AuditedSink
from .store import AuditStore, PurgeResult, open_store

__all__ = [
    "ActionState",
    "AuditRecord",
    "AuditStore",
    "AuditedSink",
    "Problem",
    "PurgeResult",
    "PurgedEntry",
    "RecordKind",
    "Retention",
    "ReviewDecision",
    "VerifyReport",
    "open_store",
    "parse_retention",
    "retention_for",
]
