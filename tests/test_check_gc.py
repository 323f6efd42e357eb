"""`check_paths` freezes the long-lived objects for the run and thaws them afterwards.

Freezing spares the full garbage collections of a long run a walk over every module and rule;
thawing keeps a process that goes on (tests, a library user) collecting as usual.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from lessonkit.check import run
from lessonkit.check.document import Document
from lessonkit.check.engine import check_document
from lessonkit.check.rulebook import Rule
from lessonkit.diagnostics import Diagnostic, LessonkitError


def test_objects_are_frozen_during_the_run_and_thawed_after(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = tmp_path / "note.md"
    text.write_text("If someone tricks you, it is never your fault. Tell a trusted adult.\n", encoding="utf-8")
    frozen_during: list[int] = []

    def watching(document: Document, rules: list[Rule]) -> list[Diagnostic]:
        frozen_during.append(gc.get_freeze_count())
        return check_document(document, rules)

    monkeypatch.setattr(run, "check_document", watching)
    gc.unfreeze()
    report, _ = run.check_paths([text], run.Options(band="8-10", audience="students"))
    assert report.files == 1
    assert frozen_during and frozen_during[0] > 1000  # modules and the rulebook at least
    assert gc.get_freeze_count() == 0


def test_a_refused_run_thaws_too(tmp_path: Path) -> None:
    with pytest.raises(LessonkitError):
        run.check_paths([tmp_path / "missing.md"], run.Options())
    assert gc.get_freeze_count() == 0


def test_a_callers_own_freeze_is_left_as_it_was(tmp_path: Path) -> None:
    text = tmp_path / "note.md"
    text.write_text("Tell a trusted adult.\n", encoding="utf-8")
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        run.check_paths([text], run.Options(band="8-10", audience="students"))
        # Neither thawed (then 0) nor frozen further (thousands more); frozen objects can be freed.
        assert 0 < gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()
