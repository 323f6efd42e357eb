"""Words and sentences of a text unit, with their offsets (for line and column of findings)."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from lessonkit.check.document import TextUnit
from lessonkit.lazy_re import LazyPattern

# Combining marks (Arabic harakat and shadda, separately typed Latin accents) are not word
# characters to the regex engine, but they belong to the letter they sit on: without them a
# word such as "متدخّل" would fall apart at its shadda into "rare" fragments.
MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
_LETTERS = rf"[^\W\d_]+(?:[{MARKS}]+[^\W\d_]*)*"  # letters, with marks between or after them
WORD = LazyPattern(rf"{_LETTERS}(?:['\-]{_LETTERS})*")
# `WORD` on ASCII text: there its letters are A-Z and a-z and no combining mark can occur, and
# plain ranges are about twice as fast as `WORD`'s Unicode classes.
_ASCII_WORD = re.compile(r"[A-Za-z]+(?:['\-][A-Za-z]+)*")
WITHOUT_MARKS = LazyPattern(f"[{MARKS}]")
# A sentence ends at . ! ? (also Arabic ؟ and ۔) or where a new list item, quiz line or paragraph starts.
_END = re.compile(r"[.!?؟۔]+[\"')\]]*(?=\s|$)")
_NEW_ITEM = re.compile(r"\n(?=[ \t]*(?:[-*+][ \t]|\d+[.)][ \t]|[QA]:|#|\n|$))")


class Sentence(NamedTuple):
    """A sentence: where it starts in the unit and its words.

    A named tuple, not a frozen dataclass: a megabyte of prose has 10,000 sentences, and a tuple
    is made in C (a frozen dataclass sets each field through `object.__setattr__`).
    """

    start: int
    text: str
    words: int


def words(text: str) -> list[str]:
    """The words of a text (letters, with inner apostrophes and hyphens)."""
    return WORD.findall(text)


def word_pattern(text: str) -> re.Pattern[str]:
    """`WORD`, or on ASCII text a pattern that finds exactly the same words there, faster."""
    return _ASCII_WORD if text.isascii() else WORD.compiled


# Readability and sentence length both read every part's sentences, one rule after the other over
# the whole document, so each part's split is kept for the run, by the part's identity (the entry
# holds the part, so its id cannot be reused while kept), with the part's words (`part_words`).
# Bounded: a curriculum run sees every lesson's parts in every language.
_SPLIT_KEPT = 1 << 15


class _Split(NamedTuple):
    """One part's split, kept for the run."""

    unit: TextUnit  # the part itself: its id is only reused once it is gone
    sentences: tuple[Sentence, ...]
    words: tuple[str, ...]


_split: dict[int, _Split] = {}

# The split in C (src/lessonkit/check/_ascii_sentences.c) for ASCII parts, where setup.py built it: one pass
# over the characters instead of two regex passes and a search, a findall and a join per sentence.
# `_sentences` stays the definition; `USE_COMPILED` lets the tests run either.
USE_COMPILED = True


def _compiled_split() -> Callable[[str, str, type[Sentence]], Any] | None:
    try:
        split: Callable[[str, str, type[Sentence]], Any] = importlib.import_module(
            "lessonkit.check._ascii_sentences"
        ).split
    except (ImportError, AttributeError):
        return None
    return split


_COMPILED_SPLIT = _compiled_split()


def sentences(unit: TextUnit) -> Iterator[Sentence]:
    """The sentences of a unit, split on end punctuation and on list items and paragraphs of the source."""
    return iter(_kept(unit).sentences)


def part_words(unit: TextUnit) -> tuple[str, ...]:
    """`word_pattern(unit.plain).findall(unit.plain)`: the words the sentence split found, kept with it.

    The rare-word rule reads every part's words, and the split has found them all already: its
    pieces run from the start of the text to its end, and no word runs over a cut (an end mark's
    cut is followed by whitespace or the end, a new item's is a line break, which `plain` keeps
    where `raw` has it, and a word holds neither), so the pieces' words, one piece after the other,
    are the text's. Finding them again cost the rule a regex pass over every part.
    """
    return _kept(unit).words


def _kept(unit: TextUnit) -> _Split:
    kept = _split.get(id(unit))
    if kept is None or kept.unit is not unit:
        if len(_split) >= _SPLIT_KEPT:
            _split.clear()
        made = _COMPILED_SPLIT(unit.plain, unit.raw, Sentence) if _COMPILED_SPLIT and USE_COMPILED else None
        if made is None:  # not ASCII, or no C module
            found: list[str] = []
            made = tuple(_sentences(unit, found)), tuple(found)
        kept = _split[id(unit)] = _Split(unit, *made)
    return kept


def _sentences(unit: TextUnit, found: list[str] | None = None) -> Iterator[Sentence]:
    """The split of `sentences`; `found`, when given, gets the words of each sentence appended."""
    plain = unit.plain
    cuts = {m.end() for m in _END.finditer(plain)} | {m.start() for m in _NEW_ITEM.finditer(unit.raw)}
    # The words of a piece are searched in the text itself between `pos` and `endpos`, which for
    # a pattern without anchors or lookbehind finds what it finds in the piece cut out.
    word = word_pattern(plain)
    search, findall = word.search, word.findall
    start = 0
    for cut in [*sorted(cuts), len(plain)]:
        first = search(plain, start, cut)
        if first:
            held = findall(plain, first.start(), cut)
            if found is not None:
                found += held
            yield Sentence(first.start(), " ".join(plain[start:cut].split()), len(held))
        start = cut


def readable_text(unit: TextUnit) -> str:
    """The unit as plain prose with one sentence per line, each ending in punctuation (for formulas)."""
    lines = []
    for sentence in sentences(unit):
        text = sentence.text
        lines.append(text if text[-1:] in ".!?؟" else text + ".")
    return "\n".join(lines)
