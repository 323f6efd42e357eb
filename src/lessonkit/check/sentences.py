"""Words and sentences of a text unit, with their offsets (for line and column of findings)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lessonkit.check.document import TextUnit

# Combining marks (Arabic harakat and shadda, separately typed Latin accents) are not word
# characters to the regex engine, but they belong to the letter they sit on: without them a
# word such as "متدخّل" would fall apart at its shadda into "rare" fragments.
MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
_LETTERS = rf"[^\W\d_]+(?:[{MARKS}]+[^\W\d_]*)*"  # letters, with marks between or after them
WORD = re.compile(rf"{_LETTERS}(?:['\-]{_LETTERS})*")
# `WORD` on ASCII text: there its letters are A-Z and a-z and no combining mark can occur, and
# plain ranges are about twice as fast as `WORD`'s Unicode classes.
_ASCII_WORD = re.compile(r"[A-Za-z]+(?:['\-][A-Za-z]+)*")
WITHOUT_MARKS = re.compile(f"[{MARKS}]")
# A sentence ends at . ! ? (also Arabic ؟ and ۔) or where a new list item, quiz line or paragraph starts.
_END = re.compile(r"[.!?؟۔]+[\"')\]]*(?=\s|$)")
_NEW_ITEM = re.compile(r"\n(?=[ \t]*(?:[-*+][ \t]|\d+[.)][ \t]|[QA]:|#|\n|$))")


@dataclass(frozen=True)
class Sentence:
    """A sentence: where it starts in the unit and its words."""

    start: int
    text: str
    words: int


def words(text: str) -> list[str]:
    """The words of a text (letters, with inner apostrophes and hyphens)."""
    return WORD.findall(text)


# Readability and sentence length both read every part's sentences, one rule after the other over
# the whole document, so each part's split is kept for the run, by the part's identity (the entry
# holds the part, so its id cannot be reused while kept). Bounded: a curriculum run sees every
# lesson's parts in every language.
_SPLIT_KEPT = 1 << 15
_split: dict[int, tuple[TextUnit, tuple[Sentence, ...]]] = {}


def sentences(unit: TextUnit) -> Iterator[Sentence]:
    """The sentences of a unit, split on end punctuation and on list items and paragraphs of the source."""
    kept = _split.get(id(unit))
    if kept is None or kept[0] is not unit:
        if len(_split) >= _SPLIT_KEPT:
            _split.clear()
        kept = _split[id(unit)] = (unit, tuple(_sentences(unit)))
    return iter(kept[1])


def _sentences(unit: TextUnit) -> Iterator[Sentence]:
    cuts = {m.end() for m in _END.finditer(unit.plain)} | {m.start() for m in _NEW_ITEM.finditer(unit.raw)}
    word = _ASCII_WORD if unit.plain.isascii() else WORD
    start = 0
    for cut in [*sorted(cuts), len(unit.plain)]:
        piece = unit.plain[start:cut]
        found = word.search(piece)
        if found:
            count = len(word.findall(piece, found.start()))
            yield Sentence(start + found.start(), " ".join(piece.split()), count)
        start = cut


def readable_text(unit: TextUnit) -> str:
    """The unit as plain prose with one sentence per line, each ending in punctuation (for formulas)."""
    lines = []
    for sentence in sentences(unit):
        text = sentence.text
        lines.append(text if text[-1:] in ".!?؟" else text + ".")
    return "\n".join(lines)
