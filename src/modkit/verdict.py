"""The output: a typed decision with its evidence and Swedish reasons."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from .categories import Action, Category
from .findings import Finding, SuppressedHit


class RulesetInfo(BaseModel):
    """Identifies the exact rules behind a verdict (content-addressed)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    version: str
    content_hash: str


class PolicyInfo(BaseModel):
    """Identifies the policy behind a verdict: the same rules under another policy act differently."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    content_hash: str


class ClassifierInfo(BaseModel):
    """One statistical classifier that contributed findings (none yet; the field is kept for them)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    version: str
    model_hash: str


class Provenance(BaseModel):
    """Everything needed to say which machinery produced a verdict (kept with audit records)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ruleset: RulesetInfo
    policy: PolicyInfo
    classifiers: list[ClassifierInfo] = Field(default_factory=list)
    engine_version: str


class Verdict(BaseModel):
    """What to do with one comment and why."""

    model_config = ConfigDict(extra="forbid")

    comment_id: str
    categories: list[Category] = Field(default_factory=list)
    action: Action = Action.PUBLISH
    needs_review: bool = False
    findings: list[Finding] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list)
    reply_text: str | None = None
    language: str = "und"
    ruleset: RulesetInfo
    engine_version: str
    suppressed: list[SuppressedHit] = Field(default_factory=list)
