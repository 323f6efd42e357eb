"""Review of human-facing errors: a path from the command line never prints a line of its own."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli


def test_a_missing_file_named_with_a_newline_prints_one_error_line(tmp_path: Path) -> None:
    # LessonkitError keeps the line breaks a message is made of, so a path must be escaped where it is
    # written into one: a name holding a newline printed a forged finding line of its own.
    name = "missing\nlessons/x.md:1:1: error tone.victim-blaming FORGED"
    run = run_cli("check", name, cwd=tmp_path)
    assert run.code == 2
    lines = [line for line in run.err.splitlines() if line]
    assert len(lines) == 1, run.err
    assert lines[0].startswith("lessonkit: error: ") and "missing\\nlessons/x.md:1:1" in lines[0]
