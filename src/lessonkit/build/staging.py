"""Atomic, locked output: build into a staging folder beside the output, then swap it in.

Everything a build writes lives under one `.lessonkit-stage-<name>-*` folder beside the output:
`out/` (what will be published) and `tmp/` (temporary files of the build and of its worker
processes). Killing the build at any moment leaves the previous output folder complete and
usable and nothing outside that staging folder, which the next build removes. On Linux the swap
is one `renameat2(RENAME_EXCHANGE)` call; elsewhere two renames with a recovery step.

A lock file beside the output (`.lessonkit-lock-<name>`, `flock`) serialises builds into the same
output: a second build waits until the first has published, so it can never clear the first
build's staging folder or publish in between.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
import secrets
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lessonkit.cache_file import FILE_MODE, FOLDER_MODE, read_cache_file
from lessonkit.diagnostics import printable_path
from lessonkit.problems import LessonkitError

STAGE_PREFIX = ".lessonkit-stage-"
OLD_PREFIX = ".lessonkit-old-"
LOCK_PREFIX = ".lessonkit-lock-"
# Written into every output folder: only a folder holding it may be replaced by a build.
MARKER = ".lessonkit-output"
MARKER_TEXT = (
    "lessonkit output {token}\nThis folder is written by 'lessonkit build' or 'lessonkit site' and replaced by them.\n"
)
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


@dataclass
class Stage:
    """One build's staging area: `folder` becomes the output, `scratch` holds temporary files."""

    root: Path
    folder: Path
    scratch: Path
    token: str
    publish: bool = True

    def discard(self) -> None:
        """Do not publish this stage: the previous output stays as it was."""
        self.publish = False


def _say(message: str) -> None:
    print(f"lessonkit: {message}", file=sys.stderr, flush=True)


@contextmanager
def output_lock(output: Path, notify: Callable[[str], None] = _say) -> Iterator[None]:
    """Hold an exclusive lock on `output` for the whole block; a second holder waits for the first.

    The lock file stays beside the output (removing it would let a third build lock a new file
    while the second still waits on the old one).
    """
    lock = output.parent / f"{LOCK_PREFIX}{output.name}"
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        # O_NOFOLLOW: a planted link must not make the build write its process id into another file.
        handle = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, FILE_MODE)
    except OSError as err:
        raise LessonkitError(
            f"{printable_path(lock)}: cannot create the build lock for {printable_path(output)}: {err.strerror or err}"
        ) from err
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise LessonkitError(f"{printable_path(lock)}: not a regular file; remove it and build again")
        if info.st_uid == os.geteuid():
            os.fchmod(handle, FILE_MODE)  # others sharing the output must be able to open it to wait
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(handle, 32, 0).decode("ascii", "replace").strip()
            who = f" (process {holder})" if holder.isdigit() else ""
            notify(f"another build into {output} is running{who}; waiting for it to finish")
            fcntl.flock(handle, fcntl.LOCK_EX)
        os.ftruncate(handle, 0)
        os.pwrite(handle, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(handle)  # releases the lock (worker processes, which inherit it, are gone by now)


def output_token(output: Path) -> str | None:
    """The token in the marker of an output folder, or None when it is not a lessonkit output."""
    data = read_cache_file(output / MARKER, limit=4096)
    if data is None:
        return None
    first = data.decode("utf-8", "replace").split("\n", 1)[0].split()
    return first[2] if len(first) == 3 and first[:2] == ["lessonkit", "output"] else None


@contextmanager
def staged_output(output: Path) -> Iterator[Stage]:
    """A fresh staging area; when the block ends without an error (and not discarded) it replaces `output`.

    While the block runs, Python's temporary files (`tempfile`) go into the stage's `tmp/`.
    Call it while holding `output_lock(output)`.
    """
    output = output.absolute()
    output.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(output)
    root = Path(tempfile.mkdtemp(prefix=f"{STAGE_PREFIX}{output.name}-", dir=output.parent))
    stage = Stage(root, root / "out", root / "tmp", secrets.token_hex(16))
    stage.folder.mkdir()
    stage.scratch.mkdir()
    previous_tempdir = tempfile.tempdir
    tempfile.tempdir = str(stage.scratch)
    try:
        yield stage
        tempfile.tempdir = previous_tempdir
        if stage.publish:
            shutil.rmtree(stage.scratch, ignore_errors=True)
            (stage.folder / MARKER).write_text(MARKER_TEXT.format(token=stage.token), encoding="utf-8")
            publish_modes(stage.folder)
            swap_in(stage.folder, output)
    finally:
        tempfile.tempdir = previous_tempdir
        shutil.rmtree(root, ignore_errors=True)


def publish_modes(folder: Path) -> None:
    """Folders 0755 and files 0644 under `folder`, whatever the umask or `mkstemp` gave them.

    Links are left alone (nothing lessonkit publishes is a link, and chmod would follow one).
    """
    folder.chmod(FOLDER_MODE)
    for top, folders, files in os.walk(folder):
        here = Path(top)
        for name in folders:
            if not (here / name).is_symlink():
                (here / name).chmod(FOLDER_MODE)
        for name in files:
            if not (here / name).is_symlink():
                (here / name).chmod(FILE_MODE)


def swap_in(stage: Path, output: Path) -> None:
    """Make `stage` the output folder; the previous output ends up at `stage` (or is removed)."""
    if not output.exists() and not output.is_symlink():
        stage.rename(output)
        return
    if _exchange(stage, output):
        return  # `stage` now holds the previous output; the caller removes it
    old = output.parent / f"{OLD_PREFIX}{output.name}"
    output.rename(old)
    stage.rename(output)
    shutil.rmtree(old, ignore_errors=True)


def carry_over(
    previous: Path, stage: Path, rebuilt: Collection[PurePosixPath] = (), only: Collection[str] | None = None
) -> None:
    """Bring the previous output into the stage, except the folders this build writes anew.

    With `only`, just those top-level entries are brought. Links are never carried (an output
    holds none of its own). A file is hard-linked when the previous output is its only other
    name (that folder is deleted after the swap, and nothing is ever written into an existing
    file); otherwise it is copied, so that an output never shares bytes with a cache entry.
    """
    if not previous.is_dir() or previous.is_symlink():
        return
    skip = {previous.joinpath(*part.parts) for part in rebuilt}

    def ignore(folder: str, names: list[str]) -> set[str]:
        here = Path(folder)
        at_top = here == previous
        return {
            name
            for name in names
            if here / name in skip
            or (here / name).is_symlink()
            or (at_top and (name == MARKER or (only is not None and name not in only)))
        }

    shutil.copytree(previous, stage, ignore=ignore, copy_function=_link_or_copy, dirs_exist_ok=True)


def _link_or_copy(source: str, target: str) -> None:
    if os.lstat(source).st_nlink == 1:
        with contextlib.suppress(OSError):
            os.link(source, target)
            return
    shutil.copyfile(source, target)


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
    # The C library already loaded into this process (find_library would run ldconfig or gcc).
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    return bool(result == 0)
