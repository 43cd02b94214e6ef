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


def phone_se_ok(text: str) -> bool:
    """A Swedish phone number: 0 + area code + subscriber, 8 to 10 digits in national form."""
    digits = _digits(text)
    if digits.startswith("0046"):
        digits = "0" + digits[4:]
    elif text.lstrip().startswith("+46"):
        digits = "0" + digits[2:]
    if not digits.startswith("0") or digits.startswith("00"):
        return False
    if digits.startswith("07"):
        return len(digits) == 10 and digits[2] in "02369"
    return 8 <= len(digits) <= 10


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


VALIDATORS: dict[str, Validator] = {
    "personnummer": personnummer_ok,
    "phone_se": phone_se_ok,
    "iban_se": iban_se_ok,
    "luhn": luhn_text_ok,
}
