"""`lessonkit i18n`: extract, update, status and check of translations (gettext PO catalogues)."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import click

from lessonkit.cli.curriculum_arg import load_for_paths
from lessonkit.cli.output import FORMAT_OPTION, TEXT, echo_machine, refuse
from lessonkit.diagnostics import ERROR, WARNING, Diagnostic, Location, UnusableInputError
from lessonkit.diagnostics.report import MACHINE_FORMATS, escaped_json
from lessonkit.exit_status import ExitStatus
from lessonkit.i18n.import_markdown import import_translation
from lessonkit.i18n.qa import SERVICE_NUMBERS, allowed_contacts, check_translations, language_packs, short_pack_numbers
from lessonkit.i18n.status import Counts, count, fuzzy_entries
from lessonkit.i18n.store import UNREADABLE, CatalogueError, po_path, read_po, write_po
from lessonkit.i18n.templates import all_templates, language_templates, loadable_packs, pack_country, template_path
from lessonkit.i18n.update import update_language
from lessonkit.load.curriculum import LESSONS_DIR, relative, relocate
from lessonkit.load.lesson_file import load_lesson
from lessonkit.locale.locales import load_locales
from lessonkit.model import Curriculum
from lessonkit.problems import LessonkitError, Problem

PROJECT = click.option(
    "--project",
    "project",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="The project folder (default: found from the current folder).",
)
LANGUAGES = click.option(
    "--language",
    "-l",
    "languages",
    multiple=True,
    help="A language code (repeatable); default: every language of locales/locales.yml except the source.",
)


@click.group("i18n")
def i18n_command() -> None:
    """Translations: extract templates, update catalogues, show readiness, check them."""


def _load(project: Path | None) -> tuple[Path, Curriculum]:
    root, curriculum, problems = load_for_paths([project] if project else [])
    if curriculum is None:
        raise UnusableInputError(problems)
    return root, curriculum


def _languages(root: Path, curriculum: Curriculum, chosen: tuple[str, ...]) -> list[str]:
    if chosen:
        return list(dict.fromkeys(chosen))
    source = curriculum.config.source_language
    return list(dict.fromkeys(x.language for x in load_locales(root) if x.language != source))


@i18n_command.command("extract")
@PROJECT
def extract_command(project: Path | None) -> None:
    """Write locales/templates/<lesson-id>.pot, ui.pot and countries-<CC>.pot from the sources."""
    root, curriculum = _load(project)
    templates = all_templates(curriculum, root)
    written = sum(write_po(template, template_path(root, name)) for name, template in templates.items())
    _warn_unloadable_packs(root)
    click.echo(f"{written} template(s) written, {len(templates) - written} unchanged", err=True)


def _warn_unloadable_packs(root: Path) -> None:
    # A pack stub still being filled in has no catalogue yet; say why rather than skip it silently.
    for problem in loadable_packs(root)[1]:
        click.echo(f"{relocate(problem, root)} (no catalogue for this pack until it loads)", err=True)


@i18n_command.command("update")
@PROJECT
@LANGUAGES
@click.option(
    "--catalogue",
    "-c",
    "catalogues",
    multiple=True,
    help="Only this catalogue (a lesson id, 'ui' or 'countries-CC'; repeatable); default: all the language needs.",
)
def update_command(project: Path | None, languages: tuple[str, ...], catalogues: tuple[str, ...]) -> None:
    """Extract, then merge the templates into locales/<lang>/*.po (changed English becomes fuzzy).

    Each language gets the catalogues it needs: every lesson, `ui`, and the pack catalogue
    (`countries-CC`) of each of its locales whose pack is written in another language.
    """
    root, curriculum = _load(project)
    templates = all_templates(curriculum, root)
    unknown = [name for name in catalogues if name not in templates]
    if unknown:
        raise LessonkitError(f"unknown catalogue '{unknown[0]}'; known: lesson ids, ui, countries-CC of each pack")
    for name, template in templates.items():
        write_po(template, template_path(root, name))
    _warn_unloadable_packs(root)
    for language in _languages(root, curriculum, languages):
        updated = update_language(curriculum, root, language, templates, catalogues)
        for name, entries in updated.migrated.items():
            click.echo(f"{language}: {entries} translation(s) moved from countries.po to {name}.po", err=True)
        click.echo(f"{language}: {len(updated.written)} catalogue(s) updated", err=True)


# The formats of the status itself; the machine formats of docs/diagnostics.md give only what is to fix.
STATUS_FORMATS = ("table", "json")
TO_FIX_FORMATS = tuple(name for name in MACHINE_FORMATS if name not in STATUS_FORMATS)
FUZZY = "I120"  # a fuzzy entry keeps its catalogue from being ready (lessonkit.diagnostics.codes)


@i18n_command.command("status")
@PROJECT
@LANGUAGES
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*STATUS_FORMATS, *TO_FIX_FORMATS]),
    default="table",
    show_default=True,
    help="The status as a table or JSON rows; github or sarif: only what is to fix, as diagnostics on stdout.",
)
def status_command(project: Path | None, languages: tuple[str, ...], fmt: str) -> None:
    """Per language and catalogue: translated, fuzzy, untranslated, broken, QA errors, and readiness.

    A catalogue is ready when it is complete, nothing is fuzzy and the translation QA finds no
    error in it (the build refuses a catalogue with QA errors). Below the table, every fuzzy
    entry and every QA error is listed with its file and line. With --format github or sarif
    those (fuzzy entries as I120 warnings, QA errors, unreadable catalogues) are the output.
    Exit status 2 when a catalogue cannot be read, else 0.
    """
    try:
        root, curriculum = _load(project)
    except UnusableInputError as err:
        # JSON readers get the refusal as diagnostics JSON (as list and coverage do), not a text line.
        if fmt == "table":
            raise
        refuse(err, fmt)
    templates = all_templates(curriculum, root)
    audiences = {lesson.id: lesson.audience for lesson in curriculum.lessons}
    source = curriculum.config.source_language
    rows: list[dict[str, object]] = []
    unreadable: list[Problem] = []
    to_fix: list[str] = []
    diagnostics: list[Diagnostic] = []
    for language in [source, *_languages(root, curriculum, languages)]:
        if language == source:
            for name, template in language_templates(curriculum, root, language, templates).items():
                total = len(template)
                rows.append(_row(language, name, audiences, Counts(total, total, 0, 0, 0), []))
            continue
        qa = [relocate(p, root) for p in check_translations(curriculum, root, [language]) if p.severity == "error"]
        errors: dict[str, list[Problem]] = {}
        for problem in qa:
            errors.setdefault(problem.location.path.as_posix(), []).append(problem)
        for name, template in language_templates(curriculum, root, language, templates).items():
            path = po_path(root, language, name)
            shown = relative(path, root).as_posix()
            try:
                catalogue = read_po(path)
            except CatalogueError as err:
                # Located, and counted as nothing translated: the status of the others still shows.
                unreadable.append(relocate(err.problem, root))
                catalogue = None
            found = [p for p in errors.pop(shown, []) if p.code != UNREADABLE]
            counts = dataclasses.replace(count(template, catalogue), qa_errors=len(found))
            fuzzy = fuzzy_entries(template, catalogue)
            issues = [f"{shown}:{e.linenum}: fuzzy: {_short(e.msgid)}" for e in fuzzy]
            issues += [str(p) for p in found]
            rows.append(_row(language, name, audiences, counts, issues))
            to_fix += issues
            diagnostics += [
                Diagnostic(Location(Path(shown), e.linenum or 1), FUZZY, f"fuzzy: {_short(e.msgid)}", WARNING)
                for e in fuzzy
            ]
            diagnostics += found
        # QA errors in catalogues the language does not need (another pack's, an old one) still count.
        others = [p for found in errors.values() for p in found if p.code != UNREADABLE]
        to_fix += [str(p) for p in others]
        diagnostics += others
    if fmt in TO_FIX_FORMATS:
        echo_machine([*diagnostics, *unreadable], fmt, len(rows))
        if unreadable:
            sys.exit(ExitStatus.UNUSABLE)
        return
    if fmt == "json":
        click.echo(escaped_json(rows))  # format characters of a title written as JSON escapes
        _report_unreadable(unreadable)
        return
    head = f"{'lang':<5} {'catalogue':<40} {'total':>5} {'done':>5} {'fuzzy':>5} {'todo':>5} {'broken':>6}"
    click.echo(f"{head} {'qa':>4}  state")
    for row in rows:
        state = "ready" if row["ready"] else "NOT READY"
        click.echo(
            f"{row['language']:<5} {row['catalogue']:<40} {row['total']:>5} {row['translated']:>5} "
            f"{row['fuzzy']:>5} {row['untranslated']:>5} {row['broken']:>6} {row['qa_errors']:>4}  {state}"
        )
    for language in dict.fromkeys(str(r["language"]) for r in rows):
        mine = [r for r in rows if r["language"] == language]
        total = sum(_int(r["total"]) for r in mine)
        done = sum(_int(r["translated"]) for r in mine)
        ready = sum(1 for r in mine if r["ready"])
        share = 100.0 * done / total if total else 100.0
        click.echo(f"{language}: {share:.1f}% translated; {ready}/{len(mine)} catalogues ready")
    if to_fix:
        click.echo("\nTo fix (fuzzy entries and translation QA errors):")
        for line in to_fix:
            click.echo(f"  {line}")
    _report_unreadable(unreadable)


def _row(language: str, name: str, audiences: dict[str, str], counts: Counts, issues: list[str]) -> dict[str, object]:
    return {
        "language": language,
        "catalogue": name,
        "audience": audiences.get(name, "country pack" if pack_country(name) else "interface"),
        "total": counts.total,
        "translated": counts.translated,
        "fuzzy": counts.fuzzy,
        "untranslated": counts.untranslated,
        "broken": counts.broken,
        "qa_errors": counts.qa_errors,
        "percent": round(counts.percent, 1),
        "ready": counts.ready,
        "issues": issues,
    }


def _int(value: object) -> int:
    return value if isinstance(value, int) else 0


def _short(text: str, limit: int = 60) -> str:
    one_line = " ".join(text.split())
    return f'"{one_line[:limit]}…"' if len(one_line) > limit else f'"{one_line}"'


def _report_unreadable(problems: list[Problem]) -> None:
    """Catalogues that could not be read: each located on stderr, then exit 2."""
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        sys.exit(ExitStatus.UNUSABLE)


@i18n_command.command("check")
@PROJECT
@LANGUAGES
@FORMAT_OPTION
def check_command(project: Path | None, languages: tuple[str, ...], fmt: str) -> None:
    """Translation QA: placeholders, tampered numbers and links, HTML, structure, msgfmt -c, pofilter.

    Exit status 2 when the QA refuses a catalogue (the build would refuse it too), else 0.
    """
    try:
        root, curriculum = _load(project)
    except UnusableInputError as err:
        refuse(err, fmt)
    problems = [
        relocate(p, root) for p in check_translations(curriculum, root, _languages(root, curriculum, languages))
    ]
    if fmt == TEXT:
        for problem in sorted(problems):
            click.echo(str(problem))
    echo_machine(sorted(problems), fmt)
    errors = [p for p in problems if p.severity == ERROR]
    click.echo(f"{len(errors)} error(s), {len(problems) - len(errors)} warning(s)", err=True)
    if errors:
        sys.exit(ExitStatus.UNUSABLE)


__all__ = ["i18n_command"]


@i18n_command.command("import")
@PROJECT
@click.argument("language")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False, exists=True))
@FORMAT_OPTION
def import_command(project: Path | None, language: str, folder: Path, fmt: str) -> None:
    """Fill LANGUAGE's catalogues from translated copies of the lesson files in FOLDER.

    FOLDER mirrors `lessons/` (for example FOLDER/students/8-10/privacy.md). Blocks are matched by
    their structural path (section, list item, paragraph): a section whose structure differs from
    the English is reported with its line and none of its entries is filled. Each text also passes
    the translation QA (placeholders; only numbers and addresses of the language's own locales'
    packs); a refused text leaves its entry as it was. Run `lessonkit i18n update` first so the
    catalogues exist. Exit status 2 when something was refused, else 0; with --format json, github
    or sarif the refusals go to stdout in that format.
    """
    try:
        root, curriculum = _load(project)
    except UnusableInputError as err:
        refuse(err, fmt)
    packs, _ = loadable_packs(root)
    contacts = allowed_contacts(language_packs(root, language, packs))
    known = SERVICE_NUMBERS | short_pack_numbers(packs)
    problems = []
    for lesson in curriculum.lessons:
        copy = folder / lesson.path.relative_to(root / LESSONS_DIR)
        if not copy.is_file():
            continue
        translated, found = load_lesson(copy)
        problems += found
        path = po_path(root, language, lesson.id)
        catalogue = read_po(path)
        if translated is None or catalogue is None:
            continue
        filled, found = import_translation(lesson, translated, catalogue, contacts, known)
        problems += found
        write_po(catalogue, path)
        click.echo(f"{language}: {lesson.id}: {filled} of {len(catalogue)} entries filled", err=True)
    if fmt == TEXT:
        for problem in problems:
            click.echo(str(problem))
    echo_machine(problems, fmt)
    if problems:
        sys.exit(ExitStatus.UNUSABLE)
