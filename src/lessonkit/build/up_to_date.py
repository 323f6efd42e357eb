"""The whole-build shortcut: when no input changed since the last good build, there is nothing to do.

Per-document hashes already skip unchanged documents, but finding that out means translating
and checking every locale first (seconds). One hash over every input file, the code and the
options answers "nothing changed" in a fraction of a second.

The record (`.lessonkit-cache/last-build.json`) is a cache like any other: a damaged one is
discarded with a warning and the build runs in full. It names the output it produced by the
token in that output's marker file, so an output replaced since (by `lessonkit site`, by another
build, by hand) is never mistaken for the recorded one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from lessonkit import __version__
from lessonkit.build.cache import CACHE_DIR
from lessonkit.build.fingerprint import CODE_DIR, digest, file_digest, tree_digest
from lessonkit.build.staging import output_token
from lessonkit.cache_file import discard, read_sealed_file, write_sealed_file
from lessonkit.diagnostics import Severity
from lessonkit.problems import Location, Problem
from lessonkit.shipped import ShippedName, project_or_shipped

if TYPE_CHECKING:
    from lessonkit.build.pipeline import BuildOptions, BuildReport

STAMP = "last-build.json"
DAMAGED = "W902"  # a damaged record: said once, not repeated by the next no-op build
INPUT_FOLDERS = ("lessons", "locales")
# Inputs a project may have of its own, else lessonkit's are used (and hashed, so an upgrade rebuilds).
SHIPPED_FOLDERS: tuple[ShippedName, ...] = ("handouts", "site-theme")
SHIPPED_FILE: ShippedName = "mkdocs.yml"
# Options that change what is built (not how fast or how loudly).
OUTPUT_OPTIONS = ("output", "locale_ids", "paper", "site", "fallback_guides")
MAX_RECORD_BYTES = 16 * 1024 * 1024


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class SavedProblem(_Strict):
    """A problem as the record keeps it."""

    path: str
    line: int
    column: int
    code: str
    message: str
    severity: str


class BuildRecord(_Strict):
    """What the last good build reported, and which inputs and output it had."""

    inputs: str
    output: str
    locales: list[str]
    documents: Annotated[int, Field(ge=0)]
    not_ready: list[SavedProblem]
    warnings: list[SavedProblem]

    def problems(self, key: str) -> list[Problem]:
        """The saved problems of one kind (`not_ready` or `warnings`)."""
        saved: list[SavedProblem] = getattr(self, key)
        return [
            Problem(Location(Path(p.path), p.line, p.column), p.code, p.message, Severity(p.severity)) for p in saved
        ]


def stamp_path(root: Path) -> Path:
    """Where the record of the last good build is kept."""
    return root / CACHE_DIR / STAMP


def inputs_digest(options: BuildOptions) -> str:
    """One hash of the code, every input file and the options that shape the output."""
    root = options.root
    return digest(
        __version__,
        tree_digest(CODE_DIR, pattern="*.py"),
        tree_digest(*(root / name for name in INPUT_FOLDERS)),
        tree_digest(*(project_or_shipped(root, name) for name in SHIPPED_FOLDERS)),
        file_digest(project_or_shipped(root, SHIPPED_FILE)),
        repr([str(getattr(options, name)) for name in OUTPUT_OPTIONS]),
    )


def last_build(options: BuildOptions, inputs: str) -> tuple[BuildRecord | None, list[Problem]]:
    """The record of the last good build when it had exactly these inputs and its output is still there.

    The second value holds a warning when a record was found damaged and discarded.
    """
    stamp = stamp_path(options.root)
    if not (stamp.exists() or stamp.is_symlink()):
        return None, []
    # Signed like the document cache (build/cache.py): a record planted with a project could
    # otherwise declare planted outputs up to date, and the build would publish them unchecked.
    data = read_sealed_file(stamp, MAX_RECORD_BYTES)
    try:
        if data is None:
            raise ValueError("not a readable regular file signed by this user's cache key")
        if _written_before_output_tokens(data):
            return None, []
        record = BuildRecord.model_validate_json(data)
    except (ValueError, ValidationError) as err:
        # ValidationError is a ValueError; both mean the same here: not a record this build wrote.
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        discard(stamp)
        where = Location(Path(CACHE_DIR) / STAMP)
        message = f"damaged build record discarded ({reason}); building in full"
        return None, [Problem(where, DAMAGED, message, "warning")]
    if record.inputs != inputs or record.output != output_token(options.output):
        return None, []
    return record, []


def _written_before_output_tokens(data: bytes) -> bool:
    # Records of lessonkit before output markers lack "output": out of date, not damaged.
    try:
        old = json.loads(data)
    except ValueError:
        return False
    return isinstance(old, dict) and set(old) == {"inputs", "locales", "documents", "not_ready", "warnings"}


def remember(options: BuildOptions, inputs: str, report: BuildReport, token: str) -> None:
    """Record a build that succeeded, with what it reported, so that a no-op rebuild can say it again."""
    record = BuildRecord(
        inputs=inputs,
        output=token,
        locales=list(report.locales),
        documents=report.documents,
        not_ready=[_plain(p) for p in report.not_ready],
        warnings=[_plain(p) for p in report.warnings if p.code != DAMAGED],
    )
    write_sealed_file(stamp_path(options.root), record.model_dump_json().encode("utf-8"))


def _plain(problem: Problem) -> SavedProblem:
    where = problem.location
    return SavedProblem(
        path=str(where.path),
        line=where.line,
        column=where.column,
        code=problem.code,
        message=problem.message,
        severity=problem.severity,
    )
