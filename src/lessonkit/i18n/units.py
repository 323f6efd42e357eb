"""Segmenting a lesson into translation units: front-matter fields, each block of the body, quiz lines.

A structured quiz item gives one unit for its question, one per option and one per feedback.

A unit knows its stable place (`online-friends-8-10|slide:2|p:1`), its English text as inline
Markdown, where it is in the source file, and how to write a translation back into the body.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it.token import Token

from lessonkit.load.quiz import OptionLine, option_line
from lessonkit.load.sections import _INFO
from lessonkit.markdown import SECTION_CLOSE, SECTION_OPEN, markdown
from lessonkit.model import Lesson

BODY = "body"
TITLE_ATTR = re.compile(r'(?P<before>\btitle=")(?P<value>[^"]*)(?P<after>")')
QUIZ_LINE = re.compile(r"^(?P<prefix>\s*(?P<kind>[QA]):\s*)(?P<text>.*?)\s*$")
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


def lesson_units(lesson: Lesson) -> list[Unit]:
    """Every translatable piece of the lesson, in document order."""
    return [*_front_matter_units(lesson), *_body_units(lesson)]


def _front_matter_units(lesson: Lesson) -> list[Unit]:
    line = lesson.field_lines.get
    units = [Unit("title", lesson.title, line("title", 1), Slot("field", name="title"))]
    if lesson.summary:
        units.append(Unit("summary", lesson.summary, line("summary", 1), Slot("field", name="summary")))
    for number, text in enumerate(lesson.objectives, start=1):
        units.append(
            Unit(
                f"objectives:{number}", text, line("objectives", 1), Slot("field", index=number - 1, name="objectives")
            )
        )
    for number, (term, definition) in enumerate(lesson.vocabulary.items(), start=1):
        where = line("vocabulary", 1)
        units.append(Unit(f"vocabulary:{number}|term", term, where, Slot("field", index=number - 1, name="term")))
        units.append(
            Unit(
                f"vocabulary:{number}|definition", definition, where, Slot("field", index=number - 1, name="definition")
            )
        )
    for number, text in enumerate(lesson.key_messages, start=1):
        units.append(
            Unit(
                f"key_messages:{number}",
                text,
                line("key_messages", 1),
                Slot("field", index=number - 1, name="key_messages"),
            )
        )
    for number, picture in enumerate(lesson.pictures, start=1):
        where = line("pictures", 1)
        units.append(Unit(f"pictures:{number}|alt", picture.alt, where, Slot("field", index=number - 1, name="alt")))
    return units


@dataclass
class _Walk:
    body_line: int
    lines: list[str]
    units: list[Unit] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)
    blocks: Counter[str] = field(default_factory=Counter)
    body_blocks: Counter[str] = field(default_factory=Counter)
    section: str = BODY
    kind: str = ""
    title: str = ""
    tables: int = 0
    row: int = 0
    cell: int = 0
    # The quiz question whose options are being read, and how many were read.
    option_of: str = ""
    options: int = 0
    # The open blocks (`bullet_list1`, `list_item3`...) and, per level, how many of each kind were opened.
    path: list[str] = field(default_factory=list)
    children: list[Counter[str]] = field(default_factory=lambda: [Counter()])
    body_children: list[Counter[str]] = field(default_factory=lambda: [Counter()])

    def add(self, label: str, raw: str, slot: Slot, shape: str = "") -> None:
        self.blocks[label] += 1
        place = f"{self.section}|{label}:{self.blocks[label]}"
        shape = shape or "/".join(self.path) or place.split("|", 1)[1]
        self.units.append(Unit(place, raw, self.body_line + slot.start, slot, self.kind, self.title, shape))

    def open_block(self, kind: str) -> None:
        counter = self.children[-1]
        counter[kind] += 1
        self.path.append(f"{kind}{counter[kind]}")
        self.children.append(Counter())

    def close_block(self) -> None:
        if self.path:
            self.path.pop()
            self.children.pop()


def _body_units(lesson: Lesson) -> tuple[Unit, ...]:
    return _units_of_body(lesson.body, lesson.body_line)


@lru_cache(maxsize=1024)
def _units_of_body(body: str, body_line: int) -> tuple[Unit, ...]:
    # A build reads each lesson's units several times per locale (template, readiness,
    # translation, QA); parsing each body once takes a third off translating a locale.
    walk = _Walk(body_line, body.split("\n"))
    tokens = markdown().parse(body)
    stack: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == SECTION_OPEN and token.map:
            index = _open_section(walk, token, tokens, index)
            continue
        if token.type == SECTION_CLOSE:
            walk.section, walk.kind, walk.title = BODY, "", ""
            walk.blocks = walk.body_blocks
            walk.children = walk.body_children
        elif token.type.endswith("_open") and token.nesting == 1:
            stack.append(token.type)
            walk.open_block(token.type.removesuffix("_open"))
            if token.type == "table_open":
                walk.tables += 1
                walk.row = 0
            elif token.type == "tr_open":
                walk.row += 1
                walk.cell = 0
            elif token.type in ("th_open", "td_open"):
                walk.cell += 1
        elif token.nesting == -1 and stack:
            stack.pop()
            walk.close_block()
        elif token.type == "inline" and token.map:
            _inline(walk, token, stack)
        index += 1
    return tuple(walk.units)


def _open_section(walk: _Walk, token: Token, tokens: list[Token], index: int) -> int:
    assert token.map is not None
    match = _INFO.match(token.info)
    kind = match["kind"] if match else "section"
    walk.kinds[kind] += 1
    walk.body_blocks = walk.blocks  # sections do not nest: the walk is in the body here
    walk.body_children = walk.children
    walk.section, walk.kind = f"{kind}:{walk.kinds[kind]}", kind
    walk.blocks = Counter()
    walk.children = [Counter()]
    start = token.map[0]
    title = TITLE_ATTR.search(walk.lines[start])
    walk.title = title["value"] if title else ""
    if title:
        walk.units.append(
            Unit(
                f"{walk.section}|title",
                title["value"],
                walk.body_line + start,
                Slot("title", start, start + 1),
                kind,
                walk.title,
                "title",
            )
        )
    if kind != "quiz":
        return index + 1
    for offset in range(start + 1, token.map[1]):
        line = QUIZ_LINE.match(walk.lines[offset])
        if line and line["text"]:
            label = "q" if line["kind"] == "Q" else "a"
            walk.add(label, line["text"], Slot("quiz", offset, offset + 1, index=len(line["prefix"])))
        elif option := option_line(walk.lines[offset]):
            _quiz_option(walk, option, offset)
    # Skip the quiz's own block tokens: its lines are units already.
    depth = 0
    while index < len(tokens):
        if tokens[index].type == SECTION_OPEN:
            depth += 1
        elif tokens[index].type == SECTION_CLOSE:
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return index


def _quiz_option(walk: _Walk, option: OptionLine, offset: int) -> None:
    """An option (or ordering step) and its feedback: two units, placed under their question.

    `quiz:1|q:4|o:2` is the second option of the section's fourth question and `quiz:1|q:4|f:2` its
    feedback, so that adding an option elsewhere does not renumber (and unsettle) every translation.
    """
    if not option.text:
        return
    place = f"{walk.section}|q:{walk.blocks['q']}"
    if walk.option_of != place:
        walk.option_of, walk.options = place, 0
    walk.options += 1
    line = walk.body_line + offset
    walk.units.append(
        Unit(
            f"{place}|o:{walk.options}",
            option.text,
            line,
            Slot("span", offset, offset + 1, index=option.text_at),
            walk.kind,
            walk.title,
            f"q:{walk.blocks['q']}|o:{walk.options}",
        )
    )
    if option.feedback:
        walk.units.append(
            Unit(
                f"{place}|f:{walk.options}",
                option.feedback,
                line,
                Slot("quiz", offset, offset + 1, index=option.feedback_at),
                walk.kind,
                walk.title,
                f"q:{walk.blocks['q']}|f:{walk.options}",
            )
        )


def _inline(walk: _Walk, token: Token, stack: list[str]) -> None:
    assert token.map is not None
    start, end = token.map
    if not token.content.strip():
        return
    if "th_open" in stack[-1:] or "td_open" in stack[-1:]:
        label = f"table:{walk.tables}|r{walk.row}c{walk.cell}"
        walk.units.append(
            Unit(
                f"{walk.section}|{label}",
                token.content,
                walk.body_line + start,
                Slot("cell", start, start + 1, index=walk.cell),
                walk.kind,
                walk.title,
                "/".join(walk.path),
            )
        )
        return
    if "heading_open" in stack[-1:]:
        label = "h"
    elif "list_item_open" in stack:
        label = "li"
    else:
        label = "p"
    walk.add(label, token.content, Slot("lines", start, end))
