"""`lessonkit locale`: add a locale (entry, country pack stub, catalogues) and list what it still needs."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from lessonkit.cache_file import write_cache_file
from lessonkit.cli.curriculum_arg import load_for_paths
from lessonkit.cli.doctor import Item, diagnose, shown_items
from lessonkit.cli.output import FORMAT_OPTION, TEXT, echo_machine, refuse
from lessonkit.diagnostics import (
    ERROR,
    WARNING,
    Diagnostic,
    LessonkitError,
    Location,
    UnusableInputError,
    printable_path,
)
from lessonkit.exit_status import ExitStatus
from lessonkit.i18n.store import write_po
from lessonkit.i18n.templates import all_templates, loadable_packs, template_path
from lessonkit.i18n.update import update_language
from lessonkit.load.curriculum import relative
from lessonkit.load.yaml_tree import read_yaml_file
from lessonkit.locale.country_pack import pack_path
from lessonkit.locale.locales import add_locale, load_locales, parse_locale_id
from lessonkit.locale.pack_stub import stub_text
from lessonkit.model import Curriculum

TODO_CODE = "D001"  # a to-do item of `locale doctor`, as a diagnostic (lessonkit.diagnostics.codes)

PROJECT = click.option(
    "--project",
    "project",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="The project folder (default: found from the current folder).",
)


@click.group("locale")
def locale_command() -> None:
    """Add a locale and see, in order, what it still needs before it can ship."""


def _load(project: Path | None) -> tuple[Path, Curriculum]:
    root, curriculum, problems = load_for_paths([project] if project else [])
    if curriculum is None:
        raise UnusableInputError(problems)
    return root, curriculum


@locale_command.command("add")
@PROJECT
@click.argument("locale_id", metavar="ID")
@click.option("--country", "country", required=True, help="The country pack it prints (two letters, e.g. ES).")
def add_command(project: Path | None, locale_id: str, country: str) -> None:
    """Add locale ID (e.g. es-ES) to locales/locales.yml, with a pack stub and its catalogues.

    Writes locales/countries/CC.yml when the country has no pack yet: every help service the
    curriculum needs and every legal topic, each `verified: false` with the fields to fill in.
    Then creates the language's catalogues (every lesson, the interface, and the pack catalogue
    when the pack is written in another language). Nothing that exists is overwritten.
    Run `lessonkit locale doctor ID` next.
    """
    root, curriculum = _load(project)
    locale = parse_locale_id(locale_id, country)
    if locale.language == curriculum.config.source_language:
        source = curriculum.config.source_language
        click.echo(f"{locale.id}: '{source}' is the source language: no catalogues to translate", err=True)
    added = add_locale(root, locale)
    click.echo(f"locales/locales.yml: {locale.id} {'added' if added else 'already declared'}", err=True)
    pack = pack_path(root, locale.country)
    # A link at the pack's name (even one pointing nowhere) is kept as it is: writing through it
    # would create or overwrite a file wherever a contributed link points, outside the project.
    if pack.exists() or pack.is_symlink():
        click.echo(f"{relative(pack, root)}: kept as it is", err=True)
    else:
        config = curriculum.config
        stub = stub_text(locale.country, locale.language, config.help_services, config.law_topics, date.today())
        # Written whole (a new file renamed into place, mode 0644) or not at all.
        if not write_cache_file(pack, stub.encode("utf-8")):
            raise LessonkitError(f"cannot write {printable_path(pack)}")
        click.echo(
            f"{relative(pack, root)}: stub written ({len(config.help_services)} service(s), "
            f"{len(config.law_topics)} legal topic(s) to fill in and confirm)",
            err=True,
        )
    if locale.language != curriculum.config.source_language:
        templates = all_templates(curriculum, root)
        for name, template in templates.items():
            write_po(template, template_path(root, name))
        updated = update_language(curriculum, root, locale.language, templates)
        click.echo(
            f"locales/{locale.language}/: {len(updated.written)} catalogue(s) written, "
            f"{len(updated.unchanged)} unchanged",
            err=True,
        )
        written_in = pack_language(pack)
        if written_in not in (None, locale.language) and any(
            p.location.path.resolve() == pack.resolve() for p in loadable_packs(root)[1]
        ):
            # Its texts are in another language: their catalogue can be made once the pack loads.
            click.echo(
                f"{relative(pack, root)}: fill it in, then run lessonkit i18n update -l {locale.language}", err=True
            )
    click.echo(f"next: lessonkit locale doctor {locale.id}", err=True)


def pack_language(path: Path) -> str | None:
    """The `language:` a pack file says its texts are written in (read even when the pack does not load)."""
    document, _ = read_yaml_file(path)
    data = document.data if document is not None else None
    value = data.get("language", "en") if isinstance(data, dict) else None
    return str(value) if value is not None else None


@locale_command.command("doctor")
@PROJECT
@click.argument("locale_id", metavar="ID")
@click.option("--country", "country", default=None, help="The locale's country pack, if not the ID's country.")
@FORMAT_OPTION
def doctor_command(project: Path | None, locale_id: str, country: str | None, fmt: str) -> None:
    """Everything locale ID still needs, as one ordered to-do list with file and line.

    Runs pack completeness and verification, catalogue readiness, translation QA, the checker
    with the language's rules and a dry build plan (nothing is rendered). Exit status: 0 when
    the locale is shippable, 1 when something blocks it, 2 on unusable input. With --format json,
    github or sarif the to-do items are diagnostics (D001: errors when they block, else warnings).
    """
    try:
        root, curriculum = _load(project)
    except UnusableInputError as err:
        refuse(err, fmt)
    locale = parse_locale_id(locale_id, country)
    for known in load_locales(root):
        if known.id == locale.id and country is None:
            locale = known  # its declared pack, which may be another country's (ar-DE)
    result = diagnose(curriculum, root, locale)
    blocking = sum(1 for item in result.items if item.blocking)
    if fmt != TEXT:
        echo_machine([_as_diagnostic(item, root) for item in result.items], fmt)
        sys.exit(ExitStatus.OK if result.shippable else ExitStatus.PROBLEMS)
    name = f"{locale.id} ({locale.language_name}, {locale.country} pack)"
    if result.items:
        click.echo(f"To do for {name}, in order:")
        for line in shown_items(result.items, root):
            click.echo(line)
    for line in result.plan:
        click.echo(line)
    if result.shippable:
        click.echo(f"{locale.id} is shippable" + (f" ({len(result.items)} note(s) above)" if result.items else ""))
        return
    click.echo(f"{locale.id} is not shippable yet: {blocking} item(s) to do")
    sys.exit(ExitStatus.PROBLEMS)


def _as_diagnostic(item: Item, root: Path) -> Diagnostic:
    where = Location(relative(item.location.path, root), item.location.line, item.location.column)
    return Diagnostic(where, TODO_CODE, item.text, ERROR if item.blocking else WARNING)


__all__ = ["locale_command"]
