"""The help slides of a deck: the lesson's help text and the services, split over as many slides as fit.

The PPTX deck and the PDF deck both lay their help slides out from this plan, so both have the same
slides and neither spills onto an extra page or clips its last line. Sizes are estimated from text
length against the smaller of the two slide bodies (the PDF deck's), which errs towards more slides.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lessonkit.locale.country_pack import CountryPack
from lessonkit.model import Lesson
from lessonkit.render.help.entries import HelpEntry
from lessonkit.render.slides.fit import BODY_SIZE, SLIDE_HEIGHT, body_height, text_height
from lessonkit.render.slides.text import Line, plain_lines

# A service prints its name (bold) and its contacts at body size, its hours at 20 pt, in both decks
# (slides.css, render/slides/deck.py): contacts are what a child copies from the back of the room.
# The gap keeps room for contacts that wrap (a tighter plan overflowed a German 14-18 PDF slide).
NAME_SIZE, CONTACT_SIZE, HOURS_SIZE, SERVICE_GAP = BODY_SIZE, BODY_SIZE, 20, 11.0
SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")


@dataclass(frozen=True)
class HelpSlide:
    """One help slide: a title, some of the help text, some of the services."""

    title: str
    lines: tuple[Line, ...]
    services: tuple[HelpEntry, ...]


def help_slides(lines: Sequence[Line], services: Sequence[HelpEntry], ui: Callable[[str], str]) -> list[HelpSlide]:
    """The help text and services in order, as few slides as hold them; continuation slides say so."""
    pieces: list[Line | HelpEntry] = [part for line in lines for part in _fitting(line)] + list(services)
    pages: list[list[Line | HelpEntry]] = [[]]
    used = 0.0
    for piece in pieces:
        size = _size(piece)
        if pages[-1] and used + size > SLIDE_HEIGHT:
            pages.append([])
            used = 0.0
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


def service_lines(entry: HelpEntry, not_confirmed: str = "not yet confirmed") -> list[str]:
    """A service as plain lines: name, contacts, hours (for the PPTX deck and for sizing)."""
    values = [f"{c.label}: {c.value}" + (f" ({c.note})" if c.note else "") for c in entry.contacts]
    name = entry.name + ("" if entry.confirmed else f" ({not_confirmed})")
    lines = [name, " · ".join(values)]
    if entry.hours:
        lines.append(entry.hours)
    return lines


def _size(piece: Line | HelpEntry) -> float:
    if isinstance(piece, Line):
        return body_height([piece], BODY_SIZE)
    name, contacts, *hours = service_lines(piece)
    height = text_height(name, NAME_SIZE) + text_height(contacts, CONTACT_SIZE) + SERVICE_GAP
    return height + sum(text_height(text, HOURS_SIZE) for text in hours)


def _fitting(line: Line) -> list[Line]:
    """A paragraph too tall for one slide, cut between sentences into parts that fit."""
    if _size(line) <= SLIDE_HEIGHT:
        return [line]
    parts: list[str] = []
    for sentence in SENTENCE_END.split(line.text):
        if parts and _size(Line(f"{parts[-1]} {sentence}")) <= SLIDE_HEIGHT:
            parts[-1] = f"{parts[-1]} {sentence}"
        else:
            parts.append(sentence)
    return [Line(part, line.bullet) for part in parts]
