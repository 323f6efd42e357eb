"""The help slides of a deck: the lesson's help text and the services, split over as many slides as fit.

The PPTX deck and the PDF deck both lay their help slides out from this plan, so both have the same
slides and neither spills onto an extra page or clips its last line. Sizes are estimated from text
length against the smaller of the two slide bodies (the PDF deck's), which errs towards more slides.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lessonkit.locale.country_pack import CountryPack
from lessonkit.locale.help_wording import HelpWording
from lessonkit.model import Lesson
from lessonkit.render.help.entries import HelpEntry
from lessonkit.render.slides.text import Line, plain_lines

# The PDF deck's body is about 226 mm x 75 mm below the title: at 24 pt, about 46 characters a line
# and 9 lines; a service (20 pt name and contacts, 18 pt hours) counts in the same units.
CHARS_PER_LINE = 46
LINES_PER_SLIDE = 8


@dataclass(frozen=True)
class HelpSlide:
    """One help slide: a title, some of the help text, some of the services."""

    title: str
    lines: tuple[Line, ...]
    services: tuple[HelpEntry, ...]


def help_slides(lines: Sequence[Line], services: Sequence[HelpEntry], ui: Callable[[str], str]) -> list[HelpSlide]:
    """The help text and services in order, as few slides as hold them; continuation slides say so."""
    pieces: list[Line | HelpEntry] = [*lines, *services]
    pages: list[list[Line | HelpEntry]] = [[]]
    used = 0
    for piece in pieces:
        size = _size(piece)
        if pages[-1] and used + size > LINES_PER_SLIDE:
            pages.append([])
            used = 0
        pages[-1].append(piece)
        used += size
    return [
        HelpSlide(
            ui("Get help") if index == 0 else ui("Get help (continued)"),
            tuple(p for p in page if isinstance(p, Line)),
            tuple(p for p in page if isinstance(p, HelpEntry)),
        )
        for index, page in enumerate(pages)
    ]


def deck_help_lines(lesson: Lesson, pack: CountryPack) -> list[Line]:
    """The lesson's help sections as slide lines, tokens filled."""
    return [line for section in lesson.sections_of("help") for line in plain_lines(section.text, pack)]


def service_lines(entry: HelpEntry, wording: HelpWording | None = None) -> list[str]:
    """A service as plain lines: name, contacts, hours (for the PPTX deck and for sizing).

    With a wording, the name and each contact are isolated for right-to-left text (PPTX has no markup for it).
    """
    wording = wording or HelpWording()
    values = [wording.contact(c.value) + (f" ({c.note})" if c.note else "") for c in entry.contacts]
    name = wording.name(entry.name) + ("" if entry.confirmed else f" ({wording.not_confirmed})")
    lines = [name, " · ".join(values)]
    if entry.hours:
        lines.append(entry.hours)
    return lines


def _size(piece: Line | HelpEntry) -> int:
    texts = [piece.text] if isinstance(piece, Line) else service_lines(piece)
    return sum(max(1, math.ceil(len(text) / CHARS_PER_LINE)) for text in texts)
