"""The curriculum model: immutable, typed values that remember where they came from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lessonkit.problems import Location

STUDENTS = "students"


@dataclass(frozen=True)
class Band:
    """An age band, for example ages 8 to 10 with 45-minute lessons."""

    id: str
    label: str
    ages: tuple[int, int]
    duration: int


@dataclass(frozen=True)
class Topic:
    """A curriculum topic; a lesson belongs to exactly one."""

    id: str
    title: str


@dataclass(frozen=True)
class Audience:
    """Who a piece is written for: students, parents or educators."""

    id: str
    label: str


@dataclass(frozen=True)
class Source:
    """A finding or recommendation of the source report, cited by lessons."""

    id: str
    kind: str
    section: str
    summary: str


@dataclass(frozen=True)
class Report:
    """The source report the curriculum draws on."""

    title: str
    publisher: str
    year: int
    chapter: str
    url: str


@dataclass(frozen=True)
class Config:
    """The curriculum's configuration (`lessons/curriculum.yml` and `lessons/sources.yml`)."""

    title: str
    version: str
    updated: date
    source_language: str
    licence: str
    licence_url: str
    bands: tuple[Band, ...]
    audiences: tuple[Audience, ...]
    topics: tuple[Topic, ...]
    help_services: tuple[str, ...]
    report: Report
    sources: tuple[Source, ...]

    def band(self, band_id: str) -> Band | None:
        """The band with this id, if any."""
        return next((b for b in self.bands if b.id == band_id), None)

    def topic(self, topic_id: str) -> Topic | None:
        """The topic with this id, if any."""
        return next((t for t in self.topics if t.id == topic_id), None)


@dataclass(frozen=True)
class Section:
    """A fenced section of a lesson body (`::: kind {attrs}` ... `:::`)."""

    kind: str
    attrs: Mapping[str, str]
    text: str
    location: Location

    @property
    def title(self) -> str:
        """The section's title attribute, or an empty string."""
        return self.attrs.get("title", "")

    @property
    def minutes(self) -> int:
        """An activity's length in minutes (0 if not an activity)."""
        return int(self.attrs.get("minutes", "0") or 0)

    @property
    def stage(self) -> str:
        """An activity's stage: starter, main or plenary."""
        return self.attrs.get("stage", "")


@dataclass(frozen=True)
class QuizItem:
    """One quiz question and its answer."""

    question: str
    answer: str
    location: Location


@dataclass(frozen=True)
class Lesson:
    """One lesson or guide: its front matter, its body and its sections."""

    id: str
    title: str
    topic: str
    audience: str
    band: str | None
    duration: int | None
    summary: str
    objectives: tuple[str, ...]
    vocabulary: Mapping[str, str]
    key_messages: tuple[str, ...]
    sources: tuple[str, ...]
    frameworks: Mapping[str, tuple[str, ...]]
    body: str
    body_line: int
    sections: tuple[Section, ...]
    path: Path
    field_lines: Mapping[str, int] = field(default_factory=dict)

    def location(self, field_name: str | None = None) -> Location:
        """Where a front-matter field (or the file's start) is."""
        return Location(self.path, self.field_lines.get(field_name or "", 1), 1)

    def sections_of(self, kind: str) -> tuple[Section, ...]:
        """All sections of one kind, in document order."""
        return tuple(s for s in self.sections if s.kind == kind)

    @property
    def is_student_lesson(self) -> bool:
        """True for a student lesson, False for a parent or educator guide."""
        return self.audience == STUDENTS


@dataclass(frozen=True)
class Curriculum:
    """The whole curriculum: its configuration and every lesson, in a stable order."""

    root: Path
    config: Config
    lessons: tuple[Lesson, ...]

    def lesson(self, lesson_id: str) -> Lesson | None:
        """The lesson with this id, if any."""
        return next((x for x in self.lessons if x.id == lesson_id), None)
