"""modkit: moderation of Swedish comments on a municipality's social-media accounts.

    import modkit
    verdict = modkit.moderate("Köp billiga klockor på www.x.se")
    print(verdict.action, verdict.categories, verdict.reasons)

Flow: Comment -> NormalisedText -> detectors (rules, …) -> Finding -> policy -> Verdict.
"""

from ._version import __version__
from .categories import Action, Category
from .comment import Comment, Platform
from .engine import Engine, moderate
from .errors import (
    AuditError, BadRowError, ClassifierError, InputError, ModkitError, PolicyError, RuleFileError, RuleSetError,
)
from .findings import Finding, SuppressedHit
from .redact import redact
from .verdict import RulesetInfo, Verdict

__all__ = [
    "Action",
    "AuditError",
    "BadRowError",
    "Category",
    "ClassifierError",
    "Comment",
    "Engine",
    "Finding",
    "InputError",
    "ModkitError",
    "Platform",
    "PolicyError",
    "RuleFileError",
    "RuleSetError",
    "RulesetInfo",
    "SuppressedHit",
    "Verdict",
    "__version__",
    "moderate",
    "redact",
]
