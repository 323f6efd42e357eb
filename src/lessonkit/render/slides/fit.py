"""How much text fits on a slide: one estimate that the PPTX deck and the PDF deck both follow.

Heights are in points, measured on the PDF deck (handouts/css/slides.css): the body below a one-line
title is about 287 pt tall, and a tenth is kept free. A text line is 1.3 times its font size tall;
at 24 pt a line holds about 60 Latin characters, counted as 52 to leave room for longer German words
and for Arabic. Both decks print a slide's body at the size `fit_size` chooses, so what fits in one
fits in the other, and neither spills onto an extra page or clips its last line.

A band allows a largest and a smallest body size and a number of words per slide (`style.py`):
a slide section with more text than that is shown as several slides (`slide_parts`), the same
ones in both decks.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lessonkit.render.slides.style import BandLook
from lessonkit.render.slides.text import Line

SLIDE_HEIGHT = 258.0
BODY_SIZE = 24
SMALLEST_SIZE = 16
CHARS_AT_24 = 52
PARAGRAPH_GAP = 8.5
TITLE_LINE, TITLE_CHARS = 39.0, 34
SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")


@dataclass(frozen=True)
class SlidePart:
    """One slide of a slide section: its lines, the body size they fit at, and whether it continues one."""

    lines: tuple[Line, ...]
    size: int
    continued: bool = False


def text_height(text: str, size: float, chars_at_24: int = CHARS_AT_24) -> float:
    """The height of a paragraph of `text` at `size` points."""
    per_line = max(1, int(chars_at_24 * BODY_SIZE / size))
    return 1.3 * size * max(1, math.ceil(len(text) / per_line))


def title_extra(title: str) -> float:
    """The height a title takes beyond its first line (long titles wrap)."""
    return TITLE_LINE * (max(1, math.ceil(len(title) / TITLE_CHARS)) - 1)


def body_height(lines: Sequence[Line], size: float) -> float:
    """The height of the body's paragraphs and list items at `size` points."""
    return sum(text_height(line.text, size) + PARAGRAPH_GAP for line in lines)


def fit_size(lines: Sequence[Line], title: str = "", largest: int = BODY_SIZE, smallest: int = SMALLEST_SIZE) -> int:
    """The largest body size (from `largest` down to `smallest`, in 2 pt steps) at which the slide's text fits."""
    room = SLIDE_HEIGHT - title_extra(title)
    for size in range(largest, smallest - 1, -2):
        if body_height(lines, size) <= room:
            return size
    return smallest


def slide_parts(
    lines: Sequence[Line], title: str, largest: int = BODY_SIZE, smallest: int = SMALLEST_SIZE, most_words: int = 0
) -> list[SlidePart]:
    """The section's lines as one slide, or as several when they would be denser than the band allows.

    Text is split between paragraphs, and a paragraph too long for one slide between its sentences.
    `most_words` 0 means no word limit.
    """
    room = SLIDE_HEIGHT - title_extra(title)

    def fits(group: Sequence[Line]) -> bool:
        words = sum(len(line.text.split()) for line in group)
        return body_height(group, smallest) <= room and (not most_words or words <= most_words)

    if fits(lines):
        return [SlidePart(tuple(lines), fit_size(lines, title, largest, smallest))]
    pieces = [piece for line in lines for piece in _sentences(line, fits)]
    groups: list[list[Line]] = [[]]
    for piece in pieces:
        if groups[-1] and not fits([*groups[-1], piece]):
            groups.append([])
        groups[-1].append(piece)
    return [
        SlidePart(tuple(group), fit_size(group, title, largest, smallest), continued=index > 0)
        for index, group in enumerate(groups)
    ]


def band_slide_parts(lines: Sequence[Line], title: str, look: BandLook) -> list[SlidePart]:
    """`slide_parts` within the sizes and the word limit of a band's look."""
    return slide_parts(lines, title, look.largest, look.smallest, look.most_words)


def _sentences(line: Line, fits: Callable[[Sequence[Line]], bool]) -> list[Line]:
    """A paragraph that does not fit on a slide by itself, cut between sentences into parts that do."""
    if fits([line]):
        return [line]
    parts: list[str] = []
    for sentence in SENTENCE_END.split(line.text):
        if parts and fits([Line(f"{parts[-1]} {sentence}")]):
            parts[-1] = f"{parts[-1]} {sentence}"
        else:
            parts.append(sentence)
    return [Line(part, line.bullet) for part in parts]
