"""`policy.toml`: actions per category, thresholds, platform limits, the reply text."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..categories import Action, Category
from ..comment import Platform
from ..errors import PolicyError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CategoryPolicy(_Strict):
    action: Action
    threshold: float | None = Field(default=None, ge=0.0, le=1.0)
    on_guarded: Literal["suppress", "review"] | None = None
    retention: str | None = Field(default=None, description="gallring class, e.g. '90d' (used by the audit store)")
    classifier: bool = Field(default=True, description="false: classifier scores never flag this category")
    classifier_threshold: float | None = Field(default=None, ge=0.0, le=1.0)
    classifier_remove_threshold: float | None = Field(default=None, ge=0.0, le=1.0)


class PlatformPolicy(_Strict):
    can_delete: bool = True


class LanguagePolicy(_Strict):
    expected: str = "sv"
    review_if_clearly_other: bool = True


class Defaults(_Strict):
    threshold: float = Field(default=0.6, ge=0.0, le=1.0)
    on_guarded: Literal["suppress", "review"] = "suppress"


class ClassifierPolicy(_Strict):
    """`[classifiers]`: how classifier scores combine with the rules.

    A score at or above `threshold` (or the category's `classifier_threshold`) is a
    finding, which by itself sends the comment to review; only a score at or above
    `remove_threshold` (or `classifier_remove_threshold`; unset: never) takes the
    category's action without a person."""

    threshold: float = Field(default=0.5, ge=0.0, le=1.0)
    remove_threshold: float | None = Field(default=None, ge=0.0, le=1.0)
    apply_to: Literal["unflagged", "all"] = Field(
        default="unflagged",
        description="unflagged: classifiers judge only comments in which the rules found nothing (a safety net); "
        "all: classifier findings count beside rule findings in every comment",
    )


class Policy(_Strict):
    """A validated policy. Every category must be named: nothing is left to an implicit default."""

    name: str
    defaults: Defaults = Defaults()
    categories: dict[Category, CategoryPolicy]
    platforms: dict[Platform, PlatformPolicy] = Field(default_factory=dict)
    reply_text: str = Field(min_length=10)
    language: LanguagePolicy = LanguagePolicy()
    classifiers: ClassifierPolicy = ClassifierPolicy()

    @model_validator(mode="after")
    def _all_categories(self) -> Policy:
        missing = [c.value for c in Category if c not in self.categories]
        if missing:
            raise ValueError(f"categories without an action: {', '.join(missing)}")
        for category in self.categories:
            review, remove = self.classifier_threshold(category), self.classifier_remove_threshold(category)
            if review is not None and remove is not None and remove < review:
                raise ValueError(
                    f"{category.value}: classifier_remove_threshold {remove} is below classifier_threshold {review}"
                )
        return self

    def classifier_threshold(self, category: Category) -> float | None:
        """The score from which a classifier flags `category` (for review); None: never."""
        own = self.categories[category]
        if not own.classifier:
            return None
        return self.classifiers.threshold if own.classifier_threshold is None else own.classifier_threshold

    def classifier_remove_threshold(self, category: Category) -> float | None:
        """The score from which a classifier alone takes the category's action; None: never."""
        own = self.categories[category]
        if not own.classifier:
            return None
        return own.classifier_remove_threshold if own.classifier_remove_threshold is not None else self.classifiers.remove_threshold

    def threshold(self, category: Category) -> float:
        value = self.categories[category].threshold
        return self.defaults.threshold if value is None else value

    def on_guarded(self, category: Category) -> str:
        return self.categories[category].on_guarded or self.defaults.on_guarded

    def can_delete(self, platform: Platform) -> bool:
        return self.platforms.get(platform, PlatformPolicy()).can_delete


def load_policy(path: Path) -> Policy:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PolicyError(f"{path}: cannot read policy: {exc}") from exc
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"])
        raise PolicyError(f"{path}: {loc + ': ' if loc else ''}{err['msg']}") from exc
