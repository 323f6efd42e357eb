"""The lesson document: the lesson's structure, built once from one parse of its file.

`load_lesson` reads the front matter (with the position of every item) and parses the body's
block structure once; this module turns both into a tree of `Block`s (see `lessonkit.model`)
with stable structural ids and the position of each block's text, and keeps the parsed quiz
questions and card sets. The checker, the translation units and the renderers read this tree
instead of parsing the Markdown again.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it.token import Token

from lessonkit.blocks import Block, Origin, Piece
from lessonkit.load.cards import Card, CardSet, cards_from_tokens
from lessonkit.load.quiz import Question, parse_questions
from lessonkit.markdown import SECTION_CLOSE, SECTION_OPEN, block_tokens
from lessonkit.model import Lesson, LessonDocument, Picture, Section
from lessonkit.problems import Location, Problem

KeyPath = tuple[str | int, ...]
# A block outside sections, as `_BodyWalk.loose` holds it.
_Loose = tuple[int, str, str, Location, int, str, tuple[int, int, int] | None]
# Where a section's title attribute's value starts on its `:::` line.
_TITLE_VALUE = re.compile(r'\btitle="?')


@dataclass(frozen=True)
class FrontMatter:
    """The front-matter items a document holds blocks for (the lesson's translatable fields)."""

    title: str
    summary: str
    objectives: Sequence[str]
    vocabulary: Mapping[str, str]
    key_messages: Sequence[str]
    pictures: Sequence[Picture]

    @classmethod
    def of(cls, lesson: Lesson) -> FrontMatter:
        """The items of a lesson (for example a translated one)."""
        return cls(
            lesson.title, lesson.summary, lesson.objectives, lesson.vocabulary, lesson.key_messages, lesson.pictures
        )


def front_blocks(front: FrontMatter, where: Callable[[str, KeyPath], Location]) -> tuple[Block, ...]:
    """One block per item; `where(id, key path)` says where its text starts."""
    items: list[tuple[str, KeyPath, str]] = [("front.title", ("title",), front.title)]
    if front.summary:
        items.append(("front.summary", ("summary",), front.summary))
    items += [(f"front.objectives[{n}]", ("objectives", n - 1), x) for n, x in enumerate(front.objectives, 1)]
    for n, (term, definition) in enumerate(front.vocabulary.items(), 1):
        items.append((f"front.vocabulary[{n}].term", ("vocabulary", term, ""), term))
        items.append((f"front.vocabulary[{n}].definition", ("vocabulary", term), definition))
    items += [(f"front.key_messages[{n}]", ("key_messages", n - 1), x) for n, x in enumerate(front.key_messages, 1)]
    items += [(f"front.pictures[{n}].alt", ("pictures", n - 1, "alt"), p.alt) for n, p in enumerate(front.pictures, 1)]
    return tuple(Block(block_id, "field", text, where(block_id, key)) for block_id, key, text in items)


def yaml_places(
    path: Path, starts: Mapping[KeyPath, tuple[int, int]], key_starts: Mapping[KeyPath, tuple[int, int]]
) -> Callable[[str, KeyPath], Location]:
    """Front-matter positions from the YAML loader: a key path ending in "" is the key itself."""

    def where(_: str, key: KeyPath) -> Location:
        found = key_starts.get(key[:-1]) if key and key[-1] == "" else starts.get(key)
        return Location(path, *found) if found else Location(path, 1, 1)

    return where


@dataclass(frozen=True)
class Body:
    """The body's part of a document, and the problems its quiz and cards sections have."""

    blocks: tuple[Block, ...]
    questions: tuple[Question, ...]
    card_sets: tuple[CardSet | None, ...]
    problems: tuple[Problem, ...]


def parse_body(
    body: str, path: Path, body_line: int, sections: tuple[Section, ...], tokens: list[Token] | None = None
) -> Body:
    """The blocks of a body whose sections are parsed already (`tokens`: its block tokens, if at hand)."""
    walk = _BodyWalk(path, body_line, body.split("\n"), sections)
    walk.run(block_tokens(body) if tokens is None else tokens)
    return Body(walk.top(), tuple(walk.questions), tuple(walk.card_sets), tuple(walk.problems))


def document_key(lesson: Lesson) -> tuple[object, ...]:
    """The values a lesson's document is built from: when one changes, the document is built again."""
    vocabulary = tuple(lesson.vocabulary.items())
    front = (lesson.title, lesson.summary, lesson.objectives, vocabulary, lesson.key_messages, lesson.pictures)
    return (lesson.path, lesson.body_line, lesson.body, lesson.sections, *front)


def refreshed(lesson: Lesson) -> LessonDocument:
    """The lesson's document if it was built from the lesson's values, or a new one that is."""
    document = lesson.document
    if document.source is None and document.blocks:
        # Just built by the loader from these very values: stamp it, do not build it again.
        return dataclasses.replace(document, source=document_key(lesson))
    if document.source == document_key(lesson):
        return document
    return document_of(lesson, translated=document.translated)


def document_of(lesson: Lesson, *, translated: bool) -> LessonDocument:
    """The document of a lesson whose texts were changed (a translation): the same ids, its new texts.

    Front-matter items keep the positions of the lesson's earlier document; the body is parsed anew.
    """
    old = {b.id: b.location for b in lesson.document.blocks if b.kind == "field"}
    fallback = Location(lesson.path, 1, 1)
    front = front_blocks(FrontMatter.of(lesson), lambda block_id, _: old.get(block_id, fallback))
    body = parse_body(lesson.body, lesson.path, lesson.body_line, lesson.sections)
    blocks = (*front, *body.blocks)
    return LessonDocument(blocks, body.questions, body.card_sets, translated, document_key(lesson))


def translated_document(
    source: Lesson, front: FrontMatter, body: str, sections: tuple[Section, ...], tokens: list[Token] | None
) -> LessonDocument:
    """The document of `source` translated: the same ids, the translated texts, `translated` set.

    Front-matter items keep the source's positions; an unchanged body keeps its blocks, a
    changed one is read from `tokens` (its block tokens, parsed once by the caller).
    """
    old = {b.id: b.location for b in source.document.blocks if b.kind == "field"}
    fallback = Location(source.path, 1, 1)
    front_items = front_blocks(front, lambda block_id, _: old.get(block_id, fallback))
    if body == source.body and sections is source.sections:
        document = source.document
        blocks = tuple(b for b in document.blocks if b.kind != "field")
        return LessonDocument((*front_items, *blocks), document.questions, document.card_sets, translated=True)
    parsed = parse_body(body, source.path, source.body_line, sections, tokens)
    return LessonDocument((*front_items, *parsed.blocks), parsed.questions, parsed.card_sets, translated=True)


@dataclass
class _Open:
    """A section being walked: its number, value and the blocks found in it so far."""

    number: int
    section: Section
    children: list[Block] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)


@dataclass
class _BodyWalk:
    path: Path
    body_line: int
    lines: list[str]
    sections: tuple[Section, ...]
    questions: list[Question] = field(default_factory=list)
    card_sets: list[CardSet | None] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    placed: list[tuple[int, Block]] = field(default_factory=list)
    # Lines (0-based, of the body) inside a section, fences included: what is left is the text outside.
    taken: list[bool] = field(default_factory=list)
    # Blocks found outside sections, by their 0-based line, to be put into the text runs:
    # (line, label, text, where, lines, shape, table cell (table, row, cell) or None).
    loose: list[_Loose] = field(default_factory=list)
    labels: dict[int, str] = field(default_factory=dict)
    # Each inline token's place among the Markdown blocks (by the token's id()), see `_shapes`.
    shapes: dict[int, str] = field(default_factory=dict)

    def run(self, tokens: list[Token]) -> None:
        self.taken = [False] * len(self.lines)
        self.labels = _labels(tokens)
        self.shapes = _shapes(tokens)
        for section in self.sections:
            # The section's lines: its opening fence, its text, its closing fence.
            start = section.location.line - self.body_line
            for index in range(max(start, 0), min(start + section.text.count("\n") + 3, len(self.lines))):
                self.taken[index] = True
        by_line = {s.location.line: n for n, s in enumerate(self.sections, 1)}
        # Each section's tokens; sections do not nest (the loader reports E031), but one opened
        # inside another still gets its own.
        slices: dict[int, list[Token]] = {}
        inside = [False] * len(tokens)
        for index, token in enumerate(tokens):
            number = by_line.get(self.body_line + token.map[0]) if token.type == SECTION_OPEN and token.map else None
            if number is not None:
                end = _close_of(tokens, index)
                slices.setdefault(number, tokens[index + 1 : end])
                inside[index : end + 1] = [True] * (end + 1 - index)
        tables = row = cell = 0
        for index, token in enumerate(tokens):
            if inside[index]:
                continue
            if token.type == "table_open":
                tables, row = tables + 1, 0
            elif token.type == "tr_open":
                row, cell = row + 1, 0
            elif token.type in ("th_open", "td_open"):
                cell += 1
            elif token.type == "inline" and token.map and token.content.strip():
                label = self.labels.get(index, "p")
                at = (tables, row, cell) if label == "cell" else None
                span = token.map[1] - token.map[0]
                shape = self.shapes.get(id(token), "")
                self.loose.append((token.map[0], label, token.content, self._start(token), span, shape, at))
        # A section made by hand (not found in the body) still gets its block, quiz and cards.
        for number, section in enumerate(self.sections, 1):
            self._section(_Open(number, section), slices.get(number, []))
        self._text_runs()

    def top(self) -> tuple[Block, ...]:
        # Sorted by line; a section made by hand keeps its place among the sections.
        return tuple(block for _, block in sorted(self.placed, key=lambda x: x[0]))

    def _start(self, token: Token) -> Location:
        assert token.map is not None
        line = self.lines[token.map[0]] if token.map[0] < len(self.lines) else ""
        # markdown-it strips a block's marker and indent: its text starts where its first line does, on that line.
        column = line.find(token.content.split("\n", 1)[0]) + 1 or 1
        return Location(self.path, self.body_line + token.map[0], column)

    def _section(self, open_: _Open, tokens: list[Token]) -> None:
        section = open_.section
        section_id = f"section[{open_.number}]"
        start = section.location.line - self.body_line
        if section.title and 0 <= start < len(self.lines):
            match = _TITLE_VALUE.search(self.lines[start])
            column = match.end() + 1 if match else 1
            where = Location(self.path, section.location.line, column)
            open_.children.append(Block(f"{section_id}.title", "title", section.title, where))
        if section.kind == "quiz":
            found, problems = parse_questions(section, len(self.questions) + 1)
            self.questions += found
            self.problems += problems
            open_.children += [_question(f"{section_id}.question[{n}]", q) for n, q in enumerate(found, 1)]
        elif section.kind == "cards":
            card_set, problems = cards_from_tokens(section, tokens, self.body_line, self.lines)
            self.card_sets.append(card_set)
            self.problems += problems
            if card_set is not None:
                open_.children += [
                    _card(f"{section_id}.card[{n}]", c, section) for n, c in enumerate(card_set.cards, 1)
                ]
        if section.kind != "quiz":
            self._inner(open_, section_id, tokens)
        inside = Location(self.path, section.location.line + 1, 1)
        self.placed.append((start, Block(section_id, "section", section.text, inside, tuple(open_.children))))

    def _inner(self, open_: _Open, section_id: str, tokens: list[Token]) -> None:
        """Paragraphs, headings, list items and table cells of a section (a cards section's list items too)."""
        tables = row = cell = 0
        labels = _labels(tokens)
        for index, token in enumerate(tokens):
            if token.type == "table_open":
                tables, row = tables + 1, 0
            elif token.type == "tr_open":
                row, cell = row + 1, 0
            elif token.type in ("th_open", "td_open"):
                cell += 1
            elif token.type == "inline" and token.map and token.content.strip():
                label = labels.get(index, "p")
                if label == "cell":
                    block_id = f"{section_id}.table[{tables}].r{row}c{cell}"
                else:
                    open_.counts[label] += 1
                    block_id = f"{section_id}.{label}[{open_.counts[label]}]"
                span, shape = token.map[1] - token.map[0], self.shapes.get(id(token), "")
                open_.children.append(Block(block_id, label, token.content, self._start(token), (), span, shape))

    def _text_runs(self) -> None:
        """The lines outside sections, a run of non-blank lines each: a `text` block holding its blocks."""
        runs: list[tuple[int, int]] = []
        start: int | None = None
        for index, line in enumerate([*self.lines, ""]):
            kept = index < len(self.lines) and not self.taken[index] and line.strip()
            if kept and start is None:
                start = index
            elif not kept and start is not None:
                runs.append((start, index))
                start = None
        # Each loose block goes to the run holding its line, found by bisection and kept in the
        # blocks' own order: asking every run to look through every block was quadratic (a 2 MB
        # text with one section and 9,800 paragraphs took 3 s here).
        starts = [first for first, _ in runs]
        held: list[list[_Loose]] = [[] for _ in runs]
        for entry in self.loose:
            at = bisect_right(starts, entry[0]) - 1
            if at >= 0 and entry[0] < runs[at][1]:
                held[at].append(entry)
        for number, ((first, end), entries) in enumerate(zip(runs, held, strict=True), 1):
            self._text_run(number, first, end, entries)

    def _text_run(self, number: int, start: int, end: int, loose: list[_Loose]) -> None:
        run_id = f"body.text[{number}]"
        counts: Counter[str] = Counter()
        tables: dict[int, int] = {}
        children = []
        for _line, label, text, where, span, shape, cell in loose:
            if cell is not None:
                table = tables.setdefault(cell[0], len(tables) + 1)
                block_id = f"{run_id}.table[{table}].r{cell[1]}c{cell[2]}"
            else:
                counts[label] += 1
                block_id = f"{run_id}.{label}[{counts[label]}]"
            children.append(Block(block_id, label, text, where, (), span, shape))
        text = "\n".join(self.lines[start:end])
        self.placed.append(
            (start, Block(run_id, "text", text, Location(self.path, self.body_line + start, 1), tuple(children)))
        )


def _close_of(tokens: list[Token], index: int) -> int:
    """The index of the token closing the section opened at `index` (the last token if it is never closed)."""
    depth = 0
    for position in range(index, len(tokens)):
        if tokens[position].type == SECTION_OPEN:
            depth += 1
        elif tokens[position].type == SECTION_CLOSE:
            depth -= 1
            if depth == 0:
                return position
    return len(tokens) - 1


def _shapes(tokens: list[Token]) -> dict[int, str]:
    """Each inline token's place among the Markdown blocks, by `id(token)`: `bullet_list1/list_item3/paragraph1`.

    Blocks are counted per level, afresh in each section; outside sections the count runs on
    over the whole body (from one text run to the next).
    """
    shapes: dict[int, str] = {}
    path: list[str] = []
    children: list[Counter[str]] = [Counter()]
    outside = children
    for token in tokens:
        if token.type == SECTION_OPEN:
            outside, children = children, [Counter()]
        elif token.type == SECTION_CLOSE:
            children = outside
        elif token.nesting == 1:
            kind = token.type.removesuffix("_open")
            children[-1][kind] += 1
            path.append(f"{kind}{children[-1][kind]}")
            children.append(Counter())
        elif token.nesting == -1 and path:
            path.pop()
            children.pop()
        elif token.type == "inline":
            shapes[id(token)] = "/".join(path)
    return shapes


def _labels(tokens: list[Token]) -> dict[int, str]:
    """What each inline token is the text of: `h` a heading, `cell` a table cell, `li` a list item, `p` a paragraph."""
    labels: dict[int, str] = {}
    stack: list[str] = []
    for index, token in enumerate(tokens):
        if token.nesting == 1:
            stack.append(token.type)
        elif token.nesting == -1 and stack:
            stack.pop()
        elif token.type == "inline":
            parent = stack[-1] if stack else ""
            if parent == "heading_open":
                labels[index] = "h"
            elif parent in ("th_open", "td_open"):
                labels[index] = "cell"
            else:
                labels[index] = "li" if "list_item_open" in stack else "p"
    return labels


def _question(block_id: str, question: Question) -> Block:
    children: list[Block] = []
    if question.answer and question.answer_location is not None:
        children.append(Block(f"{block_id}.answer", "answer", question.answer, question.answer_location))
    for n, option in enumerate(question.options, 1):
        feedback: tuple[Block, ...] = ()
        if option.feedback and option.feedback_column:
            at = Location(option.location.path, option.location.line, option.feedback_column)
            feedback = (Block(f"{block_id}.option[{n}].feedback", "feedback", option.feedback, at),)
        children.append(Block(f"{block_id}.option[{n}]", "option", option.text, option.location, feedback))
    return Block(block_id, "question", question.prompt, question.prompt_location or question.location, tuple(children))


def _card(block_id: str, card: Card, section: Section) -> Block:
    where = card.location or section.location
    answer: tuple[Block, ...] = ()
    if card.answer:
        answer = (Block(f"{block_id}.answer", "card-answer", card.answer, card.answer_location or where),)
    return Block(block_id, "card", card.text, where, answer)


def located_document(
    translated: LessonDocument, source: LessonDocument, origins: Mapping[str, Origin]
) -> LessonDocument:
    """A translated document whose blocks are located where their text was written: its PO entries.

    `translated` holds the translated texts at their places in the rewritten body; `origins`
    names, by block id, the msgstr each translated block was written from. A block that is such a
    text starts at its msgstr's first character; a block made of several (a section, a run of
    text outside sections) starts at the first of them and keeps, in `pieces`, which stretch of
    its text came from which msgstr, so that `Block.place` finds the PO line of any character.
    A block holding no translated text keeps the English lesson's place for it.
    """
    # The translated texts by the line they start on (of the rewritten body), to find a block's own quickly.
    leaves: dict[int, list[tuple[Block, Origin]]] = {}
    for leaf in translated.walk():
        if leaf.id in origins:
            leaves.setdefault(leaf.location.line, []).append((leaf, origins[leaf.id]))
    english = {b.id: b.location for b in source.walk()}

    def relocate(block: Block) -> Block:
        children = tuple(relocate(child) for child in block.children)
        pieces = _pieces(block, leaves, origins.get(block.id))
        where = pieces[0].origin.location if pieces else english.get(block.id, block.location)
        return dataclasses.replace(block, location=where, children=children, pieces=pieces)

    return dataclasses.replace(translated, blocks=tuple(relocate(b) for b in translated.blocks))


def _pieces(block: Block, leaves: Mapping[int, list[tuple[Block, Origin]]], own: Origin | None) -> tuple[Piece, ...]:
    """Which stretch of the block's text each translated text inside it is (all of it, for a text of its own)."""
    if own is not None:
        return (Piece(0, len(block.text), own),)
    text_lines = block.text.split("\n")
    starts = [0]
    for line in text_lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    where = block.location
    pieces = []
    inside = (x for line in range(where.line, where.line + len(text_lines)) for x in leaves.get(line, ()))
    for leaf, origin in inside:
        index = leaf.location.line - where.line
        if leaf.location.path != where.path or not 0 <= index < len(text_lines):
            continue
        start = starts[index] + leaf.location.column - (where.column if index == 0 else 1)
        if not starts[index] <= start <= starts[index] + len(text_lines[index]):
            continue
        last = min(index + max(leaf.lines, leaf.text.count("\n") + 1) - 1, len(text_lines) - 1)
        single = last == index
        end = (
            min(start + len(leaf.text), starts[last] + len(text_lines[last]))
            if single
            else starts[last] + len(text_lines[last])
        )
        pieces.append(Piece(start, end, origin))
    if not pieces:
        # A part of one translated text (a card within its list item): placed within that text.
        for leaf, origin in leaves.get(where.line, ()):
            if leaf.location.column <= where.column and block.text and block.text.split("\n", 1)[0] in leaf.text:
                return (Piece(0, len(block.text), origin),)
    return tuple(sorted(pieces, key=lambda p: p.start))
