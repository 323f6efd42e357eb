"""`lessonkit validate`: check that lesson files follow the source format."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from lessonkit.cli.curriculum_arg import load_for_paths


@click.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def validate_command(paths: tuple[Path, ...]) -> None:
    """Check lesson files (default: the whole curriculum) and report every problem.

    Each problem is printed as `path:line:col: error CODE message`. Exit status is 0 when
    the input is valid and 2 when it is not.
    """
    _, curriculum, problems = load_for_paths(paths)
    for problem in problems:
        click.echo(str(problem))
    count = len(curriculum.lessons) if curriculum else 0
    if problems:
        click.echo(f"{len(problems)} problem(s) found; {count} lesson(s) loaded", err=True)
        sys.exit(2)
    click.echo(f"ok: {count} lesson(s) valid", err=True)
