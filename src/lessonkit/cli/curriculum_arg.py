"""Shared handling of PATH arguments: find the project and load its curriculum once."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from lessonkit.diagnostics import printable_path
from lessonkit.load.curriculum import LESSONS_DIR, find_root, load_curriculum, relocate
from lessonkit.model import Curriculum
from lessonkit.problems import LessonkitError, Problem


def load_for_paths(paths: Sequence[Path]) -> tuple[Path, Curriculum | None, list[Problem]]:
    """Load the curriculum the paths belong to; problems are limited to the given paths."""
    targets = [p.resolve() for p in (paths or [Path.cwd()])]
    for target in targets:
        if not target.exists():
            raise LessonkitError(f"{printable_path(target)}: no such file or folder")
    root = find_root(targets[0] if targets[0].is_dir() else targets[0].parent)
    outside = [t for t in targets if t.is_file() and not t.is_relative_to(root / LESSONS_DIR)]
    curriculum, problems = load_curriculum(root, outside)
    config_files = {(root / LESSONS_DIR / name).resolve() for name in ("curriculum.yml", "sources.yml")}
    wanted = [
        relocate(p, root)
        for p in problems
        if p.location.path.resolve() in config_files or any(_within(p.location.path, t) for t in targets)
    ]
    return root, curriculum, wanted


def _within(path: Path, target: Path) -> bool:
    # By where the file is named as well as where it leads: a link out of the project is a problem
    # of the file that holds the link (resolved, it lay outside every target and went unreported).
    return any(p == target or p.is_relative_to(target) for p in (Path(os.path.abspath(path)), path.resolve()))  # noqa: PTH100
