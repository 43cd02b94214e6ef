"""What detectors report: evidence with offsets into the original text."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from .categories import Category


class Finding(BaseModel):
    """One piece of evidence. `start`/`end` index the ORIGINAL text: text == original[start:end]."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    category: Category
    rule: str = Field(description="Rule code, e.g. PR01, or a classifier name")
    name: str = Field(default="", description="Dotted rule name, e.g. profanity.swearword")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    score: float = Field(ge=0.0, le=1.0)
    explanation: str = ""
    detector: str = "rules"


class SuppressedHit(Finding):
    """A near-hit that a guard or an allow-list cancelled, kept so nothing is dropped silently."""

    suppressed_by: str = Field(description="guard or allow-list that cancelled the hit")
    reason: str = Field(description="why, in Swedish")
