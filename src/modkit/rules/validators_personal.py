"""Validators for the personal_data rules (`rules/sv/personal_data.toml`).

Registered in `validators.VALIDATORS`. Each sees only the matched text (in
original spelling) and returns False for a match that is not a private
person's identifier: an official's work e-mail, an acronym + number, a date.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

_DIGITS_RE = re.compile(r"\d")


def _digits(text: str) -> str:
    return "".join(_DIGITS_RE.findall(text))


# Public-sector domains: an official's work address in their role is not personal data.
OFFICIAL_DOMAINS = frozenset({
    "lidingo.se", "stockholm.se", "goteborg.se", "malmo.se", "uppsala.se", "linkoping.se", "orebro.se", "vasteras.se",
    "helsingborg.se", "norrkoping.se", "jonkoping.se", "umea.se", "lund.se", "boras.se", "sundsvall.se", "gavle.se",
    "nacka.se", "solna.se", "sundbyberg.se", "taby.se", "danderyd.se", "vallentuna.se", "sollentuna.se", "huddinge.se",
    "botkyrka.se", "haninge.se", "sodertalje.se", "jarfalla.se", "upplands-bro.se", "vaxholm.se", "varmdo.se",
    "regionstockholm.se", "sll.se", "1177.se", "polisen.se", "skatteverket.se", "forsakringskassan.se", "gov.se",
    "riksdagen.se", "regeringen.se", "migrationsverket.se", "arbetsformedlingen.se", "skolverket.se", "lansstyrelsen.se",
    "domstol.se", "kronofogden.se", "transportstyrelsen.se", "trafikverket.se", "msb.se", "socialstyrelsen.se",
})
_OFFICIAL_DOMAIN_RE = re.compile(r"(?:^|[.-])(?:[\w-]*kommun|[\w-]*stad|region[\w-]*|[\w-]*lan)\.se$")
ROLE_MAILBOXES = frozenset({
    "info", "kontakt", "registrator", "kundtjanst", "kundservice", "support", "noreply", "no-reply", "bokning", "order",
    "faktura", "fakturor", "press", "jobb", "hr", "admin", "webmaster", "post", "office", "hello", "hej", "service",
    "reception", "vaxel", "kommun", "kommunen", "stadshuset", "servicecenter", "medborgarservice", "forsaljning",
    "sales", "mail", "mejl", "epost", "butik", "shop", "redaktion", "tips", "nyheter", "styrelsen", "ordforande", "kansli",
})
_FOLD = str.maketrans("åäöé", "aaoe")


def email_private_ok(text: str) -> bool:
    """A person's e-mail address: not a public-sector domain, not a role mailbox (info@, registrator@)."""
    address = text.strip().casefold().translate(_FOLD)
    local, _, domain = address.rpartition("@")
    if not local or "." not in domain:
        return False
    if domain in OFFICIAL_DOMAINS or any(domain.endswith("." + d) for d in OFFICIAL_DOMAINS) or _OFFICIAL_DOMAIN_RE.search(domain):
        return False
    return local.split("+")[0] not in ROLE_MAILBOXES


_PLATE_RE = re.compile(r"^([A-Z]{3})\s?(\d{2}[\dA-Z])$")
NOT_PLATES = frozenset({
    "SFI", "LSS", "LVU", "LVM", "HVB", "SVT", "SEK", "EUR", "USD", "BUP", "KPI", "MVG", "ICA", "SMS", "ABF",
    "AFA", "BRF", "CSN", "DNA", "EKG", "FAQ", "HBT", "KBT", "LED", "MMS", "NMR", "PDF", "PRO", "SOS", "SKR",
    "UFO", "VVS", "WWW", "XXL", "COP", "FHM", "RUT", "ROT", "BMW", "VAT", "APP", "AIK", "IFK", "HIF", "MFF",
    "BBC", "CNN", "ATG", "PIN", "PUK", "CPU", "GPU", "USB", "ROM", "RAM", "NHL", "SHL", "MAX", "TOP", "ART",
})


def plate_se_ok(text: str) -> bool:
    """A Swedish registration plate written in capitals: ABC 123 or ABC 12D (no I, Q, V; no O last)."""
    m = _PLATE_RE.match(text.strip())
    if m is None:
        return False
    letters, tail = m.groups()
    if letters in NOT_PLATES or any(ch in "IQV" for ch in letters):
        return False
    return tail[-1] not in "IQVO"


def bank_account_ok(text: str) -> bool:
    """Clearing number (4 digits, Swedbank 5) + account number (7 to 10 digits): 11 to 15 digits in all."""
    digits = _digits(text)
    return 11 <= len(digits) <= 15 and digits[0] != "0"


def account_number_ok(text: str) -> bool:
    """An account number written after 'kontonr': 7 to 15 digits."""
    return 7 <= len(_digits(text)) <= 15


def passport_se_ok(text: str) -> bool:
    """A Swedish passport number: 8 digits that are not a date (YYYYMMDD)."""
    digits = _digits(text)
    if len(digits) != 8:
        return False
    if digits[:2] in {"19", "20"}:
        try:
            date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
            return False
        except ValueError:
            pass
    return True


PERSONAL_VALIDATORS: dict[str, Callable[[str], bool]] = {
    "email_private": email_private_ok,
    "plate_se": plate_se_ok,
    "bank_account": bank_account_ok,
    "account_number": account_number_ok,
    "passport_se": passport_se_ok,
}
