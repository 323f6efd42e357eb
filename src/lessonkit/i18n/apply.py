"""Building with translations: translated Lesson values of the same shape, or a clear 'not ready'.

A student lesson is translated only when its catalogue is complete, with nothing fuzzy or broken:
a child never gets a half-English handout. A guide for adults may, by option, fall back to
English for the missing parts, with a visible notice at its top.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

import polib

from lessonkit.blocks import Origin
from lessonkit.i18n.catalogue import context, lesson_template
from lessonkit.i18n.placeholders import to_markdown, to_message
from lessonkit.i18n.rewrite import rewrite_lesson
from lessonkit.i18n.status import Counts, count, fuzzy_entries, usable
from lessonkit.i18n.store import CatalogueError, catalogue_lines, po_path, read_po
from lessonkit.i18n.templates import PACK_FIELDS, law_context, pack_catalogue, pack_context
from lessonkit.i18n.ui import translator
from lessonkit.i18n.units import lesson_units
from lessonkit.load.document import located_document
from lessonkit.load.sections import parse_sections
from lessonkit.locale.country_pack import CountryPack
from lessonkit.locale.locales import Locale
from lessonkit.model import Curriculum, Lesson

NOTICE = "This translation is not complete; the English text is shown"


@dataclass(frozen=True)
class LessonReadiness:
    """Whether one lesson can be built in a language, and why not."""

    lesson_id: str
    audience: str
    counts: Counts
    included: bool
    fallback: bool = False
    # The lines of the catalogue's fuzzy entries, so that a report can name each one.
    fuzzy_lines: tuple[int, ...] = ()

    @property
    def ready(self) -> bool:
        """Fully translated."""
        return self.counts.ready


@dataclass(frozen=True)
class Readiness:
    """The state of every lesson for one locale."""

    locale: str
    lessons: dict[str, LessonReadiness] = field(default_factory=dict)

    def not_ready(self) -> list[LessonReadiness]:
        """Lessons that are left out of the build (student lessons) or shown partly in English (guides)."""
        return [r for r in self.lessons.values() if not r.ready]


def lookup(catalogue: polib.POFile | None) -> dict[tuple[str, str], str]:
    """Usable translations of a catalogue by (msgctxt, msgid)."""
    if catalogue is None:
        return {}
    return {(e.msgctxt or "", e.msgid): e.msgstr for e in catalogue if usable(e)}


def translate_lesson(lesson: Lesson, catalogue: polib.POFile | None, path: Path | None = None) -> Lesson:
    """The lesson with every usable translation applied (missing ones stay English).

    With the catalogue's `path`, each translated block of the lesson's document is located at the
    msgstr it was written from (see `located_document`), so a finding on it points at the PO file.
    """
    # The usable entries (as `lookup` has them), kept whole: their lines locate the translated blocks.
    entries = {(e.msgctxt or "", e.msgid): e for e in catalogue or () if usable(e)}
    units = lesson_units(lesson)
    texts: dict[str, str] = {}
    written: dict[str, polib.POEntry] = {}
    for unit in units:
        message = to_message(unit.raw)
        entry = entries.get((context(lesson.id, unit.place), message.text))
        if entry is None:
            continue
        translation = entry.msgstr
        # Unchanged text keeps its exact source form (line breaks, escapes).
        texts[unit.place] = unit.raw if translation == message.text else to_markdown(translation, message)
        written[unit.block] = entry
    translated = rewrite_lesson(lesson, units, texts)
    if path is None or not written:
        return translated
    document = located_document(translated.document, lesson.document, _origins(written, path))
    return dataclasses.replace(translated, document=document)


def _origins(written: dict[str, polib.POEntry], path: Path) -> dict[str, Origin]:
    """The msgstr each translated block was written from, as written in the PO file."""
    lines = catalogue_lines(path)  # read a moment ago; if it went away since, the blocks are placed at their entries
    return {block_id: Origin.of_entry(path, lines, entry.linenum or 1) for block_id, entry in written.items()}


def translate_curriculum(
    curriculum: Curriculum, root: Path, locale: Locale, *, allow_fallback: bool = False
) -> tuple[Curriculum, Readiness]:
    """The curriculum in the locale's language: ready lessons translated, not-ready student lessons left out."""
    config = curriculum.config
    readiness = Readiness(locale.id)
    if locale.language == config.source_language:
        for lesson in curriculum.lessons:
            total = len(lesson_units(lesson))
            readiness.lessons[lesson.id] = LessonReadiness(
                lesson.id, lesson.audience, Counts(total, total, 0, 0, 0), included=True
            )
        return curriculum, readiness
    lessons = []
    for lesson in curriculum.lessons:
        catalogue = read_po(po_path(root, locale.language, lesson.id))
        template = lesson_template(lesson, config, root)
        counts = count(template, catalogue)
        fallback = not counts.ready and not lesson.is_student_lesson and allow_fallback
        included = counts.ready or fallback
        fuzzy = tuple(e.linenum or 1 for e in fuzzy_entries(template, catalogue))
        readiness.lessons[lesson.id] = LessonReadiness(lesson.id, lesson.audience, counts, included, fallback, fuzzy)
        if not included:
            continue
        translated = translate_lesson(lesson, catalogue, po_path(root, locale.language, lesson.id))
        if fallback:
            translated = _with_notice(translated, _notice(root, locale.language))
        lessons.append(translated)
    return dataclasses.replace(curriculum, lessons=tuple(lessons)), readiness


def _notice(root: Path, language: str) -> str:
    """The fallback notice in the language's interface wording; in English when its ui.po is unusable.

    The translation QA reports an unusable ui.po and the build then publishes nothing of the
    locale; raising here instead would stop the whole build, every locale, at this one catalogue.
    """
    try:
        return translator(root, language)(NOTICE)
    except CatalogueError:
        return NOTICE


def _with_notice(lesson: Lesson, notice: str) -> Lesson:
    # Two lines are added above the body; sections keep their source line numbers.
    body = f"*{notice}*\n\n{lesson.body}"
    sections, _ = parse_sections(body, lesson.path, lesson.body_line - 2)
    return dataclasses.replace(lesson, body=body, body_line=lesson.body_line - 2, sections=sections)


def translate_country_pack(pack: CountryPack, root: Path, language: str) -> CountryPack:
    """The pack with its descriptions, hours, costs and notes in `language` where translated.

    The texts come from the pack's own catalogue (`locales/<language>/countries-<CC>.po`).
    """
    if language == pack.language:
        return pack
    found = lookup(read_po(po_path(root, language, pack_catalogue(pack.country))))
    services = {}
    for token, entries in pack.services.items():
        translated = []
        for number, service in enumerate(entries, start=1):
            changes = {}
            for name in PACK_FIELDS:
                text = getattr(service, name)
                changes[name] = found.get((pack_context(pack, token, number, name), text), text) if text else text
            contacts = [
                c.model_copy(
                    update={"note": found.get((pack_context(pack, token, number, f"contact:{i}|note"), c.note), c.note)}
                )
                for i, c in enumerate(service.contacts, start=1)
            ]
            translated.append(service.model_copy(update={**changes, "contacts": contacts}))
        services[token] = tuple(translated)
    laws = {
        topic: law.model_copy(update={"statement": found.get((law_context(pack, topic), law.statement), law.statement)})
        for topic, law in pack.laws.items()
    }
    return dataclasses.replace(pack, services=services, laws=laws)
