"""Where the bundled Swedish rules and policy live, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_rules_root() -> Path:
    """`modkit/_bundled/rules` in a wheel; the repository's `rules/` in a source checkout."""
    for candidate in (_PACKAGE / "_bundled" / "rules", _PACKAGE.parents[1] / "rules"):
        if (candidate / "policy.toml").is_file():
            return candidate
    raise FileNotFoundError("modkit's bundled rules are missing from this installation")


def bundled_rule_dirs() -> list[Path]:
    return [bundled_rules_root() / "sv"]


def bundled_policy() -> Path:
    return bundled_rules_root() / "policy.toml"


def bundled_model(name: str) -> Path:
    """`modkit/_bundled/models/NAME` in a wheel; the repository's `models/NAME` in a source checkout.

    The path is returned even when nothing is there (the caller says how to train the model).
    """
    candidates = (_PACKAGE / "_bundled" / "models" / name, _PACKAGE.parents[1] / "models" / name)
    return next((c for c in candidates if c.exists()), candidates[-1])
