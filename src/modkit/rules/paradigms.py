"""Swedish inflection from declared paradigms: one lexicon entry, all its forms.

Entry syntax (in a rule's `terms`):

    idiot/er        lemma + paradigm: idiot idioten idioter idioterna (+ genitive -s)
    hora/or         hora horan horor hororna …
    jävel/ar        jävel jäveln jävlar jävlarna …
    svin/0          svin svinet svinen …
    korkad/adj      korkad korkat korkade
    knulla/v        knulla knullar knullade knullat knullas knullande
    jävla|jävlar    explicit forms, the first is the lemma
    idiot/er*       also the first part of a compound (idiotpolitiker)
    *idiot/er       also the last part of a compound (jävlaidiot)
    håll käften     several words; a paradigm inflects the last word

Declared paradigms keep compile time low and every generated form reviewable
(`modkit rules list --forms`), unlike a statistical lemmatiser.
"""

from __future__ import annotations

from dataclasses import dataclass

PARADIGMS = ("or", "ar", "er", "n", "0", "are", "adj", "v", "s")


@dataclass(frozen=True, slots=True)
class TermSpec:
    """One lexicon entry expanded to its surface forms."""

    entry: str
    lemma: str
    forms: tuple[str, ...]
    prefix_part: bool  # may be followed by more letters (first part of a compound)
    suffix_part: bool  # may be preceded by letters (last part of a compound)
    stems: tuple[str, ...] = ()  # compound-only stems (fitt-, hor-): never a word on their own


class TermSyntaxError(ValueError):
    """A lexicon entry does not follow the entry syntax."""


def _drop_unstressed_e(word: str) -> str:
    """fågel -> fågl, jävel -> jävl, vinter -> vintr (before a vowel ending)."""
    if len(word) > 3 and word[-2] == "e" and word[-1] in "lnr":
        return word[:-2] + word[-1]
    return word


def _noun_forms(lemma: str, paradigm: str) -> list[str]:
    last = lemma[-1]
    if paradigm == "or":
        stem = lemma[:-1] if last == "a" else lemma
        forms = [lemma, lemma + "n" if last == "a" else lemma + "en", stem + "or", stem + "orna"]
    elif paradigm == "ar":
        stem = lemma[:-1] if last == "e" else _drop_unstressed_e(lemma)
        definite = lemma + "n" if last in "aeiouyåäö" or lemma.endswith(("el", "er", "en")) else lemma + "en"
        forms = [lemma, definite, stem + "ar", stem + "arna"]
    elif paradigm == "er":
        definite = lemma + "n" if last in "aeiouyåäö" else lemma + "en"
        stem = lemma[:-1] if last == "e" else lemma
        forms = [lemma, definite, stem + "er", stem + "erna"]
    elif paradigm == "n":
        forms = [lemma, lemma + "t", lemma + "n", lemma + "na"]
    elif paradigm == "0":
        definite = lemma + "t" if last in "aeiouyåäö" else _drop_unstressed_e(lemma) + "et"
        plural_def = lemma + "na" if last in "aeiouyåäö" else _drop_unstressed_e(lemma) + "en"
        forms = [lemma, definite, plural_def]
    elif paradigm == "are":
        forms = [lemma, lemma + "n", lemma[:-1] + "na"]
    elif paradigm == "s":
        forms = [lemma, lemma + "s"]
        return forms
    else:  # pragma: no cover - guarded by the caller
        raise TermSyntaxError(paradigm)
    genitive = [f + "s" for f in forms if not f.endswith(("s", "x", "z"))]
    return forms + genitive


def _adjective_forms(lemma: str) -> list[str]:
    if lemma.endswith("ad"):
        return [lemma, lemma[:-1] + "t", lemma + "e"]
    if lemma.endswith("en") and len(lemma) > 4:
        return [lemma, lemma[:-1] + "t", lemma[:-2] + "na", lemma[:-2] + "ne"]
    return [lemma, lemma + "t", lemma + "a", lemma + "e", lemma + "are", lemma + "ast", lemma + "aste"]


def _verb_forms(lemma: str) -> list[str]:
    if not lemma.endswith("a"):
        raise TermSyntaxError(f"verb paradigm 'v' needs an infinitive in -a: {lemma!r}")
    return [lemma, lemma + "r", lemma + "de", lemma + "t", lemma + "s", lemma + "nde", lemma + "des", lemma + "ts"]


def _inflect(word: str, paradigm: str) -> list[str]:
    if paradigm == "adj":
        return _adjective_forms(word)
    if paradigm == "v":
        return _verb_forms(word)
    return _noun_forms(word, paradigm)


def _compound_stems(lemma: str, paradigm: str | None) -> list[str]:
    """Forms a compound's first part takes: the lemma, and for -a nouns the bare stem (fitt-, hor-)."""
    stems = [lemma]
    if paradigm in {"or", "ar"} and lemma.endswith(("a", "e")) and len(lemma) > 3:
        stems.append(lemma[:-1])
    return stems


def expand(entry: str) -> TermSpec:
    """Expand one lexicon entry into its forms (lowercase; normalisation happens later)."""
    raw = entry.strip()
    if not raw:
        raise TermSyntaxError("empty term")
    suffix_part = raw.startswith("*")
    prefix_part = raw.endswith("*")
    body = raw.strip("*").strip().lower()
    if not body or "*" in body:
        raise TermSyntaxError(f"'*' may only mark a compound part at either end: {entry!r}")
    if "|" in body:
        forms = [f.strip() for f in body.split("|")]
        if any(not f for f in forms):
            raise TermSyntaxError(f"empty form in {entry!r}")
        if any("/" in f for f in forms):
            raise TermSyntaxError(f"a paradigm cannot be mixed with '|' forms; write separate entries: {entry!r}")
        lemma = forms[0]
        all_forms = list(forms)
        stems = []
    else:
        head, sep, paradigm = body.partition("/")
        lemma = head.strip()
        paradigm = paradigm.strip() if sep else None
        if paradigm is not None and paradigm not in PARADIGMS:
            raise TermSyntaxError(f"unknown paradigm '/{paradigm}' in {entry!r} (known: {', '.join(PARADIGMS)})")
        prefix_words, _, last = lemma.rpartition(" ")
        lead = prefix_words + " " if prefix_words else ""
        forms_last = _inflect(last, paradigm) if paradigm else [last]
        all_forms = [lead + f for f in forms_last]
        stems = [lead + f for f in _compound_stems(last, paradigm) if lead + f not in all_forms] if prefix_part else []
    return TermSpec(
        entry=entry,
        lemma=lemma,
        forms=tuple(dict.fromkeys(all_forms)),
        stems=tuple(dict.fromkeys(stems)),
        prefix_part=prefix_part,
        suffix_part=suffix_part,
    )
