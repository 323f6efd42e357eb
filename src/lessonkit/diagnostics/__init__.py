"""One located diagnostic type for every command: loader problems, checker findings, QA, build refusals.

Everything lessonkit reports about its input is a `Diagnostic`: a place (`Location`), a code (an
`E`/`W`/`I`/`R`/`X`/`S` number or a checker rule id such as `tone.fear`), a `Severity`, a message
and an optional suggestion. It prints as `path:line:col: severity CODE message [suggestion]`.
The codes are registered in `lessonkit.diagnostics.codes`, the output formats live in
`lessonkit.diagnostics.report` (printed by every command through `lessonkit.cli.output`), and exit
statuses in `lessonkit.exit_status`.

This module is imported by the checker's hot path, so it imports nothing heavier than the
standard library's dataclasses and enum.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Literal


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file; lines and columns count from 1."""

    path: Path
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"

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


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One thing to report at one place: `path:line:col: severity CODE message [suggestion]`.

    The field order is also the sort order: by place, then code, then message.
    """

    location: Location
    code: str
    message: str
    severity: Severity | SeverityName = Severity.ERROR
    suggestion: str = ""

    def __post_init__(self) -> None:
        # Callers may pass the plain words ("warning"); stored as the enum so a typo fails here.
        object.__setattr__(self, "severity", Severity(self.severity))

    def __str__(self) -> str:
        hint = f" [{self.suggestion}]" if self.suggestion else ""
        return f"{self.location}: {self.severity} {self.code} {self.message}{hint}"


def sort_key(d: Diagnostic) -> tuple[Path, int, int, str, str, str, str]:
    """A Diagnostic's fields in the order its dataclass compares them, its Location's flattened in.

    Sorting by this key gives the dataclass's order (lexicographic over the nested fields is
    lexicographic over the flattened ones), compared in C: the generated `__lt__` builds tuples of
    fields on every call, and a megabyte of prose has 6,000 findings and 80,000 comparisons.
    """
    where = d.location
    return (where.path, where.line, where.column, d.code, d.message, d.severity, d.suggestion)


@dataclass(frozen=True, order=True)
class Suppression:
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
    """A user-facing failure (bad arguments, unusable input); printed without a traceback."""


class UnusableInputError(LessonkitError):
    """Input that cannot be used, with every located diagnostic that says why (exit 2).

    Commands print the diagnostics in the format asked for (text, JSON, GitHub, SARIF), so a
    refused input still comes out as JSON when a CI job asked for JSON.
    """

    def __init__(self, diagnostics: list[Diagnostic], headline: str = "") -> None:
        lines = "\n".join(str(d) for d in diagnostics)
        super().__init__(f"{headline}:\n{lines}" if headline else lines)
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
]
