"""modkit's exception tree. Rule hits are values (findings), never exceptions.

    ModkitError
    ├── RuleFileError        a rule or guard file is malformed (file, line, rule code, field)
    ├── PolicyError          the policy file is malformed or names unknown categories/actions
    ├── RuleSetError         rule directories do not combine (missing dir, duplicate codes)
    ├── InputError           an input file or stream cannot be used at all
    │   └── BadRowError      one input row is unusable (reported and skipped by batch readers)
    ├── PatternTimeoutError  a rule pattern exceeded its time budget on one comment
    ├── AuditError           the audit store cannot be opened, written or read
    └── ClassifierError      a classifier cannot be found, loaded (missing extra, plugin failure,
                             untrusted model file) or returned unusable scores
"""

from __future__ import annotations

from pathlib import Path


class ModkitError(Exception):
    """Root of every error modkit raises on purpose."""


class RuleFileError(ModkitError):
    """A rule file failed validation; says where, so a maintainer can fix it quickly."""

    def __init__(
        self,
        path: Path | str,
        message: str,
        *,
        line: int | None = None,
        code: str | None = None,
        field: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.line = line
        self.code = code
        self.field = field
        self.message = message
        where = str(self.path) + (f":{line}" if line else "")
        parts = [where]
        if code:
            parts.append(f"rule {code}")
        if field:
            parts.append(f"field '{field}'")
        super().__init__(f"{': '.join(parts)}: {message}")


class PolicyError(ModkitError):
    """The policy file cannot be used."""


class RuleSetError(ModkitError):
    """Rule directories cannot be combined into one rule set."""


class InputError(ModkitError):
    """An input file or stream cannot be read at all."""


class BadRowError(InputError):
    """One input row is unusable; batch readers report it and go on."""

    def __init__(self, line: int, message: str, raw: str | None = None) -> None:
        self.line = line
        self.raw = raw
        self.message = message
        super().__init__(f"line {line}: {message}")


class PatternTimeoutError(ModkitError):
    """A rule's regular expression ran past its time budget."""


class AuditError(ModkitError):
    """The audit store failed. A verdict whose record could not be committed must not be acted on."""


class ClassifierError(ModkitError):
    """A classifier cannot be used. A plugin's own exception is kept as `__cause__`."""
