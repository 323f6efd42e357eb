"""The curriculum model: immutable, typed values that remember where they came from."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from lessonkit.blocks import Block
from lessonkit.problems import Location

if TYPE_CHECKING:
    from lessonkit.load.cards import CardSet
    from lessonkit.load.quiz import Question

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
    """A finding or recommendation of one publication, cited by lessons."""

    id: str
    kind: str
    section: str
    summary: str
    publication: str = ""
    # The year the finding describes (its data or its statement), which may precede the publication's.
    year: int | None = None


@dataclass(frozen=True)
class Publication:
    """A publication the curriculum draws on: a threat assessment, an alert, a data release, a guidance."""

    id: str
    title: str
    publisher: str
    year: int
    url: str
    # When the address was last checked; None only for the older single-report sources.yml.
    checked: date | None = None
    chapter: str = ""
    cite: str = ""


# The single source report of the first curriculum is a publication like the others.
Report = Publication


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
    publications: tuple[Publication, ...]
    sources: tuple[Source, ...]
    law_topics: tuple[str, ...] = ()

    @property
    def report(self) -> Publication:
        """The spine of the curriculum: the first publication of sources.yml."""
        return self.publications[0]

    def publication(self, publication_id: str) -> Publication | None:
        """The publication with this id, if any."""
        return next((p for p in self.publications if p.id == publication_id), None)

    def sources_of(self, publication_id: str) -> tuple[Source, ...]:
        """The findings and recommendations of one publication, in file order."""
        return tuple(s for s in self.sources if s.publication == publication_id)

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
class Picture:
    """A picture of the bundled set (`lessonkit.pictures`) and its alt text, translated with the lesson."""

    name: str
    alt: str


# The kinds of block of a lesson document (docs/architecture.md lists them; a test keeps both in step).
BLOCK_KINDS: Mapping[str, str] = {
    "field": "a front-matter item: title, summary, an objective, a key message, a term, a definition, an alt text",
    "section": "a `::: kind` section; its text is everything between the fences",
    "title": "a section's `title` attribute, on its `:::` line",
    "text": "a run of lines outside every section, between blank lines",
    "p": "a paragraph",
    "h": "a heading",
    "li": "the text of a list item",
    "cell": "a table cell",
    "question": "a quiz question (its `Q:` text)",
    "answer": "a short question's model answer (its `A:` text)",
    "option": "an option or ordering step of a structured quiz item",
    "feedback": "an option's feedback (after ` :: `)",
    "card": "a card of a cards section",
    "card-answer": "a card's answer for the teacher",
}


@dataclass(frozen=True)
class LessonDocument:
    """A lesson's structure, parsed once when it is loaded: its blocks and the parsed quiz and cards.

    `translated` is True for the document of a translated lesson (made by `lessonkit.i18n.apply`).
    """

    blocks: tuple[Block, ...]
    questions: tuple[Question, ...] = ()
    # One entry per `cards` section, in order: its cards, or None when they do not parse (load reported why).
    card_sets: tuple[CardSet | None, ...] = ()
    translated: bool = False
    # What the document was built from (`lessonkit.load.document.document_key`); None when just loaded.
    source: tuple[object, ...] | None = field(default=None, compare=False, repr=False)

    def walk(self) -> Iterator[Block]:
        """Every block, depth first, in document order."""
        for block in self.blocks:
            yield from block.walk()

    def block(self, block_id: str) -> Block | None:
        """The block with this id, if any."""
        return next((b for b in self.walk() if b.id == block_id), None)

    def of_kind(self, kind: str) -> tuple[Block, ...]:
        """The top-level blocks of one kind (for example every `section` or every `text`), in order."""
        return tuple(b for b in self.blocks if b.kind == kind)


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
    pictures: tuple[Picture, ...] = ()
    # The structure, built once by `lessonkit.load`; check, i18n and render read it instead of the text.
    document: LessonDocument = field(default_factory=lambda: LessonDocument(()), compare=False, repr=False)

    def __post_init__(self) -> None:
        # A lesson made from another with other text (`dataclasses.replace`, as translation does)
        # gets the document of its own text: a document never describes text the lesson no longer has.
        from lessonkit.load.document import refreshed

        document = refreshed(self)
        if document is not self.document:
            object.__setattr__(self, "document", document)

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
