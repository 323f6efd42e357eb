"""How each age band looks in decks and print: type sizes, colours and how much text one slide may hold.

A band's look follows its youngest age, not its id, so that an NGO that configures other bands
(ages 5 to 6, 12 to 15...) still gets the look that suits its learners. Colours keep a contrast
ratio of at least 7:1 for text against the band's background; accents are decoration only.
"""

from __future__ import annotations

from dataclasses import dataclass

from lessonkit.model import Band


@dataclass(frozen=True)
class BandLook:
    """The look of one age group: the class the print CSS styles, and the deck's sizes and colours."""

    name: str
    # A content slide's body starts at `largest` points and may shrink to `smallest`; text that
    # would need a smaller size, or more than `most_words` words, goes on a continuation slide.
    largest: int
    smallest: int
    most_words: int
    background: str
    title: str
    text: str
    accent: str


# Youngest learners: large type on a warm, calm background, few words. Then friendly and
# structured; then plain, mature pages for teenagers.
EARLY = BandLook("early", 32, 28, 25, "FFF8EC", "0B4F4A", "1A1A1A", "F2A541")
PRIMARY = BandLook("primary", 28, 24, 40, "F3F8FD", "0B3D6B", "111111", "5B9BD5")
MIDDLE = BandLook("middle", 24, 18, 60, "FFFFFF", "2E2A5E", "111111", "6C63C7")
SENIOR = BandLook("senior", 24, 16, 80, "FFFFFF", "1E2B36", "111111", "0F766E")
HELP_TITLE, HELP_ACCENT = "5C3200", "D98E04"  # the help colour of print help boxes


def band_look(band: Band | None) -> BandLook:
    """The look of a band, chosen by its youngest age; guides (no band) look like the oldest band."""
    youngest = band.ages[0] if band else 99
    if youngest <= 7:
        return EARLY
    if youngest <= 10:
        return PRIMARY
    if youngest <= 13:
        return MIDDLE
    return SENIOR


def band_classes(band: Band | None) -> str:
    """The classes the print and deck templates put on <body>: the band's id and its look."""
    look = band_look(band)
    return f"band-{band.id} look-{look.name}" if band else f"look-{look.name}"
