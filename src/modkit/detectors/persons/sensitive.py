"""sensitive_data SD20-SD28: a sensitive term (``rules/sv/persons/sensitive.toml``) tied to an
identifiable person other than the writer; a term about an unresolved pronoun asks for review."""

from __future__ import annotations

from ...categories import Category
from ...findings import Finding
from ...text.charmaps import ASCII_FOLD
from ..base import Detection
from .lexicon import Area, Lexicon, Term
from .mentions import Doc, PersonMention
from .tokens import Tok
from .vocab import (
    COPULAS,
    FILLERS,
    FIRST_PERSON_POSS,
    GENERIC_GROUPS,
    HYPOTHETICAL,
    NEGATIONS,
    NOT_AFTER,
    PREDICATES,
    SD_PRONOUN_SCORE,
    SD_SCORE,
    TARGET_WINDOW,
)


class SensitiveData:
    """Finds sensitive terms in an analysed comment and the person each is about."""

    _MAX_CACHE = 100_000

    def __init__(self, lexicon: Lexicon, name: str) -> None:
        self.lexicon = lexicon
        self.name = name  # the detector name the findings carry
        self._cache: dict[str, tuple[tuple[tuple[Term, ...], ...], Term | None] | None] = {}

    def find(self, d: Doc, out: Detection) -> None:
        """Add a finding (or a review note) for each sensitive term tied to a person."""
        hits = self._term_hits(d)
        if not hits:
            return
        reported: set[str] = set()
        for term, i, last in hits:
            area = self.lexicon.areas[term.area]
            if not self._term_ok(d, term, area, i, last):
                continue
            target, via_pronoun, unresolved = self._target(d, i, last)
            if target is None:
                if unresolved is not None and area.key not in reported:
                    out.needs_review.append(
                        f"Möjlig känslig uppgift ({area.label}: '{d.text[d.toks[i].start : d.toks[last].end]}') om en person som inte kan identifieras säkert; granska."
                    )
                    reported.add(area.key)
                continue
            if term.area == "sexuality" and len(term.tokens) > 1 and term.tokens[-1] in ("fru", "kvinna", "flickvän", "man", "pojkvän"):
                wanted = "f" if term.tokens[-1] in ("fru", "kvinna", "flickvän") else "m"
                if target.gender != wanted:
                    continue
            if term.area == "politics" and target.official:
                continue  # a politician's party is public
            start = min(target.start, d.toks[i].start)
            end = max(target.end, d.toks[last].end)
            out.findings.append(Finding(
                category=Category.SENSITIVE_DATA, rule=area.code, name=f"sensitive_data.{area.key}", start=start, end=end,
                text=d.text[start:end], score=SD_PRONOUN_SCORE if via_pronoun else SD_SCORE,
                explanation=f"{area.label}: '{d.text[d.toks[i].start : d.toks[last].end]}' om '{target.text}'" + (" (via pronomen)" if via_pronoun else ""),
                detector=self.name,
            ))

    def _term_hits(self, d: Doc) -> list[tuple[Term, int, int]]:
        toks = d.toks
        hits: list[tuple[Term, int, int]] = []
        cache = self._cache
        taken_until = -1
        for i, t in enumerate(toks):
            if i <= taken_until:
                continue
            entry = cache[t.low] if t.low in cache else self._candidates(t.low)
            if entry is None:
                continue
            groups, suffix_term = entry
            best: tuple[Term, int, int] | None = None
            for group in groups:
                for term in group:
                    end = match_tokens(toks, i, term.tokens)
                    if end is None or toks[end].sent != t.sent:
                        continue
                    if term.case_sensitive and not toks[end].upper:
                        continue
                    if best is None or end > best[2]:
                        best = (term, i, end)
                if best:
                    break
            if best is None and suffix_term is not None:
                best = (suffix_term, i, i)
            if best is not None:
                hits.append(best)
                taken_until = best[2]
        return hits

    def _candidates(self, low: str) -> tuple[tuple[tuple[Term, ...], ...], Term | None] | None:
        """The terms a token may start: those listed under its spelling, then under its ASCII
        folding, and the first suffix term it ends with; None for most tokens. Cached per spelling."""
        by_first = self.lexicon.terms_by_first
        folded = low.translate(ASCII_FOLD)
        keys = (low,) if folded == low else (low, folded)
        groups = tuple(tuple(by_first[k]) for k in keys if by_first.get(k))
        suffix_term = next(
            (t for t in self.lexicon.suffix_terms if low.endswith(t.tokens[0]) and len(low) > len(t.tokens[0])), None
        )
        entry = (groups, suffix_term) if groups or suffix_term is not None else None
        if len(self._cache) > self._MAX_CACHE:
            self._cache.clear()
        self._cache[low] = entry
        return entry

    def _term_ok(self, d: Doc, term: Term, area: Area, i: int, last: int) -> bool:
        toks = d.toks
        sent = toks[i].sent
        before = [t.low for t in toks[max(0, i - 4) : i] if t.sent == sent]
        if any(w in NEGATIONS for w in before[-3:]) and not (before and before[-1] in area.predicates):
            return False
        if last + 1 < len(toks) and toks[last + 1].low in NEGATIONS and toks[last + 1].sent == sent:
            return False  # "dömdes aldrig"
        if len(before) >= 2 and before[-1] == "med" and before[-2] in GENERIC_GROUPS:
            return False  # "barn med funktionsnedsättning": about a group
        if before and before[-1] in ("i", "inom") and term.tokens[0].startswith("hemtjänst"):
            return False  # "jobbar i hemtjänsten": a workplace, not a decision
        if len(before) >= 2 and tuple(before[-2:]) in NOT_AFTER:
            return False
        if area.hypothetical and any(w in HYPOTHETICAL for w in before[-3:]):
            return False
        if area.predicate and len(term.tokens) == 1 and not term.tokens[0].startswith("konverter"):
            if not before or not (
                (before[-1] in PREDICATES and any(w in COPULAS for w in before[-3:]))
                or before[-1] in COPULAS
                or any(w in area.predicates for w in before[-2:])
            ):
                return False
        return True

    def _target(self, d: Doc, i: int, last: int) -> tuple[PersonMention | None, bool, PersonMention | None]:
        """The person a sensitive term at tokens [i, last] is about: (target, via a pronoun, unresolved pronoun)."""
        toks = d.toks
        sent = toks[i].sent
        mentions = [m for m in d.mentions if toks[m.first].sent == sent or toks[m.last].sent == sent]
        # a mention whose span contains the term is not its subject ("undersköterskan i hemtjänsten")
        before = [m for m in mentions if m.last < i and not (m.first <= i <= m.last) and i - m.last <= TARGET_WINDOW]
        after = [m for m in mentions if m.first > last]
        # "orosanmälan om mitt barnbarn Wilma": a target right after om/för/på/mot
        if after and toks[after[0].first - 1].low in ("om", "för", "mot", "åt", "till") and after[0].first - last <= 3 and after[0].is_target:
            return after[0], False, None
        # own: "jag har själv …", "Har själv ADHD", "mitt cancerbesked", "Som muslim tycker jag"
        if i > 0 and toks[i - 1].low in FIRST_PERSON_POSS and toks[i - 1].sent == sent:
            return None, False, None
        sent_first = next((k for k in range(i, -1, -1) if toks[k].sent_start), 0)
        head = [t.low for t in toks[sent_first:i]]
        if len(head) >= 2 and head[1] == "själv" and head[0] in ("har", "är", "var", "fick", "hade", "blev", "varit", "haft"):
            return None, False, None
        if "själv" in head and ("som" in head[:2] or "jag" in head):
            return None, False, None
        if before:
            m = before[-1]
            if m.kind == "self":
                return None, False, None
            if m.kind == "pronoun":
                resolved = self._resolve(d, m)
                if resolved is None:
                    return None, False, m
                return resolved, True, None
            if m.writer:
                return None, False, None
            return m, False, None
        if after:
            m = after[0]
            if m.kind == "self" or m.writer:
                return None, False, None
            if m.kind == "pronoun":
                return None, False, None
            if m.first - last <= 6:
                return m, False, None
        return None, False, None

    def _resolve(self, d: Doc, pronoun: PersonMention) -> PersonMention | None:
        """The nearest earlier target in this or the two previous sentences."""
        sent = d.toks[pronoun.first].sent
        for m in reversed(d.mentions):
            if m.last >= pronoun.first:
                continue
            if d.toks[m.last].sent < sent - 2:
                break
            if m.kind == "self" or m.writer:
                return None
            if m.kind == "pronoun":
                continue
            if m.is_target:
                return m
        return None


def match_tokens(toks: list[Tok], i: int, words: tuple[str, ...]) -> int | None:
    """Index of the last token if `words` match from token i (fillers like "ju" may stand between)."""
    j = i
    n = len(toks)
    for x, word in enumerate(words):
        while x and j < n and toks[j].low in FILLERS and word not in FILLERS:
            j += 1
        if j >= n:
            return None
        low = toks[j].low
        if low != word and low.translate(ASCII_FOLD) != word.translate(ASCII_FOLD):
            return None
        j += 1
    return j - 1
