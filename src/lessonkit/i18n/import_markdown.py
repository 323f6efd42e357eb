"""Importing a translated copy of a lesson's Markdown file into its PO catalogue.

Some translators work on the Markdown files themselves. When the copy keeps the source's
structure (same sections, blocks and quiz lines), its units line up with the source's units
place by place, and each translated unit becomes the msgstr of the matching entry.
"""

from __future__ import annotations

import polib

from lessonkit.i18n.catalogue import context
from lessonkit.i18n.placeholders import placeholder_problems, to_message
from lessonkit.i18n.units import lesson_units
from lessonkit.model import Lesson
from lessonkit.problems import Location, Problem


def import_translation(source: Lesson, translated: Lesson, catalogue: polib.POFile) -> tuple[int, list[Problem]]:
    """Fill `catalogue` from the translated lesson; returns the number of entries filled and the problems."""
    theirs = {unit.place: unit for unit in lesson_units(translated)}
    filled = 0
    problems: list[Problem] = []
    for unit in lesson_units(source):
        english = to_message(unit.raw).text
        entry = catalogue.find(english, msgctxt=context(source.id, unit.place))
        if entry is None or not english:
            continue
        other = theirs.get(unit.place)
        if other is None:
            problems.append(
                Problem(Location(translated.path), "I110", f"no translation for '{unit.place}'; structure differs")
            )
            continue
        text = to_message(other.raw).text
        where = Location(translated.path, other.line, 1)
        wrong = placeholder_problems(english, text)
        if wrong:
            problems += [Problem(where, "I110", f"{unit.place}: {reason}") for reason in wrong]
            continue
        entry.msgstr = text
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = None
        entry.previous_msgctxt = None
        filled += 1
    return filled, problems
