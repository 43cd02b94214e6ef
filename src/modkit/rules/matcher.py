"""All rules of a rule set compiled into combined matchers, run once per comment.

* Every term of every `terms`/`near` rule goes into ONE Aho-Corasick automaton
  over the diacritic-free skeleton view; boundary, diacritic and allow-list
  checks run only on the (rare) raw hits.
* The literal anchors of every `pattern` rule (see anchors.py) go into a
  second automaton over the `lower` view; a pattern runs, with a time budget,
  only on comments that contain one of its anchors.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field

import ahocorasick
import regex

from ..text.charmaps import DIACRITIC_RE
from ..text.normalise import NormalisedText, ascii_fold, skeleton_text
from .loader import LoadedRule, RuleSet
from .anchors import COMMON_WORDS, anchors_for
from .paradigms import expand
from .validators import VALIDATORS

# A pattern gets a first budget; on a busy machine (threads, other processes) that can run out
# for an innocent pattern, so it is retried once with a long budget. Only a pattern that
# backtracks catastrophically runs out twice: that comment then goes to review.
PATTERN_TIMEOUT_S = 0.25
PATTERN_RETRY_TIMEOUT_S = 2.0
MAX_HITS_PER_RULE = 50
_MASKED_TOKEN_RE = re.compile(r"[\w*#]*[^\W\d_][*#]+[\w*#]*|[\w*#]*[*#]+[^\W\d_][\w*#]*")
_WORD_RE = re.compile(r"\w+")
_DIGIT_RE = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class TermEntry:
    rule: int
    part: int  # 0: `terms`, 1: `near_terms`
    form: str  # the form as written (for explanations)
    primary: str  # its skeleton with diacritics
    prefix_part: bool
    suffix_part: bool
    typo: bool = False
    stem: bool = False  # a compound-only stem: more letters must follow


TYPO_MIN_LEN = 6
TYPO_PENALTY = 0.1


def typo_variants(word: str) -> set[str]:
    """One-typo spellings: neighbouring letters swapped, or one inner letter dropped."""
    out: set[str] = set()
    if len(word) < TYPO_MIN_LEN or not word.isalpha():
        return out
    for i in range(1, len(word) - 1):
        out.add(word[:i] + word[i + 1 :])
        if word[i] != word[i + 1]:
            out.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    out.discard(word)
    return {skeleton_text(v) for v in out}


@dataclass(slots=True)
class RawHit:
    """A rule match in ORIGINAL offsets, before guards and policy."""

    rule: LoadedRule
    start: int
    end: int
    score: float
    notes: list[str] = field(default_factory=list)
    timed_out: bool = False
    allowed_by: str | None = None
    anchor: tuple[int, int] | None = None  # the trigger word of a `near` hit: guards and context look around it


def _allow_forms(words: list[str]) -> list[str]:
    """Allow-list entries as skeletons; `håkäring/ar` or `a|b` give every form."""
    forms: list[str] = []
    for word in words:
        if not word.strip():
            continue
        variants = expand(word).forms if ("/" in word or "|" in word) else (word,)
        forms.extend(ascii_fold(skeleton_text(v)) for v in variants)
    return list(dict.fromkeys(forms))


class CompiledRules:
    """A rule set ready to match: built once, used for millions of comments."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self.rules = ruleset.rules
        self._global_allow = _allow_forms(ruleset.allow_words)
        self._rule_allow = [_allow_forms(r.spec.allow) for r in self.rules]
        self._automaton, self._keys_by_len = self._build_automaton(0)
        self._near_automaton, _ = self._build_automaton(1)
        self._near_rules = frozenset(i for i, r in enumerate(self.rules) if r.spec.kind == "near")
        self._pattern_rules = [i for i, r in enumerate(self.rules) if r.spec.kind == "pattern"]
        self._patterns = {
            i: regex.compile(self.rules[i].spec.pattern or "", regex.VERSION0) for i in self._pattern_rules
        }
        self._anchor_automaton, self._digit_rules, self._unanchored = self._build_anchors()

    # --- compilation -------------------------------------------------------------
    def _build_automaton(self, part: int) -> tuple[ahocorasick.Automaton | None, dict[int, list[str]]]:
        """One automaton over all `terms` (part 0) or all near-context `near_terms` (part 1)."""
        table: dict[str, list[TermEntry]] = defaultdict(list)
        for index, rule in enumerate(self.rules):
            for term in rule.spec.near_terms if part else rule.spec.terms:
                spec = expand(term)
                for form, stem in [*((f, False) for f in spec.forms), *((f, True) for f in spec.stems)]:
                    primary = skeleton_text(form)
                    if not primary.strip():
                        continue
                    for variant in _spelling_variants(primary):
                        entry = TermEntry(index, part, form, variant, spec.prefix_part, spec.suffix_part, stem=stem)
                        table[ascii_fold(variant)].append(entry)
        self._add_typos(table, part)
        if not table:
            return None, {}
        automaton = ahocorasick.Automaton()
        keys_by_len: dict[int, list[str]] = defaultdict(list)
        for key, entries in table.items():
            automaton.add_word(key, (key, tuple(dict.fromkeys(entries))))
            keys_by_len[len(key)].append(key)
        automaton.make_automaton()
        return automaton, keys_by_len

    def _add_typos(self, table: dict[str, list[TermEntry]], part: int) -> None:
        """Typo variants for rules with `typos = true`, as whole words only, unless they spell a lexicon form or a frequent word."""
        exact = set(table)
        for key, entries in list(table.items()):
            for entry in entries:
                if entry.typo or entry.stem or not self.rules[entry.rule].spec.typos:
                    continue
                for variant in typo_variants(entry.primary):
                    folded = ascii_fold(variant)
                    if folded in exact or folded in COMMON_WORDS:
                        continue
                    # a typo variant only counts as a whole word: inside compounds it would hit innocent words
                    table[folded].append(TermEntry(entry.rule, part, entry.form, variant, False, False, True))

    # --- matching ---------------------------------------------------------------
    def match(self, doc: NormalisedText) -> list[RawHit]:
        hits: list[RawHit] = []
        term_hits = self._term_hits(doc)
        if term_hits:
            hits.extend(self._resolve_terms(doc, term_hits))
        if self._pattern_rules:
            hits.extend(self._pattern_hits(doc))
        return hits

    def _term_hits(self, doc: NormalisedText) -> list[tuple[TermEntry, int, int, list[str]]]:
        if self._automaton is None:
            return []
        ascii_view = doc.ascii_skeleton
        primary = doc.skeleton
        found = self._scan(self._automaton, primary, ascii_view)
        if "*" in primary or "#" in primary:
            found.extend(self._masked_hits(primary, ascii_view))
        if self._near_automaton is not None and any(item[0].rule in self._near_rules for item in found):
            found.extend(self._scan(self._near_automaton, primary, ascii_view))
        return found

    def _scan(self, automaton: ahocorasick.Automaton, primary: str, ascii_view: str) -> list[tuple[TermEntry, int, int, list[str]]]:
        found: list[tuple[TermEntry, int, int, list[str]]] = []
        for end_index, (key, entries) in automaton.iter(ascii_view):
            start = end_index - len(key) + 1
            found.extend(self._check_entries(primary, ascii_view, start, end_index + 1, entries, masked=False))
        return found

    def _check_entries(self, primary: str, ascii_view: str, start: int, end: int, entries: tuple[TermEntry, ...], masked: bool) -> list[tuple[TermEntry, int, int, list[str]]]:
        out = []
        left_letter = start > 0 and primary[start - 1].isalnum()
        right_letter = end < len(primary) and primary[end].isalnum()
        span = primary[start:end]
        for entry in entries:
            if left_letter and not entry.suffix_part:
                continue
            if right_letter and not entry.prefix_part:
                continue
            if entry.stem and not right_letter:
                continue
            notes: list[str] = []
            if entry.typo:
                notes.append(f"felstavning av '{entry.form}'")
            if masked:
                notes.append(f"maskerat ord tolkat som '{entry.form}'")
            elif span != entry.primary:
                if _another_word(span, entry.primary):
                    continue  # another real word (höra is not hora)
                notes.append("skrivet utan å/ä/ö")
            if left_letter or right_letter:
                notes.append("del av sammansättning")
            out.append((entry, start, end, notes))
        return out

    def _masked_hits(self, primary: str, ascii_view: str) -> list[tuple[TermEntry, int, int, list[str]]]:
        out = []
        for m in _MASKED_TOKEN_RE.finditer(ascii_view):
            token = m.group().strip("*#")
            if not token or ("*" not in token and "#" not in token):
                continue
            letters = sum(ch.isalpha() for ch in token)
            if letters < 2 or letters < len(token) / 2:
                continue
            offset = m.start() + m.group().index(token)
            probe = re.compile("".join("." if ch in "*#" else re.escape(ch) for ch in token))
            for key in self._keys_by_len.get(len(token), ()):
                if probe.fullmatch(key):
                    _, entries = self._automaton.get(key)  # type: ignore[union-attr]
                    out.extend(self._check_entries(primary, ascii_view, offset, offset + len(token), entries, masked=True))
        return out

    def _allowed(self, primary_ascii: str, start: int, end: int, rule_index: int) -> str | None:
        lo, hi = start, end
        while lo > 0 and primary_ascii[lo - 1].isalnum():
            lo -= 1
        while hi < len(primary_ascii) and primary_ascii[hi].isalnum():
            hi += 1
        token = primary_ascii[lo:hi]
        for word in (*self._rule_allow[rule_index], *self._global_allow):
            pos = token.find(word)
            while pos != -1:
                if lo + pos <= start and lo + pos + len(word) >= end and len(word) > end - start:
                    return word
                pos = token.find(word, pos + 1)
        return None

    def _resolve_terms(self, doc: NormalisedText, found: list[tuple[TermEntry, int, int, list[str]]]) -> list[RawHit]:
        by_rule: dict[int, list[tuple[TermEntry, int, int, list[str]]]] = defaultdict(list)
        for item in found:
            by_rule[item[0].rule].append(item)
        hits: list[RawHit] = []
        ascii_view = doc.ascii_skeleton
        for rule_index, items in by_rule.items():
            rule = self.rules[rule_index]
            kept: list[tuple[TermEntry, int, int, list[str]]] = []
            for item in sorted(items, key=lambda it: (it[1], -(it[2] - it[1]))):
                if any(k[0].part == item[0].part and k[1] <= item[1] and item[2] <= k[2] for k in kept):
                    continue
                if _doubled_into_another_word(doc, item[0], item[1], item[2]):
                    continue
                allowed = self._allowed(ascii_view, item[1], item[2], rule_index)
                if allowed:
                    start, end = doc.skeleton_span(item[1], item[2])
                    hits.append(RawHit(rule, start, end, rule.spec.base_score, [f"term '{item[0].form}'"], allowed_by=allowed))
                    continue
                kept.append(item)
            if rule.spec.kind == "terms":
                for entry, s, e, notes in kept[:MAX_HITS_PER_RULE]:
                    start, end = doc.skeleton_span(s, e)
                    score = rule.spec.base_score - (TYPO_PENALTY if entry.typo else 0.0)
                    hits.append(RawHit(rule, start, end, max(score, 0.0), [f"term '{entry.form}'", *notes]))
            else:
                hits.extend(self._near(doc, rule, kept))
        return hits

    def _near(self, doc: NormalisedText, rule: LoadedRule, kept: list[tuple[TermEntry, int, int, list[str]]]) -> list[RawHit]:
        first = [k for k in kept if k[0].part == 0]
        second = [k for k in kept if k[0].part == 1]
        if not first or not second:
            return []
        starts = [m.start() for m in _WORD_RE.finditer(doc.skeleton)]

        def token_index(pos: int) -> int:
            return bisect.bisect_right(starts, pos) - 1

        hits = []
        side = rule.spec.near_side
        for a in first[:MAX_HITS_PER_RULE]:
            ta = token_index(a[1])
            candidates = [b for b in second if side == "either" or (b[1] < a[1] if side == "before" else b[1] > a[1])]
            if not candidates:
                continue
            best = min(candidates, key=lambda b: abs(token_index(b[1]) - ta))
            distance = abs(token_index(best[1]) - ta)
            if distance > rule.spec.window or (best[1] < a[2] and a[1] < best[2]):
                continue
            s, e = min(a[1], best[1]), max(a[2], best[2])
            start, end = doc.skeleton_span(s, e)
            notes = [f"'{a[0].form}' nära '{best[0].form}' ({distance} ord)", *a[3], *best[3]]
            score = max(0.0, rule.spec.base_score - (TYPO_PENALTY if a[0].typo or best[0].typo else 0.0))
            hits.append(RawHit(rule, start, end, score, notes, anchor=doc.skeleton_span(a[1], a[2])))
        return hits

    def _build_anchors(self) -> tuple[ahocorasick.Automaton | None, tuple[int, ...], tuple[int, ...]]:
        """One automaton over every pattern rule's literal anchors (see anchors.py)."""
        table: dict[str, set[int]] = defaultdict(set)
        digit_rules: list[int] = []
        unanchored: list[int] = []
        for index in self._pattern_rules:
            anchors = anchors_for(self.rules[index].spec.pattern or "")
            if anchors.strings:
                for literal in anchors.strings:
                    table[literal].add(index)
            elif anchors.needs_digit:
                digit_rules.append(index)
            else:
                unanchored.append(index)
        automaton = None
        if table:
            automaton = ahocorasick.Automaton()
            for literal, indices in table.items():
                automaton.add_word(literal, frozenset(indices))
            automaton.make_automaton()
        return automaton, tuple(digit_rules), tuple(unanchored)

    def _candidate_patterns(self, lower: str) -> list[int]:
        candidates: set[int] = set(self._unanchored)
        if self._anchor_automaton is not None:
            for _, indices in self._anchor_automaton.iter(lower):
                candidates |= indices
        if self._digit_rules and _DIGIT_RE.search(lower):
            candidates.update(self._digit_rules)
        return sorted(candidates)

    def _pattern_hits(self, doc: NormalisedText) -> list[RawHit]:
        hits: list[RawHit] = []
        for index in self._candidate_patterns(doc.lower):
            rule = self.rules[index]
            try:
                hits.extend(self._run_pattern(doc, index, PATTERN_TIMEOUT_S))
            except TimeoutError:
                try:
                    hits.extend(self._run_pattern(doc, index, PATTERN_RETRY_TIMEOUT_S))
                except TimeoutError:
                    hits.append(RawHit(rule, 0, 0, 0.0, ["timeout"], timed_out=True))
        return hits

    def _run_pattern(self, doc: NormalisedText, index: int, timeout: float) -> list[RawHit]:
        rule = self.rules[index]
        validator = VALIDATORS.get(rule.spec.validator) if rule.spec.validator else None
        hits: list[RawHit] = []
        for m in self._patterns[index].finditer(doc.lower, timeout=timeout):
            if m.end() == m.start():
                continue
            start, end = doc.lower_span(m.start(), m.end())
            if validator is not None and not validator(doc.original[start:end]):
                continue
            hits.append(RawHit(rule, start, end, rule.spec.base_score, [f"mönster /{_short(rule.spec.pattern or '')}/"]))
            if len(hits) >= MAX_HITS_PER_RULE:
                break
        return hits

    @property
    def unanchored_patterns(self) -> list[str]:
        """Codes of pattern rules that run on every comment (no literal anchor found)."""
        return [self.rules[i].spec.code for i in self._unanchored]


_DOUBLE_MIN_FORM = 5


def _another_word(span: str, primary: str) -> bool:
    """A word of the span that differs from the form and has å/ä/ö of its own is another word."""
    span_words, form_words = span.split(" "), primary.split(" ")
    if len(span_words) != len(form_words):
        return bool(DIACRITIC_RE.search(span))
    return any(w != f and DIACRITIC_RE.search(w) for w, f in zip(span_words, form_words, strict=True))


def _doubled_into_another_word(doc: NormalisedText, entry: TermEntry, start: int, end: int) -> bool:
    """True when the text doubles a letter the form has once, in a way that spells another word.

    Letter runs collapse in the skeleton, so `fann` reaches `fan` and `katt` reaches `kåt`.
    A doubled last letter, or any doubling in a short form, is taken as a different word;
    a doubling inside a longer form (`jävvla`) is taken as emphasis or disguise.
    """
    a, b = doc.skeleton_span(start, end)
    written = [ch for ch in doc.original[a:b].casefold() if ch.isalpha()]
    form = [ch for ch in entry.form.casefold() if ch.isalpha()]
    runs_written = _runs(written)
    runs_form = _runs(form)
    if len(runs_written) != len(runs_form):
        return False
    for i, (n_written, n_form) in enumerate(zip(runs_written, runs_form, strict=True)):
        if n_written == 2 and n_form == 1 and (i == len(runs_form) - 1 or len(form) < _DOUBLE_MIN_FORM):
            return True
    return False


def _runs(letters: list[str]) -> list[int]:
    runs: list[int] = []
    previous = None
    for ch in letters:
        if ch == previous:
            runs[-1] += 1
        else:
            runs.append(1)
        previous = ch
    return runs


def _short(pattern: str, limit: int = 60) -> str:
    return pattern if len(pattern) <= limit else pattern[: limit - 1] + "…"


def _spelling_variants(primary: str) -> list[str]:
    """The form itself plus its ae/oe/aa spellings (jaevla, foerbannad), all skeletonised."""
    variants = [primary]
    if any(ch in primary for ch in "åäö"):
        digraph = primary.replace("ä", "ae").replace("ö", "oe").replace("å", "aa")
        variants.append(skeleton_text(digraph))
    return variants
