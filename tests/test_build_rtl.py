"""Right-to-left output: an Arabic lesson built for ar-DE lays out right to left in HTML, PDF and PPTX."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from conftest import FIXTURES, ROOT, run_cli
from lessonkit.i18n.ui import translator
from lessonkit.load.curriculum import load_curriculum
from lessonkit.locale.country_pack import require_country_pack
from lessonkit.locale.locales import find_locale
from lessonkit.render.html.documents import render_lesson_html
from lessonkit.render.settings import RenderSettings
from print_project import make_project, pdf_fonts, tool

FOLDER = Path("site/downloads/ar-DE/4-7/helpers-ar-4-7")


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    lesson = (FIXTURES / "arabic" / "helpers-ar.md").read_text(encoding="utf-8")
    root = make_project(tmp_path_factory.mktemp("arabic"), {"helpers-ar.md": lesson}, source_language="ar")
    result = run_cli("build", "--no-site", "--locale", "ar-DE", "--jobs", "2", "--quiet", "--project", str(root))
    assert result.code == 0, result.err
    return root


def test_html_is_right_to_left_in_arabic(arabic: Path) -> None:
    curriculum, problems = load_curriculum(arabic)
    assert curriculum is not None and not problems
    locale = find_locale(ROOT, "ar-DE")
    settings = RenderSettings(curriculum.config, arabic)
    document = render_lesson_html(
        "handout", curriculum.lessons[0], locale, require_country_pack(ROOT, "DE"), translator(ROOT, "ar"), settings
    )
    assert '<html lang="ar" dir="rtl">' in document.html


def test_pdf_uses_the_bundled_arabic_font_and_keeps_the_text(arabic: Path) -> None:
    pdf = arabic / FOLDER / "helpers-ar-4-7-handout.pdf"
    names = [name for name, embedded in pdf_fonts(pdf) if embedded == "yes"]
    assert any("Noto-Sans-Arabic" in name for name in names), names
    assert all("Noto-Sans-Arabic" in n or "Atkinson-Hyperlegible" in n for n in names), names
    # pdftotext splits shaped Arabic words at ligatures: compare without spaces and direction marks.
    text = "".join(tool("pdftotext", str(pdf), "-").split()).replace("\u202b", "").replace("\u202c", "")
    assert "يدالمساعدة" in text


def test_pptx_paragraphs_are_marked_rtl(arabic: Path) -> None:
    deck = Presentation(str(arabic / FOLDER / "helpers-ar-4-7-slides.pptx"))
    paragraphs = [
        p
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for p in shape.text_frame.paragraphs
    ]
    assert paragraphs
    assert all(p._p.pPr is not None and p._p.pPr.get("rtl") == "1" for p in paragraphs)
    assert deck.slides[1].shapes.title.text == "المساعدون من حولنا"
