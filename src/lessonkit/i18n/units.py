"""Segmenting a lesson into translation units: front-matter fields, each block of the body, quiz lines.

A structured quiz item gives one unit for its question, one per option and one per feedback.

A unit knows its stable place (`online-friends-8-10|slide:2|p:1`), its English text as inline
Markdown, where it is in the source file, the lesson-document block it is (`block`, e.g.
`section[4].p[2]`) and how to write a translation back into the body. The units are read from
the lesson's document (`Lesson.document`, built when the lesson was loaded): no Markdown is
parsed here.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from lessonkit.blocks import Block
from lessonkit.model import Lesson, LessonDocument

BODY = "body"
TITLE_ATTR = re.compile(r'(?P<before>\btitle=")(?P<value>[^"]*)(?P<after>")')
# Where a unit's text goes back: one of these, by `kind`.
#   field    front matter: `name` and an index (objectives, key messages, vocabulary, picture alt texts)
#   lines    a block spanning body lines [start, end)
#   cell     one cell of a table row (line `start`, column `index`)
#   title    a section's title attribute on its `:::` line
#   quiz     the text after `Q:` / `A:` on one line, or an option's feedback (after ` :: `)
#   span     an option's text: `index` is where it starts and the English text's length where it ends


@dataclass(frozen=True)
class Slot:
    """Where in the lesson a unit's text lives."""

    kind: str
    start: int = 0
    end: int = 0
    index: int = 0
    name: str = ""


@dataclass(frozen=True)
class Unit:
    """One translatable piece of a lesson."""

    place: str
    raw: str
    line: int
    slot: Slot
    section_kind: str = ""
    section_title: str = ""
    # Where the unit sits in its section's block structure, e.g. `bullet_list1/list_item3/paragraph1`:
    # two copies of a section match block for block only when these agree (see import_markdown).
    shape: str = ""
    # The id of the lesson-document block whose text this is.
    block: str = ""


def lesson_units(lesson: Lesson) -> list[Unit]:
    """Every translatable piece of the lesson, in document order."""
    return [*_front_matter_units(lesson), *_body_units(lesson)]


# A front-matter block (its id's name and part) -> its unit's place, the field `rewrite` writes it to,
# and the field whose line the catalogue's reference (`#: lesson.md:LINE`) cites.
_FIELDS = re.compile(r"^front\.(?P<name>[a-z_]+)(?:\[(?P<n>\d+)\])?(?:\.(?P<part>[a-z]+))?$")
_FIELD_PLACES = {
    ("title", ""): ("title", "title", "title"),
    ("summary", ""): ("summary", "summary", "summary"),
    ("objectives", ""): ("objectives:{n}", "objectives", "objectives"),
    ("vocabulary", "term"): ("vocabulary:{n}|term", "term", "vocabulary"),
    ("vocabulary", "definition"): ("vocabulary:{n}|definition", "definition", "vocabulary"),
    ("key_messages", ""): ("key_messages:{n}", "key_messages", "key_messages"),
    ("pictures", "alt"): ("pictures:{n}|alt", "alt", "pictures"),
}
_CELL = re.compile(r"\.table\[\d+\]\.r(?P<row>\d+)c(?P<cell>\d+)$")
_TABLE = re.compile(r"^(?P<table>.*\.table\[\d+\])\.r\d+c\d+$")


def _front_matter_units(lesson: Lesson) -> list[Unit]:
    units = []
    for block in lesson.document.blocks:
        match = _FIELDS.match(block.id) if block.kind == "field" else None
        found = _FIELD_PLACES.get((match["name"], match["part"] or "")) if match else None
        if match is None or found is None:
            continue
        place, name, line_of = found
        number = int(match["n"] or 1)
        line = lesson.field_lines.get(line_of, 1)
        units.append(
            Unit(place.format(n=number), block.text, line, Slot("field", index=number - 1, name=name), block=block.id)
        )
    return units


def _body_units(lesson: Lesson) -> tuple[Unit, ...]:
    """The body's units, in document order, from the document's blocks."""
    return _Units(lesson.document, lesson.body.split("\n"), lesson.body_line, lesson).run()


class _Units:
    """The body's units, numbered as translators have always seen them.

    Places count per section kind (`slide:2`), per label within a section (`p:3`, counted on over
    the whole body outside sections) and tables through the whole lesson (`table:2|r1c3`).
    """

    def __init__(self, document: LessonDocument, lines: list[str], body_line: int, lesson: Lesson) -> None:
        self.document, self.lines, self.body_line, self.lesson = document, lines, body_line, lesson
        self.units: list[Unit] = []
        self.kinds: Counter[str] = Counter()
        self.tables: dict[str, int] = {}
        self.outside: Counter[str] = Counter()

    def run(self) -> tuple[Unit, ...]:
        for block in self.document.blocks:
            if block.kind == "section":
                self._section(block)
            elif block.kind == "text":
                for child in block.children:
                    self._block(child, BODY, "", "", self.outside)
        return tuple(self.units)

    def _section(self, block: Block) -> None:
        number = int(block.id.removeprefix("section[").removesuffix("]"))
        section = self.lesson.sections[number - 1]
        self.kinds[section.kind] += 1
        place = f"{section.kind}:{self.kinds[section.kind]}"
        start = section.location.line - self.body_line
        found = TITLE_ATTR.search(self.lines[start]) if 0 <= start < len(self.lines) else None
        title = found["value"] if found else ""
        if found:
            slot = Slot("title", start, start + 1)
            title_id = f"{block.id}.title"
            self.units.append(
                Unit(f"{place}|title", title, self.body_line + start, slot, section.kind, title, "title", title_id)
            )
        counts: Counter[str] = Counter()
        if section.kind == "quiz":
            self._quiz(block, place, title, counts)
            return
        for child in block.children:
            self._block(child, place, section.kind, title, counts)

    def _block(self, block: Block, place: str, kind: str, title: str, counts: Counter[str]) -> None:
        start = block.location.line - self.body_line
        if block.kind == "cell":
            cell = _CELL.search(block.id)
            table = _TABLE.match(block.id)
            assert cell is not None and table is not None
            number = self.tables.setdefault(table["table"], len(self.tables) + 1)
            label = f"table:{number}|r{cell['row']}c{cell['cell']}"
            slot = Slot("cell", start, start + 1, index=int(cell["cell"]))
            self.units.append(
                Unit(f"{place}|{label}", block.text, block.location.line, slot, kind, title, block.shape, block.id)
            )
        elif block.kind in ("p", "h", "li"):
            counts[block.kind] += 1
            unit_place = f"{place}|{block.kind}:{counts[block.kind]}"
            slot = Slot("lines", start, start + block.lines)
            shape = block.shape or unit_place.split("|", 1)[1]
            self.units.append(Unit(unit_place, block.text, block.location.line, slot, kind, title, shape, block.id))

    def _quiz(self, block: Block, place: str, title: str, counts: Counter[str]) -> None:
        """A question, its answer, its options and their feedback, in the order of their lines.

        `quiz:1|q:4|o:2` is the second option of the section's fourth question and `quiz:1|q:4|f:2` its
        feedback, so that adding an option elsewhere does not renumber (and unsettle) every translation.
        """
        for question in (c for c in block.children if c.kind == "question"):
            if question.text:
                self._quiz_line(question, "q", place, title, counts)
            answers = [c for c in question.children if c.kind == "answer" and c.text]
            for answer in answers:
                self._quiz_line(answer, "a", place, title, counts)
            owner = f"{place}|q:{counts['q']}"
            options = sorted((c for c in question.children if c.kind == "option" and c.text), key=_line_of)
            for number, option in enumerate(options, 1):
                start = option.location.line - self.body_line
                shape = f"q:{counts['q']}|o:{number}"
                slot = Slot("span", start, start + 1, index=option.location.column - 1)
                unit = Unit(
                    f"{owner}|o:{number}", option.text, option.location.line, slot, "quiz", title, shape, option.id
                )
                self.units.append(unit)
                for feedback in option.children:
                    slot = Slot("quiz", start, start + 1, index=feedback.location.column - 1)
                    shape = f"q:{counts['q']}|f:{number}"
                    self.units.append(
                        Unit(
                            f"{owner}|f:{number}",
                            feedback.text,
                            option.location.line,
                            slot,
                            "quiz",
                            title,
                            shape,
                            feedback.id,
                        )
                    )

    def _quiz_line(self, block: Block, label: str, place: str, title: str, counts: Counter[str]) -> None:
        counts[label] += 1
        start = block.location.line - self.body_line
        slot = Slot("quiz", start, start + 1, index=block.location.column - 1)
        unit_place = f"{place}|{label}:{counts[label]}"
        self.units.append(
            Unit(
                unit_place, block.text, block.location.line, slot, "quiz", title, unit_place.split("|", 1)[1], block.id
            )
        )


def _line_of(block: Block) -> int:
    return block.location.line
