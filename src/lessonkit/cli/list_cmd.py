"""`lessonkit list`: every lesson with its metadata, as text or as a stable JSON array."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from lessonkit.cli.curriculum_arg import load_for_paths
from lessonkit.cli.output import TEXT, echo_machine, refuse
from lessonkit.diagnostics import UnusableInputError, printable
from lessonkit.diagnostics.report import MACHINE_FORMATS, escaped_json
from lessonkit.exit_status import ExitStatus
from lessonkit.load.curriculum import relative


@click.command("list")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice([TEXT, *MACHINE_FORMATS]),
    default=TEXT,
    show_default=True,
    help=(
        "text: one line per lesson; json: the lessons as a JSON array; github or sarif: only the "
        "problems met while loading. Unusable input comes out in the format asked for (docs/diagnostics.md)."
    ),
)
def list_command(paths: tuple[Path, ...], fmt: str) -> None:
    """List lessons and guides with their metadata.

    `--format json` prints an array of objects with the fields id, title, audience, band,
    topic, duration, sources and path (relative to the project root). `--format github` or
    `sarif` prints instead the problems met while loading the lessons (a lesson that does not
    load is left out of the list). When no lesson can be listed at all, the problems are printed
    in the format asked for (text lines on stderr, JSON diagnostics for `json`) and the exit
    status is 2; otherwise it is 0.
    """
    root, curriculum, problems = load_for_paths(paths)
    if curriculum is None:
        if fmt != TEXT:
            refuse(UnusableInputError(problems, "the curriculum cannot be loaded"), fmt)
        for problem in problems:
            click.echo(str(problem), err=True)
        sys.exit(ExitStatus.UNUSABLE)
    if fmt in ("github", "sarif"):
        # The listing is not a diagnostic: these formats carry only what is wrong with the input.
        echo_machine(problems, fmt, len(curriculum.lessons))
        return
    rows = [
        {
            "id": lesson.id,
            "title": lesson.title,
            "audience": lesson.audience,
            "band": lesson.band,
            "topic": lesson.topic,
            "duration": lesson.duration,
            "sources": list(lesson.sources),
            "path": relative(lesson.path, root).as_posix(),
        }
        for lesson in curriculum.lessons
    ]
    if fmt == "json":
        click.echo(escaped_json(rows))  # format characters of a title written as JSON escapes
    else:
        for row in rows:
            band = row["band"] or "-"
            minutes = f"{row['duration']} min" if row["duration"] else ""
            # A title comes from a lesson file: shown through `printable`, as every output shows input.
            click.echo(f"{row['id']:<40} {row['audience']:<10} {band:<6} {minutes:<7} {printable(str(row['title']))}")
    if problems:
        click.echo(f"warning: {len(problems)} validation problem(s); run 'lessonkit validate'", err=True)
