"""Reading and writing cache files defensively: atomic writes, regular files only, bounded reads.

A cache is an optimisation, never a source of truth: anything unexpected at a cache path (a
folder, a link, a device, a file too large) is discarded and rebuilt, and a read-only checkout
simply works without a cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import re
import stat
import time
from pathlib import Path

# Published and cached files are world-readable whatever the umask: a web server or another
# user of a shared machine must be able to read them.
FILE_MODE = 0o644
FOLDER_MODE = 0o755
# What a cache file may be when its reader names no limit of its own; a larger one is damage or a
# planted file, refused by its size before a byte is read. The readers without a limit of their
# own keep less than a megabyte each (a site font as WOFF2, a hyphenation table); the documents
# (build/cache.py), the slide previews (render/site/materials.py) and the checker's caches name
# their own.
MAX_CACHE_BYTES = 64 * 1024 * 1024


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
            import shutil  # here, not at the top: a run with warm caches never removes one

            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass


_PROJECT_CACHE = ".lessonkit-cache"  # shipped.CACHE_DIR, named here to keep this module light


def _through_link(folder: Path) -> bool:
    """Whether `folder` or one of its parents up to a project's cache folder is a symbolic link.

    A project (and its cache folder) can come from a stranger: a `.lessonkit-cache` that links
    elsewhere would make every run write cache files (and discard what blocks them) in a folder
    the user never chose. Reading through such a link is harmless (every entry must carry the
    user's signature); writing is refused, so the run goes on without caching.
    """
    chain = (folder, *folder.parents)
    ends = [i for i, part in enumerate(chain) if part.name == _PROJECT_CACHE]
    # Only the folders inside a project's cache folder, and that folder itself: a link higher up
    # (/tmp, /home on some systems) or a cache in the user's own cache home is not the project's.
    return bool(ends) and any(part.is_symlink() for part in chain[: ends[0] + 1])


def write_cache_file(target: Path, data: bytes) -> bool:
    """Write `data` to `target` through a temporary file and a rename; False when it cannot be written.

    A folder or link where the file belongs is discarded first. The file gets mode 0644.
    """
    try:
        if _through_link(target.parent):
            return False  # a planted link would have the cache written into another folder
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_symlink() or (target.exists() and not target.is_file()):
            discard(target)
        import tempfile  # here, not at the top: a run with warm caches writes none (tempfile imports shutil, random)

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


# --- signed cache files ---------------------------------------------------------------------------
#
# A project's cache folder travels with the project (a shared checkout, an archive), so a cache
# file there may have been written by someone else. A checker cache that could be forged could
# hide findings (a tone model with zero weights, matchers that never match), so the checker's
# caches carry an HMAC-SHA256 whose key lives outside every project, in the user's own cache home.
# A file without the right tag is rebuilt; without a usable key the checker runs without caches.
KEY_NAME = "lessonkit/cache-key"
KEY_BYTES = 32
SEAL_MAGIC = b"lessonkit-sealed-1\0"
TAG_BYTES = 32
_keys: dict[Path, bytes | None] = {}


def key_path() -> Path | None:
    """Where the user's cache key lives: $XDG_CACHE_HOME (when absolute) or ~/.cache, then lessonkit/cache-key."""
    home = os.environ.get("XDG_CACHE_HOME", "")
    if not Path(home).is_absolute():  # the XDG specification: a relative value is ignored
        try:
            home = str(Path.home() / ".cache")
        except (RuntimeError, KeyError):  # no HOME and no password entry
            return None
    return Path(home) / KEY_NAME


def _read_key(path: Path) -> bytes | None:
    data = read_cache_file(path, limit=KEY_BYTES)
    return data if data is not None and len(data) == KEY_BYTES else None


def _make_key(path: Path) -> bytes | None:
    """The key at `path`, created (mode 0600) when missing; None when it cannot be read or made."""
    found = _read_key(path)
    if found is not None:
        return found
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.path.lexists(path):
            discard(path)  # damaged (wrong size, a folder, a link): replaced
        import tempfile

        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".cache-key.", suffix=".tmp")  # 0600
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(os.urandom(KEY_BYTES))  # what secrets.token_bytes returns, without importing random
            # A hard link never replaces a file: when two runs race, both then read the winner's key.
            with contextlib.suppress(FileExistsError):
                os.link(temporary, path)
        finally:
            with contextlib.suppress(OSError):
                Path(temporary).unlink()
    except OSError:
        return None  # read-only home: no key, so no checker caches, same findings
    return _read_key(path)


def cache_key() -> bytes | None:
    """The user's cache key (made on first use, read once per run), or None when there can be none."""
    path = key_path()
    if path is None:
        return None
    if path not in _keys:
        _keys[path] = _make_key(path)
    return _keys[path]


def _tag(key: bytes, name: str, data: bytes) -> bytes:
    # The file's name is signed with its bytes: a signed file copied under another name is refused.
    return hmac.new(key, name.encode("utf-8", "surrogateescape") + b"\0" + data, hashlib.sha256).digest()


def seal(name: str, data: bytes) -> bytes | None:
    """`data` with the tag that `unseal` checks, for a cache file called `name`; None without a key."""
    key = cache_key()
    return None if key is None else SEAL_MAGIC + _tag(key, name, data) + data


def unseal(name: str, sealed: bytes | None) -> bytes | None:
    """The data of a sealed cache file called `name`, or None when it is missing or its tag is wrong."""
    key = cache_key()
    start = len(SEAL_MAGIC) + TAG_BYTES
    if key is None or sealed is None or not sealed.startswith(SEAL_MAGIC) or len(sealed) < start:
        return None
    data = sealed[start:]
    return data if hmac.compare_digest(sealed[len(SEAL_MAGIC) : start], _tag(key, name, data)) else None


def read_sealed_file(path: Path, limit: int = MAX_CACHE_BYTES, name: str | None = None) -> bytes | None:
    """The data of a cache file written by `write_sealed_file`, or None (missing, damaged, forged, no key).

    A file holding more than `limit` bytes of data is refused by its size, unread. `name` is what
    was signed with the data (the file's own name unless the writer gave another).
    """
    data = unseal(path.name if name is None else name, read_cache_file(path, limit + len(SEAL_MAGIC) + TAG_BYTES))
    if data is not None and _family(path.name) is not None:
        _mark_used(path)
    return data


def write_sealed_file(target: Path, data: bytes, name: str | None = None) -> bool:
    """`write_cache_file` of `data` with its tag; False when there is no key or it cannot be written.

    The tag covers `name` with the data, the file's own name by default: a cache whose files share
    names across entries (one folder per entry) signs the entry's key too, so that a file moved from
    one entry to another is refused.
    """
    sealed = seal(target.name if name is None else name, data)
    if sealed is None or not write_cache_file(target, sealed):
        return False
    prune_unused(target)
    return True


# --- pruning the checker's superseded cache files -------------------------------------------------
#
# The checker's cache files are named by a hash of their inputs (the rule files and the code that
# reads them, a model, a dictionary): every edit of a rule file or an upgrade writes a new file and
# the old one is never read again. Without pruning, a translator tuning rules for an afternoon
# leaves forty megabytes behind. Files of one FAMILY (rules, classifier, ...) are not versions of
# one thing (each language has its own classifier file), so what is removed is what has not been
# used for a while: a file read is marked used (its modification time, at most once a day), and when
# a new file of a family is written, the files of that family unused for UNUSED_DAYS are removed,
# and beyond the MOST_KEPT most recently used.
#
# A cache folder can be any folder the user names (LESSONKIT_CACHE), so nothing is removed that
# lessonkit did not write: only regular files (never a link or a folder) directly in the folder,
# whose name is exactly one of the checker's families and whose first bytes are the seal's magic.
# The build's caches live in sub-folders under names of their own and are never touched.
UNUSED_DAYS = 7
MOST_KEPT = 16
_DAY_NS = 24 * 3600 * 10**9
_FAMILY = re.compile(
    r"(?P<name>rules|classifier|matchers|syllables-common-[a-z]{2,3}|pyphen-[0-9.]+-[A-Za-z_]+-[0-9]+)"
    # The rules are cached one file per language (`rules-en-<hash>.json`), one family for all of them.
    r"(?:-[a-z]{2,3}|-common)?-(?:[0-9a-f]{32}|[0-9]{1,20})\.(?P<suffix>json|marshal)"
)


def _family(name: str) -> tuple[str, str] | None:
    found = _FAMILY.fullmatch(name)
    return (found["name"], found["suffix"]) if found else None


def _mark_used(path: Path) -> None:
    """Set the file's modification time to now when it is a day old or more (a read-only cache stays as it is)."""
    with contextlib.suppress(OSError):
        if path.lstat().st_mtime_ns < time.time_ns() - _DAY_NS:
            os.utime(path, follow_symlinks=False)


def _written_by_us(path: Path) -> bool:
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        return stat.S_ISREG(os.fstat(handle).st_mode) and os.read(handle, len(SEAL_MAGIC)) == SEAL_MAGIC
    except OSError:
        return False
    finally:
        os.close(handle)


def prune_unused(target: Path) -> list[Path]:
    """Remove the files of `target`'s family next to it that are unused or too many; the paths removed.

    Does nothing for a name outside the checker's families. Errors (a read-only folder, a file
    removed by another run meanwhile) leave the files as they are: pruning only saves space.
    """
    family = _family(target.name)
    if family is None:
        return []
    try:
        siblings = [
            (entry.stat(follow_symlinks=False).st_mtime_ns, Path(entry.path))
            for entry in os.scandir(target.parent)
            if entry.name != target.name and _family(entry.name) == family and entry.is_file(follow_symlinks=False)
        ]
    except OSError:
        return []
    oldest_kept = time.time_ns() - UNUSED_DAYS * _DAY_NS
    newest_first = sorted(siblings, reverse=True)
    # The new file counts among the MOST_KEPT.
    stale = [path for rank, (used, path) in enumerate(newest_first) if used < oldest_kept or rank >= MOST_KEPT - 1]
    removed: list[Path] = []
    for path in stale:
        if _written_by_us(path):
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed
