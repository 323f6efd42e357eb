"""The regression set (tests/regression/): recall per family and no errors on well-written lessons.

Once called "held-out", but its misses were used to tune the rules: it guards against regressions only.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from checker_support import ROOT, rulebook
from lessonkit.check.run import Options, check_curriculum
from lessonkit.load.curriculum import load_curriculum
from lessonkit.model import Section


def _eval_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_checker", ROOT / "scripts" / "eval_checker.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_checker"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_recall_per_family_is_at_least_90_percent() -> None:
    scores, notes = _eval_script().evaluate()
    assert set(scores) == {"tone", "vocabulary", "terminology", "structure"}
    for score in scores.values():
        assert score.recall >= 0.9, (score.family, score.recall, notes)
        assert score.precision >= 0.8, (score.family, score.precision, notes)


def test_no_error_on_good_child_appropriate_lessons() -> None:
    assert _eval_script().errors_on_good_text() == []


def test_translated_lessons_are_checked_with_their_language_rules() -> None:
    """The i18n stage hands translated Lessons to check_curriculum; German rules must apply to German text."""
    curriculum, _ = load_curriculum(ROOT / "tests" / "regression" / "good")
    assert curriculum is not None
    source = curriculum.lessons[0]
    german = [
        dataclasses.replace(s, text="Das war deine eigene Schuld.") if s.kind == "handout" else s
        for s in source.sections
    ]
    translated = dataclasses.replace(source, sections=tuple(german))
    assert all(isinstance(s, Section) for s in translated.sections)
    report = check_curriculum(curriculum, rulebook(), Options(), translations=[(translated, "de")])
    german_findings = [f for f in report.findings if f.code == "tone.victim-blaming"]
    assert german_findings and "beschuldigt das Kind" in german_findings[0].message
    assert len(german_findings) == 1  # from the translation; the English original has none


def test_good_lessons_folder_is_a_valid_curriculum() -> None:
    curriculum, problems = load_curriculum(Path(ROOT / "tests" / "regression" / "good"))
    assert curriculum is not None and not problems
