"""Persons: who a comment is about, and the personal and sensitive data tied to them.

A lexicon detector in pure Python, built once per engine (no NER model): one
pass over the comment's word tokens, with set look-ups in the name lists of
``rules/sv/names/`` (capitalisation checked on the ORIGINAL text) and in the
cue lists of ``rules/sv/persons/persons.toml``. It finds

* full names ("Eva Lund", "Britt-Marie Ek", "Sara Sandströms", "Sven L."),
  first names, "familjen Ekström", "fru Lindh";
* people identified by a relation ("min granne", "hennes son", "Mormor Rut"),
  by a description ("hon i kassan", "mannen som står vid torget") or by a job
  ("rektorn på Ekbackens skola", "handläggaren på bygglov");
* officials in their office ("kommunalrådet", "stadsdirektören Wikström"):
  a named official acting in office is public, not personal data;
* the writer ("jag", "Jag heter Eva Lund", "Mvh Anna").

`PersonDetector.persons(doc)` exposes these spans (``PersonMention``) for other
detectors. The detector itself reports:

personal_data (a private person's name together with an identifying detail):
  PD20  name + address or where the person lives ("Eva på Kyrkvägen", "bor i Torsvik")
  PD21  name + age or date of birth ("Hanna Sjöberg, 29", "född -89")
  PD22  name + workplace ("jobbar på apoteket vid torget", "Pelle på kiosken")
  PD23  name + school or class ("går i 3B på Högsätra skola")
  PD24  name + family ("min dotter Ella Johnson", "har två barn på Västra skolan")

sensitive_data (a sensitive detail tied to an identifiable person other than
the writer; terms in ``rules/sv/persons/sensitive.toml``):
  SD20 health, SD21 addiction, SD22 social services, SD23 criminal record,
  SD24 ethnicity or migration status, SD25 religion, SD26 political opinion,
  SD27 sexual orientation, SD28 protected identity.
  A detail tied only to a pronoun the detector cannot resolve ("hon har
  cancer") sends the comment to review instead.

Findings carry start/end offsets into the original text.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..categories import Category
from ..findings import Finding
from ..resources import bundled_rule_dirs
from ..rules.paradigms import expand
from ..text import NormalisedText
from ..text.charmaps import ASCII_FOLD
from .base import Detection

# --- data ---------------------------------------------------------------------------------

PD_CODES = {
    "address": ("PD20", "personal_data.name_with_address", "Personuppgift: namn på en privatperson tillsammans med adress eller bostadsort."),
    "age": ("PD21", "personal_data.name_with_age", "Personuppgift: namn på en privatperson tillsammans med ålder eller födelsedatum."),
    "workplace": ("PD22", "personal_data.name_with_workplace", "Personuppgift: namn på en privatperson tillsammans med arbetsplats."),
    "school": ("PD23", "personal_data.name_with_school", "Personuppgift: namn på en privatperson tillsammans med skola eller klass."),
    "family": ("PD24", "personal_data.name_with_family", "Personuppgift: namn på en privatperson tillsammans med familjeförhållanden eller relation (min dotter, grannen)."),
}
PD_SCORE = 0.8
SD_SCORE = 0.85
SD_PRONOUN_SCORE = 0.75

STREET_SUFFIXES = (
    "vägen", "väg", "gatan", "gata", "gränd", "gränden", "stigen", "stig", "backe", "backen", "allé", "allén",
    "torget", "torg", "platsen", "plan", "slingan", "leden", "led", "gången", "kajen", "udde", "udden", "höjden",
    "liden", "ringen", "strand", "stranden", "hamnväg",
)
STRONG_STREET_SUFFIXES = ("vägen", "väg", "gatan", "gata", "gränd", "gränden", "stigen", "allén", "leden", "slingan")
SURNAME_SUFFIXES = (
    "son", "sen", "berg", "ström", "gren", "lund", "qvist", "kvist", "quist", "dahl", "dal", "holm", "blad", "sten",
    "stedt", "stad", "sköld", "ander", "ius", "lin", "ell", "man", "mark", "vall", "wall", "ling", "borg", "fors",
    "hed", "sjö", "by", "nér", "dén", "ér", "strand", "bäck", "löf", "löv", "feldt", "gård", "hag", "skog", "vik",
    "näs", "hult", "berger", "ović", "ovic", "ić", "ski", "ska", "zadeh", "oglu", "nen", "inen", "ahmadi", "di",
)
FIRST_PERSON = frozenset({"jag", "mig", "mej", "ja", "jagn"})
FIRST_PERSON_POSS = frozenset({"min", "mitt", "mina", "vår", "vårt", "våra"})
THIRD_PERSON = frozenset({"han", "hon", "hen", "honom", "henne", "hans", "hennes", "hens"})
NEGATIONS = frozenset({"inte", "ej", "aldrig", "icke", "ingen", "inget", "inga", "int"})
HYPOTHETICAL = frozenset({"borde", "ska", "skall", "skulle", "kan", "kunde", "kanske", "risk", "riskerar", "hota", "hotar", "hotade", "vill", "får", "måste"})
NOT_AFTER = (("jobbar", "i"), ("arbetar", "i"), ("jobbade", "i"), ("arbetade", "i"), ("jobbat", "i"), ("arbetat", "i"),
             ("jobbar", "inom"), ("arbetar", "inom"), ("jobbat", "inom"), ("chef", "för"), ("anställd", "i"), ("anställd", "inom"))
PREDICATES = frozenset({"är", "e", "va", "var", "blev", "blivit", "varit", "bli", "som", "numera", "ju", "väl", "nog", "faktiskt", "också", "själv", "öppet"})
COPULAS = frozenset({"är", "e", "va", "var", "blev", "blivit", "varit", "bli"})
GENERIC_GROUPS = frozenset({
    "barn", "personer", "människor", "folk", "äldre", "elever", "patienter", "brukare", "ungdomar", "vuxna", "familjer",
    "kvinnor", "män", "alla", "många", "de", "dem", "anhöriga", "invånare", "boende", "individer",
})
FILLERS = frozenset({"ju", "väl", "nog", "faktiskt", "också", "även", "numera", "sedan", "länge"})
TARGET_WINDOW = 16  # tokens between a person and a sensitive term about them
DURATION_BEFORE = frozenset({"i", "på", "efter", "sedan", "sen", "under", "för", "om", "inom", "över", "alla", "varje"})
PARTY_RE = re.compile(r"\s*\((?:S|M|V|C|L|KD|MP|SD|Fi|LP|LPo)\)")

_TOKEN_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
_SENT_END_RE = re.compile(r"[.!?…]+[\"'”)]*\s")
_CLASS_RE = re.compile(r"^[1-9][a-fA-F]$")
_NUM_RE = re.compile(r"^\d{1,3}$")
_ABBREV = frozenset({"f", "kl", "nr", "tel", "ca", "bl", "t", "ex", "st", "dr", "mvh", "resp", "jfr", "s", "o", "p"})


def _fold(s: str) -> str:
    return unicodedata.normalize("NFC", s).casefold()


def _read_names(path: Path) -> set[str]:
    if not path.exists():
        return set()
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.add(_fold(line))
    return out


def _cue_set(words: Iterable[str]) -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """Exact words, prefixes (`chef*`) and suffixes (`*chefen`)."""
    exact, prefixes, suffixes = set(), [], []
    for w in words:
        w = _fold(w)
        if w.startswith("*"):
            suffixes.append(w[1:])
        elif w.endswith("*"):
            prefixes.append(w[:-1])
        else:
            exact.add(w)
    return frozenset(exact), tuple(prefixes), tuple(suffixes)


class _Cue:
    """A cue word list: exact words, prefixes and suffixes; look-ups are cached per word."""

    __slots__ = ("exact", "_affix", "_cache")
    _MAX_CACHE = 100_000

    def __init__(self, words: Iterable[str]) -> None:
        self.exact, prefixes, suffixes = _cue_set(words)
        alternatives = [f"^{re.escape(p)}" for p in prefixes] + [f"^.{{3,}}{re.escape(x)}$" for x in suffixes]
        self._affix = re.compile("|".join(alternatives)) if alternatives else None
        self._cache: dict[str, bool] = {}

    def __contains__(self, token: str) -> bool:
        if token in self.exact:
            return True
        if self._affix is None:
            return False
        hit = self._cache.get(token)
        if hit is None:
            if len(self._cache) > self._MAX_CACHE:
                self._cache.clear()
            hit = self._cache[token] = self._affix.search(token) is not None
        return hit


@dataclass(frozen=True, slots=True)
class _Term:
    area: str
    tokens: tuple[str, ...]
    form: str
    suffix_part: bool
    prefix_part: bool
    case_sensitive: bool


@dataclass(frozen=True, slots=True)
class _Area:
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
    cues: dict[str, _Cue]
    possessives: frozenset[str]
    self_cues: tuple[tuple[str, ...], ...]
    not_surnames: frozenset[str]
    areas: dict[str, _Area]
    terms_by_first: dict[str, list[_Term]]
    suffix_terms: list[_Term]

    @property
    def first_names(self) -> set[str]:
        return self.female | self.male

    @classmethod
    def load(cls, directory: Path) -> Lexicon:
        names = directory / "names"
        female = _read_names(names / "first_names_female.txt")
        male = _read_names(names / "first_names_male.txt")
        surnames = _read_names(names / "surnames.txt")
        not_names = _read_names(names / "not_names.txt")
        persons = tomllib.loads((directory / "persons" / "persons.toml").read_text(encoding="utf-8"))
        sensitive = tomllib.loads((directory / "persons" / "sensitive.toml").read_text(encoding="utf-8"))
        cue_keys = ["relations", "bare_relations", "descriptor_heads", "descriptor_links", "staff_roles", "official_roles",
                    "titles", "workplace_verbs", "workplace_nouns", "school_words", "family_words"]
        cues = {k: _Cue(persons.get(k, [])) for k in cue_keys}
        areas: dict[str, _Area] = {}
        by_first: dict[str, list[_Term]] = {}
        suffix_terms: list[_Term] = []
        for key, spec in sensitive.get("area", {}).items():
            areas[key] = _Area(
                key, spec["code"], spec["label"], bool(spec.get("predicate")), bool(spec.get("hypothetical")),
                frozenset(_fold(w) for w in spec.get("predicates", [])),
            )
            case_sensitive = {_fold(w) for w in spec.get("case_sensitive", [])}
            for entry in spec.get("terms", []):
                tspec = expand(entry)
                for form in tspec.forms:
                    toks = tuple(_fold(t) for t in _TOKEN_RE.findall(form))
                    if not toks:
                        continue
                    term = _Term(key, toks, form, tspec.suffix_part, tspec.prefix_part, toks[-1] in case_sensitive)
                    if tspec.suffix_part and len(toks) == 1:
                        suffix_terms.append(term)
                        continue
                    for variant in {toks[0], toks[0].translate(ASCII_FOLD)}:
                        by_first.setdefault(variant, []).append(term)
        self_cues = tuple(tuple(_TOKEN_RE.findall(_fold(c))) or (c,) for c in persons.get("self_name_cues", []))
        return cls(
            female=female, male=male, surnames=surnames, not_names=not_names, cues=cues,
            possessives=frozenset(_fold(w) for w in persons.get("possessives", [])),
            self_cues=self_cues, not_surnames=frozenset(_fold(w) for w in persons.get("not_surnames", [])),
            areas=areas, terms_by_first=by_first, suffix_terms=suffix_terms,
        )


# --- tokens ---------------------------------------------------------------------------------

@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    low: str
    sent: int
    cap: bool  # starts with an upper-case letter
    upper: bool  # all capitals (and longer than one letter)
    sent_start: bool


def _tokenise(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    sent = 0
    prev_end = 0
    prev_low = ""
    for m in _TOKEN_RE.finditer(text):
        gap = text[prev_end : m.start()]
        boundary = not toks
        if toks and ("\n" in gap or (_SENT_END_RE.search(gap) and not (prev_low in _ABBREV or len(toks[-1].text) == 1 and toks[-1].text.isupper()))):
            sent += 1
            boundary = True
        word = m.group()
        low = word.casefold()
        first = word[0]
        toks.append(_Tok(m.start(), m.end(), word, low, sent, first.isupper(), word.isupper() and len(word) > 1, boundary))
        prev_end = m.end()
        prev_low = low
    return toks


# --- mentions ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PersonMention:
    """A reference to a person, with offsets into the original text.

    kind: "name" (first name + surname), "first_name", "family" ("familjen Ek",
    "fru Lindh"), "relation" ("min granne"), "descriptor" ("hon i kassan"),
    "role" (staff by job: "rektorn på X"), "official" ("kommunalrådet"),
    "self" (the writer: "jag"), "pronoun" (han/hon/hen, unresolved).
    """

    start: int
    end: int
    kind: str
    text: str
    first: int  # token index range [first, last]
    last: int
    name_start: int | None = None  # the name itself, for redaction
    name_end: int | None = None
    official: bool = False
    writer: bool = False
    gender: str | None = None  # "f" / "m" from the first-name lists

    @property
    def is_target(self) -> bool:
        """An identifiable person other than the writer."""
        return self.kind not in {"self", "pronoun"} and not self.writer

    @property
    def has_name(self) -> bool:
        return self.name_start is not None


@dataclass(slots=True)
class _Doc:
    text: str
    toks: list[_Tok]
    mentions: list[PersonMention] = field(default_factory=list)


class PersonFinder:
    """Finds person mentions in a comment (pure Python, built once)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lx = lexicon
        self.first_names = lexicon.first_names

    # name tests -----------------------------------------------------------------------
    def _is_first(self, low: str) -> bool:
        if low in self.first_names:
            return True
        parts = low.split("-")
        return len(parts) > 1 and all(p in self.first_names for p in parts)

    def _gender(self, low: str) -> str | None:
        head = low.split("-")[-1]
        f, m = head in self.lx.female, head in self.lx.male
        return "f" if f and not m else "m" if m and not f else None

    def _is_surname(self, tok: _Tok, strict: bool) -> bool:
        if not (tok.cap or tok.upper):
            return False
        low = tok.low
        if low in self.lx.not_surnames or (tok.upper and len(low) <= 3 and low not in self.lx.surnames):
            return False
        candidates = [low, low[:-1] if low.endswith("s") and len(low) > 3 else low]
        for cand in candidates:
            parts = cand.split("-")
            if all(p in self.lx.surnames or p.endswith(SURNAME_SUFFIXES) for p in parts):
                return True
        if any(low.endswith(s) for s in STREET_SUFFIXES) and len(low) > 6:
            return False
        return not strict and not tok.upper and len(low) > 1

    # main ------------------------------------------------------------------------------
    def find(self, text: str) -> list[PersonMention]:
        return self._analyse(text).mentions

    def _analyse(self, text: str) -> _Doc:
        toks = _tokenise(text)
        doc = _Doc(text, toks)
        n = len(toks)
        cues = self.lx.cues
        used = [False] * n
        out = doc.mentions
        i = 0
        while i < n:
            t = toks[i]
            low = t.low
            # names ---------------------------------------------------------------
            if (t.cap or t.upper) and self._is_first(low) and not used[i]:
                ambiguous = low in self.lx.not_names
                strict = ambiguous or t.upper or (t.sent_start and ambiguous)
                j = i + 1
                while j < n and j - i <= 3 and _adjacent(text, toks[j - 1], toks[j]) and toks[j].sent == t.sent:
                    nxt = toks[j]
                    if self._is_first(nxt.low) and nxt.cap and j == i + 1 and j + 1 < n and self._is_surname(toks[j + 1], True):
                        j += 1  # "Anna Maria Berg"
                        continue
                    if self._is_surname(nxt, strict) and not (self._is_first(nxt.low) and not self._is_surname(nxt, True)):
                        j += 1
                        continue
                    break
                initial = None
                if j == i + 1 and j < n and len(toks[j].text) == 1 and toks[j].text.isupper() and text[toks[j].end : toks[j].end + 1] == ".":
                    initial = j
                cue_before = self._name_cue_before(toks, i)
                if j > i + 1 or initial is not None:
                    last = initial if initial is not None else j - 1
                    self._add_name(doc, i, last, "name", used)
                    i = last + 1
                    continue
                if not ambiguous or cue_before:
                    if not (t.sent_start and t.upper):
                        self._add_name(doc, i, i, "first_name", used)
                i += 1
                continue
            if t.cap and not t.upper and not used[i] and self._unknown_name(toks, i, text):
                last = i + 1
                while last + 1 < n and last - i < 2 and _adjacent(text, toks[last], toks[last + 1]) and self._is_surname(toks[last + 1], True):
                    last += 1
                self._add_name(doc, i, last, "name", used)
                i = last + 1
                continue
            if t.cap and not t.upper and not used[i] and i > 0 and toks[i - 1].low in cues["relations"] and toks[i - 1].sent == t.sent \
                    and _adjacent(text, toks[i - 1], t) and t.text.isalpha() and len(low) > 2 and low not in _COMMON_CAPS \
                    and low not in self.lx.not_surnames and not low.endswith(STREET_SUFFIXES):
                self._add_name(doc, i, i, "first_name", used)  # "min son Ymer", "Mormor Sandor"
                i += 1
                continue
            if not t.cap and low in self.first_names and low not in self.lx.not_names and self._name_cue_before(toks, i) and not used[i]:
                self._add_name(doc, i, i, "first_name", used)  # "min granne eva"
                i += 1
                continue
            # "familjen Ekström", "fru Lindh", "gamle Holger"
            if low in cues["titles"] and i + 1 < n and (toks[i + 1].cap) and toks[i + 1].sent == t.sent:
                nxt = toks[i + 1]
                if self._is_first(nxt.low):
                    i += 1
                    continue  # the name branch takes it next round
                if self._is_surname(nxt, strict=True) or nxt.low.rstrip("s") in self.lx.surnames or (low.startswith("famil") and nxt.cap and nxt.low not in self.lx.not_surnames):
                    m = PersonMention(t.start, nxt.end, "family", text[t.start : nxt.end], i, i + 1, nxt.start, nxt.end)
                    out.append(m)
                    used[i] = used[i + 1] = True
                    i += 2
                    continue
            i += 1
        self._roles_and_relations(doc, used)
        out.sort(key=lambda m: (m.start, -m.end))
        return doc

    def _unknown_name(self, toks: list[_Tok], i: int, text: str) -> bool:
        """A first name the lists lack: a capitalised word + a surname ("Kerim Mekonnen" after
        "heter", "Grattis", "min dotter"; or mid-sentence before a surname-like word)."""
        n = len(toks)
        t = toks[i]
        if i + 1 >= n or len(t.low) < 3 or not t.text.isalpha() or not _adjacent(text, t, toks[i + 1]) or toks[i + 1].sent != t.sent:
            return False
        low = t.low
        cues = self.lx.cues
        if low in self.lx.not_surnames or low in cues["relations"] or low in cues["titles"] or low in cues["staff_roles"] \
                or low in cues["official_roles"] or low in cues["descriptor_heads"] or low.endswith(STREET_SUFFIXES) or low in _COMMON_CAPS:
            return False
        nxt = toks[i + 1]
        if not nxt.cap or nxt.upper:
            return False
        if self._name_cue_before(toks, i) or (i > 0 and toks[i - 1].low in _NAME_INTRO):
            return self._is_surname(nxt, False)
        if t.sent_start:
            return nxt.low in self.lx.surnames or nxt.low.rstrip("s") in self.lx.surnames
        return self._is_surname(nxt, True)

    def _name_cue_before(self, toks: list[_Tok], i: int) -> bool:
        if i == 0:
            return False
        prev = toks[i - 1].low
        if prev in ("heter", "hette", "kallas") or prev in self.lx.cues["relations"] or prev in self.lx.cues["titles"]:
            return True
        if prev in self.lx.cues["staff_roles"] or prev in self.lx.cues["official_roles"]:
            return True
        return i >= 2 and prev in ("och",) and toks[i - 2].cap

    def _add_name(self, doc: _Doc, i: int, last: int, kind: str, used: list[bool]) -> None:
        toks = doc.toks
        text = doc.text
        start, end = toks[i].start, toks[last].end
        if kind == "name" and text[end : end + 1] == "." and len(toks[last].text) == 1:
            end += 1
        official = False
        role_start = start
        first_tok = i
        # an official or staff role just before: "kommunalrådet Anna Berg", "Läraren Per Westerlund"
        k = i - 1
        if k >= 0 and toks[k].sent == toks[i].sent:
            prev = toks[k].low
            if prev in self.lx.cues["official_roles"]:
                official = True
            if prev in self.lx.cues["official_roles"] or prev in self.lx.cues["staff_roles"]:
                role_start = toks[k].start
                first_tok = k
        if PARTY_RE.match(text, end):
            official = True
        writer = self._is_writer(toks, i, text, end)
        for k in range(i, last + 1):
            used[k] = True
        doc.mentions.append(PersonMention(
            role_start, end, kind, text[role_start:end], first_tok, last, start, end,
            official=official, writer=writer, gender=self._gender(toks[i].low),
        ))

    def _is_writer(self, toks: list[_Tok], i: int, text: str, end: int) -> bool:
        before = [t.low for t in toks[max(0, i - 3) : i]]
        for cue in self.lx.self_cues:
            n = len(cue)
            if n and tuple(before[-n:]) == cue:
                return True
        head = text[max(0, toks[i].start - 3) : toks[i].start]
        if "(" in head and i >= 1 and toks[i - 1].low == "jag":
            return True  # "Jag (Cecilia Palm, 070…)"
        return False

    def _roles_and_relations(self, doc: _Doc, used: list[bool]) -> None:
        toks, text, cues = doc.toks, doc.text, self.lx.cues
        n = len(toks)
        out = doc.mentions
        for i, t in enumerate(toks):
            if used[i]:
                continue
            low = t.low
            prev = toks[i - 1].low if i > 0 and toks[i - 1].sent == t.sent else ""
            if low in FIRST_PERSON:
                out.append(PersonMention(t.start, t.end, "self", t.text, i, i, writer=True))
                continue
            if low in cues["official_roles"]:
                out.append(PersonMention(t.start, t.end, "official", t.text, i, i, official=True))
                continue
            is_relation = low in cues["relations"] and (prev in self.lx.possessives or low in cues["bare_relations"] or (t.cap and t.sent_start and low in ("mormor", "morfar", "farmor", "farfar")))
            if not is_relation and low in cues["relations"] and prev.endswith("s") and len(prev) > 3 and i > 0 and (prev[:-1] in cues["relations"] or prev[:-1] in self.first_names or prev in cues["official_roles"] or prev[:-1] in cues["bare_relations"]):
                is_relation = True  # "kommunalrådets man", "barnens pappa", "grannens son"
            if is_relation:
                start = toks[i - 1].start if prev in self.lx.possessives or prev.endswith("s") else t.start
                first = i - 1 if start != t.start else i
                out.append(PersonMention(start, t.end, "relation", text[start : t.end], first, i))
                continue
            if low in cues["staff_roles"] and i + 2 < n and toks[i + 1].low in ("på", "i", "vid", "för", "inom") and toks[i + 1].sent == t.sent:
                end_i = min(n - 1, i + 2)
                while end_i + 1 < n and toks[end_i + 1].sent == t.sent and (toks[end_i + 1].cap or toks[end_i + 1].low in cues["school_words"]) and end_i - i < 4:
                    end_i += 1
                out.append(PersonMention(t.start, toks[end_i].end, "role", text[t.start : toks[end_i].end], i, end_i))
                continue
            if low in cues["descriptor_heads"] and i + 1 < n and toks[i + 1].sent == t.sent and toks[i + 1].low in cues["descriptor_links"]:
                link = toks[i + 1].low
                if link == "som" and i + 2 < n and toks[i + 2].low in ("jag", "du", "vi", "ni", "man"):
                    pass
                elif link != "som" and i + 2 < n and toks[i + 2].low in ("sin", "sitt", "sina", "mig", "dig", "oss", "er", "det", "den", "så", "alla"):
                    pass
                else:
                    end_i = min(n - 1, i + 3)
                    while end_i > i + 1 and toks[end_i].sent != t.sent:
                        end_i -= 1
                    out.append(PersonMention(t.start, toks[end_i].end, "descriptor", text[t.start : toks[end_i].end], i, end_i))
                    continue
            if low in THIRD_PERSON:
                out.append(PersonMention(t.start, t.end, "pronoun", t.text, i, i))


def _adjacent(text: str, a: _Tok, b: _Tok) -> bool:
    gap = text[a.end : b.start]
    return gap in (" ", "  ", "\u00a0")


# --- the detector -----------------------------------------------------------------------------

class PersonDetector:
    """Person detection, name + identifying detail (personal_data) and sensitive details (sensitive_data)."""

    name = "persons"
    descriptions: dict[str, str] = {code: desc for code, _, desc in PD_CODES.values()}

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.finder = PersonFinder(lexicon)
        self._last: tuple[str, _Doc] | None = None
        self.descriptions = {
            **PersonDetector.descriptions,
            **{a.code: f"Känslig uppgift om en identifierbar person: {a.label}." for a in lexicon.areas.values()},
        }

    @classmethod
    def from_rule_dirs(cls, dirs: Sequence[Path]) -> PersonDetector:
        """The lexicon of the last rule directory that has one (else the bundled one)."""
        for directory in reversed([Path(d) for d in dirs]):
            if (directory / "persons" / "persons.toml").is_file():
                return cls(Lexicon.load(directory))
        return cls(Lexicon.load(bundled_rule_dirs()[0]))

    def _doc(self, text: str) -> _Doc:
        if self._last is not None and self._last[0] == text:
            return self._last[1]
        doc = self.finder._analyse(text)
        self._last = (text, doc)
        return doc

    def persons(self, doc: NormalisedText | str) -> list[PersonMention]:
        """Every person mention in the comment (original offsets)."""
        text = doc if isinstance(doc, str) else doc.original
        return list(self._doc(text).mentions)

    def detect(self, doc: NormalisedText) -> Detection:
        detection = Detection()
        text = doc.original
        d = self._doc(text)
        if not d.mentions:
            return detection
        self._personal(d, detection)
        self._sensitive(d, detection)
        return detection

    # personal data ---------------------------------------------------------------------
    def _personal(self, d: _Doc, out: Detection) -> None:
        seen: set[tuple[int, int]] = set()
        for m in d.mentions:
            if m.kind not in {"name", "first_name", "family"}:
                continue
            found = self._detail(d, m)
            if found is None:
                continue
            kind, (ds, de) = found
            start, end = min(m.start, ds), max(m.end, de)
            if (start, end) in seen:
                continue
            seen.add((start, end))
            code, rname, _ = PD_CODES[kind]
            out.findings.append(Finding(
                category=Category.PERSONAL_DATA, rule=code, name=rname, start=start, end=end, text=d.text[start:end],
                score=PD_SCORE, explanation=f"namn '{d.text[m.name_start or m.start : m.name_end or m.end]}' + {_DETAIL_SV[kind]}",
                detector=self.name,
            ))

    def _detail(self, d: _Doc, m: PersonMention) -> tuple[str, tuple[int, int]] | None:
        """An identifying detail about the person named by `m`: (kind, span) or None."""
        toks, text, cues = d.toks, d.text, self.lexicon.cues
        n = len(toks)
        sent = toks[m.last].sent
        full = m.kind in {"name", "family"}
        # genitive name + family: "Sara Sandströms två barn"
        if toks[m.last].low.endswith("s") and m.last + 1 < n:
            k = m.last + 1
            if toks[k].low in _NUMBER_WORDS or toks[k].text.isdigit():
                k += 1
            if k < n and toks[k].low in cues["family_words"]:
                return "family", (toks[m.last + 1].start, toks[k].end)
        # the sentence of the name, a few words before it, and a following sentence that goes on about "han"/"hon"
        ranges = [(max(0, m.first - 8), m.first, True), (m.last + 1, min(n, m.last + (13 if full else 8)), False)]
        nxt = next((k for k in range(m.last + 1, n) if toks[k].sent == sent + 1), None)
        if nxt is not None and toks[nxt].low in THIRD_PERSON:
            ranges.append((nxt + 1, min(n, nxt + 8), False))
        for lo, hi, behind in ranges:
            j = lo
            while j < hi:
                t = toks[j]
                if behind and t.sent != sent:
                    j += 1
                    continue
                if not behind and t.sent != sent and (nxt is None or j <= nxt):
                    break  # the name's own sentence ends here (the pronoun sentence is its own range)
                if not behind and any(o.first == j and o.kind in {"name", "first_name"} and o is not m for o in d.mentions):
                    break  # another person's details
                found = self._detail_at(d, m, j, full, behind)
                if found is not None:
                    return found
                j += 1
        # else a relation just before the name: "min dotter Ella Johnson", "min svärmor Astrid", "kommunalrådets man, Lars Sandahl"
        for k in range(max(0, m.first - 3), m.first):
            between = text[toks[k].end : toks[m.first].start]
            if toks[k].sent == sent and toks[k].low in cues["relations"] and (between == " " or (between.strip() == "," and k > 0 and toks[k - 1].low.endswith("s") and toks[k - 1].low not in self.lexicon.possessives)):
                if k > 0 and (toks[k - 1].low in self.lexicon.possessives or toks[k - 1].low.endswith("s")) or toks[k].cap:
                    return "family", (toks[k - 1].start if k > 0 else toks[k].start, toks[k].end)
        return None

    def _detail_at(self, d: _Doc, m: PersonMention, j: int, full: bool, behind: bool) -> tuple[str, tuple[int, int]] | None:
        toks, text, cues = d.toks, d.text, self.lexicon.cues
        n = len(toks)
        t = toks[j]
        low = t.low
        prev = toks[j - 1].low if j > 0 else ""
        # address: a street ("på Kyrkvägen", "Tallvägen 14", "Islinge hamnväg 3")
        numbered = j + 1 < n and re.match(r"^\d+[A-Za-z]?$", toks[j + 1].text) is not None
        if low.endswith(STREET_SUFFIXES) and len(low) > 5 and not low.endswith(("skolan", "skola")) and (
            t.cap or (numbered and prev in ("på", "vid", "utanför"))
        ):
            end = toks[j + 1].end if numbered else t.end
            if behind and not numbered and not (prev in ("på", "vid") and low.endswith(STRONG_STREET_SUFFIXES)):
                return None
            return "address", (t.start, end)
        if behind:
            return None
        if low == "bor" and j + 2 < n and toks[j + 1].low in ("på", "i", "vid", "hos", "kvar", "granne", "mitt", "ute"):
            k = j + 2 if toks[j + 1].low not in ("kvar", "ute") else j + 3
            if k < n and (toks[k].cap or toks[k].low in ("det", "den", "huset", "lägenheten", "villan", "radhuset", "med", "på", "i")):
                return "address", (t.start, toks[k].end)
        if low == "från" and j == m.last + 1 and full and j + 1 < n and toks[j + 1].cap and toks[j + 1].low not in _NOT_PLACES and not any(x.low in ("stad", "kommun", "förvaltningen", "nämnden") for x in toks[j + 1 : j + 3]):
            return "address", (t.start, toks[j + 1].end)
        # age or birth: "Hanna Sjöberg, 29", "14 år", "född -89", "f. 1963…"
        if _NUM_RE.match(t.text) and j == m.last + 1 and text[toks[m.last].end : t.start].strip() in (",", "(") and int(t.text) < 120:
            return "age", (t.start, t.end)
        if _NUM_RE.match(t.text) and j + 1 < n and toks[j + 1].low in ("år", "åring", "åringen", "årig", "åriga") and prev not in DURATION_BEFORE and int(t.text) < 120:
            return "age", (t.start, toks[j + 1].end)
        if low in ("född", "f") and j + 1 < n and (toks[j + 1].text[:1].isdigit() or text[t.end : t.end + 3].strip().startswith("-")):
            return "age", (t.start, toks[j + 1].end)
        if low == "fyller" and j + 1 < n and toks[j + 1].text.isdigit():
            return "age", (t.start, toks[j + 1].end)
        # school or class
        if _CLASS_RE.match(t.text) and prev in ("i", "klass", "går"):
            return "school", (toks[j - 1].start, t.end)
        if low == "går" and j + 2 < n and toks[j + 1].low in ("i", "på") and (toks[j + 2].cap or _CLASS_RE.match(toks[j + 2].text) or toks[j + 2].low in cues["school_words"]):
            return "school", (t.start, toks[j + 2].end)
        if t.cap and prev in ("på", "i", "vid", "från") and (low.endswith(("skolan", "skola", "gymnasium", "gymnasiet", "förskola")) or (j + 1 < n and toks[j + 1].low in cues["school_words"])):
            if m.official:
                return None
            end = toks[j + 1].end if j + 1 < n and toks[j + 1].low in cues["school_words"] else t.end
            return "school", (t.start, end)
        if low == "har" and j + 2 < n and (toks[j + 1].low in _NUMBER_WORDS or toks[j + 1].text.isdigit()) and toks[j + 2].low in ("barn", "söner", "döttrar", "son", "dotter") and j + 4 < n and toks[j + 3].low in ("på", "i") and toks[j + 4].cap:
            return "family", (t.start, toks[j + 4].end)  # "har två barn på Västra skolan"
        # workplace
        if m.official:
            return None
        if low in cues["workplace_verbs"] and j + 1 < n and toks[j + 1].low in ("på", "i", "vid", "hos", "som", "inom", "för"):
            return "workplace", (t.start, toks[min(j + 2, n - 1)].end)
        if prev in ("på", "vid", "i") and j == m.last + 2:
            if low in cues["workplace_nouns"] or (full and t.cap and not t.upper and low not in _NOT_PLACES):
                return "workplace", (toks[j - 1].start, t.end)
        return None

    # sensitive data ----------------------------------------------------------------------
    def _sensitive(self, d: _Doc, out: Detection) -> None:
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

    def _term_hits(self, d: _Doc) -> list[tuple[_Term, int, int]]:
        toks = d.toks
        hits: list[tuple[_Term, int, int]] = []
        by_first = self.lexicon.terms_by_first
        taken_until = -1
        for i, t in enumerate(toks):
            if i <= taken_until:
                continue
            best: tuple[_Term, int, int] | None = None
            for key in (t.low, t.low.translate(ASCII_FOLD)):
                for term in by_first.get(key, ()):
                    end = _match_tokens(toks, i, term.tokens)
                    if end is None or toks[end].sent != t.sent:
                        continue
                    if term.case_sensitive and not toks[end].upper:
                        continue
                    if best is None or end > best[2]:
                        best = (term, i, end)
                if best:
                    break
            if best is None:
                for term in self.lexicon.suffix_terms:
                    if t.low.endswith(term.tokens[0]) and len(t.low) > len(term.tokens[0]):
                        best = (term, i, i)
                        break
            if best is not None:
                hits.append(best)
                taken_until = best[2]
        return hits

    def _term_ok(self, d: _Doc, term: _Term, area: _Area, i: int, last: int) -> bool:
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

    def _target(self, d: _Doc, i: int, last: int) -> tuple[PersonMention | None, bool, PersonMention | None]:
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

    def _resolve(self, d: _Doc, pronoun: PersonMention) -> PersonMention | None:
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


def _match_tokens(toks: list[_Tok], i: int, words: tuple[str, ...]) -> int | None:
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


# Words before a name that introduce it ("Grattis Kerim Mekonnen", "Det var Zinat Zahedi").
_NAME_INTRO = frozenset({"grattis", "tack", "kontakta", "ring", "fråga", "hälsa", "tillhör", "ju", "var", "är", "heter", "till", "av", "med", "och", "hej", "hejsan", "mvh"})
# Capitalised words that often start a sentence or name places/things, never a first name.
_COMMON_CAPS = frozenset({
    "det", "den", "de", "dom", "jag", "vi", "ni", "du", "han", "hon", "hej", "tack", "grattis", "min", "mitt", "mina", "vår", "vårt",
    "våra", "er", "ert", "era", "kommunen", "staden", "varför", "hur", "vad", "vem", "när", "var", "vilken", "snälla", "ring",
    "kontakta", "skicka", "mejla", "maila", "haha", "nej", "ja", "okej", "också", "men", "och", "eller", "att", "som", "nu",
    "idag", "igår", "imorgon", "södra", "norra", "västra", "östra", "stora", "lilla", "nya", "gamla", "svenska", "lidingö",
    "stockholms", "sveriges", "kyrkans", "folkets", "skolans", "föreningen", "polisen", "region", "regionen", "apotek",
    "café", "kafé", "restaurang", "hotell", "ica", "coop", "willys", "hemköp", "lidl", "systembolaget", "tekniska",
})
_NUMBER_WORDS = frozenset({"en", "ett", "två", "tre", "fyra", "fem", "sex", "båda", "bägge"})
_NOT_PLACES = frozenset({"kommunen", "staden", "facebook", "instagram", "youtube", "x", "twitter", "tiktok", "mötet", "jobbet", "bilden", "videon", "filmen"})

_DETAIL_SV = {
    "address": "adress eller bostadsort",
    "age": "ålder eller födelsedatum",
    "workplace": "arbetsplats",
    "school": "skola eller klass",
    "family": "familjeförhållanden",
}
