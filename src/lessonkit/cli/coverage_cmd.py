"""`lessonkit coverage`: the matrix of report findings and recommendations by age band."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from lessonkit.cli.curriculum_arg import load_for_paths
from lessonkit.coverage import coverage_matrix


@click.command("coverage")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def coverage_command(paths: tuple[Path, ...], fmt: str) -> None:
    """Show which report findings and recommendations each band covers.

    Each cell counts the lessons citing the source. Exit status is 1 when a band has no lesson
    for the education, parents or reporting recommendation.
    """
    _, curriculum, problems = load_for_paths(paths)
    if curriculum is None:
        for problem in problems:
            click.echo(str(problem), err=True)
        sys.exit(2)
    matrix = coverage_matrix(curriculum)
    if fmt == "json":
        cells = {s: {c: list(matrix.lessons(s, c)) for c in matrix.columns} for s in matrix.source_ids}
        click.echo(json.dumps({"columns": list(matrix.columns), "cells": cells, "gaps": matrix.gaps()}, indent=2))
    else:
        width = max(len(s) for s in matrix.source_ids)
        click.echo(" " * width + "".join(f"{c:>10}" for c in matrix.columns))
        for source in matrix.source_ids:
            counts = "".join(f"{len(matrix.lessons(source, c)) or '-':>10}" for c in matrix.columns)
            click.echo(f"{source:<{width}}{counts}")
    for source, band in matrix.gaps():
        click.echo(f"gap: no lesson for ages {band} cites '{source}'", err=True)
    if matrix.gaps():
        sys.exit(1)
