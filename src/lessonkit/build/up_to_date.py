"""The whole-build shortcut: when no input changed since the last good build, there is nothing to do.

Per-document hashes already skip unchanged documents, but finding that out means translating
and checking every locale first (seconds). One hash over every input file, the code and the
options answers "nothing changed" in a fraction of a second.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lessonkit import __version__
from lessonkit.build.cache import CACHE_DIR
from lessonkit.build.fingerprint import CODE_DIR, digest, file_digest, tree_digest
from lessonkit.problems import Location, Problem

if TYPE_CHECKING:
    from lessonkit.build.pipeline import BuildOptions, BuildReport

STAMP = "last-build.json"
INPUT_FOLDERS = ("lessons", "locales", "handouts", "site-theme")
INPUT_FILES = ("mkdocs.yml",)
# Options that change what is built (not how fast or how loudly).
OUTPUT_OPTIONS = ("output", "locale_ids", "paper", "site", "fallback_guides")


def inputs_digest(options: BuildOptions) -> str:
    """One hash of the code, every input file and the options that shape the output."""
    root = options.root
    return digest(
        __version__,
        tree_digest(CODE_DIR, pattern="*.py"),
        tree_digest(*(root / name for name in INPUT_FOLDERS)),
        *(file_digest(root / name) for name in INPUT_FILES),
        repr([str(getattr(options, name)) for name in OUTPUT_OPTIONS]),
    )


def last_build(options: BuildOptions, inputs: str) -> dict[str, Any] | None:
    """The record of the last good build when it had exactly these inputs and its output is still there."""
    stamp = options.root / CACHE_DIR / STAMP
    try:
        record: dict[str, Any] = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("inputs") != inputs or not options.output.is_dir():
        return None
    return record


def remember(options: BuildOptions, inputs: str, report: BuildReport) -> None:
    """Record a build that succeeded, with what it reported, so that a no-op rebuild can say it again."""
    record = {
        "inputs": inputs,
        "locales": list(report.locales),
        "documents": report.documents,
        "not_ready": [_plain(p) for p in report.not_ready],
        "warnings": [_plain(p) for p in report.warnings],
    }
    folder = options.root / CACHE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    (folder / STAMP).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


def problems(record: dict[str, Any], key: str) -> list[Problem]:
    """Problems saved in a build record."""
    return [
        Problem(Location(Path(p["path"]), p["line"], p["column"]), p["code"], p["message"], p["severity"])
        for p in record.get(key, [])
    ]


def _plain(problem: Problem) -> dict[str, Any]:
    where = dataclasses.asdict(problem.location)
    return {
        **where,
        "path": str(problem.location.path),
        "code": problem.code,
        "message": problem.message,
        "severity": problem.severity,
    }
