"""Runs the compiled rule set, then context words and guards, into findings."""

from __future__ import annotations

import re

from ..findings import Finding, SuppressedHit
from ..rules import CompiledRules, RawHit
from ..rules.guards import GuardChecker
from ..text import NormalisedText
from .base import Detection

_WORD_RE = re.compile(r"\w+(?:-\w+)*")  # "p-nr" stays one word (its parts are tried too)
_CONTEXT_CHARS = 120


class RuleDetector:
    """The declarative Swedish rules as a detector."""

    name = "rules"

    def __init__(self, compiled: CompiledRules) -> None:
        self.compiled = compiled
        self.guards = GuardChecker(compiled.ruleset.guards)
        self._context = {
            r.spec.code: tuple(w.casefold() for w in r.spec.context.words)
            for r in compiled.rules
            if r.spec.context is not None
        }
        self._exclude = {
            r.spec.code: tuple(w.casefold() for w in r.spec.context.exclude)
            for r in compiled.rules
            if r.spec.context is not None and r.spec.context.exclude
        }

    def detect(self, doc: NormalisedText) -> Detection:
        detection = Detection()
        for hit in self.compiled.match(doc):
            self._add(doc.original, hit, detection)
        return detection

    def _add(self, text: str, hit: RawHit, out: Detection) -> None:
        spec = hit.rule.spec
        if hit.timed_out:
            out.needs_review.append(f"Regel {spec.code} hann inte köras klart (tidsgräns); granska manuellt.")
            return
        finding = dict(
            category=spec.category,
            rule=spec.code,
            name=spec.name,
            start=hit.start,
            end=hit.end,
            text=text[hit.start : hit.end],
            score=hit.score,
            detector=self.name,
        )
        notes = list(hit.notes)
        if hit.allowed_by is not None:
            out.suppressed.append(SuppressedHit(
                **finding, explanation="; ".join(notes), suppressed_by="allowlist",
                reason=f"Tillåtet ord: '{hit.allowed_by}' innehåller träffen men är oskyldigt.",
            ))
            return
        if spec.code in self._exclude:
            word = self._context_word(text, hit, spec.code, spec.context.window, self._exclude[spec.code])
            if word is not None:
                out.suppressed.append(SuppressedHit(
                    **finding, explanation="; ".join(notes), suppressed_by="context",
                    reason=f"Kontextordet '{word}' visar att träffen är något annat.",
                ))
                return
        if spec.context is not None:
            word = self._context_word(text, hit, spec.code, spec.context.window)
            if word is not None:
                notes.append(f"kontextord '{word}'")
                if spec.context.boost is not None:
                    finding["score"] = max(hit.score, spec.context.boost)
            elif spec.context.require:
                out.suppressed.append(SuppressedHit(
                    **finding, explanation="; ".join(notes), suppressed_by="context",
                    reason=f"Saknar kontextord i närheten (t.ex. '{spec.context.words[0]}').",
                ))
                return
        anchor_start, anchor_end = hit.anchor or (hit.start, hit.end)
        guarded = self.guards.check(text, anchor_start, anchor_end, list(spec.guards))
        if guarded is not None:
            out.suppressed.append(SuppressedHit(
                **finding, explanation="; ".join(notes), suppressed_by=guarded.guard, reason=guarded.reason,
            ))
            return
        out.findings.append(Finding(**finding, explanation="; ".join(notes)))

    def _context_word(self, text: str, hit: RawHit, code: str, window: int, words: tuple[str, ...] | None = None) -> str | None:
        start, end = hit.anchor or (hit.start, hit.end)
        before = _WORD_RE.findall(text[max(0, start - _CONTEXT_CHARS * 2) : start].casefold())[-window:]
        after = _WORD_RE.findall(text[end : end + _CONTEXT_CHARS * 2].casefold())[:window]
        inside = _WORD_RE.findall(text[start:end].casefold())
        tokens = [t for token in (*before, *after, *inside) for t in ((token, *token.split("-")) if "-" in token else (token,))]
        for token in tokens:
            for word in words if words is not None else self._context[code]:
                if token == word or (len(word) >= 3 and token.startswith(word)):
                    return word
        return None
