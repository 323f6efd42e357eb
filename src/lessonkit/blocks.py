"""The blocks of a lesson document: a structural id, the text and where it is, in its file or in a PO entry.

Kept apart from `lessonkit.model` so that checking a plain text file, which needs blocks but no curriculum,
does not build the model's many dataclasses at start-up (`lessonkit check` on one small file). For the same
reason `Origin` and `Piece`, which only translations use, are NamedTuples: a frozen dataclass's generated
methods are compiled at every start-up, about five times the cost of a NamedTuple.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import difflib

from lessonkit.problems import Location


@dataclass(frozen=True)
class Block:
    """One piece of a lesson document: a stable structural id, its raw text and where that text starts.

    Ids name the place in the structure, not the text: `front.key_messages[2]`, `section[3].title`,
    `section[5].question[1].option[2].feedback`, `body.text[1].p[2]` (numbers count from 1), so that an edit
    elsewhere in the file does not change them.
    """

    id: str
    kind: str
    text: str
    location: Location
    children: tuple[Block, ...] = ()
    # How many lines of the file the text spans (a paragraph's lines; a setext heading's underline too).
    lines: int = 1
    # Where the block sits among its section's Markdown blocks, e.g. `bullet_list1/list_item3/paragraph1`:
    # two copies of a section match block for block only when these agree (`lessonkit.i18n.import_markdown`).
    shape: str = ""
    # In a translated document: the stretches of the text and the msgstr each was written from.
    pieces: tuple[Piece, ...] = field(default=(), compare=False, repr=False)

    def walk(self) -> Iterator[Block]:
        """The block itself, then every block inside it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def place(self, offset: int) -> Location | None:
        """Where character `offset` of a translated block's text is in its PO file (None: not translated)."""
        if not self.pieces:
            return None
        piece = self.pieces[0]
        for candidate in self.pieces:
            if candidate.start <= offset:
                piece = candidate
        return piece.origin.at(self.text[piece.start : piece.end], offset - piece.start)


class Origin(NamedTuple):
    """A msgstr that a translated text was written from: its PO file, and the msgstr as written there.

    `literal` holds the msgstr's lines of the file from `line` on: `msgstr "..."` and its `"..."`
    continuation lines, escapes as written, so that a character of the text has one exact place.
    """

    path: Path
    line: int
    literal: tuple[str, ...]

    @classmethod
    def of_entry(cls, path: Path, lines: list[str], first: int) -> Origin:
        """The msgstr of the PO entry whose first line (polib's `linenum`) is `first`, in the file's `lines`.

        A plural entry (`msgstr[0]`) or an entry not found has no literal: it is placed at line `first`.
        """
        number = first - 1
        while number < len(lines) and not lines[number].startswith("msgstr "):
            if not lines[number].strip():
                return cls(path, first, ())
            number += 1
        end = number + 1
        while end < len(lines) and lines[end].startswith('"'):
            end += 1
        return cls(path, number + 1, tuple(lines[number:end]))

    @property
    def location(self) -> Location:
        """Where the msgstr's text starts (after the quote, on the next line when the first is `""`)."""
        for number, raw in enumerate(self.literal):
            column = raw.find('"') + 1
            if 0 < column < len(raw) and raw[column] != '"':
                return Location(self.path, self.line + number, column + 1)
        return Location(self.path, self.line, 1)

    def at(self, written: str, offset: int) -> Location:
        """The file position of character `offset` of `written`, a text written from this msgstr.

        The text and the msgstr are compared without their white space (a translation is spread over
        the lines of its block) and with difflib where they differ (help tokens and tags are written
        differently in Markdown and in PO): a character outside every matching run is placed at the
        end of the run before it, so the place is exact wherever the text is the msgstr's own.
        """
        text, places = self._characters()
        first = places[0] if places else (self.line, 1)
        if not written or not places:
            return Location(self.path, *first)
        mine = [i for i, c in enumerate(written) if not c.isspace()]
        theirs = [i for i, c in enumerate(text) if not c.isspace()]
        before = sum(1 for i in mine if i < offset)
        target = _aligned("".join(written[i] for i in mine), "".join(text[i] for i in theirs), before)
        if target is None or target >= len(theirs):
            return Location(self.path, *first)
        return Location(self.path, *places[theirs[target]])

    def _characters(self) -> tuple[str, list[tuple[int, int]]]:
        """The msgstr's text, and the (line, column) of each of its characters."""
        chars: list[str] = []
        places: list[tuple[int, int]] = []
        for number, raw in enumerate(self.literal):
            column = raw.find('"') + 1
            while 0 < column < len(raw) and raw[column] != '"':
                escaped = raw[column] == "\\" and column + 1 < len(raw)
                chars.append(_UNESCAPE.get(raw[column + 1], raw[column + 1]) if escaped else raw[column])
                places.append((self.line + number, column + 1))
                column += 2 if escaped else 1
        return "".join(chars), places


_UNESCAPE = {"n": "\n", "t": "\t", "r": "\r"}


# difflib's alignment takes time cubic in the length of a repetitive text ("Wort {{ " repeated:
# 3,500 characters took 29 s, 7,000 took 205 s, for each finding): longer texts are placed proportionally.
_ALIGN_LIMIT = 1_000


def _aligned(mine: str, theirs: str, index: int) -> int | None:
    """The index in `theirs` of character `index` of `mine` (both without white space)."""
    if mine == theirs:
        return index
    if len(mine) > _ALIGN_LIMIT or len(theirs) > _ALIGN_LIMIT:
        return min(len(theirs) - 1, index * len(theirs) // len(mine)) if mine and theirs else None
    found = None
    for block in _matching_blocks(mine, theirs):
        if block.a <= index < block.a + block.size:
            return block.b + index - block.a
        if block.size and block.a + block.size <= index:
            found = block.b + block.size - 1
    return found


@lru_cache(maxsize=64)  # the findings of one block share its alignment
def _matching_blocks(mine: str, theirs: str) -> list[difflib.Match]:
    import difflib  # only when a finding falls in a text written differently from its msgstr

    return difflib.SequenceMatcher(None, mine, theirs, autojunk=False).get_matching_blocks()


class Piece(NamedTuple):
    """A stretch `[start, end)` of a translated block's text and the msgstr it was written from."""

    start: int
    end: int
    origin: Origin
