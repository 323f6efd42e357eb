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


def _threshold_during(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths: list[Path]) -> tuple[int, ...]:
    seen: list[tuple[int, ...]] = []

    def watching(document: Document, rules: list[Rule]) -> list[Diagnostic]:
        seen.append(gc.get_threshold())
        return check_document(document, rules)

    monkeypatch.setattr(run, "check_document", watching)
    gc.unfreeze()
    before = gc.get_threshold()
    run.check_paths(paths, run.Options(band="11-13", audience="students"))
    assert gc.get_threshold() == before  # restored after the run
    assert seen
    return seen[0]


def test_a_run_of_plain_text_collects_after_two_objects_per_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A megabyte of prose is never walked by a collection; a small file keeps the usual threshold."""
    young = gc.get_threshold()[0]
    large = tmp_path / "large.txt"
    large.write_text("Tell a trusted adult if something online worries you.\n\n" * 20_000, encoding="utf-8")
    size = large.stat().st_size
    assert 2 * size > young
    assert _threshold_during(tmp_path, monkeypatch, [large])[0] == min(2 * size, run._PLAIN_RUN_YOUNG_OBJECTS)
    small = tmp_path / "small.txt"
    small.write_text("Tell a trusted adult.\n", encoding="utf-8")
    assert _threshold_during(tmp_path, monkeypatch, [small])[0] == young


def test_the_bound_holds_for_the_largest_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = []
    for number in range(3):
        path = tmp_path / f"part{number}.txt"
        path.write_text("A calm sentence about asking for help.\n" * 50_000, encoding="utf-8")
        files.append(path)
    assert 2 * sum(p.stat().st_size for p in files) > run._PLAIN_RUN_YOUNG_OBJECTS
    assert _threshold_during(tmp_path, monkeypatch, files)[0] == run._PLAIN_RUN_YOUNG_OBJECTS


def test_a_run_that_reads_a_lesson_keeps_the_usual_threshold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Lessons and catalogues are parsed into objects that do form cycles: their runs collect as usual."""
    root = Path(__file__).resolve().parent.parent
    lesson = root / "lessons" / "students" / "11-13" / "fake-images.md"
    young = gc.get_threshold()[0]
    seen: list[int] = []
    real = run._young_objects_for_plain_text

    def watching(files: list[Path]) -> None:
        seen.append(len(files))
        real(files)

    monkeypatch.setattr(run, "_young_objects_for_plain_text", watching)
    monkeypatch.chdir(root)
    report, _ = run.check_paths([lesson], run.Options())
    assert report.files == 1
    assert seen == [] and gc.get_threshold()[0] == young
