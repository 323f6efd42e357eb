"""The real curriculum: valid, complete per band and audience, and covering the report's recommendations."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from conftest import ROOT, authoring_example, run_cli
from lessonkit.coverage import REQUIRED_EVERYWHERE, coverage_matrix
from lessonkit.load.curriculum import load_curriculum
from lessonkit.model import Curriculum


def _curriculum() -> Curriculum:
    curriculum, problems = load_curriculum(ROOT)
    assert curriculum is not None and not problems, problems
    return curriculum


def test_validate_exits_zero_on_the_curriculum() -> None:
    result = run_cli("validate", "lessons")
    assert result.code == 0, result.out


def test_counts_per_band_and_audience() -> None:
    rows = json.loads(run_cli("list", "--format", "json").out)
    students = [r for r in rows if r["audience"] == "students"]
    assert len(students) >= 22
    per_band = Counter(r["band"] for r in students)
    assert set(per_band) == {"4-7", "8-10", "11-13", "14-18"}
    assert min(per_band.values()) >= 5
    audiences = Counter(r["audience"] for r in rows)
    assert audiences["parents"] >= 3 and audiences["educators"] >= 2
    assert all(r["sources"] for r in rows)


def test_student_lessons_meet_the_standard() -> None:
    curriculum = _curriculum()
    for lesson in (x for x in curriculum.lessons if x.is_student_lesson):
        band = curriculum.config.band(lesson.band or "")
        assert band is not None and lesson.duration == band.duration, lesson.id
        assert 2 <= len(lesson.objectives) <= 4, lesson.id
        assert 3 <= len(lesson.key_messages) <= 5, lesson.id
        assert lesson.vocabulary, lesson.id
        assert len(lesson.sections_of("quiz")) == 1, lesson.id
        assert 3 <= len(lesson.document.questions) <= 5, lesson.id
        stages = [a.stage for a in lesson.sections_of("activity")]
        assert stages[0] == "starter" and stages[-1] == "plenary", lesson.id
        assert 2 <= stages.count("main") <= 3, lesson.id
        assert lesson.sections[-1].kind == "help", lesson.id
        assert "{{ help." in lesson.sections[-1].text, lesson.id


def test_every_band_covers_education_parents_and_reporting() -> None:
    matrix = coverage_matrix(_curriculum())
    assert matrix.gaps(REQUIRED_EVERYWHERE) == []
    result = run_cli("coverage", "--format", "json")
    assert result.code == 0
    assert json.loads(result.out)["gaps"] == []


def test_coverage_reports_a_gap(project: Path) -> None:
    (project / "lessons" / "example.md").write_text(authoring_example(), encoding="utf-8")
    result = run_cli("coverage", str(project))
    assert result.code == 1
    assert "gap: no lesson for ages 8-10 cites 'rec-education'" in result.err
