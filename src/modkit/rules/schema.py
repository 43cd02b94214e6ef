"""The rule-file schema (pydantic, strict): what a maintainer may write in `rules/**/*.toml`."""

from __future__ import annotations

from typing import Literal

import regex

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..categories import Category

Severity = Literal["low", "medium", "high"]
Kind = Literal["terms", "pattern", "near"]
Guard = Literal["unless_negated", "unless_quoted", "unless_counter_speech", "unless_self_reference"]

SEVERITY_SCORE: dict[str, float] = {"low": 0.5, "medium": 0.75, "high": 0.9}
MIN_EXAMPLES = 3


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Examples(_Strict):
    """Sentences the rule must flag and must leave alone; run as tests."""

    match: list[str] = Field(min_length=MIN_EXAMPLES)
    no_match: list[str] = Field(min_length=MIN_EXAMPLES)


class Context(_Strict):
    """Words near a hit that make it surer (`boost`) or that it needs (`require`)."""

    words: list[str] = Field(min_length=1)
    window: int = Field(default=6, ge=1, le=50)
    boost: float | None = Field(default=None, ge=0.0, le=1.0)
    require: bool = False
    exclude: list[str] = Field(default_factory=list, description="words near the hit that mean it is something else (a switchboard, an order number): the hit is suppressed")


class RuleSpec(_Strict):
    """One rule as written in a rule file."""

    code: str = Field(pattern=r"^[A-Z]{2}\d{2}$")
    name: str = Field(pattern=r"^[a-z_]+(\.[a-z0-9_]+)+$")
    category: Category
    severity: Severity
    description: str = Field(min_length=10)
    kind: Kind
    terms: list[str] = Field(default_factory=list)
    near_terms: list[str] = Field(default_factory=list)
    window: int = Field(default=5, ge=1, le=30)
    near_side: Literal["either", "before", "after"] = Field(
        default="either", description="near rules: where the near term must stand relative to the trigger"
    )
    pattern: str | None = None
    validator: str | None = None
    context: Context | None = None
    allow: list[str] = Field(default_factory=list)
    typos: bool = Field(
        default=False,
        description="also match one-typo variants (two neighbouring letters swapped, one inner letter dropped) "
        "of single-word forms of 6+ letters, scored 0.1 lower",
    )
    guards: list[Guard] = Field(default_factory=list)
    score: float | None = Field(default=None, ge=0.0, le=1.0)
    aliases: list[str] = Field(default_factory=list)
    examples: Examples

    @field_validator("description")
    @classmethod
    def _sentence(cls, value: str) -> str:
        value = value.strip()
        if not value[:1].isupper():
            raise ValueError("the description is shown to moderators: start it with a capital letter")
        return value

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                regex.compile(value, regex.VERSION0)
            except regex.error as exc:
                raise ValueError(f"pattern does not compile: {exc}") from exc
        return value

    @field_validator("validator")
    @classmethod
    def _known_validator(cls, value: str | None) -> str | None:
        from .validators import VALIDATORS

        if value is not None and value not in VALIDATORS:
            raise ValueError(f"unknown validator '{value}' (known: {', '.join(sorted(VALIDATORS))})")
        return value

    @model_validator(mode="after")
    def _kind_fields(self) -> RuleSpec:
        if self.kind == "terms":
            self._require(bool(self.terms), "terms", "a 'terms' rule needs a non-empty 'terms' list")
            self._forbid(pattern=self.pattern, near_terms=self.near_terms, validator=self.validator)
        elif self.kind == "near":
            self._require(bool(self.terms) and bool(self.near_terms), "near_terms", "a 'near' rule needs 'terms' and 'near_terms'")
            self._forbid(pattern=self.pattern, validator=self.validator)
        else:
            self._require(bool(self.pattern), "pattern", "a 'pattern' rule needs 'pattern'")
            self._forbid(terms=self.terms, near_terms=self.near_terms)
        return self

    def _require(self, ok: bool, field: str, message: str) -> None:
        if not ok:
            raise ValueError(f"{field}: {message}")

    def _forbid(self, **fields: object) -> None:
        for field, value in fields.items():
            if value:
                raise ValueError(f"{field}: not allowed for kind '{self.kind}'")

    @property
    def base_score(self) -> float:
        return self.score if self.score is not None else SEVERITY_SCORE[self.severity]


class RuleFile(_Strict):
    """A whole rule file: rules, plus codes of earlier rules it switches off."""

    disable: list[str] = Field(default_factory=list)
    rule: list[RuleSpec] = Field(default_factory=list)


class GuardCues(_Strict):
    """Cue words for the context guards (`guards.toml`)."""

    negation: list[str] = Field(min_length=1)
    negation_window: int = Field(default=3, ge=1, le=10)
    reporting: list[str] = Field(default_factory=list)
    reporting_window: int = Field(default=6, ge=1, le=20)
    counter_speech: list[str] = Field(default_factory=list)
    self_reference_before: list[str] = Field(default_factory=list)
    self_reference_after: list[str] = Field(default_factory=list)


class AllowList(_Strict):
    """Innocent words that contain a lexicon entry (`allowlist.toml`)."""

    words: list[str] = Field(default_factory=list)


class Fragments(_Strict):
    """`fragments.toml`: named regular-expression pieces that patterns use as `{{name}}`.

    Shared mechanisms (a URL, a price, a phone number) are written once and
    serve every category that needs them.
    """

    fragments: dict[str, str] = Field(default_factory=dict)


class Lexicons(_Strict):
    """`lexicons.toml`: named term lists that rules use as `"@name"` in `terms`/`near_terms`."""

    lexicons: dict[str, list[str]] = Field(default_factory=dict)


class RulesetMeta(_Strict):
    """`ruleset.toml`: the name and language of a rule directory."""

    name: str
    language: str = "sv"
    description: str = ""
