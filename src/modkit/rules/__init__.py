"""The declarative rule language: schema, paradigms, loading, compiled matching, guards."""

from .loader import LoadedRule, RuleSet, load_ruleset
from .matcher import CompiledRules, RawHit

__all__ = ["CompiledRules", "LoadedRule", "RawHit", "RuleSet", "load_ruleset"]
