"""Checking the translations as the curriculum check's last stage.

Each translated lesson is checked with its language's rules (readability formula, word lists,
tone); its findings are moved to the PO entry that holds the text, since that is where a
translator fixes it. The translation QA (tampered numbers and links, placeholders, raw HTML,
structure, msgfmt, pofilter) is reported beside them.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Iterable
from pathlib import Path

import polib

from lessonkit.diagnostics import Diagnostic, Location
from lessonkit.i18n.apply import translate_curriculum
from lessonkit.i18n.catalogue import LOCALES_DIR, context
from lessonkit.i18n.qa import check_translations
from lessonkit.i18n.rule_data import po_syntax
from lessonkit.i18n.store import po_path, read_po
from lessonkit.i18n.units import lesson_units
from lessonkit.locale.locales import Locale, load_locales
from lessonkit.model import Curriculum, Lesson

QA_RULE = "translation.qa"


def translated_lessons(
    curriculum: Curriculum, root: Path, languages: Collection[str] | None = None
) -> list[tuple[Lesson, str]]:
    """(translated lesson, language) for every lesson ready in every non-source language (or these)."""
    pairs = []
    for locale in _languages(curriculum, root):
        if languages is None or locale.language in languages:
            translated, _ = translate_curriculum(curriculum, root, locale)
            pairs += [(lesson, locale.language) for lesson in translated.lessons]
    return pairs


def qa_findings(curriculum: Curriculum, root: Path, languages: Collection[str] | None = None) -> list[Diagnostic]:
    """The translation QA's problems as checker findings (rule `translation.qa`, the code in the message)."""
    # Named languages are checked even before a locale uses them (a translation being started).
    chosen = list(languages) if languages is not None else [x.language for x in _languages(curriculum, root)]
    return [_finding(p) for p in check_translations(curriculum, root, chosen)]


def catalogue_language(path: Path, root: Path) -> str | None:
    """The language of a catalogue at `locales/<language>/<name>.po`, or None elsewhere."""
    try:
        parts = path.resolve().relative_to((root / LOCALES_DIR).resolve()).parts
    except ValueError:
        return None
    return parts[0] if len(parts) == 2 and path.suffix == ".po" else None


def to_catalogue(findings: Iterable[Diagnostic], lesson: Lesson, language: str, root: Path) -> list[Diagnostic]:
    """Findings on a translated lesson, moved to the PO entries of the text they are about."""
    path = po_path(root, language, lesson.id)
    catalogue = read_po(path)
    units = sorted(lesson_units(lesson), key=lambda u: u.line)
    starts = [u.line for u in units]
    po_lines = path.read_text(encoding="utf-8").split("\n") if catalogue is not None else []
    moved = []
    for finding in findings:
        where = Location(path, 1, 1)
        index = bisect.bisect_right(starts, finding.location.line) - 1
        if catalogue is not None and index >= 0:
            entry = _entry(catalogue, context(lesson.id, units[index].place))
            if entry is not None:
                # At the finding's own words inside the msgstr when they can be found, else at the entry.
                offset = _offset_in(entry.msgstr, _words_at(lesson, finding.location))
                place = _po_place(po_lines, entry.linenum or 1, offset) if offset is not None else None
                where = Location(path, *place) if place else Location(path, entry.linenum or 1, 1)
        # At a PO entry, tokens are written `{help.NAME}`: a suggestion in Markdown syntax would break it.
        message, suggestion = po_syntax(finding.message), po_syntax(finding.suggestion)
        moved.append(Diagnostic(where, finding.code, f"[{language}] {message}", finding.severity, suggestion))
    return moved


def locale_catalogues(curriculum: Curriculum, root: Path) -> list[tuple[Path, str]]:
    """Every catalogue of every non-source language of the locales, with its language."""
    return [
        (path, locale.language)
        for locale in _languages(curriculum, root)
        for path in sorted((root / LOCALES_DIR / locale.language).glob("*.po"))
    ]


def _words_at(lesson: Lesson, where: Location) -> str:
    """The text of the translated lesson's body from a finding's place to the end of its line."""
    lines = lesson.body.split("\n")
    index = where.line - lesson.body_line
    return lines[index][where.column - 1 :].strip() if 0 <= index < len(lines) else ""


def _offset_in(msgstr: str, words: str) -> int | None:
    """Where `words` (or their start) first occur in the msgstr; None when they are not there."""
    if len(words) < 4:
        return None  # too short to tell one place in the msgstr from another
    for size in (30, 12):
        found = msgstr.find(words[:size])
        if found >= 0:
            return found
    return None


def _po_place(lines: list[str], first: int, offset: int) -> tuple[int, int] | None:
    """Line and column in the PO file of character `offset` of the msgstr of the entry at line `first`.

    The msgstr is read as written: `msgstr "..."` and its continuation lines `"..."`, where an
    escape (a backslash and the character after it) is one character of the text.
    """
    number = first - 1
    while number < len(lines) and not lines[number].startswith("msgstr "):
        if not lines[number].strip():
            return None  # the entry ended without a singular msgstr (a plural entry)
        number += 1
    seen = 0
    start = number
    while number < len(lines) and (number == start or lines[number].startswith('"')):
        text = lines[number]
        column = text.find('"') + 1
        while column < len(text) and text[column] != '"':
            if seen == offset:
                return number + 1, column + 1
            column += 2 if text[column] == "\\" else 1
            seen += 1
        number += 1
    return None


def _entry(catalogue: polib.POFile, msgctxt: str) -> polib.POEntry | None:
    return next((e for e in catalogue if e.msgctxt == msgctxt and not e.obsolete), None)


def _languages(curriculum: Curriculum, root: Path) -> list[Locale]:
    source = curriculum.config.source_language
    seen: dict[str, Locale] = {}
    for locale in load_locales(root):
        if locale.language != source:
            seen.setdefault(locale.language, locale)
    return list(seen.values())


def _finding(problem: Diagnostic) -> Diagnostic:
    return Diagnostic(problem.location, QA_RULE, f"{problem.code} {problem.message}", problem.severity)
