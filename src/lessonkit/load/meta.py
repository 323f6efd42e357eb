"""The schema of a lesson's front matter."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from lessonkit.pictures import PICTURES

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class PictureMeta(BaseModel):
    """A picture of the bundled set shown with the lesson, and what it shows, for those who cannot see it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Slug
    alt: Text

    @field_validator("name")
    @classmethod
    def _known(cls, name: str) -> str:
        if name not in PICTURES:
            raise ValueError(f"unknown picture '{name}'; known pictures: {', '.join(sorted(PICTURES))}")
        return name


class LessonMeta(BaseModel):
    """Front matter of a lesson or guide; cross-references are checked later against the config."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    title: Text
    topic: Slug
    audience: Slug
    band: str | None = None
    duration: Annotated[int, Field(gt=0, le=240)] | None = None
    summary: str = ""
    objectives: list[Text] = []
    vocabulary: dict[str, Text] = {}
    key_messages: list[Text] = []
    sources: Annotated[list[Slug], Field(min_length=1)]
    frameworks: dict[str, list[Text]] = {}
    pictures: Annotated[list[PictureMeta], Field(max_length=3)] = []
