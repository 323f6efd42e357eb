"""Golden test of the HTML fed to WeasyPrint: the authoring guide's example lesson as a student handout.

Regenerate after an intended change with `LESSONKIT_UPDATE_GOLDEN=1 pytest tests/test_print_golden.py`
and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

from conftest import ROOT
from lessonkit.i18n.ui import translator
from lessonkit.load.curriculum import load_curriculum
from lessonkit.locale.country_pack import require_country_pack
from lessonkit.locale.locales import find_locale
from lessonkit.render.html.documents import render_lesson_html
from lessonkit.render.settings import RenderSettings
from print_project import example_lessons, make_project

GOLDEN = Path(__file__).parent / "golden" / "example-handout.en-IE.html"


def test_handout_html_matches_golden(tmp_path: Path) -> None:
    root = make_project(tmp_path, example_lessons())
    curriculum, problems = load_curriculum(root)
    assert curriculum is not None and not problems
    lesson = curriculum.lesson("example-helpers-4-7")
    assert lesson is not None
    settings = RenderSettings(curriculum.config, root)
    locale, pack, ui = find_locale(ROOT, "en-IE"), require_country_pack(ROOT, "IE"), translator(ROOT, "en")
    document = render_lesson_html("handout", lesson, locale, pack, ui, settings)
    assert not document.warnings
    if os.environ.get("LESSONKIT_UPDATE_GOLDEN"):
        GOLDEN.write_text(document.html, encoding="utf-8")
    assert document.html == GOLDEN.read_text(encoding="utf-8")
