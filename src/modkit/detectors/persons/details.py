"""personal_data PD20-PD24: a private person's name together with an identifying detail
(address, age, workplace, school or class, family)."""

from __future__ import annotations

from ...categories import Category
from ...findings import Finding
from ..base import Detection
from .lexicon import Lexicon
from .mentions import Doc, PersonMention
from .vocab import (
    CLASS_RE,
    DETAIL_SV,
    DURATION_BEFORE,
    HOUSE_NUMBER_RE,
    NOT_PLACES,
    NUM_RE,
    NUMBER_WORDS,
    PD_CODES,
    PD_SCORE,
    STREET_SUFFIXES,
    STRONG_STREET_SUFFIXES,
    THIRD_PERSON,
)


class PersonalData:
    """Finds the identifying details next to the name mentions of an analysed comment."""

    def __init__(self, lexicon: Lexicon, name: str) -> None:
        self.lexicon = lexicon
        self.name = name  # the detector name the findings carry

    def find(self, d: Doc, out: Detection) -> None:
        """Add a finding for each named person given with an identifying detail."""
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
                score=PD_SCORE, explanation=f"namn '{d.text[m.name_start or m.start : m.name_end or m.end]}' + {DETAIL_SV[kind]}",
                detector=self.name,
            ))

    def _detail(self, d: Doc, m: PersonMention) -> tuple[str, tuple[int, int]] | None:
        """An identifying detail about the person named by `m`: (kind, span) or None."""
        toks, text, cues = d.toks, d.text, self.lexicon.cues
        n = len(toks)
        sent = toks[m.last].sent
        full = m.kind in {"name", "family"}
        # genitive name + family: "Sara Sandströms två barn"
        if toks[m.last].low.endswith("s") and m.last + 1 < n:
            k = m.last + 1
            if toks[k].low in NUMBER_WORDS or toks[k].text.isdigit():
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

    def _detail_at(self, d: Doc, m: PersonMention, j: int, full: bool, behind: bool) -> tuple[str, tuple[int, int]] | None:
        toks, text, cues = d.toks, d.text, self.lexicon.cues
        n = len(toks)
        t = toks[j]
        low = t.low
        prev = toks[j - 1].low if j > 0 else ""
        # address: a street ("på Kyrkvägen", "Tallvägen 14", "Islinge hamnväg 3")
        numbered = j + 1 < n and HOUSE_NUMBER_RE.match(toks[j + 1].text) is not None
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
        if low == "från" and j == m.last + 1 and full and j + 1 < n and toks[j + 1].cap and toks[j + 1].low not in NOT_PLACES and not any(x.low in ("stad", "kommun", "förvaltningen", "nämnden") for x in toks[j + 1 : j + 3]):
            return "address", (t.start, toks[j + 1].end)
        # age or birth: "Hanna Sjöberg, 29", "14 år", "född -89", "f. 1963…"
        if NUM_RE.match(t.text) and j == m.last + 1 and text[toks[m.last].end : t.start].strip() in (",", "(") and int(t.text) < 120:
            return "age", (t.start, t.end)
        if NUM_RE.match(t.text) and j + 1 < n and toks[j + 1].low in ("år", "åring", "åringen", "årig", "åriga") and prev not in DURATION_BEFORE and int(t.text) < 120:
            return "age", (t.start, toks[j + 1].end)
        if low in ("född", "f") and j + 1 < n and (toks[j + 1].text[:1].isdigit() or text[t.end : t.end + 3].strip().startswith("-")):
            return "age", (t.start, toks[j + 1].end)
        if low == "fyller" and j + 1 < n and toks[j + 1].text.isdigit():
            return "age", (t.start, toks[j + 1].end)
        # school or class
        if CLASS_RE.match(t.text) and prev in ("i", "klass", "går"):
            return "school", (toks[j - 1].start, t.end)
        if low == "går" and j + 2 < n and toks[j + 1].low in ("i", "på") and (toks[j + 2].cap or CLASS_RE.match(toks[j + 2].text) or toks[j + 2].low in cues["school_words"]):
            return "school", (t.start, toks[j + 2].end)
        if t.cap and prev in ("på", "i", "vid", "från") and (low.endswith(("skolan", "skola", "gymnasium", "gymnasiet", "förskola")) or (j + 1 < n and toks[j + 1].low in cues["school_words"])):
            if m.official:
                return None
            end = toks[j + 1].end if j + 1 < n and toks[j + 1].low in cues["school_words"] else t.end
            return "school", (t.start, end)
        if low == "har" and j + 2 < n and (toks[j + 1].low in NUMBER_WORDS or toks[j + 1].text.isdigit()) and toks[j + 2].low in ("barn", "söner", "döttrar", "son", "dotter") and j + 4 < n and toks[j + 3].low in ("på", "i") and toks[j + 4].cap:
            return "family", (t.start, toks[j + 4].end)  # "har två barn på Västra skolan"
        # workplace
        if m.official:
            return None
        if low in cues["workplace_verbs"] and j + 1 < n and toks[j + 1].low in ("på", "i", "vid", "hos", "som", "inom", "för"):
            return "workplace", (t.start, toks[min(j + 2, n - 1)].end)
        if prev in ("på", "vid", "i") and j == m.last + 2:
            if low in cues["workplace_nouns"] or (full and t.cap and not t.upper and low not in NOT_PLACES):
                return "workplace", (toks[j - 1].start, t.end)
        return None
