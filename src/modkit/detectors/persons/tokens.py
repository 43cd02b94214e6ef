"""Word tokens of the ORIGINAL comment, with sentence numbers and capitalisation, for the
name and detail rules (which look at neighbours and at case)."""

from __future__ import annotations

from dataclasses import dataclass

from .vocab import ABBREV, SENT_END_RE, TOKEN_RE


@dataclass(slots=True)
class Tok:
    start: int
    end: int
    text: str
    low: str
    sent: int
    cap: bool  # starts with an upper-case letter
    upper: bool  # all capitals (and longer than one letter)
    sent_start: bool


def tokenise(text: str) -> list[Tok]:
    """The word tokens of `text`; a sentence ends at a line break or at .!?… before a space
    (not after an abbreviation such as "kl." or an initial)."""
    toks: list[Tok] = []
    sent = 0
    prev_end = 0
    prev_low = ""
    append = toks.append
    for m in TOKEN_RE.finditer(text):
        start, end = m.span()
        gap = text[prev_end:start]
        boundary = not toks
        if gap != " " and toks and ("\n" in gap or (SENT_END_RE.search(gap) and not (prev_low in ABBREV or len(toks[-1].text) == 1 and toks[-1].text.isupper()))):
            sent += 1
            boundary = True
        word = m.group()
        low = word.casefold()
        append(Tok(start, end, word, low, sent, word[0].isupper(), len(word) > 1 and word.isupper(), boundary))
        prev_end = end
        prev_low = low
    return toks


def adjacent(text: str, a: Tok, b: Tok) -> bool:
    gap = text[a.end : b.start]
    return gap in (" ", "  ", "\u00a0")
