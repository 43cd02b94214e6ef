"""Literal anchors for pattern rules, found automatically from each pattern's syntax.

A pattern only runs on a comment that contains one of its anchors (a set of
strings, one of which every match must contain) or, for number patterns, a
digit. All anchors of all rules go into one Aho-Corasick automaton, so clean
comments pay one linear scan instead of one regex search per rule. A pattern
with no usable anchor runs on every comment (`modkit rules lint` warns).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

try:  # Python 3.11+: the parser behind `re`, used read-only to inspect patterns.
    import re._parser as sre_parse  # type: ignore[import-not-found]
    from re._constants import (  # type: ignore[import-not-found]
        ANY, ASSERT, ASSERT_NOT, AT, BRANCH, CATEGORY, CATEGORY_DIGIT, IN, LITERAL, MAX_REPEAT, MIN_REPEAT,
        NEGATE, RANGE, SUBPATTERN,
    )
except ImportError:  # pragma: no cover
    sre_parse = None

MIN_ANCHOR_LEN = 3
_MAX_SET = 64
DIGIT = "\0digit"  # marker: "the match contains a digit"


@dataclass(frozen=True, slots=True)
class Anchors:
    strings: frozenset[str]  # empty: no literal anchor
    needs_digit: bool

    @property
    def usable(self) -> bool:
        return bool(self.strings) or self.needs_digit


@dataclass(slots=True)
class _Info:
    exact: set[str] | None  # every string this node can match, when few
    factors: set[str] | None  # one of these occurs in every match


def _class_chars(items: list) -> set[str] | None:
    chars: set[str] = set()
    for op, arg in items:
        if op is LITERAL:
            chars.add(chr(arg))
        elif op is RANGE and arg[1] - arg[0] < 4:
            chars.update(chr(c) for c in range(arg[0], arg[1] + 1))
        else:
            return None
    return chars if len(chars) <= 4 else None


def _is_digit_class(items: list) -> bool:
    return all((op is CATEGORY and arg is CATEGORY_DIGIT) or (op is RANGE and 48 <= arg[0] and arg[1] <= 57) for op, arg in items) and bool(items)


# Frequent Swedish words (and their diacritic-free spellings): an anchor set holding one
# of them would let its pattern run on most comments, so another set is preferred.
COMMON_WORDS = frozenset("""
att och det som en är på för med har inte jag de av till den om ett men så var vi du
kan ska han hon sig man ni från när nu bara eller mycket här där då hur vad vem vilka
vill får måste borde bör kommer kommer att blir blev skulle ha hade har varit vara
mig dig oss er dem honom henne hans hennes deras sin sitt sina min mitt mina din ditt dina
vår vårt våra er ert era alla allt inga ingen inget någon något några också redan efter
över under mot utan genom vid hos sedan innan eller både än som helt bara lite mer mest
ju väl nog ens ta tar gör göra gjorde sa säger se ser fått få går gå gick kom ge ger
bor bo kommun kommunen folk dom det här den där hela varje varför tror tycker vet
ar pa for fran nar hur vad over mot vid sa se ga fa aven bor bra ska skall kmr e
""".split())


def _selective(s: str) -> bool:
    return len(s) >= MIN_ANCHOR_LEN or any(_is_symbol(ch) for ch in s)


def _score(factors: set[str]) -> tuple[int, int, int, int]:
    """Prefer anchor sets that can be used, avoid frequent words, then longer strings."""
    if DIGIT in factors:
        return (1 if factors == {DIGIT} else 0, 0, 0, 0)
    usable = all(_selective(s) for s in factors)
    common = any(s.strip() in COMMON_WORDS for s in factors)
    return (int(usable), 0 if common else 1, min(len(s) for s in factors), -len(factors))


def _best(candidates: list[set[str]]) -> set[str] | None:
    valid = [c for c in candidates if c and "" not in c]
    return max(valid, key=_score) if valid else None


def _node(op: object, arg: object) -> _Info:
    if op is LITERAL:
        ch = chr(arg)  # type: ignore[arg-type]
        return _Info({ch}, {ch})
    if op is IN:
        items = list(arg)  # type: ignore[call-overload]
        if items and items[0][0] is NEGATE:
            return _Info(None, None)
        chars = _class_chars(items)
        if chars is not None:
            return _Info(set(chars), set(chars))
        return _Info(None, {DIGIT} if _is_digit_class(items) else None)
    if op is CATEGORY:
        return _Info(None, {DIGIT} if arg is CATEGORY_DIGIT else None)
    if op is SUBPATTERN:
        return _sequence(arg[-1])  # type: ignore[index]
    if op is BRANCH:
        infos = [_sequence(branch) for branch in arg[1]]  # type: ignore[index]
        exact: set[str] | None = set()
        for info in infos:
            if exact is None or info.exact is None:
                exact = None
            else:
                exact |= info.exact
        if exact is not None and len(exact) > _MAX_SET:
            exact = None
        if any(i.factors is None for i in infos):
            return _Info(exact, None)
        factors = set().union(*(i.factors for i in infos))  # type: ignore[arg-type]
        return _Info(exact, factors)
    if op in (MAX_REPEAT, MIN_REPEAT):
        low, high, item = arg  # type: ignore[misc]
        inner = _sequence(item)
        if low == 0:
            if high == 1 and inner.exact is not None:
                return _Info(inner.exact | {""}, None)
            return _Info(None, None)
        exact = inner.exact if low == high == 1 else None
        return _Info(exact, inner.factors)
    if op in (AT, ASSERT, ASSERT_NOT):
        return _Info({""}, None)
    if op is ANY:
        return _Info(None, None)
    return _Info(None, None)


def _sequence(items: object) -> _Info:
    """A concatenation: any element's factors are necessary, and so is each maximal run of
    elements with known exact strings, multiplied out (`d[öo]da` -> {"döda", "doda"})."""
    candidates: list[set[str]] = []
    run: set[str] | None = {""}
    whole: set[str] | None = {""}
    for op, arg in items:  # type: ignore[attr-defined]
        info = _node(op, arg)
        if info.exact is None:
            if info.factors is not None:
                candidates.append(info.factors)
            if run is not None and run != {""}:
                candidates.append(run)
            run = {""}
            whole = None
            continue
        whole = _product(whole, info.exact) if whole is not None else None
        extended = _product(run, info.exact)
        if extended is None:  # too many combinations: close the run, start again here
            if run is not None and run != {""}:
                candidates.append(run)
            extended = set(info.exact)
        run = extended
    if run is not None and run != {""}:
        candidates.append(run)
    return _Info(whole, _best(candidates))


def _product(left: set[str] | None, right: set[str]) -> set[str] | None:
    if left is None or len(left) * len(right) > _MAX_SET:
        return None
    return {a + b for a, b in itertools.product(left, right)}


def _is_symbol(ch: str) -> bool:
    """Symbols (©, €, 🖕) are rare enough in comments to anchor on alone."""
    return unicodedata.category(ch).startswith("S") or ord(ch) >= 0x2000


def anchors_for(pattern: str) -> Anchors:
    """The anchors of a pattern (`re` syntax subset); no anchors if it cannot be parsed."""
    if sre_parse is None:
        return Anchors(frozenset(), False)
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, TypeError, ValueError, OverflowError):
        return Anchors(frozenset(), False)
    factors = _sequence(list(parsed)).factors
    if not factors:
        return Anchors(frozenset(), False)
    if DIGIT in factors:
        return Anchors(frozenset(), factors == {DIGIT})
    if not all(_selective(s) for s in factors):
        return Anchors(frozenset(), False)  # too short to be selective (symbols and emoji excepted)
    return Anchors(frozenset(factors), False)
