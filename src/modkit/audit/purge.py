"""Planning gallring (purge): which cases are past their retention and may be deleted.

A *case* is a verdict record together with every record that refers to it (reviews,
holds, releases, and reviews of reviews). Cases are purged whole, so no review is left
pointing at a record that is gone. A case is kept when:

  * any of its records has the action `remove_and_register`, or its categories carry
    the retention class `registered`: it is in the diarium and its gallring happens there;
  * it is under legal hold (its last hold/release record is a hold), e.g. handed to the police;
  * its newest record is younger than the retention of its categories, or than `--older-than`.

Planning is pure (records in, plan out) so it is tested without a database; the store
runs it inside the purge transaction so nothing can change between plan and delete.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..categories import Action
from ..policy import Policy
from .record import AuditRecord, RecordKind
from .retention import Retention, retention_for


@dataclass(slots=True)
class Case:
    root: AuditRecord
    records: list[AuditRecord] = field(default_factory=list)

    @property
    def seqs(self) -> list[int]:
        return sorted(r.seq for r in self.records if r.seq is not None)

    @property
    def newest(self) -> datetime:
        return max(r.decided_at for r in self.records)

    @property
    def registered_in_diarium(self) -> bool:
        return any(r.action is Action.REMOVE_AND_REGISTER for r in self.records)

    @property
    def on_hold(self) -> bool:
        marks = [r for r in self.records if r.kind in (RecordKind.HOLD, RecordKind.RELEASE)]
        return bool(marks) and max(marks, key=lambda r: r.seq or 0).kind is RecordKind.HOLD


@dataclass(slots=True)
class PurgePlan:
    """What a purge deletes and what it keeps, with the reason for keeping."""

    now: datetime
    older_than: timedelta
    purge: list[Case] = field(default_factory=list)
    kept_registered: list[Case] = field(default_factory=list)
    kept_on_hold: list[Case] = field(default_factory=list)
    kept_young: int = 0

    @property
    def seqs(self) -> list[int]:
        return sorted(s for case in self.purge for s in case.seqs)


def group_cases(records: list[AuditRecord]) -> list[Case]:
    """Group records into cases by following `refers_to` back to a verdict record."""
    by_seq = {r.seq: r for r in records if r.seq is not None}
    cases: dict[int, Case] = {}
    for record in sorted(records, key=lambda r: r.seq or 0):
        if record.kind is RecordKind.PURGE or record.seq is None:
            continue
        root = _root(record, by_seq)
        if root is None:
            continue  # refers to a record outside the loaded set: its case is not complete, leave it
        cases.setdefault(root.seq or 0, Case(root)).records.append(record)
    return list(cases.values())


def _root(record: AuditRecord, by_seq: dict[int, AuditRecord]) -> AuditRecord | None:
    seen: set[int] = set()
    while record.refers_to is not None:
        if record.refers_to in seen:
            return None
        seen.add(record.refers_to)
        parent = by_seq.get(record.refers_to)
        if parent is None:
            return None
        record = parent
    return record


def case_retention(case: Case, policy: Policy) -> Retention:
    categories = list(case.root.verdict.categories) if case.root.verdict is not None else []
    return retention_for(policy, categories)


def plan_purge(records: list[AuditRecord], policy: Policy, now: datetime, older_than: timedelta) -> PurgePlan:
    """Decide, case by case, what may be purged at `now`."""
    plan = PurgePlan(now=now, older_than=older_than)
    for case in group_cases(records):
        retention = case_retention(case, policy)
        old_enough = case.newest + older_than <= now
        if case.registered_in_diarium or retention.registered:
            if old_enough:
                plan.kept_registered.append(case)
            else:
                plan.kept_young += 1
        elif retention.period is not None and old_enough and case.newest + retention.period <= now:
            (plan.kept_on_hold if case.on_hold else plan.purge).append(case)
        else:
            plan.kept_young += 1
    return plan
