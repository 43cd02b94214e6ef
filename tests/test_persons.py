"""The person detector: names, relations, officials, name + detail (PD20-PD24), sensitive data (SD20-SD28)."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modkit.detectors.persons import Lexicon, PersonDetector, prefilter
from modkit.detectors.persons.trie import trie_regex
from modkit.detectors.persons.vocab import FIRST_PERSON, NAME_INTRO, THIRD_PERSON
from modkit.resources import bundled_rule_dirs
from modkit.text import NormalisedText


@pytest.fixture(scope="module")
def persons(engine) -> PersonDetector:
    return next(d for d in engine.detectors if isinstance(d, PersonDetector))


def _kinds(persons, text):
    return [(m.kind, text[m.name_start : m.name_end] if m.name_start is not None else m.text) for m in persons.persons(text)]


def _cats(engine, text):
    return {c.value for c in engine.moderate(text).categories}


def _rules(engine, text, category):
    return {f.rule for f in engine.moderate(text).findings if f.category.value == category}


# --- person mentions --------------------------------------------------------------------------

@pytest.mark.parametrize("text,name", [
    ("Igår träffade jag Eva Lund vid torget", "Eva Lund"),
    ("Det var Britt-Marie Ek som ringde", "Britt-Marie Ek"),
    ("Grannen Margareta Palmqvist-Johansson klagar", "Margareta Palmqvist-Johansson"),
    ("Vi på jobbet vet att Sven L. är borta", "Sven L."),
    ("Anders Lindqvist Berg har flyttat", "Anders Lindqvist Berg"),
    ("Grattis Kerim Mekonnen till segern!", "Kerim Mekonnen"),  # first name not in the lists
])
def test_full_names(persons, text, name):
    assert ("name", name) in _kinds(persons, text)


def test_capitalisation_is_checked_on_the_original(persons):
    assert not [k for k in _kinds(persons, "hans bil står där och per månad kostar det mer") if k[0] in {"name", "first_name"}]
    assert ("name", "Hans Karlsson") in _kinds(persons, "Hans Karlsson har flyttat")


def test_ambiguous_first_name_needs_a_surname(persons):
    assert not [k for k in _kinds(persons, "Hans Volvo står alltid på min plats") if k[0] in {"name", "first_name"}]


def test_relations_roles_officials_and_the_writer(persons):
    kinds = {k for k, _ in _kinds(persons, "Jag tycker att min granne och hon i kassan och rektorn på Ekbackens skola borde prata med kommunalrådet")}
    assert {"self", "relation", "descriptor", "role", "official"} <= kinds


def test_family_and_title(persons):
    assert ("family", "Ekström") in _kinds(persons, "Familjen Ekström har flyttat")
    assert ("family", "Lindh") in _kinds(persons, "Jag pratade med fru Lindh i går")


def test_official_with_name_is_marked_official(persons):
    m = next(m for m in persons.persons("Kommunalrådet Anna Berg svarade i fullmäktige") if m.kind == "name")
    assert m.official


def test_offsets_index_the_original(persons):
    text = "Hej!! 😀 Min dotter Ella Johnson går i 3B"
    for m in persons.persons(text):
        assert text[m.start : m.end] == m.text


# --- personal_data: name + identifying detail -----------------------------------------------------

@pytest.mark.parametrize("text,code", [
    ("Grannen Olle Nyberg på Ringvägen 8 eldar sopor varje helg", "PD20"),
    ("Eva på Kyrkvägen har alltid hunden lös", "PD20"),
    ("Det var Hanna Sjöberg, 29, som hittade plånboken", "PD21"),
    ("Peter Nord jobbar på Biltema och säljer saker i bilen", "PD22"),
    ("Min dotter Ella Johnson går i 3B på Högsätra skola", "PD23"),
    ("Min svärmor Astrid har fått fel tider till färdtjänsten", "PD24"),
    ("Ni vet kommunalrådets man, Lars Sandahl? Han har bytt bil igen", "PD24"),
])
def test_name_with_detail(engine, text, code):
    assert code in _rules(engine, text, "personal_data")


@pytest.mark.parametrize("text", [
    "Kommunalrådet Anna Berg på kommunstyrelsen svarade på frågan",  # an official in office
    "Stadsdirektören Wikström har skrivit ett svar",
    "Tack Anna Berg för ett bra möte!",                                # a name without detail
    "Vägarbetet på Storgatan pågår fyra veckor till",
    "Vi var 40 personer på loppet i år",
])
def test_not_name_with_detail(engine, text):
    assert not {r for r in _rules(engine, text, "personal_data") if r.startswith("PD2")}


def test_detail_in_the_next_sentence_about_the_same_person(engine):
    assert "PD22" in _rules(engine, "Det är Lisa Holm jag menar. Hon jobbar på apoteket vid torget.", "personal_data")


# --- sensitive_data: tied to an identifiable person other than the writer ------------------------

@pytest.mark.parametrize("text,code", [
    ("Min granne Kalle har fått diagnosen demens", "SD20"),
    ("Jonas Berglund har varit på behandlingshem för spelmissbruk", "SD21"),
    ("Grannpojken i huset på hörnet blev omhändertagen av socialen i morse", "SD22"),
    ("Per Kjellberg är dömd för inbrott, så lås era förråd", "SD23"),
    ("Karin Holm är adopterad från Chile, visste ni det?", "SD24"),
    ("Har ni sett att Anders Lundberg har konverterat till islam?", "SD25"),
    ("Alla vet att Gunnar Persson röstar SD", "SD26"),
    ("Mona Malmström har ju en fru sedan flera år", "SD27"),
    ("Tjejen i kassan på Coop har skyddad identitet", "SD28"),
    ("Min mormor fick sitt hemtjänstbeslut sänkt utan att någon kom hit", "SD22"),
])
def test_sensitive_about_another_person(engine, text, code):
    assert code in _rules(engine, text, "sensitive_data")


@pytest.mark.parametrize("text", [
    "Jag har själv cancer och behöver färdtjänst",
    "Har själv ADHD och vet hur svårt det är i stora klasser",
    "Fick mitt cancerbesked i vintras och har fått bra hjälp",
    "Som muslim tycker jag att insyn är bra",
    "Jag är 84 och har hemtjänst två gånger om dagen",
    "Fler barn placeras på HVB nu enligt rapporten",
    "Demens är en folksjukdom och vi behöver fler boenden",
    "Min muslimska granne hjälpte mig skotta",            # an attribute, not a statement about her
    "Han har ALDRIG varit dömd för något",                 # negated
    "Min dotter jobbar i hemtjänsten och älskar det",      # a workplace, not a decision
    "Hon borde bli omhändertagen av socialen",             # hypothetical
    "Kommunalrådet Anna Berg (M) är moderat",              # a politician's party is public
])
def test_not_sensitive(engine, text):
    assert "sensitive_data" not in _cats(engine, text), text


def test_pronoun_resolves_to_the_named_person(engine):
    finding = next(f for f in engine.moderate("Det gäller Olle Berg på tredje våningen. Han har cancer.").findings if f.category.value == "sensitive_data")
    assert "Olle Berg" in finding.text and "cancer" in finding.text


def test_unresolved_pronoun_goes_to_review(engine):
    verdict = engine.moderate("Visste ni att hon har cancer?")
    assert "sensitive_data" not in {c.value for c in verdict.categories}
    assert verdict.needs_review


def test_sensitive_findings_have_original_offsets(engine):
    text = "Ärligt 😤😤 Margareta Larsson är aktiv i Nordiska motståndsrörelsen"
    for f in engine.moderate(text).findings:
        assert text[f.start : f.end] == f.text


def test_detector_codes_have_descriptions(engine):
    verdict = engine.moderate("Per Kjellberg är dömd för inbrott")
    assert any("brottsregister" in r for r in verdict.reasons)


# --- the prefilter: skipping a comment never loses a finding ---------------------------------------

_LEXICON = Lexicon.load(bundled_rule_dirs()[0])
_DETECTOR = PersonDetector(_LEXICON)


def _flagged(detection) -> bool:
    return bool(detection.findings or detection.needs_review)


def _list_words() -> list[str]:
    lx = _LEXICON
    cue_words = {w for cue in lx.cues.values() for w in cue.exact}
    cue_words |= {"bibliotekschefen", "fotbollstränaren", "avdelningschef"}  # suffix cues (*chefen, *tränaren, *chef)
    terms = {t.form for terms in lx.terms_by_first.values() for t in terms} | {t.form for t in lx.suffix_terms}
    terms |= {"lungcancer", "har ju cancer", "domd", "hvb-hemmet"}
    details = {"bor", "på", "i", "vid", "från", "född", "f", "fyller", "går", "har", "jobbar", "klass", "3B", "29", "14 år",
               "-89", "två barn", "Kyrkvägen", "Storgatan 5", "skolan", "Högsätra skola", "apoteket", "heter", "kallas"}
    names = sorted(lx.first_names)[::7] + sorted(lx.surnames)[::7] + sorted(lx.not_names)
    return sorted(cue_words | terms | details | set(names) | FIRST_PERSON | THIRD_PERSON | NAME_INTRO | lx.possessives)


_CASES = st.sampled_from([str, str.capitalize, str.upper, str.lower, str.title])
_LIST_WORD = st.tuples(st.sampled_from(_list_words()), _CASES).map(lambda wc: wc[1](wc[0]))
_RANDOM_WORD = st.text(alphabet="abcdefghijklmnoprstuvyåäöéüABCDEGHKLMNOPRSTÅÄÖ", min_size=1, max_size=9)
_SEPARATOR = st.sampled_from([" ", " ", " ", "  ", "\u00a0", ", ", ". ", "! ", "\n", "-", " (", ") ", ": ", " 🙂 ", "’", "_", "ß", " ÷ "])
_COMMENTS = st.lists(st.tuples(st.one_of(_LIST_WORD, _LIST_WORD, _RANDOM_WORD), _SEPARATOR), max_size=24).map(
    lambda parts: "".join(w + s for w, s in parts)
)


@given(_COMMENTS)
@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow])
def test_prefilter_never_skips_a_comment_the_analysis_flags(text):
    if _flagged(_DETECTOR.detect_all(text)):
        assert _DETECTOR.prefilter.may_flag(text), text


_FLAGGED = [
    "Min granne Kalle har fått diagnosen demens",
    "Grattis Kerim Mekonnen, 29, bor på Kyrkvägen",
    "min granne eva har cancer",
    "Familjen Ekström bor på Kyrkvägen 4",
    "Visste ni att hon har cancer?",
    "Hon är dòmd för inbrott",  # a rare accent the terms' ASCII folding joins
    "Han ar domd for inbrott",
    "🙂Sara Sandströms två barn",
]


@pytest.mark.parametrize("text", _FLAGGED)
def test_prefilter_lets_names_and_terms_through(text):
    assert _flagged(_DETECTOR.detect_all(text)), text
    assert _DETECTOR.prefilter.may_flag(text)


def test_prefilter_folds_the_words_when_spellings_are_too_many_to_list(monkeypatch):
    monkeypatch.setattr(prefilter, "_MAX_SPELLINGS", 1)
    pf = prefilter.Prefilter(_LEXICON)
    assert pf._fold_words
    assert all(pf.may_flag(text) for text in _FLAGGED)


@pytest.mark.parametrize("text", [
    "Sophämtningen är försenad igen, tredje veckan i rad.",
    "Varför plogas inte cykelbanan längs Lidingövägen? 😡",
    "hans bil står där och per månad kostar det mer",
])
def test_prefilter_skips_comments_that_name_nobody(text):
    assert not _DETECTOR.prefilter.may_flag(text)
    assert not _flagged(_DETECTOR.detect_all(text))


def test_casefold_keeps_offsets_apart_from_the_guarded_characters():
    """The prefilter reads the case-folded text at the original's offsets: every character folds to
    one character of the same word-ness, except those whose fold is longer and U+0345 (and "_")."""
    word = re.compile(r"\w")
    odd = [
        ch for ch in map(chr, range(sys.maxunicode + 1))
        if len(ch.casefold()) == 1 and bool(word.match(ch)) != bool(word.match(ch.casefold()))
    ]
    assert odd == ["\u0345"]


@given(st.sets(st.text(alphabet="abcåä-", min_size=1, max_size=5), max_size=30), st.text(alphabet="abcåä-", max_size=6))
def test_trie_regex_matches_exactly_the_words(words, probe):
    pattern = re.compile(trie_regex(words))
    assert (pattern.fullmatch(probe) is not None) == (probe in words)


def test_detect_equals_the_full_analysis():
    texts = [
        "Grannen Olle Nyberg på Ringvägen 8 eldar sopor varje helg", "Det var Hanna Sjöberg, 29, som hittade plånboken",
        "Min dotter Ella Johnson går i 3B på Högsätra skola", "Per Kjellberg är dömd för inbrott, så lås era förråd",
        "Tjejen i kassan på Coop har skyddad identitet", "Visste ni att hon har cancer?",
    ]
    for text in texts:
        a, b = _DETECTOR.detect(NormalisedText(text)), _DETECTOR.detect_all(text)
        assert (a.findings, a.needs_review) == (b.findings, b.needs_review)
        assert _flagged(a), text
