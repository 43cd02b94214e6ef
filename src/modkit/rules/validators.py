"""Checks that turn a pattern match into evidence (Presidio's `validate_result`).

A pattern rule names one with `validator = "personnummer"`; a match that fails
its check is dropped (an order number is not a personnummer).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

_DIGITS_RE = re.compile(r"\d")

Validator = Callable[[str], bool]


def _digits(text: str) -> str:
    return "".join(_DIGITS_RE.findall(text))


def luhn_ok(digits: str) -> bool:
    """Luhn (mod 10) check digit, as used by personnummer, bankgiro and plusgiro."""
    if not digits or not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def personnummer_ok(text: str) -> bool:
    """Valid date (day + 60 for samordningsnummer) and Luhn over the last ten digits."""
    digits = _digits(text)
    if len(digits) == 12:
        century, digits = digits[:2], digits[2:]
        if century not in {"18", "19", "20"}:
            return False
        year = int(century + digits[:2])
    elif len(digits) == 10:
        year = 2000 + int(digits[:2])
    else:
        return False
    month, day = int(digits[2:4]), int(digits[4:6])
    if day > 60:
        day -= 60
    try:
        date(year if len(_digits(text)) == 12 else 2000, month, day)
    except ValueError:
        return False
    return luhn_ok(digits)


_PNR_SHAPE_RE = re.compile(r"^\s*\d{6}[-+]\d{4}\s*$")
# Numbers that are never a private person's: free-phone, premium rate, shared business numbers.
_NON_PRIVATE_PREFIXES = ("020", "0200", "0771", "0772", "0900", "0939", "0944", "0774", "0775", "0710")


def phone_se_ok(text: str) -> bool:
    """A private Swedish phone number: 0 + area code + subscriber, 8 to 10 digits in national form.

    Rejected: a personnummer-shaped group (YYMMDD-NNNN), free-phone and premium
    numbers (020, 0771, 0900, 0939 …), and landline switchboards (ending in 00,
    or one pair repeated: 10 10 10).
    """
    if _PNR_SHAPE_RE.match(text):
        return False
    digits = _digits(text)
    if digits.startswith("0046"):
        digits = "0" + digits[4:]
    elif text.lstrip().startswith("+46"):
        digits = "0" + digits[2:]
    if digits.startswith("00") and len(digits) > 2 and digits[2] != "0":
        digits = digits[1:]  # "+46 (0)70…": the trunk zero written in brackets
    if not digits.startswith("0") or digits.startswith("00"):
        return False
    if digits.startswith(_NON_PRIVATE_PREFIXES):
        return False
    if digits.startswith("07"):
        return len(digits) == 10 and digits[2] in "02369"
    if not 8 <= len(digits) <= 10:
        return False
    tail = digits[-6:]
    if digits.endswith("00") or tail[:2] == tail[2:4] == tail[4:]:
        return False  # a switchboard (08-765 12 00, 0939-10 10 10)
    return True


def iban_se_ok(text: str) -> bool:
    """Swedish IBAN: SE + 22 digits, ISO 13616 mod-97 check."""
    compact = re.sub(r"\s", "", text).upper()
    if not re.fullmatch(r"SE\d{22}", compact):
        return False
    rearranged = compact[4:] + compact[:4]
    numeric = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(numeric) % 97 == 1


def luhn_text_ok(text: str) -> bool:
    return luhn_ok(_digits(text))


# --- links (advertising and copyright rules) -----------------------------------------
# A pattern rule matches a link (the `url` fragment), a run of links or a link with its
# text; these checks decide whether what it matched looks like spam. They see only the
# matched text, so a rule that counts links must match the whole run.

URL_SHORTENERS = frozenset({
    "bit.ly", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "cutt.ly", "rb.gy", "shorturl.at",
    "linktr.ee", "tiny.cc", "s.id", "t.ly", "amzn.to", "amzn.eu", "buff.ly", "rebrand.ly", "bl.ink",
    "shorte.st", "adf.ly", "tiny.one", "snip.ly", "lnk.bio", "beacons.ai",
})
"""Hosts that hide where a link goes: shorteners and link-in-bio pages."""

SUSPICIOUS_TLDS = frozenset({
    "xyz", "top", "click", "loan", "win", "bid", "shop", "store", "online", "live", "stream", "download",
    "bet", "casino", "xxx", "link", "buzz", "icu", "cyou", "rest", "monster", "cam", "tk", "ml", "ga",
    "cf", "gq", "su", "pw", "vip", "fun", "site", "website", "space",
})
"""Top-level domains that, under a municipality's posts, carry mostly spam, scams and pirate sites."""

MANY_LINKS = 3
"""This many different links in one matched run count as link spam."""

_REAL_TLD_LABELS = frozenset({"se", "com", "nu", "org", "net", "gov", "eu"})
_SECOND_LEVEL = frozenset({"com", "net", "org", "gov"})  # news.com.au, gov.uk: real two-level suffixes
_LINK_RE = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'()\[\]]+"
    r"|(?<![@\w.-])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,12}\b(?:/[^\s<>\"'()\[\]]*)?",
    re.IGNORECASE,
)
_MARKDOWN_LINK_RE = re.compile(r"\[([^\]\n]{1,200})\]\(\s*([^)\s]{4,500})\s*\)")
_HTML_LINK_RE = re.compile(r"<a\s[^>]*?href\s*=\s*[\"']?([^\"'\s>]+)[^>]*>([^<]{1,200})</a>", re.IGNORECASE)
_REFERRAL_RE = re.compile(r"[?&](?:aff|affiliate|affid|aff_id|partner|referral|refid|ref_id|invite)=|/ref=", re.IGNORECASE)


def link_host(link: str) -> str:
    """The lower-cased host of a link written with or without scheme, without `www.`."""
    rest = re.sub(r"^[a-z][a-z0-9+.-]*://", "", link.strip().lower())
    host = re.split(r"[/?#:]", rest, maxsplit=1)[0].strip(".")
    return host.removeprefix("www.")


def _links(text: str) -> list[str]:
    return [m.group().rstrip(".,;:!?") for m in _LINK_RE.finditer(text)]


def _normalised(link: str) -> str:
    rest = re.sub(r"^[a-z][a-z0-9+.-]*://", "", link.lower()).removeprefix("www.")
    return rest.rstrip("/")


def _is_lookalike(host: str) -> bool:
    """`lidingo.se.betala-bot.top`: a real domain used as the first labels of another one."""
    labels = host.split(".")
    for i, label in enumerate(labels[1:-1], 1):
        if label not in _REAL_TLD_LABELS:
            continue
        if i == len(labels) - 2 and label in _SECOND_LEVEL and len(labels[-1]) == 2:
            continue  # news.com.au
        return True
    return False


def _hides_target(text: str) -> bool:
    """Link text that names one site while the link goes to another."""
    pairs = [(m.group(1), m.group(2)) for m in _MARKDOWN_LINK_RE.finditer(text)]
    pairs += [(m.group(2), m.group(1)) for m in _HTML_LINK_RE.finditer(text)]
    for shown, target in pairs:
        shown_links = _links(shown)
        if not shown_links:
            continue
        shown_host, target_host = link_host(shown_links[0]), link_host(target)
        if target_host and target_host != shown_host and not target_host.endswith("." + shown_host):
            return True
    return False


def deceptive_url_ok(text: str) -> bool:
    """Strong link-spam signals: link text that hides its target, a referral
    (affiliate) link, a look-alike host, or MANY_LINKS different links."""
    if _hides_target(text):
        return True
    links = _links(text)
    if any(_REFERRAL_RE.search(link) or _is_lookalike(link_host(link)) for link in links):
        return True
    return len({_normalised(link) for link in links}) >= MANY_LINKS


def suspicious_url_ok(text: str) -> bool:
    """Any link-spam signal: a shortener or link-in-bio host, a suspicious TLD, or
    whatever `deceptive_url_ok` finds."""
    for link in _links(text):
        host = link_host(link)
        if host in URL_SHORTENERS or host.rsplit(".", 1)[-1] in SUSPICIOUS_TLDS:
            return True
    return deceptive_url_ok(text)


VALIDATORS: dict[str, Validator] = {
    "personnummer": personnummer_ok,
    "phone_se": phone_se_ok,
    "iban_se": iban_se_ok,
    "luhn": luhn_text_ok,
    "suspicious_url": suspicious_url_ok,
    "deceptive_url": deceptive_url_ok,
}


# Personal-data checks (e-mail, plates, accounts, passports) live in their own module.
from .validators_personal import PERSONAL_VALIDATORS  # noqa: E402

VALIDATORS.update(PERSONAL_VALIDATORS)
