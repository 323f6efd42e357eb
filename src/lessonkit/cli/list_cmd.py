"""`lessonkit list`: every lesson with its metadata, as text or as a stable JSON array."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from lessonkit.cli.curriculum_arg import load_for_paths
from lessonkit.exit_status import ExitStatus
from lessonkit.load.curriculum import relative


@click.command("list")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_command(paths: tuple[Path, ...], fmt: str) -> None:
    """List lessons and guides with their metadata.

    `--format json` prints an array of objects with the fields id, title, audience, band,
    topic, duration, sources and path (relative to the project root).
    """
    root, curriculum, problems = load_for_paths(paths)
    if curriculum is None:
        for problem in problems:
            click.echo(str(problem), err=True)
        sys.exit(ExitStatus.UNUSABLE)
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
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        for row in rows:
            band = row["band"] or "-"
            minutes = f"{row['duration']} min" if row["duration"] else ""
            click.echo(f"{row['id']:<40} {row['audience']:<10} {band:<6} {minutes:<7} {row['title']}")
    if problems:
        click.echo(f"warning: {len(problems)} validation problem(s); run 'lessonkit validate'", err=True)
