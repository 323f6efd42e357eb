"""Atomic output: build into a temporary folder beside the output, then swap it in.

Killing the build at any moment leaves the previous output folder complete and usable. On Linux
the swap is one `renameat2(RENAME_EXCHANGE)` call; elsewhere two renames with a recovery step.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

STAGE_PREFIX = ".lessonkit-stage-"
OLD_PREFIX = ".lessonkit-old-"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


@contextmanager
def staged_output(output: Path) -> Iterator[Path]:
    """A fresh staging folder; when the block ends without an error it replaces `output`."""
    output = output.absolute()
    output.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(output)
    stage = Path(tempfile.mkdtemp(prefix=f"{STAGE_PREFIX}{output.name}-", dir=output.parent))
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    swap_in(stage, output)


def swap_in(stage: Path, output: Path) -> None:
    """Make `stage` the output folder and remove the previous one."""
    stage.chmod(0o755)
    if not output.exists():
        stage.rename(output)
        return
    if _exchange(stage, output):
        shutil.rmtree(stage, ignore_errors=True)  # `stage` now holds the previous output
        return
    old = output.parent / f"{OLD_PREFIX}{output.name}"
    output.rename(old)
    stage.rename(output)
    shutil.rmtree(old, ignore_errors=True)


def carry_over(previous: Path, stage: Path, rebuilt: Collection[PurePosixPath]) -> None:
    """Bring the previous output into the stage, except the folders this build writes anew.

    Files are hard-linked where possible (the previous folder is deleted after the swap, and
    nothing is ever written into an existing file), else copied.
    """
    if not previous.is_dir():
        return
    skip = {previous.joinpath(*part.parts) for part in rebuilt}

    def ignore(folder: str, names: list[str]) -> set[str]:
        return {name for name in names if Path(folder, name) in skip}

    shutil.copytree(previous, stage, ignore=ignore, copy_function=_link_or_copy, dirs_exist_ok=True)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def clean_leftovers(output: Path) -> None:
    """Remove staging folders of killed builds; restore the output if a kill fell between two renames."""
    old = output.parent / f"{OLD_PREFIX}{output.name}"
    if old.is_dir() and not output.exists():
        old.rename(output)
    for leftover in output.parent.glob(f"{STAGE_PREFIX}{output.name}-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    if old.is_dir():
        shutil.rmtree(old, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    name = ctypes.util.find_library("c")
    if not name:
        return False
    libc = ctypes.CDLL(name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    return bool(result == 0)
