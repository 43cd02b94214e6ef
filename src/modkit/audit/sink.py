"""Writing a stream of verdicts so that none is reported before its audit record is committed.

Verdicts are held back in a small buffer; when it is full (or has waited long enough)
the records for the buffer are committed in one transaction, and only then are the
verdicts passed on, in input order. A crash at any instant therefore leaves every
emitted removal with a committed record; at worst the last batch is neither recorded
nor emitted, and running the job again records it (writes are idempotent).
"""

from __future__ import annotations

import time
from enum import StrEnum
from typing import Protocol

from ..categories import Action
from ..comment import Comment
from ..verdict import Provenance, Verdict
from .record import AuditRecord
from .store import AuditStore


class AuditScope(StrEnum):
    """Which verdicts get a record."""

    REMOVALS = "removals"  # remove and remove_and_register only: the legal minimum
    ACTIONS = "actions"  # everything but publish (also review and reply, where the comment stays up)
    ALL = "all"  # every verdict, published ones too

    def wants(self, verdict: Verdict) -> bool:
        if self is AuditScope.ALL:
            return True
        if self is AuditScope.ACTIONS:
            return verdict.action is not Action.PUBLISH
        return verdict.action in (Action.REMOVE, Action.REMOVE_AND_REGISTER)


class _Writer(Protocol):
    def write(self, verdict: Verdict) -> None: ...
    def close(self) -> None: ...


class AuditedSink:
    """Wraps a verdict writer: `write(comment, verdict)` emits only after the record is committed."""

    def __init__(
        self,
        store: AuditStore,
        writer: _Writer,
        provenance: Provenance | None,
        *,
        scope: AuditScope = AuditScope.ACTIONS,
        batch_size: int = 500,
        max_delay: float = 1.0,
    ) -> None:
        self.store = store
        self.writer = writer
        self.provenance = provenance
        self.scope = scope
        self.batch_size = max(1, batch_size)
        self.max_delay = max_delay
        self.recorded = 0
        self._buffer: list[tuple[Comment, Verdict, bool]] = []
        self._since = 0.0

    def write(self, comment: Comment, verdict: Verdict, *, emit: bool = True) -> None:
        """Queue `verdict`; with `emit=False` it is recorded but not passed on (already written earlier)."""
        if not self._buffer:
            self._since = time.monotonic()
        self._buffer.append((comment, verdict, emit))
        if len(self._buffer) >= self.batch_size or time.monotonic() - self._since >= self.max_delay:
            self.flush()

    def flush(self) -> None:
        """Commit the buffered records, then emit the buffered verdicts. On failure nothing is emitted."""
        buffer, self._buffer = self._buffer, []
        records = [
            AuditRecord.from_verdict(comment, verdict, self.provenance)
            for comment, verdict, _ in buffer
            if self.scope.wants(verdict)
        ]
        if records:
            self.store.write_many(records)  # raises AuditError: the buffered verdicts are then dropped
            self.recorded += len(records)
        for _, verdict, emit in buffer:
            if emit:
                self.writer.write(verdict)

    @property
    def pending(self) -> int:
        return len(self._buffer)

    def close(self) -> None:
        """Flush what is left and close the writer (the store stays open; its owner closes it)."""
        try:
            self.flush()
        finally:
            self.writer.close()

    def abort(self) -> None:
        """Close the writer without emitting what is still buffered (after an audit failure)."""
        self._buffer.clear()
        self.writer.close()
