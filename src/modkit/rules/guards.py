"""Context guards: negation, quotation/reported speech, counter-speech, self-reference.

A guarded hit is never dropped: the engine lists it under `suppressed` with
the reason returned here (or sends the comment to review, if the policy says so).
Guards read a small window of the original text around a hit, so they only
cost time when a rule has already matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .schema import GuardCues

_WORD_RE = re.compile(r"\w+")
_SENTENCE_END_RE = re.compile(r"[.!?\n]")
_QUOTE_PAIRS = {'"': '"', "“": "”", "”": "”", "«": "»", "»": "«", "„": "“", "'": "'", "’": "’", "‘": "’"}


# Articles and intensifiers that may stand between a cue and the hit without changing it.
_FILLERS = frozenset("en ett sån sådan så riktig riktigt total totalt jävla stor himla komplett".split())


@dataclass(frozen=True, slots=True)
class GuardResult:
    guard: str
    reason: str


def _phrases(items: list[str]) -> list[tuple[str, ...]]:
    return sorted({tuple(_WORD_RE.findall(item.casefold())) for item in items if item.strip()}, key=len, reverse=True)


def _positions(tokens: list[str], phrase: tuple[str, ...]) -> list[int]:
    n = len(phrase)
    return [i for i in range(len(tokens) - n + 1) if tuple(tokens[i : i + n]) == phrase]


def _contains(tokens: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(tokens[i : i + n]) == phrase for i in range(len(tokens) - n + 1))


def _ends_with(tokens: list[str], phrase: tuple[str, ...]) -> bool:
    return len(tokens) >= len(phrase) and tuple(tokens[-len(phrase) :]) == phrase


class GuardChecker:
    """Evaluates a rule's guards for one hit."""

    def __init__(self, cues: GuardCues) -> None:
        self.negation = frozenset(w.casefold() for w in cues.negation)
        self.negation_window = cues.negation_window
        self.reporting = _phrases(cues.reporting)
        self.reporting_window = cues.reporting_window
        self.counter = _phrases(cues.counter_speech)
        self.self_before = _phrases(cues.self_reference_before)
        self.self_after = _phrases(cues.self_reference_after)

    def check(self, text: str, start: int, end: int, guards: list[str]) -> GuardResult | None:
        if not guards:
            return None
        sent_start, sent_end = _sentence(text, start, end)
        before = _WORD_RE.findall(text[sent_start:start].casefold())
        after = _WORD_RE.findall(text[end:sent_end].casefold())
        for guard in guards:
            result = getattr(self, "_" + guard)(text, start, end, before, after, sent_start, sent_end)
            if result is not None:
                return result
        return None

    def _unless_negated(self, text: str, start: int, end: int, before: list[str], *_: object) -> GuardResult | None:
        content = [w for w in before if w not in _FILLERS]  # "ingen här är en idiot": articles do not count
        for word in content[-self.negation_window :]:
            if word in self.negation:
                return GuardResult("unless_negated", f"Negerat: '{word}' står före träffen.")
        return None

    def _unless_quoted(self, text: str, start: int, end: int, before: list[str], *_: object) -> GuardResult | None:
        if _inside_quotes(text, start, end):
            return GuardResult("unless_quoted", "Citat: träffen står inom citattecken.")
        window = before[-self.reporting_window :]
        for phrase in self.reporting:
            if _contains(window, phrase):
                return GuardResult("unless_quoted", f"Återgivet tal: '{' '.join(phrase)}' före träffen.")
        return None

    def _unless_counter_speech(self, text: str, start: int, end: int, before: list[str], after: list[str], sent_start: int, sent_end: int) -> GuardResult | None:
        lo, hi = _neighbour_sentences(text, sent_start, sent_end)
        tokens = _WORD_RE.findall(text[lo:hi].casefold())
        for phrase in self.counter:
            for i in _positions(tokens, phrase):
                # "det är inte rasism att …", "kalla det islamofobi": the cue is denied, not a stand
                lead = tokens[max(0, i - 2) : i]
                if any(w in self.negation for w in lead) or lead[-2:] == ["kalla", "det"]:
                    continue
                return GuardResult("unless_counter_speech", f"Motargument: '{' '.join(phrase)}' tar avstånd från uttrycket.")
        return None

    def _unless_self_reference(self, text: str, start: int, end: int, before: list[str], after: list[str], *_: object) -> GuardResult | None:
        # "jag är en sån idiot": the cue may be followed by articles and intensifiers
        near_before = [w for w in before if w not in _FILLERS][-3:]
        for phrase in self.self_before:
            if _ends_with(near_before, phrase):
                return GuardResult("unless_self_reference", f"Självreferens: '{' '.join(phrase)}' före träffen.")
        if any(_contains(after[:2], p) for p in self.self_after) and {"som", "jag", "vi"} & set(before[-3:]):
            return GuardResult("unless_self_reference", "Självreferens: skribenten talar om sig själv.")
        return None


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - 300)
    head = text[lo:start]
    last = None
    for last in _SENTENCE_END_RE.finditer(head):
        pass
    sent_start = lo + last.end() if last else lo
    m = _SENTENCE_END_RE.search(text, end, min(len(text), end + 300))
    sent_end = m.start() if m else min(len(text), end + 300)
    return sent_start, sent_end


def _neighbour_sentences(text: str, sent_start: int, sent_end: int) -> tuple[int, int]:
    lo, _ = _sentence(text, max(0, sent_start - 1), max(0, sent_start - 1)) if sent_start > 0 else (0, 0)
    _, hi = _sentence(text, min(len(text), sent_end + 1), min(len(text), sent_end + 1)) if sent_end < len(text) else (0, len(text))
    return lo, hi


def _is_quote_boundary(text: str, i: int, opening: bool) -> bool:
    """Apostrophes inside words ("idiot's") are not quotes."""
    ch = text[i]
    if ch not in "'’":
        return True
    neighbour = text[i - 1] if opening and i > 0 else (text[i + 1] if not opening and i + 1 < len(text) else " ")
    return not neighbour.isalnum()


def _inside_quotes(text: str, start: int, end: int) -> bool:
    lo = max(0, start - 300)
    for i in range(start - 1, lo - 1, -1):
        ch = text[i]
        if ch == "\n":
            return False
        closing = _QUOTE_PAIRS.get(ch)
        if closing is None or not _is_quote_boundary(text, i, opening=True):
            continue
        if ch in "\"”'’" and text[lo:i].count(ch) % 2 == 1:
            continue  # this one closes an earlier quotation
        j = text.find(closing, end, min(len(text), end + 300))
        while j != -1 and not _is_quote_boundary(text, j, opening=False):
            j = text.find(closing, j + 1, min(len(text), end + 300))
        if j != -1 and "\n" not in text[end:j]:
            return True
    return False
