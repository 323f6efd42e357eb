"""Loading the whole curriculum: configuration, every lesson file, and the checks across them."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from lessonkit.diagnostics import printable_path
from lessonkit.load.config import CONFIG_FILE, load_config
from lessonkit.load.consistency import lesson_problems
from lessonkit.load.lesson_file import load_lesson
from lessonkit.model import Curriculum, Lesson
from lessonkit.problems import LessonkitError, Location, Problem

LESSONS_DIR = "lessons"
ASSETS_DIR = "assets"


def find_root(start: Path) -> Path:
    """The project folder holding `lessons/curriculum.yml`, searching upwards from `start`."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / LESSONS_DIR / CONFIG_FILE).is_file():
            return folder
    raise LessonkitError(f"{printable_path(start)}: no {LESSONS_DIR}/{CONFIG_FILE} found here or in any parent folder")


def lesson_files(root: Path) -> list[Path]:
    """Every lesson source under `lessons/`, in a stable order."""
    lessons = root / LESSONS_DIR
    return sorted(p for p in lessons.rglob("*.md") if p.is_file() and ASSETS_DIR not in p.relative_to(lessons).parts)


def load_curriculum(root: Path, extra_files: Iterable[Path] = ()) -> tuple[Curriculum | None, list[Problem]]:
    """Load and validate everything; the curriculum is None only when the configuration is unusable."""
    config, problems = load_config(root / LESSONS_DIR)
    if config is None:
        return None, problems
    lessons: list[Lesson] = []
    files = lesson_files(root)
    files += [p.resolve() for p in extra_files if p.resolve() not in {f.resolve() for f in files}]
    for path in files:
        lesson, found = load_lesson(path)
        problems += found
        if lesson is not None:
            lessons.append(lesson)
    problems += _duplicate_ids(lessons, root)
    ids = {lesson.id for lesson in lessons}
    assets = root / LESSONS_DIR / ASSETS_DIR
    for lesson in lessons:
        problems += lesson_problems(lesson, config, ids, assets)
    audiences = [a.id for a in config.audiences]
    bands = [b.id for b in config.bands]
    lessons.sort(key=lambda x: (_rank(x.audience, audiences), _rank(x.band, bands), x.topic, x.id))
    return Curriculum(root, config, tuple(lessons)), sorted(set(problems))


def _duplicate_ids(lessons: list[Lesson], root: Path) -> list[Problem]:
    first: dict[str, Lesson] = {}
    problems = []
    for lesson in lessons:
        if lesson.id in first:
            other = first[lesson.id].location("id")
            problems.append(
                Problem(
                    lesson.location("id"),
                    "E021",
                    f"lesson id '{lesson.id}' is already used by {relative(other.path, root)}:{other.line}",
                )
            )
        else:
            first[lesson.id] = lesson
    return problems


def _rank(value: str | None, order: list[str]) -> int:
    return order.index(value) if value in order else len(order)


def relative(path: Path, root: Path) -> Path:
    """`path` relative to the project root when inside it (for short, stable messages)."""
    try:
        return path.resolve().relative_to(root.resolve())
    except ValueError:
        pass
    try:  # a link out of the project: named by where it stands, not where it leads
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root))  # noqa: PTH100
    except ValueError:
        return path


def relocate(problem: Problem, root: Path) -> Problem:
    """The same problem with its path shown relative to the project root."""
    loc = problem.location
    return Problem(
        Location(relative(loc.path, root), loc.line, loc.column), problem.code, problem.message, problem.severity
    )
