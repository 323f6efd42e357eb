"""Checking the translations as the curriculum check's last stage.

Each translated lesson is checked with its language's rules (readability formula, word lists,
tone); its findings are at the PO entry that holds the text (the translated lesson's blocks are
located there), since that is where a translator fixes it. The translation QA (tampered numbers
and links, placeholders, raw HTML, structure, msgfmt, pofilter) is reported beside them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path

from lessonkit.check.rule_codes import QA_RULE
from lessonkit.diagnostics import Diagnostic, Location
from lessonkit.i18n.apply import translate_curriculum
from lessonkit.i18n.catalogue import LOCALES_DIR
from lessonkit.i18n.qa import check_translations
from lessonkit.i18n.rule_data import po_syntax
from lessonkit.i18n.store import po_path
from lessonkit.locale.locales import Locale, load_locales
from lessonkit.model import Curriculum, Lesson


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
    """Findings on a translated lesson, as a translator reads them at the PO entries.

    The translated lesson's blocks are located at the msgstrs they were written from, so its
    findings are there already; one about the whole lesson (a missing section) is put at the
    top of its catalogue. The message says the language, and help tokens are written as in PO.
    """
    path = po_path(root, language, lesson.id)
    moved = []
    for finding in findings:
        where = finding.location if finding.location.path == path else Location(path, 1, 1)
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


def _languages(curriculum: Curriculum, root: Path) -> list[Locale]:
    source = curriculum.config.source_language
    seen: dict[str, Locale] = {}
    for locale in load_locales(root):
        if locale.language != source:
            seen.setdefault(locale.language, locale)
    return list(seen.values())


def _finding(problem: Diagnostic) -> Diagnostic:
    return Diagnostic(problem.location, QA_RULE, f"{problem.code} {problem.message}", problem.severity)
