"""Which folders a build may replace: never the project, its inputs, or a folder lessonkit did not write.

`build --out` and `site --out` replace the whole output folder. A mistyped path (`--out .`,
`--out ..`, `--out lessons`, `--out ~/Documents`) must therefore be refused before anything is
touched, with exit status 2 and a message naming the option and the folder.
"""

from __future__ import annotations

from pathlib import Path

from lessonkit.build.staging import LOCK_PREFIX, MARKER, OLD_PREFIX, STAGE_PREFIX, output_token
from lessonkit.problems import LessonkitError

OPTION = "--out"
# The project's inputs and the things a checkout keeps beside them; an output may not be, lie
# inside or hold any of them.
PROJECT_ENTRIES = (
    "lessons",
    "locales",
    "rules",
    "handouts",
    "site-theme",
    "mkdocs.yml",
    "src",
    "tests",
    "docs",
    "scripts",
    "pyproject.toml",
    "Makefile",
    "README.md",
    "LICENSE",
    "constraints.txt",
    ".git",
    ".github",
    ".venv",
    ".lessonkit-cache",
)
# What makes any folder (ours or another) recognisably a project or a repository.
PROJECT_SIGNS = (Path("lessons") / "curriculum.yml", Path(".git"), Path("pyproject.toml"))


def safe_output(root: Path, output: Path) -> Path:
    """The absolute, resolved output folder, or a `LessonkitError` saying why it may not be replaced.

    A relative `output` is taken relative to the project root.
    """
    given = output
    root = root.resolve()
    target = (root / output).resolve()
    shown = f"{OPTION} {given}" if str(given) == str(target) else f"{OPTION} {given} ({target})"

    def refuse(reason: str) -> LessonkitError:
        return LessonkitError(f"{shown}: {reason}; nothing was changed")

    if target == root:
        raise refuse("this is the project folder; choose a separate output folder such as 'site'")
    if root.is_relative_to(target):
        raise refuse(f"this folder holds the project {root}; choose a separate output folder such as 'site'")
    for name in PROJECT_ENTRIES:
        # The names are reserved even where the entry does not exist (yet): `--out src` is a slip.
        entry = root / name
        real = entry.resolve()
        if target.is_relative_to(entry) or target.is_relative_to(real):
            raise refuse(f"this is inside the project's '{name}', which the build reads")
        if (entry.exists() or entry.is_symlink()) and real.is_relative_to(target):
            raise refuse(f"this folder holds the project's '{name}', which the build reads")
    if target.name.startswith((STAGE_PREFIX, OLD_PREFIX, LOCK_PREFIX)):
        raise refuse("this name is reserved for lessonkit's staging and lock files")
    if target.exists() and not target.is_dir():
        raise refuse("this is not a folder")
    for parent in target.parents:
        if output_token(parent) is not None:
            raise refuse(f"this lies inside {parent}, an earlier lessonkit output that the next build replaces")
        if parent == root:
            break
    if not target.is_dir():
        return target
    for sign in PROJECT_SIGNS:
        if (target / sign).exists():
            raise refuse(f"this folder holds '{sign}', so it is a project or a repository, not an output")
    try:
        empty = next(target.iterdir(), None) is None
    except OSError as err:
        raise refuse(f"cannot read this folder: {err.strerror or err}") from err
    if not empty and output_token(target) is None:
        raise refuse(
            f"this folder is not empty and is not an earlier lessonkit output (it has no {MARKER} file); "
            "choose a new or empty folder"
        )
    return target
