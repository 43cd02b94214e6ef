"""Redaction: the comment with its personal data replaced by placeholders.

    import modkit
    modkit.redact("Ring Eva Lund på 070-123 45 67")   # 'Ring [NAMN] på [TELEFON]'

Identifiers found by the personal_data rules become [PERSONNUMMER], [TELEFON],
[E-POST], [ADRESS], [REGNR], [KONTO], [PASSNUMMER]; the names of private
persons the person detector found become [NAMN] (officials named in their
office are kept). The verdict and the audit record keep the original text;
`modkit score --redact` adds the redacted text as `redacted_text`.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import deque
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .findings import Finding

if TYPE_CHECKING:
    from .engine import Engine
    from .verdict import Verdict

PLACEHOLDERS: dict[str, str] = {
    "personnummer": "[PERSONNUMMER]",
    "personnummer_07": "[PERSONNUMMER]",
    "phone_number": "[TELEFON]",
    "email": "[E-POST]",
    "street_address": "[ADRESS]",
    "postal_address": "[ADRESS]",
    "registration_plate": "[REGNR]",
    "bank_account": "[KONTO]",
    "account_number": "[KONTO]",
    "bankgiro": "[KONTO]",
    "plusgiro": "[KONTO]",
    "iban": "[KONTO]",
    "passport_number": "[PASSNUMMER]",
}
NAME_PLACEHOLDER = "[NAMN]"
_PRIORITY = {"[PERSONNUMMER]": 0, "[KONTO]": 1, "[PASSNUMMER]": 1, "[TELEFON]": 2, "[E-POST]": 2, "[ADRESS]": 3, "[REGNR]": 3, NAME_PLACEHOLDER: 4}


def placeholder_for(finding: Finding) -> str | None:
    """The placeholder for a personal_data finding's identifier, or None (name + detail findings redact the name only)."""
    if finding.category.value != "personal_data":
        return None
    return PLACEHOLDERS.get(finding.name.split(".", 1)[-1])


def spans(engine: Engine, text: str, findings: list[Finding] | None = None) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, placeholder) spans to replace, in text order."""
    if findings is None:
        findings = engine.moderate(text, id="-").findings
    candidates: list[tuple[int, int, str]] = []
    for f in findings:
        ph = placeholder_for(f)
        if ph is not None and f.end > f.start:
            candidates.append((f.start, f.end, ph))
    for detector in engine.detectors:
        persons = getattr(detector, "persons", None)
        if persons is None:
            continue
        for m in persons(text):
            if m.name_start is not None and m.name_end is not None and not m.official:
                candidates.append((m.name_start, m.name_end, NAME_PLACEHOLDER))
    # strongest identifier first, then longest; drop anything overlapping a span already kept
    candidates.sort(key=lambda c: (_PRIORITY.get(c[2], 9), -(c[1] - c[0]), c[0]))
    kept: list[tuple[int, int, str]] = []
    for c in candidates:
        if all(c[1] <= k[0] or k[1] <= c[0] for k in kept):
            kept.append(c)
    return sorted(kept)


def apply(text: str, replacements: list[tuple[int, int, str]]) -> str:
    out, pos = [], 0
    for start, end, ph in replacements:
        out.append(text[pos:start])
        out.append(ph)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def redact(text: str, engine: Engine | None = None) -> str:
    """`text` with personal data replaced by placeholders ([PERSONNUMMER], [TELEFON], [NAMN] …)."""
    if engine is None:
        from .engine import default_engine

        engine = default_engine()
    return apply(text, spans(engine, text))


def redact_verdict_text(engine: Engine, text: str, verdict: Verdict) -> str:
    """Redact with the findings a verdict already has (no second rule pass)."""
    from .engine import MAX_TEXT_CHARS

    return apply(text, spans(engine, text[:MAX_TEXT_CHARS], list(verdict.findings))) if text else text


class RedactingWriter:
    """A verdict writer (like `io.open_writer`) that adds `redacted_text`: the comment with placeholders.

    The caller hands over each comment's text with `remember(text)` in the order
    the verdicts will be written (audit sinks may hold verdicts back in batches).
    """

    def __init__(self, path: str, fmt: str, engine: Engine, *, append: bool = False) -> None:
        from .io.writers import CSV_COLUMNS

        self.engine = engine
        self._texts: deque[str] = deque()
        has_content = False
        if path == "-":
            self.stream: IO[str] = sys.stdout
        else:
            target = Path(path)
            has_content = append and target.exists() and target.stat().st_size > 0
            self.stream = target.open("a" if append else "w", encoding="utf-8", newline="")
        self.csv: Any = None
        if fmt == "csv":
            self.csv = csv.DictWriter(self.stream, fieldnames=[*CSV_COLUMNS, "redacted_text"])
            if not has_content:
                self.csv.writeheader()

    def remember(self, text: str) -> None:
        self._texts.append(text)

    def write(self, verdict: Verdict) -> None:
        from .io.writers import flat_row, verdict_row

        text = self._texts.popleft() if self._texts else ""
        redacted = redact_verdict_text(self.engine, text, verdict)
        if self.csv is None:
            self.stream.write(json.dumps({**verdict_row(verdict), "redacted_text": redacted}, ensure_ascii=False) + "\n")
        else:
            self.csv.writerow({**flat_row(verdict), "redacted_text": redacted})

    def close(self) -> None:
        if self.stream is not sys.stdout:
            self.stream.close()
        else:
            self.stream.flush()
