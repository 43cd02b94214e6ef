"""The municipality's policy: which action each category leads to, per platform."""

from .decide import Decision, decide
from .schema import Policy, load_policy

__all__ = ["Decision", "Policy", "decide", "load_policy"]
