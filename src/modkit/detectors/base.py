"""The one-method detector interface every source of findings implements."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from ..findings import Finding, SuppressedHit
from ..text import NormalisedText


@dataclass(slots=True)
class Detection:
    """What a detector saw in one comment."""

    findings: list[Finding] = field(default_factory=list)
    suppressed: list[SuppressedHit] = field(default_factory=list)
    needs_review: list[str] = field(default_factory=list)  # Swedish notes that force review

    def extend(self, other: Detection) -> None:
        self.findings.extend(other.findings)
        self.suppressed.extend(other.suppressed)
        self.needs_review.extend(other.needs_review)


class Detector(Protocol):
    name: str

    def detect(self, doc: NormalisedText) -> Detection: ...
