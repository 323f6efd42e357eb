"""Interface labels with a count: one translation per plural form of the language ("1 lesson", "2 lessons").

Each is (singular, plural, note for translators). The catalogue entry has a `msgid_plural` and
as many `msgstr[n]` as the language's `Plural-Forms` header says; renderers choose the form with
`Localized.plural` (`lessonkit.i18n.ui.plural_translator`).
"""

from __future__ import annotations

UI_PLURALS: tuple[tuple[str, str, str], ...] = (
    (
        "{count} lesson of {minutes} minutes",
        "{count} lessons of {minutes} minutes",
        "Website: teachers' page, the lessons of one age band. One text per plural form of your language "
        "(for {count} = 1, 2, 5...); keep the {placeholders}.",
    ),
    (
        "{minutes} minute",
        "{minutes} minutes",
        "Website: length of a lesson or an activity. One text per plural form of your language "
        "(for {minutes} = 1, 2, 5, 12, 45...); keep the {placeholders}.",
    ),
)
