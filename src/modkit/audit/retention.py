"""Retention (gallring) classes: how long an audit record is kept before it may be purged.

The classes come from the policy (`retention = "90d"`, `"1y"`, `"2y"` or `"registered"`
per category), so the municipality's document management plan lives in one file.
"registered" means the comment was registered in the diarium: its gallring happens
there, never here, so such records are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from ..categories import Category
from ..errors import AuditError
from ..policy import Policy

REGISTERED = "registered"
DEFAULT_RETENTION = "90d"  # for records without a category (e.g. a review of a language mismatch)
_DURATION = re.compile(r"^\s*(\d+)\s*([dwmy])\s*$")
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 366}


@dataclass(frozen=True, slots=True)
class Retention:
    """A parsed retention class: a duration, or kept forever (`registered`)."""

    label: str
    period: timedelta | None  # None: never purged by modkit

    @property
    def registered(self) -> bool:
        return self.period is None


def parse_retention(text: str) -> Retention:
    """`90d`, `12w`, `6m`, `1y`, `2y` or `registered`.

    A month counts 30 days and a year 366, so "1y" never purges before the calendar
    anniversary: keeping a record a day too long is harmless, purging it early is not.
    """
    if text.strip().lower() == REGISTERED:
        return Retention(REGISTERED, None)
    m = _DURATION.match(text.lower())
    if not m:
        raise AuditError(f"bad retention {text!r}: use e.g. 90d, 12w, 6m, 1y or 'registered'")
    days = int(m.group(1)) * _UNIT_DAYS[m.group(2)]
    return Retention(text.strip().lower(), timedelta(days=days))


def retention_for(policy: Policy, categories: list[Category]) -> Retention:
    """The longest retention among `categories` (registered beats any duration)."""
    found = [parse_retention(policy.categories[c].retention or DEFAULT_RETENTION) for c in categories if c in policy.categories]
    if not found:
        return parse_retention(DEFAULT_RETENTION)
    if any(r.registered for r in found):
        return next(r for r in found if r.registered)
    return max(found, key=lambda r: r.period or timedelta(0))
