"""The checker's view of a text: who reads each part, and that part's words at their real positions."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from lessonkit.check.anchors import fold
from lessonkit.check.plain import blank_comments, plain_text
from lessonkit.problems import Location

_NEWLINE = re.compile("\n")

# Who reads a part of a document. Readability and vocabulary limits are about the reader.
STUDENT = "student"
FAMILY = "family"
TEACHER = "teacher"
GENERAL = "general"
ROLES = (STUDENT, FAMILY, TEACHER, GENERAL)

# In a student lesson, these sections are read by the children themselves (slides, handout,
# quiz, help) or taken home to their family; everything else is the teacher's plan.
SECTION_ROLES: Mapping[str, str] = {
    "slide": STUDENT,
    "handout": STUDENT,
    "quiz": STUDENT,
    "help": STUDENT,
    "family": FAMILY,
}
AUDIENCE_ROLES: Mapping[str, str] = {"students": STUDENT, "parents": FAMILY, "educators": TEACHER}
# Parts that are one field, not a `::: kind` section: the front matter's prose and a section's
# `title="..."`. A finding about the whole part is placed at its text (a section's, at its `:::` line).
FIELD_KINDS: frozenset[str] = frozenset(
    {"title", "key_messages", "vocabulary", "picture description", "summary", "objective"}
)


@dataclass(frozen=True)
class TextUnit:
    """One part of a document: a section, the text outside sections, or a front-matter entry.

    `raw` keeps the source characters (only comments blanked); `plain` also blanks Markdown
    markup, help tokens and link targets with spaces, so offsets in both map to the same
    line and column of the file.
    """

    kind: str
    role: str
    path: Path
    line: int
    column: int
    raw: str
    plain: str
    title: str = ""
    _line_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)
    # A translated part's places: character offset -> where it is in its PO file (`Block.place`).
    placed: Callable[[int], Location | None] | None = field(default=None, repr=False, compare=False)

    def location(self, offset: int) -> Location:
        """The file position of a character offset into `raw` or `plain` (in a translation: in its PO file)."""
        if self.placed is not None and (found := self.placed(offset)) is not None:
            return found
        starts = self._line_starts or _line_starts(self.raw)
        index = bisect_right(starts, offset) - 1
        column = offset - starts[index] + 1
        return Location(self.path, self.line + index, column + (self.column - 1 if index == 0 else 0))

    @cached_property
    def folded(self) -> str:
        """`plain` in one case, computed once and shared by every pattern rule's cheap pre-test."""
        return fold(self.plain)


def _line_starts(text: str) -> tuple[int, ...]:
    if "\n" not in text:
        return (0,)  # most parts of a plain text are one-line paragraphs: no scan to set up
    return (0, *(m.end() for m in _NEWLINE.finditer(text)))


def make_unit(
    kind: str,
    role: str,
    path: Path,
    line: int,
    raw: str,
    title: str = "",
    column: int = 1,
    placed: Callable[[int], Location | None] | None = None,
) -> TextUnit:
    """A unit whose `plain` view is computed from its raw Markdown (`placed`: see `TextUnit`)."""
    raw = blank_comments(raw)
    return TextUnit(kind, role, path, line, column, raw, plain_text(raw), title, _line_starts(raw), placed)


class Counted(NamedTuple):  # a named tuple: cheaper to make at start-up than a dataclass
    """A list-valued field (objectives, key messages, quiz questions) and where it is."""

    number: int
    location: Location


@dataclass(frozen=True)
class Document:
    """A lesson, a guide, a translated lesson or a plain text file, ready for the rules.

    `is_lesson` is True when the text came with lesson metadata (front matter or a model),
    so that rules about a lesson's structure apply.
    """

    path: Path
    language: str
    audience: str | None
    band: str | None
    units: tuple[TextUnit, ...]
    vocabulary: frozenset[str] = frozenset()
    # A translation's names carried over from its source lesson (characters, apps, services): the
    # words written with a capital letter there. In a language that capitalises every noun the
    # rare-word rule cannot tell a name by its capital, so it skips these ("Wolfie", "Arjuns").
    names: frozenset[str] = frozenset()
    counts: Mapping[str, Counted] = field(default_factory=dict)
    is_lesson: bool = False
    end: Location | None = None

    def units_of(self, kind: str) -> tuple[TextUnit, ...]:
        """The units of one section kind, in document order."""
        return tuple(u for u in self.units if u.kind == kind)

    @property
    def end_location(self) -> Location:
        """Where to report something missing from the whole document."""
        return self.end or Location(self.path, 1, 1)
