"""The annotated example in docs/authoring.md is valid, and the guide documents every code and kind."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT, authoring_example, run_cli
from lessonkit.load.curriculum import load_curriculum
from lessonkit.load.meta import LessonMeta
from lessonkit.load.sections import KINDS


def test_example_validates_cleanly(project: Path) -> None:
    (project / "lessons" / "example.md").write_text(authoring_example(), encoding="utf-8")
    result = run_cli("validate", str(project))
    assert result.code == 0, result.out
    curriculum, problems = load_curriculum(project)
    assert curriculum is not None and not problems
    lesson = curriculum.lessons[0]
    assert lesson.id == "example-helpers-4-7"
    assert [s.kind for s in lesson.sections][:3] == ["ground-rules", "activity", "slide"]


def test_guide_documents_every_field_kind_and_code() -> None:
    guide = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    for field in LessonMeta.model_fields:
        assert f"| `{field}` |" in guide, field
    for kind in KINDS:
        assert f"| `{kind}` |" in guide, kind
    used = set()
    for path in (ROOT / "src" / "lessonkit" / "load").glob("*.py"):
        used |= set(re.findall(r'"(E\d{3})"', path.read_text(encoding="utf-8")))
    documented = set(re.findall(r"\| `(E\d{3})` \|", guide))
    assert used <= documented, used - documented
