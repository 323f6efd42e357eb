"""Where each built file goes: stable, readable names that the site links to and teachers keep.

Layout under the output folder (default `site/`):
`downloads/<locale>/<band or audience>/<lesson-id>/<lesson-id>-<kind>.<ext>`, and one
handbook per band at `downloads/<locale>/<band>/handbook-<band>-<locale>.pdf`.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from lessonkit.model import Lesson

DOWNLOADS = "downloads"

CARDS = "cards"
# The easy-read handout (one idea per line, a symbol beside each, very large type): for the bands
# listed here, whose readers are learning to read; the other bands' SEND learners use large print.
EASY_READ = "handout-easy-read"
EASY_READ_BANDS = frozenset({"4-7"})
# kind -> file suffix, in the order the site lists them. `cards` only for lessons with `cards` sections,
# the easy-read handout only for lessons of `EASY_READ_BANDS`.
STUDENT_FILES: dict[str, str] = {
    "plan": "plan.pdf",
    "handout": "handout.pdf",
    "handout-large": "handout-large-print.pdf",
    EASY_READ: "handout-easy-read.pdf",
    CARDS: "cards.pdf",
    "family": "family.pdf",
    "slides-pptx": "slides.pptx",
    "slides-pdf": "slides.pdf",
}
GUIDE_FILES: dict[str, str] = {"guide": "guide.pdf"}


def lesson_folder(lesson: Lesson, locale_id: str) -> PurePosixPath:
    """The folder of one lesson's files, relative to the output root."""
    group = lesson.band if lesson.is_student_lesson and lesson.band else lesson.audience
    return PurePosixPath(DOWNLOADS, locale_id, group, lesson.id)


def download_paths(lesson: Lesson, locale_id: str) -> dict[str, PurePosixPath]:
    """Every file built for a lesson, by kind, relative to the output root."""
    files = STUDENT_FILES if lesson.is_student_lesson else GUIDE_FILES
    folder = lesson_folder(lesson, locale_id)
    has_cards = bool(lesson.sections_of(CARDS))
    easy_read = lesson.band in EASY_READ_BANDS
    return {
        kind: folder / f"{lesson.id}-{suffix}"
        for kind, suffix in files.items()
        if (kind != CARDS or has_cards) and (kind != EASY_READ or easy_read)
    }


def handbook_path(band_id: str, locale_id: str) -> PurePosixPath:
    """The handbook of all lessons of one band."""
    return PurePosixPath(DOWNLOADS, locale_id, band_id, f"handbook-{band_id}-{locale_id}.pdf")
