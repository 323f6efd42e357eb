"""Reading a text file defensively: size, binary content, encoding and emptiness are user errors.

Every input file (lessons, configuration, locales, country packs, translation catalogues) is
read through `read_bytes`: the file is opened first and checked after opening (`os.fstat` on the
open descriptor), so a name that is swapped for a link to a device or a pipe between a check and
the read cannot make the tool read forever; only a regular file is read, and never more than
its limit.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from lessonkit.problems import Location, Problem

# A lesson is a few kilobytes; anything this large is a mistake (or an attack on memory).
MAX_BYTES = 2 * 1024 * 1024
# Opening a pipe for reading waits for a writer; O_NONBLOCK makes it return at once (then refused).
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


# What makes a folder a project (`lessonkit.load.curriculum.find_root` looks for the same file).
_PROJECT_MARKER = Path("lessons", "curriculum.yml")


class UnreadableFileError(OSError):
    """A file that is not a regular file, or larger than the limit for its kind."""


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; anything else raises OSError."""
    escape = link_out_of_project(path)
    if escape is not None:
        raise UnreadableFileError(escape)
    descriptor = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFileError(f"not a regular file ({_kind(info.st_mode)})")
        if info.st_size > limit:
            raise UnreadableFileError(_too_large(info.st_size, limit))
        chunks, size = [], 0
        while size <= limit:  # the size can change after fstat: the read is bounded too
            chunk = os.read(descriptor, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(descriptor)
    if size > limit:
        raise UnreadableFileError(_too_large(size, limit))
    return b"".join(chunks)


def link_out_of_project(path: Path) -> str | None:
    """Why a file inside a project may not be read through a link that leads out of it (None: it may).

    Lessons, catalogues and country packs arrive in contributions, and a symbolic link is one line
    of a diff: `lessons/x.md -> /home/teacher/notes.md` was read as a lesson and published on the
    site. A link inside the project that stays inside it is followed; a file outside any project
    (`lessonkit check ~/draft.md`) is the user's own choice and read as it is.
    """
    # abspath, not resolve: '..' is taken out, but no link is followed (that is what is compared).
    absolute = Path(os.path.abspath(path))  # noqa: PTH100
    real = Path(os.path.realpath(path))
    if real == absolute:
        return None  # no link on the way (the common case: no folder is looked at)
    for folder in absolute.parents:
        if (folder / _PROJECT_MARKER).is_file():
            if real.is_relative_to(os.path.realpath(folder)):
                return None
            return "a link to a file outside the project: not read (copy the file into the project instead)"
    return None


def _too_large(size: int, limit: int) -> str:
    unit, scale = ("MB", 1e6) if limit >= 1024 * 1024 else ("KB", 1e3)
    return f"file is too large ({size / scale:.1f} {unit}; the limit is {_limit(limit)})"


def _limit(limit: int) -> str:
    return f"{limit // 1024 // 1024} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISFIFO, "a pipe"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "a special file"


def decode_problem(path: Path, data: bytes, err: UnicodeDecodeError) -> Problem:
    """The located E001 for bytes that are not UTF-8 (line and column of the first bad byte)."""
    line = data[: err.start].count(b"\n") + 1
    column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
    return Problem(
        Location(path, line, column),
        "E001",
        f"file is not valid UTF-8 (byte 0x{data[err.start]:02x}); save it as UTF-8",
    )


def read_text(path: Path, limit: int = MAX_BYTES) -> tuple[str | None, list[Problem]]:
    """Return the file's text, or None and the reason it cannot be used."""
    try:
        data = read_bytes(path, limit)
    except UnreadableFileError as err:
        return None, [_unusable(path, str(err))]
    except OSError as err:
        return None, [_unusable(path, f"cannot read file: {err.strerror or err}")]
    if b"\x00" in data[:8192]:
        return None, [_unusable(path, "this is a binary file, not a UTF-8 text file")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return None, [decode_problem(path, data, err)]
    if not text.strip():
        return None, [_unusable(path, "file is empty")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = bidi_control(text, path)
    return (None, [control]) if control else (text, [])


def _unusable(path: Path, message: str) -> Problem:
    return Problem(Location(path, 1, 1), "E001", message)


# Bidirectional embeddings and overrides (LRE, RLE, PDF, LRO, RLO) make text display in another
# order than the one it is stored in ("Trojan Source", CVE-2021-42574): a helpline number could
# be printed reversed while the checker, the country pack's verification and a reviewer read
# the stored digits, and a blaming sentence could hide from a reviewer. No lesson needs them:
# right-to-left text is laid out by the bidi algorithm, and where a sentence needs help the
# isolates (U+2066-U+2069) and the marks (U+200E, U+200F) serve, so those stay allowed in text.
# They are refused in a country pack's contacts (locale/country_pack.py): an isolate around a
# number in groups ("1800 66 66 66") shows the groups in another order, and the build isolates
# every contact itself.
# Markdown turns a numeric character reference into its character (markdown-it reads up to
# seven decimal or six hex digits), so `&#x202E;` in a lesson prints the override itself.
# Two searches, the earlier hit kept: each alone starts with a set or a literal that `re` skips
# ahead to, while their alternation was tried at every position (14 ms a megabyte, now 6).
_BIDI_CHARACTER = re.compile("[\u202a-\u202e]")
_BIDI_REFERENCE = re.compile("&#(?:[xX]0{0,2}202[a-eA-E]|0{0,3}823[4-8]);")
_BIDI_NAMES = {
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
}
BIDI_CONTROL_CODE = "E007"


def bidi_control(text: str, path: Path) -> Problem | None:
    """The located E007 for the first bidirectional embedding or override character in `text`, if any."""
    hits = [hit for hit in (_BIDI_CHARACTER.search(text), _BIDI_REFERENCE.search(text)) if hit is not None]
    if not hits:
        return None
    found = min(hits, key=lambda hit: hit.start())
    char = found.group()
    if char.startswith("&#"):  # a reference: the character it spells
        char = chr(int(char[3:-1], 16) if char[2] in "xX" else int(char[2:-1]))
    return Problem(
        Location.at(path, text, found.start()),
        BIDI_CONTROL_CODE,
        f"invisible character U+{ord(char):04X} ({_BIDI_NAMES[char]}) makes text display in another order"
        " than it is written (a phone number could show reversed); delete it, and where right-to-left text"
        " needs help use the isolates U+2066 to U+2069 (never around a number)",
    )
