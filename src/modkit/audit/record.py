"""`AuditRecord`: the preserved copy of a comment and of the decision taken on it.

The city's rules say the content of a message must be saved before it is deleted,
comments are public records, confidential posts are registered in the diarium and a
removed post may have to be handed to the police. So a record keeps the comment exactly
as received, the full verdict (every finding and every suppressed near-hit), what
produced it (rule set, policy, classifiers, engine) and who decided what, when.

Records are append-only and chained: each carries the SHA-256 of its own canonical
JSON and the hash of the record before it, so a later edit or deletion is detectable.
A reviewer's decision, a legal hold and a purge are new records, never edits.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from ..categories import Action
from ..comment import Comment
from ..errors import AuditError
from ..verdict import ClassifierInfo, PolicyInfo, Provenance, RulesetInfo, Verdict
from .canonical import canonical_json, sha256_hex

RECORD_FORMAT = 1  # bump when the meaning of a field changes; old records keep their number
SYSTEM = "system"  # `decided_by` of decisions the engine took on its own


class RecordKind(StrEnum):
    """What a record documents."""

    VERDICT = "verdict"  # the engine's decision on a comment
    REVIEW = "review"  # a person confirmed, overturned or restored an earlier decision
    HOLD = "hold"  # legal hold: never purge this case (e.g. handed to the police)
    RELEASE = "release"  # the legal hold is lifted
    PURGE = "purge"  # gallring: which records were deleted, so the chain still verifies


class ReviewDecision(StrEnum):
    """A moderator's word on an earlier decision."""

    CONFIRM = "confirm"  # the proposed action stands (and was carried out)
    OVERTURN = "overturn"  # another action replaces it
    RESTORE = "restore"  # a removed comment was put back


class ActionState(StrEnum):
    PROPOSED = "proposed"  # the engine or CLI suggests it; nothing was done on the platform yet
    TAKEN = "taken"  # it was carried out


class PurgedEntry(BaseModel):
    """What remains of a purged record: enough to keep the chain verifiable, no content."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    seq: int
    record_hash: str
    prev_hash: str
    kind: RecordKind


class HasProvenance(Protocol):
    """An `Engine`, or anything else that can say what produced its verdicts."""

    provenance: Provenance


class AuditRecord(BaseModel):
    """One entry of the audit chain. `seq`, `prev_hash` and `record_hash` are set by the store."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: int = RECORD_FORMAT
    seq: int | None = Field(default=None, description="position in the chain, from 1; set on write")
    prev_hash: str | None = Field(default=None, description="record_hash of record seq-1; set on write")
    kind: RecordKind = RecordKind.VERDICT
    refers_to: int | None = Field(default=None, description="seq of the record a review/hold/release is about")
    comment: Comment | None = Field(default=None, description="the comment exactly as received")
    verdict: Verdict | None = None
    ruleset: RulesetInfo | None = None
    policy: PolicyInfo | None = None
    classifiers: list[ClassifierInfo] = Field(default_factory=list)
    engine_version: str | None = None
    action: Action | None = Field(default=None, description="the action taken or proposed")
    action_state: ActionState = ActionState.PROPOSED
    review: ReviewDecision | None = None
    decided_by: str = Field(default=SYSTEM, min_length=1, description="'system' or a named reviewer")
    decided_at: datetime = Field(default_factory=lambda: _now())
    note: str | None = None
    purged: list[PurgedEntry] = Field(default_factory=list)
    record_hash: str | None = Field(default=None, description="SHA-256 of the canonical JSON without this field")
    _stored_body: str | None = PrivateAttr(default=None)  # the exact text read from a store, when it was

    def __eq__(self, other: object) -> bool:
        # Equal content is an equal record, however it was obtained (the stored text is not content).
        if not isinstance(other, AuditRecord):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash(self.record_hash or self.body())

    @field_validator("decided_at")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        # One time zone in the chain: a naive time is taken as UTC, an aware one converted.
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

    @model_validator(mode="after")
    def _consistent(self) -> AuditRecord:
        needs_ref = self.kind in (RecordKind.REVIEW, RecordKind.HOLD, RecordKind.RELEASE)
        if needs_ref and self.refers_to is None:
            raise ValueError(f"a {self.kind.value} record must refer to an earlier record")
        if self.kind is RecordKind.VERDICT and (self.comment is None or self.verdict is None):
            raise ValueError("a verdict record needs the comment and the verdict")
        if self.kind is RecordKind.REVIEW and self.review is None:
            raise ValueError("a review record needs a review decision")
        if self.verdict is not None and self.comment is not None and self.verdict.comment_id != self.comment.id:
            raise ValueError(f"verdict is for comment {self.verdict.comment_id!r}, not {self.comment.id!r}")
        return self

    # -- construction ---------------------------------------------------------------

    @classmethod
    def from_verdict(
        cls,
        comment: Comment,
        verdict: Verdict,
        engine: HasProvenance | Provenance | None = None,
        *,
        decided_by: str = SYSTEM,
        action: Action | None = None,
        action_state: ActionState = ActionState.PROPOSED,
        decided_at: datetime | None = None,
        note: str | None = None,
    ) -> AuditRecord:
        """The record to write (and commit) before acting on `verdict`.

        `engine` supplies the rule set, policy and classifier provenance; without it the
        rule set and engine version are taken from the verdict and the policy is unknown.
        """
        if verdict.comment_id != comment.id:
            raise AuditError(f"verdict is for comment {verdict.comment_id!r}, not {comment.id!r}")
        prov = engine if isinstance(engine, Provenance) or engine is None else engine.provenance
        return cls(
            kind=RecordKind.VERDICT,
            comment=comment,
            verdict=verdict,
            ruleset=prov.ruleset if prov else verdict.ruleset,
            policy=prov.policy if prov else None,
            classifiers=list(prov.classifiers) if prov else [],
            engine_version=prov.engine_version if prov else verdict.engine_version,
            action=action or verdict.action,
            action_state=action_state,
            decided_by=decided_by,
            note=note,
            decided_at=decided_at or _now(),
        )

    @classmethod
    def reviewed(
        cls,
        original: AuditRecord,
        decision: ReviewDecision,
        reviewer: str,
        *,
        action: Action | None = None,
        note: str | None = None,
        decided_at: datetime | None = None,
    ) -> AuditRecord:
        """A reviewer's decision on `original`, as a new record that points to it."""
        if original.seq is None:
            raise AuditError("review a record that has been written (it has no seq yet)")
        _check_reviewer(reviewer)
        if decision is ReviewDecision.CONFIRM:
            action = action or original.action
        elif decision is ReviewDecision.RESTORE:
            action = action or Action.PUBLISH
        elif action is None:
            raise AuditError("an overturn must name the action that replaces the original one")
        return cls(
            kind=RecordKind.REVIEW,
            refers_to=original.seq,
            comment=None,
            action=action,
            action_state=ActionState.TAKEN,
            review=decision,
            decided_by=reviewer,
            note=note,
            decided_at=decided_at or _now(),
        )

    @classmethod
    def hold(
        cls, original: AuditRecord, by: str, note: str | None = None, *, release: bool = False,
        decided_at: datetime | None = None,
    ) -> AuditRecord:
        """Put `original`'s case under legal hold (or lift it): purge then leaves it alone."""
        if original.seq is None:
            raise AuditError("hold a record that has been written (it has no seq yet)")
        _check_reviewer(by)
        kind = RecordKind.RELEASE if release else RecordKind.HOLD
        return cls(kind=kind, refers_to=original.seq, decided_by=by, note=note, decided_at=decided_at or _now())

    # -- hashing --------------------------------------------------------------------

    def body(self) -> str:
        """The canonical JSON that is stored and hashed (everything but `record_hash`)."""
        return canonical_json(self.model_dump(mode="json", exclude={"record_hash"}))

    def compute_hash(self) -> str:
        return sha256_hex(self.body())

    def hash_matches(self) -> bool:
        """Does `record_hash` match the content? Checked on the stored text when the record was read
        from a store, so a record written by an older modkit still checks out after models grew fields."""
        if self.record_hash is None:
            return False
        if self._stored_body is not None:
            return sha256_hex(self._stored_body) == self.record_hash
        return self.compute_hash() == self.record_hash

    def idempotency_key(self) -> str | None:
        """Equal for the same comment decided the same way by the same rules, policy and engine.

        Writing such a record twice stores it once; a re-score under a new rule set (or an
        edited comment, or another policy) gives another key and so a new record. Reviews,
        holds and purges are events and always append.
        """
        if self.kind is not RecordKind.VERDICT:
            return None
        data = self.model_dump(
            mode="json", include={"kind", "comment", "verdict", "ruleset", "policy", "classifiers",
                                  "engine_version", "action", "action_state", "decided_by"},
        )
        return sha256_hex(canonical_json(data))

    def sealed(self, seq: int, prev_hash: str) -> AuditRecord:
        """This record placed at `seq` after `prev_hash`, with its own hash filled in."""
        placed = self.model_copy(update={"seq": seq, "prev_hash": prev_hash, "record_hash": None})
        # model_copy skips validation; re-validate so the stored body is what a reader parses back.
        placed = AuditRecord.model_validate(placed.model_dump())
        return placed.model_copy(update={"record_hash": placed.compute_hash()})

    @property
    def comment_id(self) -> str | None:
        return self.comment.id if self.comment is not None else None


def _now() -> datetime:
    return datetime.now(UTC)


def _check_reviewer(name: str) -> None:
    if not name.strip() or name.strip() == SYSTEM:
        raise AuditError(f"a reviewer must be named (not {name!r})")
