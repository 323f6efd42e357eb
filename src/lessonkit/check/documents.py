"""Turning lessons, guides and plain text files into Documents for the rules."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

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
from lessonkit.problems import Location

if TYPE_CHECKING:
    from lessonkit.model import Lesson, Section

OUTSIDE = "text"
TITLE = "title"  # a section's `title="..."` attribute
# Most plain texts have no `:::` sections; parsing them with markdown-it would cost most of the run.
_FENCE = re.compile(r"^:{3,}[ \t]*[a-z]", re.M)


def lesson_document(lesson: Lesson, language: str) -> Document:
    """A lesson or guide (in the source language or translated) as a Document."""
    units = [*_front_matter_units(lesson), *_body_units(lesson.body, lesson.body_line, lesson.sections, lesson)]
    quizzes = lesson.sections_of("quiz")
    counts = {
        "objectives": Counted(len(lesson.objectives), lesson.location("objectives")),
        "key_messages": Counted(len(lesson.key_messages), lesson.location("key_messages")),
        "quiz": Counted(
            len(lesson.document.questions),
            quizzes[0].location if quizzes else lesson.location(),
        ),
    }
    end = Location(lesson.path, lesson.body_line + lesson.body.count("\n"), 1)
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


def text_document(path: Path, text: str, language: str, audience: str | None, band: str | None) -> Document:
    """A Markdown or plain-text file without front matter; options say who reads it."""
    sections: tuple[Section, ...] = ()
    if _FENCE.search(text):
        from lessonkit.load.sections import parse_sections  # loads markdown-it

        sections = parse_sections(text, path, 1)[0]
    reader = AUDIENCE_ROLES.get(audience or "", GENERAL)
    outside = TEACHER if sections and audience == "students" else reader
    units = _units_in(path, text, 1, sections, reader, outside, student_lesson=audience == "students")
    end = Location(path, text.count("\n") + 1, 1)
    return Document(path, language, audience, band, tuple(units), end=end)


def _body_units(body: str, first_line: int, sections: tuple[Section, ...], lesson: Lesson) -> list[TextUnit]:
    reader = AUDIENCE_ROLES.get(lesson.audience, GENERAL)
    outside = TEACHER if lesson.is_student_lesson else reader
    return _units_in(lesson.path, body, first_line, sections, reader, outside, student_lesson=lesson.is_student_lesson)


def _units_in(
    path: Path,
    body: str,
    first_line: int,
    sections: tuple[Section, ...],
    reader: str,
    outside_role: str,
    *,
    student_lesson: bool,
) -> list[TextUnit]:
    """One unit per section plus the text between sections (the teacher's, in a student lesson)."""
    lines = body.split("\n")
    units: list[TextUnit] = []
    taken = [False] * len(lines)
    for section in sections:
        start = section.location.line - first_line
        length = section.text.count("\n") + 1
        for index in range(start, min(start + length + 2, len(lines))):
            taken[index] = True
        role = SECTION_ROLES.get(section.kind, TEACHER) if student_lesson else reader
        units.append(make_unit(section.kind, role, path, section.location.line + 1, section.text, section.title))
        if section.title and 0 <= start < len(lines):
            # A slide's or activity's title is shown to its readers as large as anything: the
            # language and tone rules read it too, where it is written on the `:::` line.
            column = lines[start].find(section.title) + 1 or 1
            units.append(make_unit(TITLE, role, path, section.location.line, section.title, column=column))
    outside = "\n".join("" if taken[i] else line for i, line in enumerate(lines))
    # Text outside sections is measured paragraph by paragraph, like a section each.
    for start, paragraph in _paragraphs(outside):
        units.append(make_unit(OUTSIDE, outside_role, path, first_line + start, paragraph))
    return units


def _front_matter_units(lesson: Lesson) -> list[TextUnit]:
    """Key messages and vocabulary definitions are read by learners: check them where they are written."""
    role = STUDENT if lesson.is_student_lesson else AUDIENCE_ROLES.get(lesson.audience, GENERAL)
    try:
        source = lesson.path.read_text(encoding="utf-8").split("\n")
    except OSError:
        return []
    units = []
    entries = [("key_messages", m) for m in lesson.key_messages]
    entries += [("vocabulary", d) for d in lesson.vocabulary.values()]
    for kind, text in entries:
        for number, line in enumerate(source[: lesson.body_line], start=1):
            column = line.find(text)
            if column >= 0:
                units.append(make_unit(kind, role, lesson.path, number, text, column=column + 1))
                break
    return units


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
