"""Person mentions: names, families, relations, descriptions, roles, officials, the writer and
pronouns, found in one pass over the tokens with set look-ups in the lexicon."""

from __future__ import annotations

from dataclasses import dataclass, field

from .lexicon import AffixCue, Lexicon
from .tokens import Tok, adjacent, tokenise
from .vocab import (
    COMMON_CAPS,
    FIRST_PERSON,
    NAME_INTRO,
    PARTY_RE,
    STREET_SUFFIXES,
    SURNAME_SUFFIXES,
    THIRD_PERSON,
)


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
class Doc:
    text: str
    toks: list[Tok]
    mentions: list[PersonMention] = field(default_factory=list)


class PersonFinder:
    """Finds person mentions in a comment (pure Python, built once)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lx = lexicon
        self.first_names = lexicon.first_names
        # a token `_roles_and_relations` can take is in one of these lists
        role_cues = [lexicon.cues[k] for k in ("official_roles", "relations", "staff_roles", "descriptor_heads")]
        self._role_words = frozenset().union(FIRST_PERSON, THIRD_PERSON, *role_cues)
        self._role_affix_cues = [c for c in role_cues if isinstance(c, AffixCue)]
        self._role_cache: dict[str, bool] = {}

    def _may_be_role(self, low: str) -> bool:
        """`low` is in one of the lists `_roles_and_relations` reads (cached per word)."""
        hit = low in self._role_words or any(low in c for c in self._role_affix_cues)
        if len(self._role_cache) > 100_000:
            self._role_cache.clear()
        self._role_cache[low] = hit
        return hit

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

    def _is_surname(self, tok: Tok, strict: bool) -> bool:
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

    def _analyse(self, text: str) -> Doc:
        toks = tokenise(text)
        doc = Doc(text, toks)
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
                while j < n and j - i <= 3 and adjacent(text, toks[j - 1], toks[j]) and toks[j].sent == t.sent:
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
                while last + 1 < n and last - i < 2 and adjacent(text, toks[last], toks[last + 1]) and self._is_surname(toks[last + 1], True):
                    last += 1
                self._add_name(doc, i, last, "name", used)
                i = last + 1
                continue
            if t.cap and not t.upper and not used[i] and i > 0 and toks[i - 1].low in cues["relations"] and toks[i - 1].sent == t.sent \
                    and adjacent(text, toks[i - 1], t) and t.text.isalpha() and len(low) > 2 and low not in COMMON_CAPS \
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

    def _unknown_name(self, toks: list[Tok], i: int, text: str) -> bool:
        """A first name the lists lack: a capitalised word + a surname ("Kerim Mekonnen" after
        "heter", "Grattis", "min dotter"; or mid-sentence before a surname-like word)."""
        n = len(toks)
        t = toks[i]
        if i + 1 >= n or len(t.low) < 3 or not t.text.isalpha() or not adjacent(text, t, toks[i + 1]) or toks[i + 1].sent != t.sent:
            return False
        low = t.low
        cues = self.lx.cues
        if low in self.lx.not_surnames or low in cues["relations"] or low in cues["titles"] or low in cues["staff_roles"] \
                or low in cues["official_roles"] or low in cues["descriptor_heads"] or low.endswith(STREET_SUFFIXES) or low in COMMON_CAPS:
            return False
        nxt = toks[i + 1]
        if not nxt.cap or nxt.upper:
            return False
        if self._name_cue_before(toks, i) or (i > 0 and toks[i - 1].low in NAME_INTRO):
            return self._is_surname(nxt, False)
        if t.sent_start:
            return nxt.low in self.lx.surnames or nxt.low.rstrip("s") in self.lx.surnames
        return self._is_surname(nxt, True)

    def _name_cue_before(self, toks: list[Tok], i: int) -> bool:
        if i == 0:
            return False
        prev = toks[i - 1].low
        if prev in ("heter", "hette", "kallas") or prev in self.lx.cues["relations"] or prev in self.lx.cues["titles"]:
            return True
        if prev in self.lx.cues["staff_roles"] or prev in self.lx.cues["official_roles"]:
            return True
        return i >= 2 and prev in ("och",) and toks[i - 2].cap

    def _add_name(self, doc: Doc, i: int, last: int, kind: str, used: list[bool]) -> None:
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

    def _is_writer(self, toks: list[Tok], i: int, text: str, end: int) -> bool:
        before = [t.low for t in toks[max(0, i - 3) : i]]
        for cue in self.lx.self_cues:
            n = len(cue)
            if n and tuple(before[-n:]) == cue:
                return True
        head = text[max(0, toks[i].start - 3) : toks[i].start]
        if "(" in head and i >= 1 and toks[i - 1].low == "jag":
            return True  # "Jag (Cecilia Palm, 070…)"
        return False

    def _roles_and_relations(self, doc: Doc, used: list[bool]) -> None:
        toks, text, cues = doc.toks, doc.text, self.lx.cues
        n = len(toks)
        out = doc.mentions
        role_cache = self._role_cache
        for i, t in enumerate(toks):
            if used[i]:
                continue
            low = t.low
            hit = role_cache.get(low)
            if not (hit if hit is not None else self._may_be_role(low)):
                continue
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
