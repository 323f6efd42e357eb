"""`lessonkit validate`: check that lesson files follow the source format."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from lessonkit.cli.curriculum_arg import load_for_paths
from lessonkit.cli.output import FORMAT_OPTION, TEXT, echo_machine
from lessonkit.exit_status import ExitStatus
from lessonkit.load.curriculum import ASSETS_DIR, LESSONS_DIR, relocate
from lessonkit.model import Curriculum
from lessonkit.problems import Location, Problem


@click.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@FORMAT_OPTION
def validate_command(paths: tuple[Path, ...], fmt: str) -> None:
    """Check lesson files (default: the whole curriculum) and report every problem.

    Each problem is printed as `path:line:col: error CODE message`. Links that the outputs
    refuse (anything but http(s), mailto, tel and lesson: links, so no link into the file
    system or out of the project) are reported as warnings (W100), as `build` reports them.
    Exit status is 0 when the input is valid (warnings allowed) and 2 when it is not.
    With --format json, github or sarif the same problems go to stdout in that format.
    """
    root, curriculum, problems = load_for_paths(paths)
    warnings = [relocate(p, root) for p in _refused_links(curriculum, paths)] if curriculum else []
    count = len(curriculum.lessons) if curriculum else 0
    if fmt == TEXT:
        for problem in sorted(problems) + warnings:
            click.echo(str(problem))
    echo_machine(sorted(problems) + warnings, fmt, count)
    if problems:
        click.echo(f"{len(problems)} problem(s) found; {count} lesson(s) loaded", err=True)
        sys.exit(ExitStatus.UNUSABLE)
    shown = f", {len(warnings)} warning(s)" if warnings else ""
    click.echo(f"ok: {count} lesson(s) valid{shown}", err=True)


def _refused_links(curriculum: Curriculum, paths: Sequence[Path]) -> list[Problem]:
    """The link warnings the outputs would give (the same policy function), for the named lessons."""
    from lessonkit.markdown import markdown  # imported here: validate of a clean project stays quick
    from lessonkit.render.sanitise import Assets, vet_tokens

    targets = [p.resolve() for p in (paths or [Path.cwd()])]
    assets = Assets(curriculum.root, curriculum.root / LESSONS_DIR / ASSETS_DIR)
    found: list[Problem] = []
    for lesson in curriculum.lessons:
        path = lesson.path.resolve()
        if not any(path == t or path.is_relative_to(t) for t in targets):
            continue
        where = Location(lesson.path, lesson.body_line, 1)
        # Lesson links are resolved by the outputs (unknown ids are E043); images are E041/E042.
        refused = vet_tokens(lesson.body, markdown().parse(lesson.body), where, assets, lambda _: "#")
        found += [p for p in refused if not p.message.startswith("image")]
    return found
