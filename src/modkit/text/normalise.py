"""Normalised views of a comment, each with an offset map back to the original.

Two views serve matching:

* ``lower``: NFKC + casefold, invisible/format characters and stray combining
  marks removed, homoglyphs folded. Regular-expression rules run here.
* ``skeleton``: ``lower`` plus leetspeak inside words, spaced-out letters
  joined (``f i t t a``), hyphens inside words dropped, letter runs collapsed
  (``jäääävla`` -> ``jävla``, consistently ``fitta`` -> ``fita``) and
  whitespace runs folded. Lexicon terms run here, and on its diacritic-free
  twin ``ascii_skeleton`` (same length, so the same offsets).

Most comments are plain text: for them ``lower`` is ``str.casefold`` with an
identity map, and skeleton offsets are only computed when a term matched.
Both paths apply the same edit functions, so they cannot disagree.
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


# --- skeleton edits --------------------------------------------------------------

_LETTER = r"[^\W\d_]"
_LEET_CHARS = "".join(re.escape(c) for c in LEET)
_LEET_TOKEN_RE = re.compile(rf"[\w{_LEET_CHARS}]*(?:{_LETTER}[{_LEET_CHARS}]|[{_LEET_CHARS}]{_LETTER})[\w{_LEET_CHARS}]*")
_LETTER_RE = re.compile(_LETTER)
_SPACED_RE = re.compile(rf"(?<!\w){_LETTER}(?:[ .\-_·•/]{{1,3}}{_LETTER}(?!\w)){{2,}}")
_SPACED_SEP_RE = re.compile(r"[ .\-_·•/]+")
_INWORD_PUNCT_RE = re.compile(rf"(?<={_LETTER})[-'´`’](?={_LETTER})")
_RUN_RE = re.compile(rf"({_LETTER})\1+")
_SPACE_RUN_RE = re.compile(r"\s{2,}|[^\S ]")  # every whitespace run becomes one space


_LEET_NEAR_LETTER_RE = re.compile(rf"{_LETTER}[{_LEET_CHARS}]|[{_LEET_CHARS}]{_LETTER}")


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
        # Digits and symbols first, then '!'/'|' between letters, until nothing changes,
        # so that the result is already a fixpoint (idempotent).
        progress = True
        while progress:
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


def _spaced_edits(s: str) -> list[Edit]:
    edits: list[Edit] = []
    for m in _SPACED_RE.finditer(s):
        base = m.start()
        for sep in _SPACED_SEP_RE.finditer(m.group()):
            edits.append((base + sep.start(), base + sep.end(), ""))
    return edits


class _Step:
    """One skeleton step: `edits` for the offset-tracking path, `run` for the plain one."""

    __slots__ = ("edits", "run")

    def __init__(self, edits: Callable[[str], list[Edit]], run: Callable[[str], str] | None = None) -> None:
        self.edits = edits
        self.run = run or (lambda s: _apply(s, edits(s), None)[0])


def _regex_step(pattern: re.Pattern[str], template: str) -> _Step:
    """A step that is one `re.sub`; the edits replay the same matches with offsets."""

    def edits(s: str) -> list[Edit]:
        return [(m.start(), m.end(), m.expand(template)) for m in pattern.finditer(s)]

    return _Step(edits, lambda s: pattern.sub(template, s))


_collapse_runs = _regex_step(_RUN_RE, r"\1")

# Order matters for idempotence: runs collapse before single letters are joined
# ("aa b c" -> "a b c" -> "abc") and again after ("f i t t a" -> "fitta" -> "fita").
_SKELETON_STEPS: tuple[_Step, ...] = (
    _Step(_leet_edits),
    _collapse_runs,
    _Step(_spaced_edits),
    _regex_step(_INWORD_PUNCT_RE, ""),
    _collapse_runs,
    _regex_step(_SPACE_RUN_RE, " "),
)


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


_MAX_SKELETON_PASSES = 4


def _skeleton(lower: str, maps: Maps | None) -> tuple[str, Maps | None]:
    """Apply the steps until nothing changes, so the skeleton is a fixpoint (idempotent).

    One step can enable another ("0a'b" -> "0ab" -> "oab"); a second pass settles
    almost every text, and each pass only replaces non-letters or shortens the text.
    """
    s = lower
    for _ in range(_MAX_SKELETON_PASSES):
        before = s
        for step in _SKELETON_STEPS:
            if maps is None:
                s = step.run(s)
            else:
                s, maps = _apply(s, step.edits(s), maps)
        if s == before:
            break
    return s, maps


_TOKEN_CACHE: dict[str, str] = {}
_TOKEN_CACHE_LIMIT = 200_000


def _token_skeleton(token: str) -> str:
    if len(_TOKEN_CACHE) >= _TOKEN_CACHE_LIMIT:
        _TOKEN_CACHE.clear()
    cached = _TOKEN_CACHE[token] = _skeleton(token, None)[0]
    return cached


def _skeleton_plain(lower: str) -> str:
    """The skeleton without offsets, token by token with a cache (comments share words).

    Equal to `_skeleton(lower, None)`: every step stays inside a whitespace-separated
    token except joining spaced letters (`f i t t a`), which takes the full path, and
    whitespace folding, which the join does (every whitespace run becomes one space).
    """
    if _SPACED_RE.search(lower) is not None:
        return _skeleton(lower, None)[0]
    tokens = lower.split()
    out = list(map(_TOKEN_CACHE.get, tokens))
    if None in out:
        out = [s if s is not None else _token_skeleton(t) for s, t in zip(out, tokens)]
    joined = " ".join(out)
    if lower[:1].isspace():
        joined = " " + joined
    if tokens and lower[-1:].isspace():
        joined += " "
    return joined


_TOKEN_MAP_CACHE: dict[str, tuple[str, list[int], list[int]]] = {}
_TOKEN_RE = re.compile(r"\S+")


def _token_with_maps(token: str) -> tuple[str, list[int], list[int]]:
    cached = _TOKEN_MAP_CACHE.get(token)
    if cached is None:
        if len(_TOKEN_MAP_CACHE) >= _TOKEN_CACHE_LIMIT:
            _TOKEN_MAP_CACHE.clear()
        skeleton, maps = _skeleton(token, _identity(len(token)))
        assert maps is not None
        cached = _TOKEN_MAP_CACHE[token] = (skeleton, maps[0], maps[1])
    return cached


def _skeleton_with_maps_plain(lower: str) -> tuple[str, Maps]:
    """`_skeleton(lower, identity)` token by token, for text whose `lower` view has identity offsets."""
    if _SPACED_RE.search(lower) is not None:
        skeleton, maps = _skeleton(lower, _identity(len(lower)))
        assert maps is not None
        return skeleton, maps
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _TOKEN_RE.finditer(lower):
        a, b = m.span()
        if a > pos:  # a whitespace run becomes one space spanning the run
            out.append(" ")
            starts.append(pos)
            ends.append(a)
        skeleton, rel_starts, rel_ends = _token_with_maps(m.group())
        out.append(skeleton)
        starts.extend([a + x for x in rel_starts])
        ends.extend([a + x for x in rel_ends])
        pos = b
    if pos < len(lower):
        out.append(" ")
        starts.append(pos)
        ends.append(len(lower))
    return "".join(out), (starts, ends)


def _identity(n: int) -> Maps:
    return list(range(n)), list(range(1, n + 1))


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
            if self._lower_maps is None:
                skeleton, self._skeleton_maps = _skeleton_with_maps_plain(self.lower)
            else:
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
