"""`lessonkit site`: build only the website, to preview it (`lessonkit build` builds it with the downloads)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from lessonkit.build.localize import localize
from lessonkit.build.output import safe_output
from lessonkit.build.pipeline import readiness_problems, site_only
from lessonkit.cli.curriculum_arg import load_for_paths
from lessonkit.cli.output import FORMAT_OPTION, TEXT, echo_machine, refuse
from lessonkit.diagnostics import UnusableInputError
from lessonkit.exit_status import ExitStatus
from lessonkit.load.curriculum import find_root, relocate
from lessonkit.locale.locales import find_locale, load_locales


@click.command("site")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("site"),
    show_default=True,
    help=(
        "Output folder (relative to the project root); replaced atomically. It must be new, empty or an "
        "earlier lessonkit output, and may not be or hold the project or its inputs."
    ),
)
@click.option("--locale", "locale_ids", multiple=True, help="a locale id such as de-DE (repeatable; default: all)")
@FORMAT_OPTION
def site_command(out_dir: Path, locale_ids: tuple[str, ...], fmt: str) -> None:
    """Build the website into OUT (one site per locale, the first at the root).

    Open OUT/index.html straight from disk or serve the folder with any static web server.
    Download buttons point at the files `lessonkit build` writes under OUT/downloads/, which
    are kept. When the site build reports a problem nothing is published (exit 2). With --format
    json, github or sarif the lessons left out, the site's problems and the refused translations
    (and refused input) go to stdout in that format.
    """
    # The output is checked before anything is loaded: a mistyped --out fails at once.
    safe_output(find_root(Path.cwd()), out_dir)
    root, curriculum, problems = load_for_paths([])
    if (curriculum is None or problems) and fmt != TEXT:
        refuse(UnusableInputError(problems, "the curriculum has problems; run 'lessonkit validate'"), fmt)
    if curriculum is None or problems:
        for problem in problems:
            click.echo(str(problem), err=True)
        click.echo("the curriculum has problems; run 'lessonkit validate'", err=True)
        sys.exit(ExitStatus.UNUSABLE)
    locales = [find_locale(root, x) for x in locale_ids] if locale_ids else list(load_locales(root))
    localized = [localize(curriculum, root, locale) for locale in locales]
    for item in localized if fmt == TEXT else []:
        for lesson in item.readiness.not_ready():
            click.echo(f"{item.locale.id}: {lesson.lesson_id} is not ready in this language; left out", err=True)
    target = out_dir if out_dir.is_absolute() else root / out_dir
    found = site_only(root, target, localized)
    # A refused translation leaves its lesson, or its whole locale, out of the site (exit 1).
    refused = [relocate(p, root) for item in localized for p in item.refused]
    if fmt == TEXT:
        for problem in [*found, *refused]:
            click.echo(str(problem), err=True)
    echo_machine([*readiness_problems(localized, root), *found, *refused], fmt)
    if found:
        click.echo(f"site not published; {target} is unchanged", err=True)
        sys.exit(ExitStatus.UNUSABLE)
    if refused:
        click.echo(f"site written to {target} without the refused translations", err=True)
        sys.exit(ExitStatus.PROBLEMS)
    click.echo(f"site written to {target}/index.html ({', '.join(x.id for x in locales)})", err=True)
