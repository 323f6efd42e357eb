"""Where catalogues live and how they are read and written (`locales/<lang>/<name>.po`).

A catalogue comes from a volunteer, so it is read like any other input: a regular file only
(checked after opening), at most `MAX_PO_BYTES`, UTF-8. A catalogue that cannot be read or
parsed is a located error (`path:line:col: error I107 ...`), never a traceback.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import polib

from lessonkit.diagnostics import UnusableInputError
from lessonkit.i18n.catalogue import LOCALES_DIR
from lessonkit.load.source_file import UnreadableFileError, bidi_control, read_bytes
from lessonkit.problems import Location, Problem

# The largest shipped catalogue is about 60 KB; a catalogue this large is a mistake or an attack.
MAX_PO_BYTES = 4 * 1024 * 1024
UNREADABLE = "I107"
_POLIB_LINE = re.compile(r"\(line (\d+)\)")


class CatalogueError(UnusableInputError):
    """A catalogue that cannot be used, with the located problem that says why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__([problem])
        self.problem = problem


def po_path(root: Path, language: str, name: str) -> Path:
    """The translation catalogue of `name` (a lesson id, `ui` or `countries`) for one language."""
    return root / LOCALES_DIR / language / f"{name}.po"


def read_po(path: Path) -> polib.POFile | None:
    """A catalogue, or None when the file does not exist; a broken file raises CatalogueError."""
    try:
        data = read_bytes(path, MAX_PO_BYTES)
    except FileNotFoundError:
        return None
    except UnreadableFileError as err:
        raise CatalogueError(Problem(Location(path), UNREADABLE, f"cannot read catalogue: {err}")) from err
    except OSError as err:
        raise CatalogueError(
            Problem(Location(path), UNREADABLE, f"cannot read catalogue: {err.strerror or err}")
        ) from err
    return parse_po(data, path)


def parse_po(data: bytes, path: Path) -> polib.POFile:
    """The catalogue in `data` (the bytes of `path`); malformed or non-UTF-8 input raises CatalogueError."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        message = f"catalogue is not valid UTF-8 (byte 0x{data[err.start]:02x}); save it as UTF-8"
        raise CatalogueError(Problem(Location(path, line, column), UNREADABLE, message)) from err
    control = bidi_control(text, path)
    if control is not None:
        raise CatalogueError(control)
    # polib reads its argument as a file name when such a file exists: text with a line break never is one.
    if not text.endswith("\n"):
        text += "\n"
    # os.path (not Path.is_file) because it answers False for any name the system cannot stat.
    if os.path.isfile(text):  # noqa: PTH113
        raise CatalogueError(Problem(Location(path), UNREADABLE, "malformed catalogue"))
    try:
        return polib.pofile(text, wrapwidth=0, encoding="utf-8")
    except (OSError, ValueError, LookupError, TypeError, AttributeError) as err:
        # polib says "Syntax error in po file (line N)"; other failures have no line.
        found = _POLIB_LINE.search(str(err))
        line = int(found.group(1)) if found else 1
        reason = _POLIB_LINE.sub("", str(err)).replace("Syntax error in po file", "syntax error").strip(" :")
        raise CatalogueError(Problem(Location(path, line, 1), UNREADABLE, f"malformed catalogue: {reason}")) from err


def write_po(catalogue: polib.POFile, path: Path) -> bool:
    """Write the catalogue when its text changed; True when the file was written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = str(catalogue) + "\n"
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True
