"""`lessonkit coverage`: the matrix of findings and recommendations by age band, grouped by publication."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import click

from lessonkit.cli.curriculum_arg import load_for_paths
from lessonkit.cli.output import TEXT, echo_machine, refuse
from lessonkit.coverage import Coverage, coverage_matrix
from lessonkit.diagnostics import Diagnostic, Location, UnusableInputError
from lessonkit.diagnostics.report import MACHINE_FORMATS
from lessonkit.exit_status import ExitStatus
from lessonkit.load.curriculum import LESSONS_DIR
from lessonkit.model import Config

SOURCES_FILE = Path(LESSONS_DIR) / "sources.yml"


@click.command("coverage")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice([TEXT, *MACHINE_FORMATS]),
    default=TEXT,
    show_default=True,
    help=(
        "text: the matrix; json: the matrix as JSON; github or sarif: only the gaps (C001) and the "
        "problems met while loading. Unusable input comes out in the format asked for (docs/diagnostics.md)."
    ),
)
def coverage_command(paths: tuple[Path, ...], fmt: str) -> None:
    """Show which findings and recommendations each band covers, publication by publication.

    Each cell counts the lessons citing the source. Exit status is 1 when a band has no lesson
    for the education, parents or reporting recommendation (a gap, printed on stderr; in the
    JSON under `gaps`; with github or sarif as a C001 error at the recommendation in
    lessons/sources.yml), and 2 when the curriculum cannot be loaded (its problems in the
    format asked for).
    """
    root, curriculum, problems = load_for_paths(paths)
    if curriculum is None:
        if fmt != TEXT:
            refuse(UnusableInputError(problems, "the curriculum cannot be loaded"), fmt)
        for problem in problems:
            click.echo(str(problem), err=True)
        sys.exit(ExitStatus.UNUSABLE)
    matrix = coverage_matrix(curriculum)
    if fmt in ("github", "sarif"):
        # The matrix is not a diagnostic: these formats carry only what is wrong (gaps, lessons that did not load).
        echo_machine([*problems, *_gap_diagnostics(matrix, root)], fmt, len(curriculum.lessons))
    elif fmt == "json":
        click.echo(json.dumps(_json(matrix, curriculum.config), indent=2))
    else:
        for line in _text(matrix, curriculum.config):
            click.echo(line)
    if fmt in (TEXT, "json"):
        for source, band in matrix.gaps():
            click.echo(f"gap: no lesson for ages {band} cites '{source}'", err=True)
    if matrix.gaps():
        sys.exit(ExitStatus.PROBLEMS)


def _gap_diagnostics(matrix: Coverage, root: Path) -> list[Diagnostic]:
    """Each gap as a C001 error at the recommendation's `id:` in sources.yml (line 1 if not found there)."""
    try:
        lines = (root / SOURCES_FILE).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []  # the curriculum loaded, so this is unlikely; the gaps are still worth reporting
    found = []
    for source, band in matrix.gaps():
        pattern = re.compile(rf"^\s*(?:-\s*)?id:\s*['\"]?({re.escape(source)})['\"]?\s*(?:#.*)?$")
        where = next(
            (
                Location(SOURCES_FILE, n, m.start(1) + 1)
                for n, line in enumerate(lines, 1)
                if (m := pattern.match(line))
            ),
            Location(SOURCES_FILE),
        )
        found.append(Diagnostic(where, "C001", f"no lesson for ages {band} cites '{source}'"))
    return found


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
