"""Every kind of document the build makes, in one table, and where each file goes.

One row (a `DocumentKind`) says all there is to know about a kind: its file name, the template
and stylesheets that draw it or the deck writer that makes it, its title and download labels,
and which lessons get it. The build's jobs, the worker, the print HTML, the plan's list of
printables, the site's downloads and the cartridge all read this table; nothing else names a
kind (tests/test_build_graph.py checks it). The module sits below `render/` and `build/` so both
can use it without importing each other.

Layout under the output folder (default `site/`):
`downloads/<locale>/<band or audience>/<lesson-id>/<lesson-id>-<suffix>`, and one
handbook per band at `downloads/<locale>/<band>/handbook-<band>-<locale>.pdf`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from types import MappingProxyType
from typing import Final, Literal

from lessonkit.model import Lesson

DOWNLOADS = "downloads"
# The ids other modules name (through these constants, never as literals).
PLAN = "plan"
EASY_READ = "handout-easy-read"
CARDS = "cards"
SLIDES_PPTX = "slides-pptx"
SLIDES_PDF = "slides-pdf"
HANDBOOK = "handbook"
# The section kind whose presence gives a lesson its cut-out cards (a section kind, not a document kind).
CARDS_SECTION = "cards"
# The easy-read handout (one idea per line, a symbol beside each, very large type): for the bands
# listed here, whose readers are learning to read; the other bands' SEND learners use large print.
EASY_READ_BANDS = frozenset({"4-7"})

# Stylesheet sets in `handouts/css/`, by name (a print document uses one set).
STYLESHEETS: Final = MappingProxyType(
    {
        "print": ("fonts.css", "print.css"),
        "large-print": ("fonts.css", "print.css", "large-print.css"),
        "easy-read": ("fonts.css", "print.css", "easy-read.css"),
        "slides": ("fonts.css", "slides.css"),
    }
)

# "pdf": an HTML template printed by WeasyPrint; "deck": the PPTX writer (render/slides/deck.py).
Renderer = Literal["pdf", "deck"]
# "lesson": one file per lesson that `gets` it; "band": one file per age band (the handbook).
Scope = Literal["lesson", "band"]


def _student(lesson: Lesson) -> bool:
    return lesson.is_student_lesson


def _adult(lesson: Lesson) -> bool:
    return not lesson.is_student_lesson


def _easy_read(lesson: Lesson) -> bool:
    return lesson.is_student_lesson and lesson.band in EASY_READ_BANDS


def _with_cards(lesson: Lesson) -> bool:
    return lesson.is_student_lesson and bool(lesson.sections_of(CARDS_SECTION))


def _no_lesson(lesson: Lesson) -> bool:
    return False


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document: its file, how it is drawn, its labels (UI strings) and who gets it."""

    id: str
    # The file name after `<lesson-id>-`; the handbook's name is built by `handbook_path`.
    suffix: str
    renderer: Renderer
    # The title printed on the document (after the lesson's title) and the label of its download.
    title_label: str
    download_label: str
    # Which lessons get one (for `scope="lesson"`).
    gets: Callable[[Lesson], bool]
    # Template in `handouts/templates/` and stylesheet set (a key of STYLESHEETS), for `renderer="pdf"`.
    template: str = ""
    style: str = "print"
    # The class on the document's <body> (the templates and CSS select on it); the id when empty.
    body: str = ""
    scope: Scope = "lesson"
    # Listed among the printables of the teacher's plan (in table order).
    printable: bool = False
    # Carried by the Common Cartridge, and whether it is for the teacher only (kept off the learners' page).
    in_cartridge: bool = False
    for_teacher: bool = False
    # The cartridge resource's `intendeduse` (the plan is a "lessonplan").
    intended_use: str = ""

    @property
    def body_class(self) -> str:
        """The class naming the kind on the document's <body>."""
        return self.body or self.id

    @property
    def stylesheets(self) -> tuple[str, ...]:
        """The stylesheets (in `handouts/css/`) of a print document of this kind."""
        return STYLESHEETS[self.style]


# In the order the site lists a lesson's files and the plan lists its printables.
KINDS: Final[tuple[DocumentKind, ...]] = (
    DocumentKind(
        PLAN,
        "plan.pdf",
        "pdf",
        "Teacher's lesson plan",
        "Lesson plan (PDF)",
        _student,
        template="plan.html.j2",
        in_cartridge=True,
        for_teacher=True,
        intended_use="lessonplan",
    ),
    DocumentKind(
        "handout",
        "handout.pdf",
        "pdf",
        "Student handout",
        "Student handout (PDF)",
        _student,
        template="handout.html.j2",
        printable=True,
        in_cartridge=True,
    ),
    # The handout again, from the same template, with a larger stylesheet.
    DocumentKind(
        "handout-large",
        "handout-large-print.pdf",
        "pdf",
        "Student handout (large print)",
        "Large-print handout (PDF)",
        _student,
        template="handout.html.j2",
        style="large-print",
        body="large-print",
        printable=True,
        in_cartridge=True,
    ),
    DocumentKind(
        EASY_READ,
        "handout-easy-read.pdf",
        "pdf",
        "Student handout (easy read)",
        "Easy-read handout (PDF)",
        _easy_read,
        template="easy-read.html.j2",
        style="easy-read",
        printable=True,
        in_cartridge=True,
    ),
    DocumentKind(
        CARDS,
        "cards.pdf",
        "pdf",
        "Cut-out cards",
        "Cut-out cards (PDF)",
        _with_cards,
        template="cards.html.j2",
        printable=True,
    ),
    DocumentKind(
        "family",
        "family.pdf",
        "pdf",
        "Family sheet",
        "Family sheet (PDF)",
        _student,
        template="family.html.j2",
        printable=True,
        in_cartridge=True,
    ),
    DocumentKind(
        SLIDES_PPTX,
        "slides.pptx",
        "deck",
        "Slides",
        "Slides (PowerPoint, editable)",
        _student,
        in_cartridge=True,
        for_teacher=True,
    ),
    DocumentKind(
        SLIDES_PDF,
        "slides.pdf",
        "pdf",
        "Slides",
        "Slides (PDF)",
        _student,
        template="slides.html.j2",
        style="slides",
        printable=True,
        in_cartridge=True,
        for_teacher=True,
    ),
    DocumentKind("guide", "guide.pdf", "pdf", "Guide", "Guide (PDF)", _adult, template="guide.html.j2"),
    DocumentKind(
        HANDBOOK,
        "",
        "pdf",
        "Handbook",
        "Handbook: every lesson of this age band (PDF)",
        _no_lesson,
        template="handbook.html.j2",
        scope="band",
    ),
)
BY_ID: Final = MappingProxyType({kind.id: kind for kind in KINDS})
PRINTABLES: Final = tuple(kind for kind in KINDS if kind.printable)


def kind_of(kind_id: str) -> DocumentKind:
    """The row of a kind, by id (KeyError for an unknown id: a programming error)."""
    return BY_ID[kind_id]


def lesson_folder(lesson: Lesson, locale_id: str) -> PurePosixPath:
    """The folder of one lesson's files, relative to the output root."""
    group = lesson.band if lesson.is_student_lesson and lesson.band else lesson.audience
    return PurePosixPath(DOWNLOADS, locale_id, group, lesson.id)


def download_paths(lesson: Lesson, locale_id: str) -> dict[str, PurePosixPath]:
    """Every file built for a lesson, by kind id, relative to the output root, in table order."""
    folder = lesson_folder(lesson, locale_id)
    return {
        kind.id: folder / f"{lesson.id}-{kind.suffix}" for kind in KINDS if kind.scope == "lesson" and kind.gets(lesson)
    }


def handbook_path(band_id: str, locale_id: str) -> PurePosixPath:
    """The handbook of all lessons of one band."""
    return PurePosixPath(DOWNLOADS, locale_id, band_id, f"{HANDBOOK}-{band_id}-{locale_id}.pdf")
