"""The input: one comment as exported from a platform."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Platform(StrEnum):
    FACEBOOK = "facebook"
    TWITTER = "twitter"
    X = "x"
    YOUTUBE = "youtube"
    INSTAGRAM = "instagram"
    OTHER = "other"


class Comment(BaseModel):
    """A comment to moderate. Only `id` and `text` are required."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1, max_length=512)
    text: str
    author: str | None = None
    platform: Platform = Platform.OTHER
    created_at: datetime | None = None
    url: str | None = None
    parent_id: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)

    @field_validator("id", "parent_id", mode="before")
    @classmethod
    def _ids_as_text(cls, value: Any) -> Any:
        # Platforms export numeric ids; keep them as text so nothing is lost.
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return value

    @field_validator("platform", mode="before")
    @classmethod
    def _platform_lower(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value
