"""Golden files: compare an output with its reviewed copy under tests/golden/, or rewrite it on request.

`LESSONKIT_UPDATE_GOLDEN=1 pytest tests/test_x.py` rewrites the golden files a test compares with
(the switch tests/test_print_golden.py introduced); review the diff before committing it.
"""

from __future__ import annotations

import difflib
import itertools
import os
import re
from collections.abc import Collection
from pathlib import Path

UPDATE_VARIABLE = "LESSONKIT_UPDATE_GOLDEN"


def updating() -> bool:
    """True when the golden files are to be rewritten rather than compared."""
    return bool(os.environ.get(UPDATE_VARIABLE))


def assert_golden(path: Path, actual: str) -> None:
    """`actual` equals the golden file at `path` (written first when updating)."""
    if updating():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"no golden file {path}: run with {UPDATE_VARIABLE}=1, then review it"
    assert actual == path.read_text(encoding="utf-8"), f"{path} differs (intended? {UPDATE_VARIABLE}=1, then review)"


def assert_golden_tree(folder: Path, actual: dict[str, str], *, keep: Collection[str] = ()) -> None:
    """The text files under `folder` are exactly `actual` (relative POSIX path -> text), as pelican's
    functional tests compare a built site with a committed one.

    When updating, files of `actual` are written and other files under `folder` removed (except
    `keep`, files the caller compares itself). A mismatch names the missing and extra files and shows
    a unified diff of the first few differing files, cut short, so the failure is readable in CI.
    """
    if updating():
        for stale in _tree(folder) - actual.keys() - set(keep):
            (folder / stale).unlink()
        for name, text in actual.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
    assert folder.is_dir(), f"no golden folder {folder}: run with {UPDATE_VARIABLE}=1, then review it"
    golden = _tree(folder) - set(keep)
    missing = sorted(golden - actual.keys())
    extra = sorted(actual.keys() - golden)
    changed = sorted(n for n in golden & actual.keys() if (folder / n).read_text(encoding="utf-8") != actual[n])
    if not (missing or extra or changed):
        return
    report = [f"{folder} differs from the output (intended? {UPDATE_VARIABLE}=1, then review the diff)"]
    report += [f"missing from the output: {name}" for name in missing]
    report += [f"not in the golden folder: {name}" for name in extra]
    report.append(f"{len(changed)} file(s) differ: " + ", ".join(changed))
    for name in changed[:_DIFFED_FILES]:
        lines = difflib.unified_diff(
            _display_lines((folder / name).read_text(encoding="utf-8")),
            _display_lines(actual[name]),
            f"golden/{name}",
            f"output/{name}",
            n=2,
            lineterm="",
        )
        shown = list(itertools.islice(lines, _DIFF_LINES + 1))
        report += shown[:_DIFF_LINES] + (["... (diff cut short)"] if len(shown) > _DIFF_LINES else [])
    raise AssertionError("\n".join(report))


# How much of a tree's difference a failure shows: enough to see what changed, not a whole site.
_DIFFED_FILES = 3
_DIFF_LINES = 40
_LONG_LINE = 300


def _tree(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} if folder.is_dir() else set()


def _display_lines(text: str) -> list[str]:
    """Lines for a diff; a very long line (a one-line JSON search index) is broken after its commas
    so that the diff points at the entry that changed. Only the display: files compare byte for byte."""
    return [
        part for line in text.splitlines() for part in (re.split(r"(?<=,)", line) if len(line) > _LONG_LINE else [line])
    ]
