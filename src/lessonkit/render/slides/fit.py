"""How much text fits on a slide: one estimate that the PPTX deck and the PDF deck both follow.

Heights are in points, measured on the PDF deck (handouts/css/slides.css): the body below a one-line
title is about 287 pt tall, and a tenth is kept free. A text line is 1.3 times its font size tall;
at 24 pt a line holds about 60 Latin characters, counted as 52 to leave room for longer German words
and for Arabic. Both decks print a slide's body at the size `fit_size` chooses, so what fits in one
fits in the other, and neither spills onto an extra page or clips its last line.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from lessonkit.render.slides.text import Line

SLIDE_HEIGHT = 258.0
BODY_SIZE = 24
SMALLEST_SIZE = 16
CHARS_AT_24 = 52
PARAGRAPH_GAP = 8.5
TITLE_LINE, TITLE_CHARS = 39.0, 34


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


def fit_size(lines: Sequence[Line], title: str = "") -> int:
    """The largest body size (24 pt down to 16 pt) at which the slide's text fits."""
    room = SLIDE_HEIGHT - title_extra(title)
    for size in range(BODY_SIZE, SMALLEST_SIZE - 1, -2):
        if body_height(lines, size) <= room:
            return size
    return SMALLEST_SIZE
