"""Character tables for normalisation: homoglyphs, leetspeak, diacritic folding.

Kept apart from the algorithm so a maintainer can extend a table without
touching offset bookkeeping.
"""

from __future__ import annotations

import re
import sys
import unicodedata

# Letters from other scripts that look like Latin letters (after casefolding).
HOMOGLYPHS: dict[str, str] = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "ë", "к": "k", "м": "m", "н": "h", "о": "o",
    "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "ï",
    "ј": "j", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l", "ɡ": "g",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
    "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ϲ": "c",
    # Latin look-alikes that NFKC keeps
    "ı": "i", "ł": "l", "ø": "ö", "æ": "ä", "ð": "d", "ɑ": "a", "ɩ": "i", "ʀ": "r",
}

# Leetspeak inside words. '!' and '|' only count between two letters.
LEET: dict[str, str] = {
    "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t",
    "@": "a", "$": "s", "€": "e", "!": "i", "|": "l",
}
LEET_BETWEEN_LETTERS_ONLY = frozenset("!|")

# One-to-one folding for the diacritic-free view (å/ä/ö stay letters in the primary view).
_ASCII_FOLD_MAP = {
    "å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e", "ê": "e", "ë": "e",
    "á": "a", "à": "a", "â": "a", "ü": "u", "ú": "u", "ù": "u", "û": "u",
    "í": "i", "ì": "i", "î": "i", "ï": "i", "ó": "o", "ò": "o", "ô": "o", "õ": "o",
    "ñ": "n", "ç": "c", "ÿ": "y", "ý": "y",
}
ASCII_FOLD = str.maketrans(_ASCII_FOLD_MAP)
ASCII_FOLD_CHARS = "".join(_ASCII_FOLD_MAP)
DIACRITIC_RE = re.compile("[åäöéèêëáàâüúùûíìîïóòôõñçÿý]")

_KEEP_CONTROLS = frozenset("\t\n\r")


def _is_simple(ch: str) -> bool:
    """A character the fast path may pass through `str.casefold` alone."""
    if ch in _KEEP_CONTROLS:
        return True
    if unicodedata.category(ch) in {"Mn", "Me", "Mc", "Cf", "Cc", "Cs", "Co", "Cn", "Zl", "Zp"}:
        return False
    if unicodedata.normalize("NFKC", ch) != ch:
        return False
    folded = ch.casefold()
    if len(folded) != 1 or unicodedata.normalize("NFKC", folded) != folded:
        return False
    return ch not in HOMOGLYPHS and folded not in HOMOGLYPHS


def _ranges(codepoints: list[int]) -> str:
    out: list[str] = []
    start = prev = codepoints[0]
    for cp in codepoints[1:] + [-1]:
        if cp == prev + 1:
            prev = cp
            continue
        out.append(re.escape(chr(start)) if start == prev else f"{re.escape(chr(start))}-{re.escape(chr(prev))}")
        start = prev = cp
    return "".join(out)


def _build_non_simple_re() -> re.Pattern[str]:
    blocks = list(range(0x0, 0x3000)) + list(range(0x1F000, 0x1FB00))
    simple = [cp for cp in blocks if not 0xD800 <= cp <= 0xDFFF and _is_simple(chr(cp))]
    return re.compile(f"[^{_ranges(simple)}]")


# Matches any character that needs the careful (offset-tracking) path.
NON_SIMPLE_RE = _build_non_simple_re()
UNICODE_VERSION = unicodedata.unidata_version
PY_VERSION = sys.version_info[:2]
