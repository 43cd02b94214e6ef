"""personal_data: validators, context words, look-alikes (rules PD01-PD13)."""

from __future__ import annotations

import pytest

from modkit.rules.validators import VALIDATORS, luhn_ok, personnummer_ok, phone_se_ok
from modkit.rules.validators_personal import email_private_ok, passport_se_ok, plate_se_ok


def _codes(engine, text: str) -> set[str]:
    return {f.rule for f in engine.moderate(text).findings if f.category.value == "personal_data"}


def _with_check(base: str) -> str:
    return next(base + str(d) for d in range(10) if luhn_ok(base + str(d)))


# --- validators -----------------------------------------------------------------------------

@pytest.mark.parametrize("pnr", ["811228-9874", "19811228-9874", "8112289874", "811228 9874", "230307+4328", "701063-2391"])
def test_personnummer_valid(pnr):
    assert personnummer_ok(pnr)


@pytest.mark.parametrize("number", [
    "811228-9875",      # Luhn fails
    "811328-9874",      # month 13
    "810230-1234",      # 30 February
    "556677-8893",      # organisationsnummer: month 66
    "16556677-8893",    # organisationsnummer with the 16 prefix
    "1234567890",
    "12345",
])
def test_personnummer_rejects_lookalikes(number):
    assert not personnummer_ok(number)


def test_samordningsnummer_day_plus_60():
    number = _with_check("701063" + "239")
    assert personnummer_ok(number)
    assert not personnummer_ok(_with_check("701093" + "239"))  # day 33 after subtracting 60


@pytest.mark.parametrize("phone", ["070-123 45 67", "0701234567", "+46 70 123 45 67", "+46701234567", "0046 70 123 45 67",
                                   "08-765 43 21", "031-12 34 56", "0470-123 45", "0736-418 592", "+46 (0)8 743 915 21"])
def test_phone_valid(phone):
    assert phone_se_ok(phone)


@pytest.mark.parametrize("phone", ["08-731 30 00", "0771-12 34 56", "020-12 34 56", "0939-10 10 10", "050612-3456", "0712345", "07612345678"])
def test_phone_rejects_switchboards_and_lookalikes(phone):
    assert not phone_se_ok(phone)


@pytest.mark.parametrize("address,ok", [
    ("anna.berg@gmail.com", True), ("kalle_92@hotmail.se", True), ("jonas.ek@firman.se", True),
    ("anna.engstrom@lidingo.se", False), ("registrator@lidingo.se", False), ("bygglov@nacka.se", False),
    ("per.s@vallentuna.se", False), ("eva@sollentuna.kommun.se", False), ("info@foreningen.se", False), ("kontakt@firman.se", False),
])
def test_email_private(address, ok):
    assert email_private_ok(address) is ok


@pytest.mark.parametrize("plate,ok", [("ABC 123", True), ("XYZ12A", True), ("CJJ 98D", True), ("abc 123", False),
                                       ("SFI 123", False), ("LVU 123", False), ("ABC 12O", False), ("AIB 123", False)])
def test_plate(plate, ok):
    assert plate_se_ok(plate) is ok


def test_passport_is_not_a_date():
    assert passport_se_ok("91847730")
    assert not passport_se_ok("20240512")


def test_all_validators_registered():
    assert {"personnummer", "phone_se", "email_private", "plate_se", "bank_account", "account_number", "passport_se", "iban_se", "luhn"} <= set(VALIDATORS)


# --- rules in the engine ----------------------------------------------------------------------

def test_personnummer_in_context(engine):
    assert "PD01" in _codes(engine, "Mitt personnummer är 811228-9874, ring mig")
    finding = next(f for f in engine.moderate("pnr 811228-9874").findings if f.rule == "PD01")
    assert finding.score >= 0.95  # the context word "pnr" boosts it


@pytest.mark.parametrize("word", ["personnumret", "pnr", "p-nr", "födelsenummer", "samordningsnummer", "personnr"])
def test_personnummer_context_words_boost(engine, word):
    finding = next(f for f in engine.moderate(f"Här är {word} 811228-9874 om ni behöver").findings if f.rule == "PD01")
    assert finding.score >= 0.95


def test_personnummer_07_needs_context(engine):
    number = _with_check("070315238")
    assert "PD12" in _codes(engine, f"Personnumret är {number} för min son")
    codes = _codes(engine, f"Ring mig på {number} efter fem")
    assert "PD12" not in codes and "PD01" not in codes and "PD02" in codes


@pytest.mark.parametrize("text", [
    "Ordernummer 811228-9875, paketet har inte kommit",
    "Fakturanummer 4471923650 stämmer inte",
    "Föreningen har organisationsnummer 802456-1234",
    "Beslutet togs 2024-05-12 och gäller från 2024-06-01",
    "Biljetten kostar 1 250 kr och bussen går kl 14",
    "Ärendenummer 2026-04411 är fortfarande öppet",
    "Ring kommunens växel på 08-731 31 19 så kopplar de dig",
    "Linje 206 går varje kvart",
    "Snöröjningen på Kyrkvägen är usel",
    "Parkeringen ligger 100 meter bort",
    "Mejla registrator@lidingo.se med ditt ärende",
])
def test_lookalikes_are_not_personal_data(engine, text):
    assert _codes(engine, text) == set(), text


@pytest.mark.parametrize("text,code", [
    ("Ring mig på 070-123 45 67 efter fem", "PD02"),
    ("Nå mig på +46 70 123 45 67", "PD02"),
    ("Skriv till eva.lund@hotmail.com så skickar jag bilderna", "PD03"),
    ("Jag bor på Björkvägen 7 B och hör allt", "PD04"),
    ("Adressen är Ringvägen 8, 181 34 Lidingö", "PD11"),
    ("Den vita Volvon MLB 456 står på handikapplatsen", "PD05"),
    ("Sätt in på mitt konto, clearing 8327-9, kontonr 914 204 558-1", "PD07"),
    ("Mitt IBAN är SE45 5000 0000 0583 9825 7466", "PD10"),
    ("Passnumret var 91847730 om det hjälper", "PD13"),
])
def test_identifiers(engine, text, code):
    assert code in _codes(engine, text)


def test_official_work_email_is_not_personal_data(engine):
    assert _codes(engine, "Jag mejlade enhetschefen på anna.engstrom@lidingo.se och fick svar") == set()


def test_switchboard_near_word_is_suppressed(engine):
    verdict = engine.moderate("Socialtjänsten nås via växeln 08-465 123 47 dagtid")
    assert not [f for f in verdict.findings if f.rule == "PD02"]
    assert any(s.rule == "PD02" and s.suppressed_by == "context" for s in verdict.suppressed)


def test_own_number_is_still_personal_data(engine):
    verdict = engine.moderate("Mitt personnummer är 811228-9874, jag väntar på beslut om försörjningsstöd")
    cats = {c.value for c in verdict.categories}
    assert "personal_data" in cats and "sensitive_data" not in cats
