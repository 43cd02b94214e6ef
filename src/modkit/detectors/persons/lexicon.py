"""The person detector's data: name lists (``rules/sv/names/``) and cue and term lists
(``rules/sv/persons/``), read once per engine into sets and compiled patterns."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ...rules.paradigms import expand
from ...text.charmaps import ASCII_FOLD
from .vocab import TOKEN_RE


def fold(s: str) -> str:
    return unicodedata.normalize("NFC", s).casefold()


def read_names(path: Path) -> set[str]:
    if not path.exists():
        return set()
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.add(fold(line))
    return out


def cue_set(words: Iterable[str]) -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """Exact words, prefixes (`chef*`) and suffixes (`*chefen`)."""
    exact, prefixes, suffixes = set(), [], []
    for w in words:
        w = fold(w)
        if w.startswith("*"):
            suffixes.append(w[1:])
        elif w.endswith("*"):
            prefixes.append(w[:-1])
        else:
            exact.add(w)
    return frozenset(exact), tuple(prefixes), tuple(suffixes)


class Cue(frozenset[str]):
    """A cue word list. Its exact words are the set itself, so `word in cue` is a C-level set
    look-up; a list with prefixes (`chef*`) or suffixes (`*chefen`) is an `AffixCue`."""

    __slots__ = ()
    prefixes: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()

    @property
    def exact(self) -> frozenset[str]:
        return self


class AffixCue(Cue):
    """A cue word list with prefixes and suffixes; affix look-ups are cached per word."""

    __slots__ = ("prefixes", "suffixes", "_affix", "_cache")
    _MAX_CACHE = 100_000

    def __contains__(self, token: object) -> bool:
        if frozenset.__contains__(self, token):
            return True
        if not isinstance(token, str):
            return False
        hit = self._cache.get(token)
        if hit is None:
            if len(self._cache) > self._MAX_CACHE:
                self._cache.clear()
            hit = self._cache[token] = self._affix.search(token) is not None
        return hit


def make_cue(words: Iterable[str]) -> Cue:
    """The cue list of `words`. An affix with a space can never match a token and is dropped."""
    exact, prefixes, suffixes = cue_set(words)
    prefixes = tuple(p for p in prefixes if not any(ch.isspace() for ch in p))
    suffixes = tuple(x for x in suffixes if not any(ch.isspace() for ch in x))
    if not prefixes and not suffixes:
        return Cue(exact)
    cue = AffixCue(exact)
    cue.prefixes, cue.suffixes = prefixes, suffixes
    cue._affix = re.compile("|".join([f"^{re.escape(p)}" for p in prefixes] + [f"^.{{3,}}{re.escape(x)}$" for x in suffixes]))
    cue._cache = {}
    return cue


@dataclass(frozen=True, slots=True)
class Term:
    area: str
    tokens: tuple[str, ...]
    form: str
    suffix_part: bool
    prefix_part: bool
    case_sensitive: bool


@dataclass(frozen=True, slots=True)
class Area:
    key: str
    code: str
    label: str
    predicate: bool
    hypothetical: bool
    predicates: frozenset[str] = frozenset()


@dataclass(slots=True)
class Lexicon:
    """Everything the detector reads from a rule directory, loaded once."""

    female: set[str]
    male: set[str]
    surnames: set[str]
    not_names: set[str]
    cues: dict[str, Cue]
    possessives: frozenset[str]
    self_cues: tuple[tuple[str, ...], ...]
    not_surnames: frozenset[str]
    areas: dict[str, Area]
    terms_by_first: dict[str, list[Term]]
    suffix_terms: list[Term]

    @property
    def first_names(self) -> set[str]:
        return self.female | self.male

    @classmethod
    def load(cls, directory: Path) -> Lexicon:
        names = directory / "names"
        female = read_names(names / "first_names_female.txt")
        male = read_names(names / "first_names_male.txt")
        surnames = read_names(names / "surnames.txt")
        not_names = read_names(names / "not_names.txt")
        persons = tomllib.loads((directory / "persons" / "persons.toml").read_text(encoding="utf-8"))
        sensitive = tomllib.loads((directory / "persons" / "sensitive.toml").read_text(encoding="utf-8"))
        cue_keys = ["relations", "bare_relations", "descriptor_heads", "descriptor_links", "staff_roles", "official_roles",
                    "titles", "workplace_verbs", "workplace_nouns", "school_words", "family_words"]
        cues = {k: make_cue(persons.get(k, [])) for k in cue_keys}
        areas: dict[str, Area] = {}
        by_first: dict[str, list[Term]] = {}
        suffix_terms: list[Term] = []
        for key, spec in sensitive.get("area", {}).items():
            areas[key] = Area(
                key, spec["code"], spec["label"], bool(spec.get("predicate")), bool(spec.get("hypothetical")),
                frozenset(fold(w) for w in spec.get("predicates", [])),
            )
            case_sensitive = {fold(w) for w in spec.get("case_sensitive", [])}
            for entry in spec.get("terms", []):
                tspec = expand(entry)
                for form in tspec.forms:
                    toks = tuple(fold(t) for t in TOKEN_RE.findall(form))
                    if not toks:
                        continue
                    term = Term(key, toks, form, tspec.suffix_part, tspec.prefix_part, toks[-1] in case_sensitive)
                    if tspec.suffix_part and len(toks) == 1:
                        suffix_terms.append(term)
                        continue
                    for variant in {toks[0], toks[0].translate(ASCII_FOLD)}:
                        by_first.setdefault(variant, []).append(term)
        self_cues = tuple(tuple(TOKEN_RE.findall(fold(c))) or (c,) for c in persons.get("self_name_cues", []))
        return cls(
            female=female, male=male, surnames=surnames, not_names=not_names, cues=cues,
            possessives=frozenset(fold(w) for w in persons.get("possessives", [])),
            self_cues=self_cues, not_surnames=frozenset(fold(w) for w in persons.get("not_surnames", [])),
            areas=areas, terms_by_first=by_first, suffix_terms=suffix_terms,
        )
