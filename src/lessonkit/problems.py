"""Located problems: every error the tool reports names a file, a line and a column."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file; lines and columns count from 1."""

    path: Path
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, in the `path:line:col: severity CODE message` form."""

    location: Location
    code: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.location}: {self.severity} {self.code} {self.message}"


class LessonkitError(Exception):
    """A user-facing failure (bad arguments, unusable input); printed without a traceback."""
