"""How far each translation is: translated, fuzzy, untranslated, broken, and whether it is ready."""

from __future__ import annotations

from dataclasses import dataclass

import polib

from lessonkit.i18n.placeholders import placeholder_problems


@dataclass(frozen=True)
class Counts:
    """The state of one catalogue; `broken` entries have placeholders a translator damaged.

    `qa_errors` counts the translation QA's errors in the catalogue (`lessonkit i18n check`), when
    the caller ran it: a catalogue the build would refuse is never ready.
    """

    total: int
    translated: int
    fuzzy: int
    untranslated: int
    broken: int
    qa_errors: int = 0

    @property
    def ready(self) -> bool:
        """Complete, nothing fuzzy, nothing broken, and no QA error."""
        return self.total == self.translated and not self.qa_errors

    @property
    def percent(self) -> float:
        """Share of entries translated and usable."""
        return 100.0 * self.translated / self.total if self.total else 100.0


def has_translation(entry: polib.POEntry) -> bool:
    """A translation is written: the msgstr, or every plural form of an entry with a plural."""
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def translation_problems(entry: polib.POEntry) -> list[str]:
    """Placeholder problems of the translation (of each plural form against the English plural)."""
    if entry.msgid_plural:
        return [p for form in entry.msgstr_plural.values() for p in placeholder_problems(entry.msgid_plural, form)]
    return placeholder_problems(entry.msgid, entry.msgstr)


def usable(entry: polib.POEntry) -> bool:
    """A finished translation whose placeholders are intact."""
    return has_translation(entry) and not entry.fuzzy and not entry.obsolete and not translation_problems(entry)


def count(template: polib.POFile, translation: polib.POFile | None) -> Counts:
    """Counts of the template's entries in the translation (a missing file is all untranslated)."""
    found = {(e.msgctxt, e.msgid): e for e in translation if not e.obsolete} if translation is not None else {}
    translated = fuzzy = broken = untranslated = 0
    for source in template:
        entry = found.get((source.msgctxt, source.msgid))
        if entry is None or not has_translation(entry):
            untranslated += 1
        elif entry.fuzzy:
            fuzzy += 1
        elif translation_problems(entry):
            broken += 1
        else:
            translated += 1
    return Counts(len(template), translated, fuzzy, untranslated, broken)


def fuzzy_entries(template: polib.POFile, translation: polib.POFile | None) -> list[polib.POEntry]:
    """The translation's entries for the template that are marked fuzzy (each with its line in the file)."""
    if translation is None:
        return []
    wanted = {(e.msgctxt, e.msgid) for e in template}
    return [e for e in translation if e.fuzzy and not e.obsolete and (e.msgctxt, e.msgid) in wanted]
