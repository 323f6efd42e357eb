"""Reading and writing cache files defensively: atomic writes, regular files only, bounded reads.

A cache is an optimisation, never a source of truth: anything unexpected at a cache path (a
folder, a link, a device, a file too large) is discarded and rebuilt, and a read-only checkout
simply works without a cache.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from pathlib import Path

# Published and cached files are world-readable whatever the umask: a web server or another
# user of a shared machine must be able to read them.
FILE_MODE = 0o644
FOLDER_MODE = 0o755
# No cache file of lessonkit comes near this; a larger one is damage, not data.
MAX_CACHE_BYTES = 512 * 1024 * 1024


def read_cache_file(path: Path, limit: int = MAX_CACHE_BYTES) -> bytes | None:
    """The bytes of a regular file at `path` (not followed through a final link), or None.

    None when the file is missing, is not a regular file, is larger than `limit` or cannot be
    read; the caller rebuilds what it wanted.
    """
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        # Checked after opening, so that the file cannot be swapped between the check and the read.
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        chunks = []
        size = 0
        while size <= limit:
            chunk = os.read(handle, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError:
        return None
    finally:
        os.close(handle)
    data = b"".join(chunks)
    return data if len(data) <= limit else None


def discard(path: Path) -> None:
    """Remove whatever is at a cache path (file, link or folder), ignoring errors."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass


def write_cache_file(target: Path, data: bytes) -> bool:
    """Write `data` to `target` through a temporary file and a rename; False when it cannot be written.

    A folder or link where the file belongs is discarded first. The file gets mode 0644.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_symlink() or (target.exists() and not target.is_file()):
            discard(target)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                os.fchmod(stream.fileno(), FILE_MODE)  # mkstemp creates 0600
                stream.write(data)
            Path(temporary).replace(target)
        except BaseException:
            with contextlib.suppress(OSError):
                Path(temporary).unlink()
            raise
    except OSError:
        return False  # read-only checkout: no cache, same results, only slower
    return True
