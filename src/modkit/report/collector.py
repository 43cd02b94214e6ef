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
from ..engine import Engine
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
    engine: Engine | None = None  # lets `modkit.redact` find personal data (names too) to hide
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
        text = comment.text[:MAX_TEXT]
        clipped = len(comment.text) > MAX_TEXT
        findings = [f for f in verdict.findings if f.start < len(text)]
        spans = [(f.start, min(f.end, len(text)), f) for f in findings]
        reasons = list(verdict.reasons)
        secrets: list[tuple[str, str]] = []
        if not self.show_personal_data:
            hidden = personal_data_spans(text, verdict, self.engine)
            secrets = sorted(((text[a:b], rep) for a, b, rep in hidden if text[a:b].strip()), key=lambda p: -len(p[0]))
            reasons = [_replace_all(r, secrets) for r in reasons]
            text, spans = _apply(text, hidden, spans)
        spans_out = [Span(a, b, f.category.value, f.rule, f.name) for a, b, f in spans if b > a]
        rules: list[tuple[str, str, str]] = []
        seen: set[tuple[str, str]] = set()
        for f in verdict.findings:
            if self.show_personal_data:
                shown = f.text
            elif f.category in PERSONAL:
                shown = dict(secrets).get(f.text, MASK * 3)
            else:
                shown = _replace_all(f.text, secrets)
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
            spans=spans_out,
            reasons=reasons,
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


def _replace_all(line: str, secrets: list[tuple[str, str]]) -> str:
    for secret, replacement in secrets:
        line = line.replace(secret, replacement)
    return line


def mask_personal_data(text: str, spans: list[tuple[int, int]]) -> str:
    """Each span's letters and digits replaced by • (same length, spaces kept)."""
    chars = list(text)
    for start, end in spans:
        for i in range(max(start, 0), min(end, len(chars))):
            if not chars[i].isspace():
                chars[i] = MASK
    return "".join(chars)


def personal_data_spans(text: str, verdict: Verdict, engine: Engine | None) -> list[tuple[int, int, str]]:
    """Sorted, non-overlapping (start, end, replacement) for the personal data in `text`.

    With an engine, `modkit.redact` decides (identifiers as [TELEFON], [E-POST] …,
    private persons' names as [NAMN]); personal_data findings it leaves alone are
    masked with • as well. Without one, every personal_data finding is masked."""
    chosen: list[tuple[int, int, str]] = []
    if engine is not None:
        try:
            from ..redact import spans as redact_spans

            chosen = [(a, b, ph) for a, b, ph in redact_spans(engine, text, list(verdict.findings)) if 0 <= a < b <= len(text)]
        except Exception:  # noqa: BLE001 - redaction is optional here: fall back on the plain mask
            chosen = []
    for f in verdict.findings:
        if f.category in PERSONAL and f.start < len(text):
            end = min(f.end, len(text))
            if all(end <= a or b <= f.start for a, b, _ in chosen):
                chosen.append((f.start, end, mask_personal_data(text[f.start:end], [(0, end - f.start)])))
    chosen.sort()
    merged: list[tuple[int, int, str]] = []
    for a, b, rep in chosen:
        if merged and a < merged[-1][1]:
            continue  # overlaps one already chosen
        merged.append((a, b, rep))
    return merged


def _apply(text: str, hidden: list[tuple[int, int, str]], spans: list[tuple[int, int, Any]]) -> tuple[str, list[tuple[int, int, Any]]]:
    """Replace the hidden parts; move finding spans to the new offsets (a span touching a
    replaced part covers the whole replacement)."""
    if not hidden:
        return text, spans
    out: list[str] = []
    moves: list[tuple[int, int, int, int]] = []  # (old start, old end, new start, new end)
    pos = shift = 0
    for a, b, rep in hidden:
        out.append(text[pos:a])
        out.append(rep)
        moves.append((a, b, a + shift, a + shift + len(rep)))
        shift += len(rep) - (b - a)
        pos = b
    out.append(text[pos:])

    def move(offset: int, end: bool) -> int:
        delta = 0
        for a, b, na, nb in moves:
            if offset < a or (end and offset == a):
                break  # before this replacement
            if offset < b or (end and offset == b):
                return nb if end else na  # inside it: cover all of it
            delta = nb - b
        return offset + delta

    return "".join(out), [(move(s, False), move(e, True), f) for s, e, f in spans]
