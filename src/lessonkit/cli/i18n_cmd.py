"""`lessonkit i18n`: extract, update, status and check of translations (gettext PO catalogues)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from lessonkit.cli.curriculum_arg import load_for_paths
from lessonkit.i18n.import_markdown import import_translation
from lessonkit.i18n.merge import merge_catalogue
from lessonkit.i18n.qa import check_translations
from lessonkit.i18n.status import count
from lessonkit.i18n.store import CatalogueError, po_path, read_po, write_po
from lessonkit.i18n.templates import all_templates, template_path
from lessonkit.load.curriculum import LESSONS_DIR, relocate
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
        raise LessonkitError("\n".join(str(p) for p in problems))
    return root, curriculum


def _languages(root: Path, curriculum: Curriculum, chosen: tuple[str, ...]) -> list[str]:
    if chosen:
        return list(dict.fromkeys(chosen))
    source = curriculum.config.source_language
    return list(dict.fromkeys(x.language for x in load_locales(root) if x.language != source))


@i18n_command.command("extract")
@PROJECT
def extract_command(project: Path | None) -> None:
    """Write locales/templates/<lesson-id>.pot, ui.pot and countries.pot from the English source."""
    root, curriculum = _load(project)
    written = 0
    for name, template in all_templates(curriculum, root).items():
        written += write_po(template, template_path(root, name))
    click.echo(f"{written} template(s) written, {len(all_templates(curriculum, root)) - written} unchanged", err=True)


@i18n_command.command("update")
@PROJECT
@LANGUAGES
def update_command(project: Path | None, languages: tuple[str, ...]) -> None:
    """Extract, then merge the templates into locales/<lang>/*.po (changed English becomes fuzzy)."""
    root, curriculum = _load(project)
    templates = all_templates(curriculum, root)
    for name, template in templates.items():
        write_po(template, template_path(root, name))
    for language in _languages(root, curriculum, languages):
        changed = 0
        for name, template in templates.items():
            path = po_path(root, language, name)
            changed += write_po(merge_catalogue(template, read_po(path), language), path)
        click.echo(f"{language}: {changed} catalogue(s) updated", err=True)


@i18n_command.command("status")
@PROJECT
@LANGUAGES
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def status_command(project: Path | None, languages: tuple[str, ...], fmt: str) -> None:
    """Per language and catalogue: translated, fuzzy, untranslated, broken, and readiness."""
    root, curriculum = _load(project)
    templates = all_templates(curriculum, root)
    audiences = {lesson.id: lesson.audience for lesson in curriculum.lessons}
    rows: list[dict[str, str | int | float | bool]] = []
    unreadable: list[Problem] = []
    for language in [curriculum.config.source_language, *_languages(root, curriculum, languages)]:
        for name, template in templates.items():
            if language == curriculum.config.source_language:
                counts = count(template, None)
                counts = type(counts)(counts.total, counts.total, 0, 0, 0)
            else:
                try:
                    catalogue = read_po(po_path(root, language, name))
                except CatalogueError as err:
                    # Located, and counted as nothing translated: the status of the others still shows.
                    unreadable.append(relocate(err.problem, root))
                    catalogue = None
                counts = count(template, catalogue)
            rows.append(
                {
                    "language": language,
                    "catalogue": name,
                    "audience": audiences.get(name, "interface"),
                    "total": counts.total,
                    "translated": counts.translated,
                    "fuzzy": counts.fuzzy,
                    "untranslated": counts.untranslated,
                    "broken": counts.broken,
                    "percent": round(counts.percent, 1),
                    "ready": counts.ready,
                }
            )
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        _report_unreadable(unreadable)
        return
    click.echo(f"{'lang':<5} {'catalogue':<40} {'total':>5} {'done':>5} {'fuzzy':>5} {'todo':>5} {'broken':>6}  state")
    for row in rows:
        state = "ready" if row["ready"] else "NOT READY"
        click.echo(
            f"{row['language']:<5} {row['catalogue']:<40} {row['total']:>5} {row['translated']:>5} "
            f"{row['fuzzy']:>5} {row['untranslated']:>5} {row['broken']:>6}  {state}"
        )
    for language in dict.fromkeys(str(r["language"]) for r in rows):
        mine = [r for r in rows if r["language"] == language]
        total = sum(int(r["total"]) for r in mine)
        done = sum(int(r["translated"]) for r in mine)
        ready = sum(1 for r in mine if r["ready"])
        share = 100.0 * done / total if total else 100.0
        click.echo(f"{language}: {share:.1f}% translated; {ready}/{len(mine)} catalogues ready")
    _report_unreadable(unreadable)


def _report_unreadable(problems: list[Problem]) -> None:
    """Catalogues that could not be read: each located on stderr, then exit 2."""
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        sys.exit(2)


@i18n_command.command("check")
@PROJECT
@LANGUAGES
def check_command(project: Path | None, languages: tuple[str, ...]) -> None:
    """Translation QA: placeholders, tampered numbers and links, HTML, structure, msgfmt -c, pofilter."""
    root, curriculum = _load(project)
    problems = [
        relocate(p, root) for p in check_translations(curriculum, root, _languages(root, curriculum, languages))
    ]
    for problem in sorted(problems):
        click.echo(str(problem))
    errors = [p for p in problems if p.severity == "error"]
    click.echo(f"{len(errors)} error(s), {len(problems) - len(errors)} warning(s)", err=True)
    if errors:
        sys.exit(2)


__all__ = ["i18n_command"]


@i18n_command.command("import")
@PROJECT
@click.argument("language")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False, exists=True))
def import_command(project: Path | None, language: str, folder: Path) -> None:
    """Fill LANGUAGE's catalogues from translated copies of the lesson files in FOLDER.

    FOLDER mirrors `lessons/` (for example FOLDER/students/8-10/privacy.md). Each copy must keep
    the source's structure; entries whose placeholders do not match are reported and left as they were.
    Run `lessonkit i18n update` first so the catalogues exist.
    """
    root, curriculum = _load(project)
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
        filled, found = import_translation(lesson, translated, catalogue)
        problems += found
        write_po(catalogue, path)
        click.echo(f"{language}: {lesson.id}: {filled} of {len(catalogue)} entries filled", err=True)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        sys.exit(2)
