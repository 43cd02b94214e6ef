"""Fixed Swedish word lists, codes and patterns of the person detector (the editable cue lists
live in ``rules/sv/persons/``; these are grammar, not vocabulary a municipality would change)."""

from __future__ import annotations

import re

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

TOKEN_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
SENT_END_RE = re.compile(r"[.!?…]+[\"'”)]*\s")
CLASS_RE = re.compile(r"^[1-9][a-fA-F]$")
NUM_RE = re.compile(r"^\d{1,3}$")
HOUSE_NUMBER_RE = re.compile(r"^\d+[A-Za-z]?$")
ABBREV = frozenset({"f", "kl", "nr", "tel", "ca", "bl", "t", "ex", "st", "dr", "mvh", "resp", "jfr", "s", "o", "p"})

# Words before a name that introduce it ("Grattis Kerim Mekonnen", "Det var Zinat Zahedi").
NAME_INTRO = frozenset({"grattis", "tack", "kontakta", "ring", "fråga", "hälsa", "tillhör", "ju", "var", "är", "heter", "till", "av", "med", "och", "hej", "hejsan", "mvh"})
# Capitalised words that often start a sentence or name places/things, never a first name.
COMMON_CAPS = frozenset({
    "det", "den", "de", "dom", "jag", "vi", "ni", "du", "han", "hon", "hej", "tack", "grattis", "min", "mitt", "mina", "vår", "vårt",
    "våra", "er", "ert", "era", "kommunen", "staden", "varför", "hur", "vad", "vem", "när", "var", "vilken", "snälla", "ring",
    "kontakta", "skicka", "mejla", "maila", "haha", "nej", "ja", "okej", "också", "men", "och", "eller", "att", "som", "nu",
    "idag", "igår", "imorgon", "södra", "norra", "västra", "östra", "stora", "lilla", "nya", "gamla", "svenska", "lidingö",
    "stockholms", "sveriges", "kyrkans", "folkets", "skolans", "föreningen", "polisen", "region", "regionen", "apotek",
    "café", "kafé", "restaurang", "hotell", "ica", "coop", "willys", "hemköp", "lidl", "systembolaget", "tekniska",
})
NUMBER_WORDS = frozenset({"en", "ett", "två", "tre", "fyra", "fem", "sex", "båda", "bägge"})
NOT_PLACES = frozenset({"kommunen", "staden", "facebook", "instagram", "youtube", "x", "twitter", "tiktok", "mötet", "jobbet", "bilden", "videon", "filmen"})

DETAIL_SV = {
    "address": "adress eller bostadsort",
    "age": "ålder eller födelsedatum",
    "workplace": "arbetsplats",
    "school": "skola eller klass",
    "family": "familjeförhållanden",
}
