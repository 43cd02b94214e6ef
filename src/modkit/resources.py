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
