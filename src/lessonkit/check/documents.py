"""Turning lessons, guides and plain text files into Documents for the rules."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from lessonkit.blocks import Block
from lessonkit.check.document import (
    AUDIENCE_ROLES,
    GENERAL,
    SECTION_ROLES,
    STUDENT,
    TEACHER,
    Counted,
    Document,
    TextUnit,
    make_unit,
)
from lessonkit.check.sentences import WORD
from lessonkit.problems import Location

if TYPE_CHECKING:
    from lessonkit.model import Lesson, Section

OUTSIDE = "text"
TITLE = "title"  # the lesson's title, or a section's `title="..."` attribute
# Most plain texts have no `:::` sections; parsing them with markdown-it would cost most of the run.
_FENCE = re.compile(r"^:{3,}[ \t]*[a-z]", re.M)


def lesson_document(lesson: Lesson, language: str) -> Document:
    """A lesson or guide (in the source language or translated) as a Document."""
    units = [*_front_matter_units(lesson), *_body_units(lesson)]
    quizzes = lesson.sections_of("quiz")
    counts = {
        "objectives": Counted(len(lesson.objectives), _at(lesson, "front.objectives[", lesson.location("objectives"))),
        "key_messages": Counted(
            len(lesson.key_messages), _at(lesson, "front.key_messages[", lesson.location("key_messages"))
        ),
        "quiz": Counted(
            len(lesson.document.questions),
            _at(lesson, "section[", quizzes[0].location if quizzes else lesson.location(), kind="question"),
        ),
    }
    end = Location(lesson.path, lesson.body_line + lesson.body.count("\n"), 1)
    if lesson.document.translated:
        # Something missing from a translation is fixed at its last text: its msgstr.
        placed = [b for b in lesson.document.walk() if b.pieces and not b.children and b.kind != "field"]
        end = placed[-1].location if placed else end
    return Document(
        path=lesson.path,
        language=language,
        audience=lesson.audience,
        band=lesson.band,
        units=tuple(units),
        vocabulary=frozenset(term.casefold() for term in lesson.vocabulary),
        counts=counts,
        is_lesson=True,
        end=end,
    )


def capitalised_words(document: Document) -> frozenset[str]:
    """The words of a document written with a capital letter: in a source lesson, its names (and sentence starts)."""
    return frozenset(word for unit in document.units for word in WORD.findall(unit.plain) if word[0].isupper())


def _at(lesson: Lesson, prefix: str, default: Location, kind: str = "field") -> Location:
    """In a translation, the PO place of the first translated block of a kind (objectives, quiz questions)."""
    if not lesson.document.translated:
        return default
    found = (b for b in lesson.document.walk() if b.id.startswith(prefix) and b.kind == kind and b.pieces)
    return next((b.location for b in found), default)


def text_document(path: Path, text: str, language: str, audience: str | None, band: str | None) -> Document:
    """A Markdown or plain-text file without front matter; options say who reads it."""
    sections: tuple[Section, ...] = ()
    blocks: tuple[Block, ...] = ()
    if _FENCE.search(text):
        # markdown-it is loaded only for texts with sections.
        from lessonkit.load.document import parse_body
        from lessonkit.load.sections import parse_sections
        from lessonkit.markdown import block_tokens

        tokens = block_tokens(text)
        sections = parse_sections(text, path, 1, tokens)[0]
        blocks = parse_body(text, path, 1, sections, tokens).blocks
    reader = AUDIENCE_ROLES.get(audience or "", GENERAL)
    outside = TEACHER if sections and audience == "students" else reader
    if sections:
        units = _units_in(blocks, sections, reader, outside, student_lesson=audience == "students")
    else:
        # A text without sections is one run of paragraphs: no Markdown parse is needed to find them.
        # Each is the unit `_units_in` makes of a text block at the paragraph's first line, made
        # directly (a megabyte of prose has 5,000 paragraphs: no block and id for each).
        units = [make_unit(OUTSIDE, outside, path, 1 + start, paragraph) for start, paragraph in _paragraphs(text)]
    end = Location(path, text.count("\n") + 1, 1)
    return Document(path, language, audience, band, tuple(units), end=end)


def _body_units(lesson: Lesson) -> list[TextUnit]:
    reader = AUDIENCE_ROLES.get(lesson.audience, GENERAL)
    outside = TEACHER if lesson.is_student_lesson else reader
    blocks = lesson.document.blocks
    return _units_in(blocks, lesson.sections, reader, outside, student_lesson=lesson.is_student_lesson)


def _units_in(
    blocks: tuple[Block, ...],
    sections: tuple[Section, ...],
    reader: str,
    outside_role: str,
    *,
    student_lesson: bool,
) -> list[TextUnit]:
    """One unit per section (and its title) plus one per run of text outside sections (the teacher's, in a lesson).

    Each unit is a block of the document, where the block says it is: nothing is searched for.
    """
    units: list[TextUnit] = []
    section_blocks = {b.id: b for b in blocks if b.kind == "section"}
    for number, section in enumerate(sections, 1):
        block = section_blocks[f"section[{number}]"]
        role = SECTION_ROLES.get(section.kind, TEACHER) if student_lesson else reader
        units.append(_unit(section.kind, role, block, section.title))
        # A slide's or activity's title is shown to its readers as large as anything: the
        # language and tone rules read it too, where it is written on the `:::` line.
        units += [_unit(TITLE, role, title) for title in block.children if title.kind == "title"]
    # Text outside sections is measured run by run (paragraphs between blank lines), like a section each.
    units += [_unit(OUTSIDE, outside_role, run) for run in blocks if run.kind == "text"]
    return units


def _unit(kind: str, role: str, block: Block, title: str = "") -> TextUnit:
    """The block's text as a unit, at the block's place (a translated block's: at its PO entries)."""
    at = block.location
    placed = block.place if block.pieces else None
    return make_unit(kind, role, at.path, at.line, block.text, title, at.column, placed)


def _front_matter_units(lesson: Lesson) -> list[TextUnit]:
    """The front matter's prose, checked where it is written (in a translation: the msgstr of its PO entry).

    The title is printed on every handout, slide deck and page, key messages, vocabulary
    definitions and picture descriptions (read aloud by screen readers) reach the learner: they are
    read as the lesson's readers read them. The summary and objectives are for the teacher (in a
    guide, for its audience).
    """
    role = STUDENT if lesson.is_student_lesson else AUDIENCE_ROLES.get(lesson.audience, GENERAL)
    planning = TEACHER if lesson.is_student_lesson else role
    fields = [b for b in lesson.document.blocks if b.kind == "field"]
    units: list[TextUnit] = []
    for block in fields:
        for prefix, suffix, kind, reader in _FRONT_MATTER:
            if block.id.startswith(prefix) and block.id.endswith(suffix) and block.text.strip():
                units.append(_unit(kind, role if reader == STUDENT else planning, block))
                break
    return units


# Front matter fields read as prose: (block id prefix, suffix, unit kind, who reads it: the
# learner (STUDENT, in a guide its audience) or whoever plans the lesson (TEACHER)).
_FRONT_MATTER: tuple[tuple[str, str, str, str], ...] = (
    ("front.title", "", TITLE, STUDENT),
    ("front.key_messages[", "", "key_messages", STUDENT),
    ("front.vocabulary[", ".definition", "vocabulary", STUDENT),
    ("front.pictures[", ".alt", "picture description", STUDENT),
    ("front.summary", "", "summary", TEACHER),
    ("front.objectives[", "", "objective", TEACHER),
)


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """Blank-line separated blocks with their 0-based first line."""
    blocks: list[tuple[int, str]] = []
    lines = text.split("\n")
    start = None
    for index, line in enumerate([*lines, ""]):
        if line.strip() and start is None:
            start = index
        elif not line.strip() and start is not None:
            blocks.append((start, "\n".join(lines[start:index])))
            start = None
    return blocks
