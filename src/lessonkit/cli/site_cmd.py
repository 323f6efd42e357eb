"""`lessonkit site`: build only the website, to preview it (`lessonkit build` builds it with the downloads)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from lessonkit.build.localize import localize
from lessonkit.cli.curriculum_arg import load_for_paths
from lessonkit.locale.locales import find_locale, load_locales
from lessonkit.render.site import render_site


@click.command("site")
@click.option(
    "--out", "out_dir", type=click.Path(path_type=Path), default=Path("site"), show_default=True, help="output folder"
)
@click.option("--locale", "locale_ids", multiple=True, help="a locale id such as de-DE (repeatable; default: all)")
def site_command(out_dir: Path, locale_ids: tuple[str, ...]) -> None:
    """Build the website into OUT (one site per locale, the first at the root).

    Open OUT/index.html straight from disk or serve the folder with any static web server.
    Download buttons point at the files `lessonkit build` writes under OUT/downloads/.
    """
    root, curriculum, problems = load_for_paths([])
    if curriculum is None or problems:
        for problem in problems:
            click.echo(str(problem), err=True)
        click.echo("the curriculum has problems; run 'lessonkit validate'", err=True)
        sys.exit(2)
    locales = [find_locale(root, x) for x in locale_ids] if locale_ids else list(load_locales(root))
    localized = [localize(curriculum, root, locale) for locale in locales]
    for item in localized:
        for lesson in item.readiness.not_ready():
            click.echo(f"{item.locale.id}: {lesson.lesson_id} is not ready in this language; left out", err=True)
    found = render_site(localized, root, out_dir.resolve())
    for problem in found:
        click.echo(str(problem), err=True)
    if found:
        sys.exit(2)
    click.echo(f"site written to {out_dir}/index.html ({', '.join(x.id for x in locales)})", err=True)
