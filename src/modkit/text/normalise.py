"""Normalised views of a comment, each with an offset map back to the original.

Two views serve matching:

* ``lower``: NFKC + casefold, invisible/format characters and stray combining
  marks removed, homoglyphs folded. Regular-expression rules run here.
* ``skeleton``: ``lower`` plus leetspeak inside words, spaced-out or dotted
  letters joined (``f i t t a``, ``f.i.t.t.a``), hyphens inside words dropped,
  letter runs collapsed (``jäääävla`` -> ``jävla``, consistently ``fitta`` ->
  ``fita``) and whitespace runs folded. Lexicon terms run here, and on its diacritic-free
  twin ``ascii_skeleton`` (same length, so the same offsets).

Most comments are plain text: for them ``lower`` is ``str.casefold`` with an
identity map, the skeleton is built from cached token skeletons, and offsets
are only computed when a term matched, from the same cached tokens.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

from .charmaps import ASCII_FOLD, ASCII_FOLD_CHARS, HOMOGLYPHS, LEET, LEET_BETWEEN_LETTERS_ONLY, NON_SIMPLE_RE

Edit = tuple[int, int, str]
_OTHER_DIACRITIC_RE = re.compile(f"[{ASCII_FOLD_CHARS}]")
Maps = tuple[list[int], list[int]]

_DROP_CATEGORIES = frozenset({"Mn", "Me", "Cf", "Cs", "Co", "Cn"})
_KEEP_CONTROLS = frozenset("\t\n\r")


def _fold_segment(segment: str) -> str:
    """NFKC-casefold one base character with its combining marks; drop invisibles."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", segment).casefold())
    out = []
    for ch in folded:
        cat = unicodedata.category(ch)
        if cat in _DROP_CATEGORIES or (cat == "Cc" and ch not in _KEEP_CONTROLS):
            continue
        out.append(HOMOGLYPHS.get(ch, ch))
    return "".join(out)


def _segments(text: str) -> Iterator[tuple[int, int]]:
    """Spans of one starter character plus the combining marks that follow it."""
    n = len(text)
    i = 0
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        yield i, j
        i = j


def _lower_with_maps(text: str) -> tuple[str, Maps]:
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, j in _segments(text):
        piece = _fold_segment(text[i:j])
        # A second fold makes the view idempotent for the rare characters whose
        # casefolded NFKC form still folds further.
        again = _fold_segment(piece)
        while again != piece:
            piece, again = again, _fold_segment(again)
        out.append(piece)
        starts.extend([i] * len(piece))
        ends.extend([j] * len(piece))
    return "".join(out), (starts, ends)


# --- skeleton ----------------------------------------------------------------------
#
# The skeleton is defined token by token (whitespace-separated), so that each
# token's skeleton can be cached: comments share most of their words.
#   1. each token goes through the token steps until nothing changes:
#      leetspeak, letter runs collapsed, dotted letters joined (f.i.t.t.a),
#      hyphens/apostrophes inside words dropped;
#   2. tokens are joined by single spaces (a whitespace run becomes one space);
#   3. runs of three or more single-letter tokens are joined (f i t t a) and
#      their letter runs collapsed.
# Step 3 cannot create a new run of single letters, so the whole is idempotent.

_LETTER = r"[^\W\d_]"
_LEET_CHARS = "".join(re.escape(c) for c in LEET)
_LEET_TOKEN_RE = re.compile(rf"[\w{_LEET_CHARS}]*(?:{_LETTER}[{_LEET_CHARS}]|[{_LEET_CHARS}]{_LETTER})[\w{_LEET_CHARS}]*")
_LEET_NEAR_LETTER_RE = re.compile(rf"{_LETTER}[{_LEET_CHARS}]|[{_LEET_CHARS}]{_LETTER}")
_LETTER_RE = re.compile(_LETTER)
_DOTTED_RE = re.compile(rf"(?<!\w){_LETTER}(?:[.\-_·•/]{{1,3}}{_LETTER}(?!\w)){{2,}}")
_DOTTED_SEP_RE = re.compile(r"[.\-_·•/]+")
_INWORD_PUNCT_RE = re.compile(rf"(?<={_LETTER})[-'´`’](?={_LETTER})")
_RUN_RE = re.compile(rf"({_LETTER})\1+")
_SINGLE_LETTERS_RE = re.compile(rf"(?<!\S){_LETTER}(?: {_LETTER}(?!\S)){{2,}}")
_TOKEN_RE = re.compile(r"\S+")


def _leet_edits(s: str) -> list[Edit]:
    edits: list[Edit] = []
    if _LEET_NEAR_LETTER_RE.search(s) is None:
        return edits
    for m in _LEET_TOKEN_RE.finditer(s):
        token = m.group()
        if len(_LETTER_RE.findall(token)) < 2:
            continue
        chars = list(token)
        changed: set[int] = set()
        progress = True
        while progress:  # '!'/'|' count once their neighbours have become letters
            progress = False
            for k, ch in enumerate(chars):
                sub = LEET.get(ch)
                if sub is None:
                    continue
                if ch in LEET_BETWEEN_LETTERS_ONLY and not (
                    0 < k < len(chars) - 1 and chars[k - 1].isalpha() and chars[k + 1].isalpha()
                ):
                    continue
                chars[k] = sub
                changed.add(k)
                progress = True
        base = m.start()
        edits.extend((base + k, base + k + 1, chars[k]) for k in sorted(changed))
    return edits


def _joined_edits(pattern: re.Pattern[str], separators: re.Pattern[str]) -> Callable[[str], list[Edit]]:
    """Remove the separators inside each match (f.i.t.t.a -> fitta)."""

    def edits(s: str) -> list[Edit]:
        out: list[Edit] = []
        for m in pattern.finditer(s):
            base = m.start()
            out.extend((base + sep.start(), base + sep.end(), "") for sep in separators.finditer(m.group()))
        return out

    return edits


def _regex_edits(pattern: re.Pattern[str], template: str) -> Callable[[str], list[Edit]]:
    def edits(s: str) -> list[Edit]:
        return [(m.start(), m.end(), m.expand(template)) for m in pattern.finditer(s)]

    return edits


_collapse_edits = _regex_edits(_RUN_RE, r"\1")
_TOKEN_STEPS: tuple[Callable[[str], list[Edit]], ...] = (
    _leet_edits,
    _collapse_edits,
    _joined_edits(_DOTTED_RE, _DOTTED_SEP_RE),
    _regex_edits(_INWORD_PUNCT_RE, ""),
    _collapse_edits,
)
_join_single_letters = _joined_edits(_SINGLE_LETTERS_RE, re.compile(" "))
_MAX_PASSES = 4


def _apply(s: str, edits: list[Edit], maps: Maps | None) -> tuple[str, Maps | None]:
    if not edits:
        return s, maps
    out: list[str] = []
    pos = 0
    if maps is None:
        for a, b, repl in edits:
            out.append(s[pos:a])
            out.append(repl)
            pos = b
        out.append(s[pos:])
        return "".join(out), None
    starts, ends = maps
    new_starts: list[int] = []
    new_ends: list[int] = []
    for a, b, repl in edits:
        out.append(s[pos:a])
        new_starts.extend(starts[pos:a])
        new_ends.extend(ends[pos:a])
        out.append(repl)
        new_starts.extend([starts[a]] * len(repl))
        new_ends.extend([ends[b - 1]] * len(repl))
        pos = b
    out.append(s[pos:])
    new_starts.extend(starts[pos:])
    new_ends.extend(ends[pos:])
    return "".join(out), (new_starts, new_ends)


def _identity(n: int) -> Maps:
    return list(range(n)), list(range(1, n + 1))


def _token_skeleton_uncached(token: str) -> tuple[str, Maps]:
    """One token through the token steps until nothing changes; offsets relative to the token."""
    s, maps = token, _identity(len(token))
    for _ in range(_MAX_PASSES):
        before = s
        for step in _TOKEN_STEPS:
            s, maps = _apply(s, step(s), maps)  # type: ignore[assignment]
        if s == before:
            break
    return s, maps


_TOKEN_CACHE: dict[str, tuple[str, list[int], list[int]]] = {}
_TOKEN_CACHE_LIMIT = 200_000


def _token_skeleton(token: str) -> tuple[str, list[int], list[int]]:
    cached = _TOKEN_CACHE.get(token)
    if cached is None:
        if len(_TOKEN_CACHE) >= _TOKEN_CACHE_LIMIT:
            _TOKEN_CACHE.clear()
        skeleton, (starts, ends) = _token_skeleton_uncached(token)
        cached = _TOKEN_CACHE[token] = (skeleton, starts, ends)
    return cached


def _skeleton_plain(lower: str) -> str:
    """The skeleton without offsets: cached tokens joined by single spaces."""
    tokens = lower.split()
    out = [(_TOKEN_CACHE.get(t) or _token_skeleton(t))[0] for t in tokens]
    joined = " ".join(out)
    if lower[:1].isspace():
        joined = " " + joined
    if tokens and lower[-1:].isspace():
        joined += " "
    if _SINGLE_LETTERS_RE.search(joined) is not None:
        joined, _ = _apply(joined, _join_single_letters(joined), None)
        joined, _ = _apply(joined, _collapse_edits(joined), None)
    return joined


def _skeleton(lower: str, lower_maps: Maps | None) -> tuple[str, Maps]:
    """The skeleton with offsets into the original text (through `lower_maps` if any)."""
    l_starts, l_ends = lower_maps or _identity(len(lower))
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _TOKEN_RE.finditer(lower):
        a, b = m.span()
        if a > pos:  # a whitespace run becomes one space spanning the run
            out.append(" ")
            starts.append(l_starts[pos])
            ends.append(l_ends[a - 1])
        skeleton, rel_starts, rel_ends = _token_skeleton(m.group())
        out.append(skeleton)
        starts.extend([l_starts[a + x] for x in rel_starts])
        ends.extend([l_ends[a + x - 1] for x in rel_ends])
        pos = b
    if pos < len(lower):
        out.append(" ")
        starts.append(l_starts[pos])
        ends.append(l_ends[len(lower) - 1])
    joined: str = "".join(out)
    maps: Maps = (starts, ends)
    if _SINGLE_LETTERS_RE.search(joined) is not None:
        joined, maps = _apply(joined, _join_single_letters(joined), maps)  # type: ignore[assignment]
        joined, maps = _apply(joined, _collapse_edits(joined), maps)  # type: ignore[assignment]
    return joined, maps


class NormalisedText:
    """The views of one comment. Build once per comment; views are computed lazily."""

    __slots__ = ("original", "lower", "_lower_maps", "_skeleton", "_ascii", "_skeleton_maps")

    def __init__(self, original: str) -> None:
        self.original = original
        self._lower_maps: Maps | None
        if NON_SIMPLE_RE.search(original) is None:
            self.lower = original.casefold()
            self._lower_maps = None
        else:
            self.lower, self._lower_maps = _lower_with_maps(original)
        self._skeleton: str | None = None
        self._ascii: str | None = None
        self._skeleton_maps: Maps | None = None

    @property
    def needed_unicode_folding(self) -> bool:
        """True when the text had characters beyond plain casefolding (homoglyphs, invisibles, NFKC)."""
        return self._lower_maps is not None

    @property
    def skeleton(self) -> str:
        if self._skeleton is None:
            if self._lower_maps is None:
                self._skeleton = _skeleton_plain(self.lower)
            else:
                self._skeleton, self._skeleton_maps = _skeleton(self.lower, self._lower_maps)
        return self._skeleton

    @property
    def ascii_skeleton(self) -> str:
        """`skeleton` without diacritics; same length, same offsets."""
        if self._ascii is None:
            self._ascii = ascii_fold(self.skeleton)
        return self._ascii

    def lower_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of `lower` to the original text."""
        return _span(self._lower_maps, start, end)

    def skeleton_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of `skeleton` to the original text."""
        if self._skeleton_maps is None:
            skeleton, self._skeleton_maps = _skeleton(self.lower, self._lower_maps)
            assert skeleton == self.skeleton
        return _span(self._skeleton_maps, start, end)


def _span(maps: Maps | None, start: int, end: int) -> tuple[int, int]:
    if maps is None:
        return start, end
    starts, ends = maps
    if end <= start:
        pos = starts[start] if start < len(starts) else (ends[-1] if ends else 0)
        return pos, pos
    return starts[start], ends[end - 1]


def ascii_fold(text: str) -> str:
    """Drop diacritics one-to-one (same length); the common Swedish letters by `str.replace`."""
    folded = text.replace("å", "a").replace("ä", "a").replace("ö", "o").replace("é", "e")
    if _OTHER_DIACRITIC_RE.search(folded) is not None:
        folded = folded.translate(ASCII_FOLD)
    return folded


def lower_text(text: str) -> str:
    """The `lower` view of a string (for rule authors and tests)."""
    return NormalisedText(text).lower


def skeleton_text(text: str) -> str:
    """The skeleton of a string; lexicon entries are compared in this form."""
    return NormalisedText(text).skeleton
