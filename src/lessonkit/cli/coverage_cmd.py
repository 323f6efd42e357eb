"""`lessonkit coverage`: the matrix of findings and recommendations by age band, grouped by publication."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from lessonkit.cli.curriculum_arg import load_for_paths
from lessonkit.coverage import Coverage, coverage_matrix
from lessonkit.exit_status import ExitStatus
from lessonkit.model import Config


@click.command("coverage")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def coverage_command(paths: tuple[Path, ...], fmt: str) -> None:
    """Show which findings and recommendations each band covers, publication by publication.

    Each cell counts the lessons citing the source. Exit status is 1 when a band has no lesson
    for the education, parents or reporting recommendation.
    """
    _, curriculum, problems = load_for_paths(paths)
    if curriculum is None:
        for problem in problems:
            click.echo(str(problem), err=True)
        sys.exit(ExitStatus.UNUSABLE)
    matrix = coverage_matrix(curriculum)
    if fmt == "json":
        click.echo(json.dumps(_json(matrix, curriculum.config), indent=2))
    else:
        for line in _text(matrix, curriculum.config):
            click.echo(line)
    for source, band in matrix.gaps():
        click.echo(f"gap: no lesson for ages {band} cites '{source}'", err=True)
    if matrix.gaps():
        sys.exit(ExitStatus.PROBLEMS)


def _text(matrix: Coverage, config: Config) -> list[str]:
    """A header of columns, then per publication a title line and one line of counts per source."""
    width = max(len(s) for s in matrix.source_ids) + 7  # room for " (2024)"
    years = {s.id: s.year for s in config.sources}
    lines = [" " * width + "".join(f"{c:>10}" for c in matrix.columns)]
    for publication_id, source_ids in matrix.groups:
        publication = config.publication(publication_id)
        if publication is None or not source_ids:
            continue
        lines.append(f"[{publication.id}] {publication.publisher}: {publication.title} ({publication.year})")
        for source in source_ids:
            label = f"{source} ({years[source]})" if years.get(source) else source
            counts = "".join(f"{len(matrix.lessons(source, c)) or '-':>10}" for c in matrix.columns)
            lines.append(f"{label:<{width}}{counts}")
    return lines


def _json(matrix: Coverage, config: Config) -> dict[str, object]:
    """The matrix as JSON: `cells` and `gaps` as before, plus each publication and each source's origin."""
    cells = {s: {c: list(matrix.lessons(s, c)) for c in matrix.columns} for s in matrix.source_ids}
    publications = [
        {
            "id": p.id,
            "title": p.title,
            "publisher": p.publisher,
            "year": p.year,
            "url": p.url,
            "checked": p.checked.isoformat() if p.checked else None,
            "sources": list(dict(matrix.groups).get(p.id, ())),
        }
        for p in config.publications
    ]
    sources = {s.id: {"kind": s.kind, "publication": s.publication, "year": s.year} for s in config.sources}
    return {
        "columns": list(matrix.columns),
        "publications": publications,
        "sources": sources,
        "cells": cells,
        "gaps": matrix.gaps(),
    }
