"""Gettext catalogues of lessons: the template (POT) entries for each unit, with translator comments."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import polib
from babel import UnknownLocaleError
from babel.messages.plurals import get_plural

from lessonkit.i18n.placeholders import Message, to_message
from lessonkit.i18n.units import Unit, lesson_units
from lessonkit.load.curriculum import relative
from lessonkit.model import Config, Lesson

LOCALES_DIR = Path("locales")
TEMPLATES_DIR = LOCALES_DIR / "templates"
FORMAT_FLAG = "python-brace-format"
# Slide text is read from across a classroom: a translation may grow a little, not double.
SLIDE_GROWTH = 1.3
SLIDE_SLACK = 10
HELP_NOTE = "{help.NAME} is filled in from the country pack (a helpline, hotline or address): keep it as it is."
LAW_NOTE = "{law.NAME} is a sentence about the law, filled in from the country pack: keep it as it is."
MARKUP_NOTE = (
    "<b>..</b> bold, <i>..</i> italic, <aN>..</aN> link text, <imgN>..</imgN> image description: "
    "translate the text between the tags, keep the tags."
)
ATOM_NOTE = "{codeN}, {urlN}: code or a web address, kept as it is."


def context(lesson_id: str, place: str) -> str:
    """The msgctxt of a unit: stable while the lesson's structure stays the same."""
    return f"{lesson_id}|{place}"


def slide_limit(message: Message) -> int:
    """The longest a slide message may become in translation, in characters."""
    return math.ceil(len(message.text) * SLIDE_GROWTH) + SLIDE_SLACK


def unit_entry(lesson: Lesson, unit: Unit, config: Config, root: Path) -> polib.POEntry:
    """The catalogue entry for one unit, with its English text and translator comments."""
    message = to_message(unit.raw)
    entry = polib.POEntry(
        msgctxt=context(lesson.id, unit.place),
        msgid=message.text,
        msgstr="",
        occurrences=[(relative(lesson.path, root).as_posix(), str(unit.line))],
        comment=_comment(lesson, unit, message, config),
    )
    if message.has_format:
        entry.flags.append(FORMAT_FLAG)
    return entry


def _comment(lesson: Lesson, unit: Unit, message: Message, config: Config) -> str:
    band = config.band(lesson.band) if lesson.band else None
    parts = [f"Audience: {lesson.audience}"]
    if band is not None:
        parts.append(f"band: {band.id} ({band.label.lower()})")
    if unit.section_kind:
        where = f"section: {unit.section_kind}"
        parts.append(f'{where} "{unit.section_title}"' if unit.section_title else where)
    else:
        parts.append(f"part: {unit.place.split('|')[0].split(':')[0].replace('_', ' ')}")
    lines = ["; ".join(parts) + "."]
    if unit.section_kind == "slide" and unit.slot.kind != "title":
        lines.append(f"Slide text: at most {slide_limit(message)} characters; short words, one idea.")
    elif unit.section_kind == "slide":
        lines.append(f"Slide title: at most {slide_limit(message)} characters.")
    if unit.place.endswith("|term"):
        lines.append("A vocabulary term: use the same word in the lesson text.")
    if unit.place.startswith("pictures:"):
        lines.append("Alt text of a picture: say what it shows, for someone who cannot see it; short, no 'picture of'.")
    if "{help." in message.text:
        lines.append(HELP_NOTE)
    if "{law." in message.text:
        lines.append(LAW_NOTE)
    if "<" in message.text:
        lines.append(MARKUP_NOTE)
    if "{code" in message.text or "{url" in message.text:
        lines.append(ATOM_NOTE)
    return "\n".join(lines)


def new_catalogue(project: str, stamp: date, language: str | None = None) -> polib.POFile:
    """An empty catalogue with the header fields `msgfmt -c` wants.

    The creation date is the curriculum's `updated` date, so that extracting twice gives the same file.
    """
    catalogue = polib.POFile(wrapwidth=0)
    when = f"{stamp.isoformat()} 00:00+0000"
    catalogue.metadata = {
        "Project-Id-Version": project,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": when,
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE" if language is None else when,
        "Last-Translator": "",
        "Language-Team": "",
        "Language": language or "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    forms = plural_forms(language) if language else None
    if forms:
        catalogue.metadata["Plural-Forms"] = forms
    return catalogue


def plural_forms(language: str) -> str | None:
    """The `Plural-Forms` header for a language from CLDR (Babel), e.g. `nplurals=2; plural=(n != 1);`.

    Translation tools show as many plural fields as this says, and the build chooses the form
    for a count with it; None for a language CLDR does not know.
    """
    try:
        return str(get_plural(language).plural_forms)
    except (UnknownLocaleError, ValueError):
        return None


def lesson_template(lesson: Lesson, config: Config, root: Path) -> polib.POFile:
    """The POT catalogue of one lesson."""
    catalogue = new_catalogue(f"lessonkit {config.version} {lesson.id}", config.updated)
    seen: set[tuple[str, str]] = set()
    for unit in lesson_units(lesson):
        entry = unit_entry(lesson, unit, config, root)
        key = (entry.msgctxt or "", entry.msgid)
        if entry.msgid and key not in seen:
            seen.add(key)
            catalogue.append(entry)
    return catalogue
