"""Regex source for a large word list, written as a character trie.

`re` tries the branches of an alternation one by one, so a flat ``a|b|…`` of hundreds of
terms costs hundreds of comparisons at every start; the trie form costs about one
comparison per character of the word actually there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable


def trie_regex(words: Iterable[str], char: Callable[[str], str] = re.escape, first: Callable[[str], str] | None = None) -> str:
    """A non-capturing pattern matching any of `words` (longest first); `char` writes one character,
    `first` (default `char`) the first one of a word."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not root:
        return "(?!)"
    return "(?:" + _emit(root, char, first or char) + ")"


def _emit(node: dict[str, dict], char: Callable[[str], str], head: Callable[[str], str] | None = None) -> str:
    alternatives = [(head or char)(ch) + _emit(child, char) for ch, child in sorted(node.items()) if ch]
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    return f"(?:{body})?" if "" in node else body
