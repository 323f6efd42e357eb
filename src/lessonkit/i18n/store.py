"""Where catalogues live and how they are read and written (`locales/<lang>/<name>.po`).

A catalogue comes from a volunteer, so it is read like any other input: a regular file only
(checked after opening), at most `MAX_PO_BYTES`, UTF-8. A catalogue that cannot be read or
parsed is a located error (`path:line:col: error I107 ...`), never a traceback.
"""

from __future__ import annotations

import codecs
import gettext
import os
import re
import tempfile
from pathlib import Path, PurePath

import polib

from lessonkit.diagnostics import LessonkitError, UnusableInputError, printable_path
from lessonkit.i18n.catalogue import LOCALES_DIR
from lessonkit.load.source_file import UnreadableFileError, bidi_control, read_bytes
from lessonkit.problems import Location, Problem

LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")  # as locales/locales.yml writes a language (its schema's pattern)
FILE_MODE = 0o644  # as the catalogues are committed: readable by all, written by their owner
# The largest shipped catalogue is about 60 KB; a catalogue this large is a mistake or an attack.
MAX_PO_BYTES = 4 * 1024 * 1024
UNREADABLE = "I107"
_POLIB_LINE = re.compile(r"\(line (\d+)\)")
# C0 control characters other than tab, newline and carriage return, written raw or as a PO escape
# (polib reads `\b`, `\v`, `\f`). No translation needs one; NUL separates plural forms in a compiled
# .mo catalogue (so it would split a translation there) and XML, which the exports write, forbids them all.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Languages have one to six plural forms (CLDR; Arabic has six). The header's count sizes every plural
# entry `i18n update` writes: `nplurals=250000` wrote an 8.8 MB catalogue, and more without bound.
MAX_PLURAL_FORMS = 6
_PLURAL_FORMS = re.compile(r"\s*nplurals\s*=\s*(?P<count>\d{1,9})\s*;\s*plural\s*=\s*(?P<rule>[^;]*);?\s*")
_PLURAL_TRIES = 1000  # counts the rule is tried on: each must choose one of the forms
_CONTROL_NAMES = {"\x00": "NUL", "\x08": "backspace", "\x0b": "vertical tab", "\x0c": "form feed", "\x1b": "escape"}


class CatalogueError(UnusableInputError):
    """A catalogue that cannot be used, with the located problem that says why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__([problem])
        self.problem = problem


def po_path(root: Path, language: str, name: str) -> Path:
    """The translation catalogue of `name` (a lesson id, `ui` or `countries`) for one language.

    The language may come from the command line (`i18n update -l`), where `-l ../../x` wrote
    catalogues outside the project: a language is a code as locales.yml writes it, and a name
    one file name, or this is a user error (exit 2).
    """
    if not LANGUAGE_CODE.fullmatch(language):
        raise LessonkitError(f"'{language}' is not a language code: two or three small letters, e.g. de or ar")
    if PurePath(name).name != name or name.startswith("."):
        raise LessonkitError(f"'{name}' is not a catalogue name")
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


def catalogue_lines(path: Path) -> list[str]:
    """The lines of a catalogue as polib's `linenum` counts them here (split at newlines only); [] if it is unreadable.

    Read through the catalogue's own limits, never `Path.read_text`, whose universal newlines
    break lines at a lone carriage return, which polib (as given its text by `parse_po`) does not.
    """
    try:
        return read_bytes(path, MAX_PO_BYTES).decode("utf-8-sig", errors="replace").split("\n")
    except OSError:  # read a moment ago; if it went away since, entries are placed at their first lines
        return []


class _Lines(str):
    """A catalogue's text that polib splits into lines at newlines (U+000A) only.

    polib reads a text through `str.splitlines`, which also breaks at U+2028, U+2029, U+0085, form
    feed, vertical tab, U+001C to U+001E and a lone carriage return. Each of these in a catalogue
    moved every later entry's `linenum` one line down (so every finding there pointed at the wrong
    line), and one inside a quoted string cut `msgstr "a<U+2028>b"` in two: a syntax error. Lines
    here are what GNU msgfmt, `catalogue_lines`, the suppressions and every source file count.
    (The controls among them are refused before polib reads the text: see `_CONTROL`.)
    """

    def splitlines(self, keepends: bool = False) -> list[str]:
        lines = str.split(self, "\n")
        return [line + "\n" for line in lines[:-1]] + lines[-1:] if keepends else lines


def parse_po(data: bytes, path: Path) -> polib.POFile:
    """The catalogue in `data` (the bytes of `path`); malformed or non-UTF-8 input raises CatalogueError."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        message = f"catalogue is not valid UTF-8 (byte 0x{data[err.start]:02x}); save it as UTF-8"
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # what some Windows editors save
            message = "catalogue is saved as UTF-16; save it as UTF-8"
        raise CatalogueError(Problem(Location(path, line, column), UNREADABLE, message)) from err
    control = bidi_control(text, path)
    if control is not None:
        raise CatalogueError(control)
    found = _CONTROL.search(text)
    if found is not None:
        raise CatalogueError(Problem(Location.at(path, text, found.start()), UNREADABLE, _control(found.group())))
    # polib reads its argument as a file name when such a file exists: text with a line break never is one.
    if not text.endswith("\n"):
        text += "\n"
    # os.path (not Path.is_file) because it answers False for any name the system cannot stat.
    if os.path.isfile(text):  # noqa: PTH113
        raise CatalogueError(Problem(Location(path), UNREADABLE, "malformed catalogue"))
    try:
        catalogue = polib.pofile(_Lines(text), wrapwidth=0, encoding="utf-8")
    except (OSError, ValueError, LookupError, TypeError, AttributeError) as err:
        # polib says "Syntax error in po file (line N)"; other failures have no line.
        line_found = _POLIB_LINE.search(str(err))
        line = int(line_found.group(1)) if line_found else 1
        reason = _POLIB_LINE.sub("", str(err)).replace("Syntax error in po file", "syntax error").strip(" :")
        raise CatalogueError(Problem(Location(path, line, 1), UNREADABLE, f"malformed catalogue: {reason}")) from err
    forms = catalogue.metadata.get("Plural-Forms")
    wrong = None if forms is None else _plural_forms_problem(forms)
    if wrong is not None:
        where = Location.at(path, text, max(text.find("Plural-Forms:"), 0))
        raise CatalogueError(Problem(where, UNREADABLE, f"Plural-Forms header: {wrong}"))
    for entry in catalogue:  # a control written as an escape: at its entry
        for value in (entry.msgstr, *entry.msgstr_plural.values()):
            escaped = _CONTROL.search(value)
            if escaped is not None:
                problem = Problem(Location(path, entry.linenum or 1, 1), UNREADABLE, _control(escaped.group()))
                raise CatalogueError(problem)
    return catalogue


def _plural_forms_problem(header: str) -> str | None:
    """What is wrong with a `Plural-Forms` header's value (`nplurals=2; plural=(n != 1);`), or None.

    The rule is read by the standard library's gettext (a parser of C expressions in `n` that
    refuses anything else, at most 1,000 characters and 20 brackets deep), the way the build reads it.
    """
    found = _PLURAL_FORMS.fullmatch(header)
    if found is None:
        return "write it as 'nplurals=N; plural=EXPRESSION;'"
    count = int(found["count"])
    if not 1 <= count <= MAX_PLURAL_FORMS:
        return f"nplurals={count}: a language has 1 to {MAX_PLURAL_FORMS} plural forms"
    try:
        rule = gettext.c2py(found["rule"].strip())
        chosen = {rule(n) for n in range(_PLURAL_TRIES)}
    except (ValueError, SyntaxError, RecursionError, ZeroDivisionError, OverflowError) as err:
        return f"the plural rule cannot be used: {err or type(err).__name__}"
    if not chosen <= set(range(count)):
        return f"the plural rule chooses form {max(chosen)} (or below 0), but nplurals is {count}"
    return None


def _control(char: str) -> str:
    name = _CONTROL_NAMES.get(char, "control character")
    return (
        f"catalogue holds U+{ord(char):04X} ({name}), which no translation needs and the outputs cannot hold;"
        " delete it (a line break in a translation is written \\n)"
    )


def write_po(catalogue: polib.POFile, path: Path) -> bool:
    """Write the catalogue when its text changed; True when the file was written.

    Written whole or not at all: into a new file beside it, then renamed over it. The rename
    replaces a symbolic link itself, so a link planted at a catalogue's name (a contributed
    `locales/de/x.po -> ~/.bashrc`) is not written through: `path.write_text` overwrote the
    file it pointed to, or created one where a dangling link pointed, outside the project.
    A catalogue that cannot be written is an error (exit 2), not a traceback.
    """
    data = (str(catalogue) + "\n").encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_symlink() and _same_bytes(path, data):
            return False
        _replace(path, data)
    except OSError as err:
        raise LessonkitError(f"cannot write {printable_path(path)}: {err.strerror or err}") from err
    return True


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return read_bytes(path, len(data)) == data
    except OSError:  # missing, too large, not a regular file: write it
        return False


def _replace(path: Path, data: bytes) -> None:
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as file:
            os.fchmod(file.fileno(), FILE_MODE)  # mkstemp makes it 0600; catalogues are shared files
            file.write(data)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
