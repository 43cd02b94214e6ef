"""A cheap test that lets the detector skip the token analysis of a comment that cannot yield
a finding: most comments name nobody and mention no sensitive term.

A finding needs either a name mention (a first name, an unknown name + surname, "min son
Ymer", "familjen Ek") for personal_data, or a sensitive term together with some person
mention for sensitive_data. `Prefilter.may_flag` looks for the words these need with set
look-ups on the comment's case-folded word runs (one `re.findall`), and checks
capitalisation and spacing on the original at the few places a cue word occurs. Each test is
implied by the corresponding rule of the full analysis (`mentions.PersonFinder`,
`sensitive.SensitiveData`): it lets through comments that then yield nothing, never stops one
that yields something (tests/test_persons.py checks this on generated comments).

Word runs are maximal runs of word characters, so a token "Anna-Lena" gives the runs "anna"
and "lena": a list word is looked up by one of its runs (the first for a name, whose case
decides; the last for a cue that must be followed by a capitalised word; the longest or least
common otherwise).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable

from ...text.charmaps import ASCII_FOLD
from .lexicon import Cue, Lexicon
from .trie import trie_regex
from .vocab import (
    COMMON_CAPS,
    COPULAS,
    FILLERS,
    HYPOTHETICAL,
    NAME_INTRO,
    NEGATIONS,
    PREDICATES,
    STREET_SUFFIXES,
    SURNAME_SUFFIXES,
    THIRD_PERSON,
    TOKEN_RE,
)

_RUN = re.compile(r"\w+")
# Two adjacent capitalised words, the second one left unconsumed: "Kerim Mekonnen". The first
# class is every upper-case letter of Latin-1 and everything beyond it (`re` skips quickly to
# such characters); the lookahead is a superset of the upper-case letters.
_CAP_PAIR = re.compile(r"[A-Z\xc0-\xd6\xd8-\xde\u0100-\U0010ffff][^\W\d_]{2,}(?:  ?|\xa0)(?=[^\W\d_a-z\xdf-\xf6\xf8-\xff])")
_PREV_TOKEN = re.compile(r"([^\W_]+(?:[-'’][^\W_]+)*)[\W_]*\Z")
_WORD_CHAR = re.compile(r"[^\W_]")
_NAME_CUES = frozenset({"heter", "hette", "kallas", "och"}) | NAME_INTRO
_PREV_WINDOW = 64
# Spellings the terms' ASCII folding joins that comments use all the time: the anchors of the
# sensitive terms are stored in each of these spellings, so Swedish words need no folding here.
_COMMON_FOLDS = {"a": "aåä", "o": "oö", "e": "eé"}
_MAX_SPELLINGS = 2048
_RARE_FOLDS = re.compile("[" + "".join(ch for ch in map(chr, ASCII_FOLD) if ch not in "åäöé") + "]")
# Frequent words a sensitive term is not looked up by ("har en fru" is looked up by "fru").
_FREQUENT = (
    NEGATIONS | COPULAS | PREDICATES | FILLERS | HYPOTHETICAL
    | frozenset({"har", "hade", "haft", "en", "ett", "med", "på", "i", "om", "för", "till", "av", "och", "sig", "sin", "sitt",
                 "sina", "det", "den", "inne", "ta", "kom", "hela", "varje", "satt", "sitter", "suttit", "boende"})
)


def _runs(word: str) -> list[str]:
    return _RUN.findall(word)


def _spellings(run: str) -> Iterable[str]:
    """`run` (ASCII-folded) in each spelling of `_COMMON_FOLDS`: "mor" -> "mor", "mör"."""
    options = [_COMMON_FOLDS.get(ch, ch) for ch in run]
    return ("".join(p) for p in itertools.product(*options))


class Prefilter:
    """`may_flag(text)` is False only when the full analysis of `text` yields no finding and no review note."""

    def __init__(self, lexicon: Lexicon) -> None:
        cues = lexicon.cues
        # names: by the first run (a name token starts with it)
        self.names = frozenset(_runs(n)[0] for n in lexicon.first_names if _runs(n))
        # names that are no ordinary word ("min granne eva"); "per-erik" needs both runs
        plain = [_runs(n) for n in lexicon.first_names - lexicon.not_names]
        self.plain_names = frozenset(r[0] for r in plain if len(r) == 1)
        self.plain_compounds: dict[str, list[frozenset[str]]] = {}
        for r in plain:
            if len(r) > 1:
                self.plain_compounds.setdefault(r[0], []).append(frozenset(r))
        self.surnames = frozenset(lexicon.surnames)
        self.not_unknown = frozenset(lexicon.not_surnames) | COMMON_CAPS | frozenset().union(
            *(cues[k].exact for k in ("relations", "titles", "staff_roles", "official_roles", "descriptor_heads"))
        )
        self.name_cues = [cues[k] for k in ("relations", "titles", "staff_roles", "official_roles")]
        # relations and titles before a capitalised word: by the last run (the cue token ends with it)
        self.relations = frozenset(r[-1] for r in map(_runs, cues["relations"].exact) if r)
        self.titles = frozenset(r[-1] for r in map(_runs, cues["titles"].exact) if r)
        self.name_affixes = _affixes([cues["relations"], cues["titles"]])
        # someone a sensitive term can be about (other than the writer): by every run
        person_cues = [cues[k] for k in ("relations", "staff_roles", "official_roles", "descriptor_heads")]
        self.persons = frozenset(r for w in frozenset().union(THIRD_PERSON, *(c.exact for c in person_cues)) for r in _runs(w))
        self.person_affixes = _affixes(person_cues)
        # sensitive terms: by their least common run, ASCII-folded, in the common spellings; a
        # term of more than one run is then matched as a whole (`_term_pattern`) where its anchor occurs
        by_anchor: dict[str, set[str]] = {}
        for terms in lexicon.terms_by_first.values():
            for term in terms:
                folded = [t.translate(ASCII_FOLD) for t in term.tokens]
                runs = [r for t in folded for r in _runs(t)]
                anchor = max(runs, key=lambda r: (r not in _FREQUENT, len(r)))
                by_anchor.setdefault(anchor, set()).add(" ".join(folded) if len(runs) > 1 else "")
        self.terms = {a: None if "" in seqs else _term_pattern(seqs) for a, seqs in by_anchor.items()}
        self.anchor_of: dict[str, str] = {}
        self._fold_words = False  # an anchor with too many spellings to list: fold the comment's words instead
        for anchor in by_anchor:
            if math.prod(len(_COMMON_FOLDS.get(ch, ch)) for ch in anchor) > _MAX_SPELLINGS:
                self._fold_words = True
            else:
                self.anchor_of.update((s, anchor) for s in _spellings(anchor))
        self.anchor_spellings = frozenset(self.anchor_of)
        suffixes = {term.tokens[0] for term in lexicon.suffix_terms}
        self._suffix_terms = re.compile(trie_regex(suffixes) + r"\b") if suffixes else None

    def may_flag(self, text: str) -> bool:
        low = text.casefold()
        # Unless the length changes (ß, ﬁ, … fold to two letters) or U+0345 (a combining mark that
        # folds to a letter) or "_" (a word character to `\w` that separates tokens) occurs, character
        # i of `low` is character i of `text` folded, a word character if and only if that one is:
        # offsets and word runs of `low` are those of the original.
        if len(low) != len(text) or "_" in text or "\u0345" in text:
            return True
        words = set(_RUN.findall(low))
        if self._may_name(text, low, words):
            return True
        return self._may_term(low, words) and self._may_person(words)

    # a mention the personal_data rules need ------------------------------------------------
    def _may_name(self, text: str, low: str, words: set[str]) -> bool:
        found = words & self.names
        if found:
            if not found.isdisjoint(self.plain_names):
                return True  # "Eva", or "min granne eva"
            if any(req <= words for w in found & self.plain_compounds.keys() for req in self.plain_compounds[w]):
                return True
            if any(not text[i].islower() for w in found for i in _starts(low, w)):
                return True  # "Hans Ek": an ambiguous name, capitalised
        for w in words & self.relations:
            for end in _ends(low, w):
                gap = 2 if text.startswith("  ", end) else 1 if text[end : end + 1] in (" ", "\xa0") else 0
                if gap and text[end + gap : end + gap + 1].isupper():
                    return True  # "min son Ymer"
        for w in words & self.titles:
            for end in _ends(low, w):
                nxt = _WORD_CHAR.search(text, end)
                if nxt is not None and text[nxt.start()].isupper():
                    return True  # "familjen Ek"
        if self.name_affixes is not None and _any_affix(words, self.name_affixes):
            return True
        return any(self._unknown_name(text, m) for m in _CAP_PAIR.finditer(text))

    def _unknown_name(self, text: str, m: re.Match[str]) -> bool:
        """A capitalised word + a capitalised surname-like word (`PersonFinder._unknown_name`)."""
        word, start = m.group().rstrip(" \xa0"), m.start()
        if not word[0].isalpha():
            word, start = word[1:], start + 1  # the pattern's first character may be a symbol before the word
        low = word.casefold()
        if not word[0].isupper() or (word.isupper() and len(word) > 1):
            return False
        if low in self.not_unknown or low.endswith(STREET_SUFFIXES):
            return False
        nxt = TOKEN_RE.match(text, m.end())
        if nxt is None:
            return False
        following = nxt.group()
        if following.isupper() and len(following) > 1:
            return False
        following = following.casefold()
        if following.rstrip("s") in self.surnames or self._strict_surname(following):
            return True
        return self._name_cue_before(text, start)

    def _strict_surname(self, low: str) -> bool:
        """The list and suffix part of `PersonFinder._is_surname(strict=True)`."""
        candidates = [low, low[:-1] if low.endswith("s") and len(low) > 3 else low]
        return any(all(p in self.surnames or p.endswith(SURNAME_SUFFIXES) for p in c.split("-")) for c in candidates)

    def _name_cue_before(self, text: str, start: int) -> bool:
        """The word before `start` is a name cue ("heter", "min granne", "Grattis")."""
        lo = max(0, start - _PREV_WINDOW)
        m = _PREV_TOKEN.search(text, lo, start)
        if m is None:
            return lo > 0  # no word in the window: the word before lies further back
        if m.start() == lo and lo > 0:
            return True  # the word may be longer than the window: assume a cue
        prev = m.group(1).casefold()
        return prev in _NAME_CUES or any(prev in cue for cue in self.name_cues)

    # a sensitive term and someone it can be about ------------------------------------------
    def _may_term(self, low: str, words: set[str]) -> bool:
        anchors = {self.anchor_of[w] for w in words & self.anchor_spellings}
        if self._fold_words or _RARE_FOLDS.search(low):
            anchors |= {f for f in (w.translate(ASCII_FOLD) for w in words) if f in self.terms}
        for anchor in anchors:
            pattern = self.terms[anchor]
            if pattern is None or pattern.search(low):
                return True
        return self._suffix_terms is not None and self._suffix_terms.search(low) is not None

    def _may_person(self, words: set[str]) -> bool:
        return not words.isdisjoint(self.persons) or (self.person_affixes is not None and _any_affix(words, self.person_affixes))


def _term_pattern(sequences: Iterable[str]) -> re.Pattern[str]:
    """Folded terms ("har en fru") as they may stand in the case-folded comment: any spelling
    that folds to them, filler words ("ju") between the words (`sensitive.match_tokens`). The
    first letters are written out one by one (no class, no leading `\\b`), so that `re` can skip
    quickly to the places where a term may start."""
    classes: dict[str, set[str]] = {}
    for code, to in ASCII_FOLD.items():
        classes.setdefault(to, {to}).add(chr(code))
    fold_class = {to: "[" + "".join(sorted(chars)) + "]" for to, chars in classes.items()}
    gap = r"\W+(?:" + trie_regex(FILLERS) + r"\W+)*"

    def char(ch: str) -> str:
        return gap if ch == " " else fold_class.get(ch, re.escape(ch))

    def first(ch: str) -> str:
        return "(?:" + "|".join(re.escape(c) for c in sorted(classes.get(ch, {ch}))) + ")"

    return re.compile(trie_regex(sequences, char, first) + r"\b")


def _affixes(cues: list[Cue]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The word runs a token with one of the cues' prefixes starts with, or with a suffix ends with (None: no affixes)."""
    prefixes = tuple(r[0] for r in (_runs(p) for c in cues for p in c.prefixes) if r)
    suffixes = tuple(r[-1] for r in (_runs(s) for c in cues for s in c.suffixes) if r)
    return (prefixes, suffixes) if prefixes or suffixes else None


def _any_affix(words: set[str], affixes: tuple[tuple[str, ...], tuple[str, ...]]) -> bool:
    prefixes, suffixes = affixes
    return any((prefixes and w.startswith(prefixes)) or (suffixes and w.endswith(suffixes)) for w in words)


def _starts(low: str, run: str) -> Iterable[int]:
    """Offsets where `run` occurs as a whole word run."""
    i = low.find(run)
    while i >= 0:
        end = i + len(run)
        if (i == 0 or not low[i - 1].isalnum()) and (end == len(low) or not low[end].isalnum()):
            yield i
        i = low.find(run, i + 1)


def _ends(low: str, run: str) -> Iterable[int]:
    """Offsets just after each whole-word occurrence of `run`."""
    return (i + len(run) for i in _starts(low, run))
