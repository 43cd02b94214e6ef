"""What the review report needs, gathered in constant memory while a dump is scored.

Every verdict is counted (per action, category and platform); only comments
that need something done (action other than `publish`, or `needs_review`)
are kept, and at most `cap` of them: the most severe first, then input order.
Texts are clipped and personal data is masked as entries are kept, so the
collector never holds more than `cap` short records.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..categories import Action, Category
from ..comment import Comment
from ..verdict import Verdict

DEFAULT_CAP = 5_000
MAX_TEXT = 4_000
MASK = "•"
PERSONAL = {Category.PERSONAL_DATA}


@dataclass(slots=True)
class Span:
    start: int
    end: int
    category: str
    rule: str
    name: str


@dataclass(slots=True)
class Entry:
    index: int
    id: str
    action: str
    severity: int
    needs_review: bool
    categories: list[str]
    platform: str
    url: str | None
    created_at: str | None
    author: str | None
    parent_id: str | None
    text: str
    clipped: bool
    spans: list[Span]
    reasons: list[str]
    rules: list[tuple[str, str, str]]  # (code, name, shown text)
    reply_text: str | None

    def __lt__(self, other: Entry) -> bool:  # heap order: least severe, then latest, goes first
        return (self.severity, -self.index) < (other.severity, -other.index)


@dataclass
class ReportCollector:
    cap: int = DEFAULT_CAP
    show_personal_data: bool = False
    total: int = 0
    bad_rows: int = 0
    flagged: int = 0
    per_action: Counter[str] = field(default_factory=Counter)
    per_category: Counter[str] = field(default_factory=Counter)
    per_platform: Counter[str] = field(default_factory=Counter)
    flagged_per_platform: Counter[str] = field(default_factory=Counter)
    _heap: list[Entry] = field(default_factory=list)

    def add_bad_row(self) -> None:
        self.bad_rows += 1

    def add(self, comment: Comment, verdict: Verdict) -> None:
        index = self.total
        self.total += 1
        platform = comment.platform.value
        self.per_action[verdict.action.value] += 1
        self.per_platform[platform] += 1
        self.per_category.update(c.value for c in verdict.categories)
        if verdict.action is Action.PUBLISH and not verdict.needs_review:
            return
        self.flagged += 1
        self.flagged_per_platform[platform] += 1
        severity = verdict.action.severity
        if len(self._heap) >= self.cap:
            weakest = self._heap[0]
            if (severity, -index) <= (weakest.severity, -weakest.index):
                return
            heapq.heapreplace(self._heap, self._entry(index, comment, verdict))
        else:
            heapq.heappush(self._heap, self._entry(index, comment, verdict))

    @property
    def kept(self) -> int:
        return len(self._heap)

    def entries(self) -> list[Entry]:
        """Kept comments, most severe action first, then input order."""
        return sorted(self._heap, key=lambda e: (-e.severity, e.index))

    def _entry(self, index: int, comment: Comment, verdict: Verdict) -> Entry:
        text = comment.text
        personal = [(f.start, f.end) for f in verdict.findings if f.category in PERSONAL]
        if not self.show_personal_data:
            text = mask_personal_data(text, personal)
        clipped = len(text) > MAX_TEXT
        if clipped:
            text = text[:MAX_TEXT]
        spans = [
            Span(min(f.start, len(text)), min(f.end, len(text)), f.category.value, f.rule, f.name)
            for f in verdict.findings
            if f.start < len(text)
        ]
        rules: list[tuple[str, str, str]] = []
        seen: set[tuple[str, str]] = set()
        for f in verdict.findings:
            shown = f.text if self.show_personal_data or f.category not in PERSONAL else MASK * 3
            if (f.rule, shown) not in seen:
                seen.add((f.rule, shown))
                rules.append((f.rule, f.name or f.category.value, shown))
        return Entry(
            index=index,
            id=comment.id,
            action=verdict.action.value,
            severity=verdict.action.severity,
            needs_review=verdict.needs_review,
            categories=[c.value for c in verdict.categories],
            platform=comment.platform.value,
            url=comment.url,
            created_at=comment.created_at.isoformat(timespec="minutes") if comment.created_at else None,
            author=comment.author if self.show_personal_data else None,
            parent_id=comment.parent_id,
            text=text,
            clipped=clipped,
            spans=spans,
            reasons=list(verdict.reasons),
            rules=rules,
            reply_text=verdict.reply_text,
        )

    def summary(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "bad_rows": self.bad_rows,
            "flagged": self.flagged,
            "kept": self.kept,
            "per_action": dict(self.per_action),
            "per_category": dict(self.per_category),
            "per_platform": dict(self.per_platform),
        }


def mask_personal_data(text: str, spans: list[tuple[int, int]]) -> str:
    """Personal data hidden: `modkit.redact` when it is installed, else each span's
    letters and digits replaced by • (same length, so other offsets still hold)."""
    if not spans:
        return text
    redact = _redactor()
    if redact is not None:
        try:
            redacted = redact(text, spans)
            if isinstance(redacted, str) and len(redacted) == len(text):
                return redacted
        except Exception:  # noqa: BLE001 - fall back on the plain mask below
            pass
    chars = list(text)
    for start, end in spans:
        for i in range(max(start, 0), min(end, len(chars))):
            if not chars[i].isspace():
                chars[i] = MASK
    return "".join(chars)


def _redactor() -> Any:
    return None
