"""One located diagnostic type for every command: loader problems, checker findings, QA, build refusals.

Everything lessonkit reports about its input is a `Diagnostic`: a place (`Location`), a code (an
`E`/`W`/`I`/`R`/`X`/`S` number or a checker rule id such as `tone.fear`), a `Severity`, a message
and an optional suggestion. It prints as `path:line:col: severity CODE message [suggestion]`.
The codes are registered in `lessonkit.diagnostics.codes`, the output formats live in
`lessonkit.diagnostics.report` (printed by every command through `lessonkit.cli.output`), and exit
statuses in `lessonkit.exit_status`.

This module is imported by the checker's hot path, so it imports nothing heavier than the
standard library's enum and typing. Its three records are named tuples, not frozen dataclasses:
a dataclass's methods are generated and compiled at every start (about 1.5 ms each for these
three, with `order=True`), a named tuple is made in C and compares, sorts and hashes as the tuple
of its fields, which is the order wanted here.

Paths and messages come from input (a file name, a rule file, a lesson quoted in a finding), and
every human-facing format shows them through `printable` (`printable_path` for a path): a file
named with U+202E would otherwise read backwards in a terminal or a review page, and a newline in
one would print a forged finding line.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path, PurePath
from typing import Literal, NamedTuple

# --- showing input to a reader ----------------------------------------------------------------------
#
# The Unicode categories a terminal, a CI log or a code-review page does not show as themselves:
# Cc, the C0 and C1 controls (a newline starts a forged finding line, ESC and U+009B start terminal
# sequences); Cf, the format characters (the bidi embeddings, overrides and isolates, U+202E
# "RIGHT-TO-LEFT OVERRIDE" among them, which make `report\u202efdp.md` read as `reportdm.pdf`, and the
# zero-width characters); Cs, lone surrogates (the undecodable bytes of a file name, which cannot be
# printed at all); Zl and Zp, the line and paragraph separators some viewers break lines at.
# Each is written as Python writes it in a string literal: `\t`, `\n` and `\r`, else `\u` and four
# lower-case hex digits (`\u202e`), or `\U` and eight beyond U+FFFF: visible, plain ASCII, and
# naming the exact code point. Every other character, any script's letters included, is shown as it is.
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escaped(char: str) -> str:
    code = ord(char)
    return _SHORT.get(char) or (f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")


def printable(text: str) -> str:
    r"""`text` with every control, format or separator character escaped (`\u202e`), for a reader's eyes.

    For messages, suggestions and reasons: a backslash is left as it is (messages quote rule
    patterns), so only `printable_path` is reversible.
    """
    # str.isprintable is False for every character of those categories (and for a few harmless
    # ones, such as U+00A0, which the slow path keeps): one pass in C for the usual clean text.
    if text.isprintable():
        return text
    import unicodedata  # here, not at the top: only an odd string needs it, and this module is on the hot path

    return "".join(_escaped(c) if unicodedata.category(c) in _HIDDEN else c for c in text)


def printable_path(path: PurePath | str) -> str:
    r"""A path as every human-facing format shows it: `printable`, with a backslash doubled first.

    Doubling the backslash makes the escape unambiguous: a file literally named `a\u202e.md`
    shows as `a\\u202e.md`, one holding the override as `a\u202e.md`.
    """
    return printable(str(path).replace("\\", "\\\\"))


class Location(NamedTuple):
    """A place in a source file; lines and columns count from 1 (compared by path, line, column)."""

    path: Path
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{printable_path(self.path)}:{self.line}:{self.column}"

    @classmethod
    def at(cls, path: Path, text: str, offset: int) -> Location:
        """The place of the character at `offset` in `text`, the contents of `path`."""
        line_start = text.rfind("\n", 0, offset) + 1
        return cls(path, text.count("\n", 0, offset) + 1, offset - line_start + 1)


class Severity(StrEnum):
    """How much a diagnostic matters; a str, so it prints and serialises as its value."""

    ERROR = "error"
    WARNING = "warning"


ERROR = Severity.ERROR
WARNING = Severity.WARNING
# The plain words are accepted where a diagnostic is made (rule files write them); stored as Severity.
SeverityName = Literal["error", "warning"]


class _DiagnosticFields(NamedTuple):
    location: Location
    code: str
    message: str
    severity: Severity = Severity.ERROR
    suggestion: str = ""


class Diagnostic(_DiagnosticFields):
    """One thing to report at one place: `path:line:col: severity CODE message [suggestion]`.

    The field order is also the sort order: by place, then code, then message.
    """

    __slots__ = ()

    def __new__(
        cls,
        location: Location,
        code: str,
        message: str,
        severity: Severity | SeverityName = Severity.ERROR,
        suggestion: str = "",
    ) -> Diagnostic:
        """A diagnostic; `severity` may be its plain word ("warning"), stored as the enum so a typo fails here."""
        return super().__new__(cls, location, code, message, Severity(severity), suggestion)

    def __str__(self) -> str:
        hint = f" [{printable(self.suggestion)}]" if self.suggestion else ""
        return f"{self.location}: {self.severity} {printable(self.code)} {printable(self.message)}{hint}"


def sort_key(d: Diagnostic) -> tuple[Path, int, int, str, str, str, str]:
    """A Diagnostic's fields in the order it compares them, its Location's flattened in.

    Sorting by this key gives the order Diagnostics compare in (lexicographic over the nested
    fields is lexicographic over the flattened ones).
    """
    where = d.location
    return (where.path, where.line, where.column, d.code, d.message, d.severity, d.suggestion)


class Suppression(NamedTuple):
    """An inline `<!-- lessonkit: ignore RULE "reason" -->` comment and the lines it covers."""

    location: Location
    rule: str
    reason: str
    last_line: int

    def covers(self, diagnostic: Diagnostic) -> bool:
        """True when the diagnostic has this suppression's rule (or family) inside its lines."""
        where = diagnostic.location
        same_rule = diagnostic.code == self.rule or diagnostic.code.startswith(self.rule + ".")
        return same_rule and where.path == self.location.path and self.location.line <= where.line <= self.last_line


class LessonkitError(Exception):
    """A user-facing failure (bad arguments, unusable input); printed without a traceback.

    Its text names paths and values from input, so it reads through `printable`, line by line:
    the lines a message is made of stay, a control or bidi character inside one is escaped.
    """

    def __str__(self) -> str:
        return "\n".join(printable(line) for line in super().__str__().split("\n"))


class UnusableInputError(LessonkitError):
    """Input that cannot be used, with every located diagnostic that says why (exit 2).

    Commands print the diagnostics in the format asked for (text, JSON, GitHub, SARIF), so a
    refused input still comes out as JSON when a CI job asked for JSON.
    """

    def __init__(self, diagnostics: list[Diagnostic], headline: str = "") -> None:
        lines = "\n".join(str(d) for d in diagnostics)
        super().__init__(f"{printable(headline)}:\n{lines}" if headline else lines)
        self.diagnostics = diagnostics
        self.headline = headline


__all__ = [
    "ERROR",
    "WARNING",
    "Diagnostic",
    "LessonkitError",
    "Location",
    "Severity",
    "Suppression",
    "UnusableInputError",
    "printable",
    "printable_path",
]
