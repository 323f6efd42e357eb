"""Help details print exactly in every output and language (issue 11).

Digit groups keep their order in right-to-left text, numbers never break, decks fit their help on
titled slides, a pack that lacks a service refuses its locale, and no English glue or raw token is
left in a translated document.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from conftest import FIXTURES, ROOT, run_cli
from lessonkit.build.localize import localize
from lessonkit.load.curriculum import load_curriculum
from lessonkit.locale.help_tokens import help_tokens_in
from lessonkit.locale.help_wording import LRI, NBSP, PDI, HelpWording
from lessonkit.locale.locales import load_locales
from lessonkit.localized import Localized
from lessonkit.model import Curriculum
from lessonkit.render.html.documents import render_lesson_html
from lessonkit.render.pdf.write import write_pdf
from lessonkit.render.settings import RenderSettings
from lessonkit.render.slides.deck import render_deck
from print_project import example_lessons, make_project, tool

ARABIC = Path("site/downloads/ar-DE/4-7/helpers-ar-4-7")
# What the build itself adds around help services, in English: the joining "or", its labels, and the
# country's name as the pack writes it. None of it may be left in another language's documents.
# (Organisations' English names, e.g. "National Center for Missing and Exploited Children", stay.)
_ADDED = r"or|Get help|continued|not yet confirmed|Hours|Cost|Phone|Sources"
ENGLISH_GLUE = {"de": re.compile(rf"\b({_ADDED})\b"), "ar": re.compile(rf"\b({_ADDED}|Deutschland)\b")}


def _text(pdf: Path) -> str:
    # pdftotext writes right-to-left runs with embedding marks; drop them to compare the digits.
    return tool("pdftotext", str(pdf), "-").replace("\u202b", "").replace("\u202c", "").replace("\u200f", "")


def _groups(text: str) -> list[str]:
    """Every run of digit groups in extracted text, normalised to single spaces."""
    return [" ".join(m.split()) for m in re.findall(r"\d+(?:[ \u00a0]\d+)+", text)]


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    lesson = (FIXTURES / "arabic" / "helpers-ar.md").read_text(encoding="utf-8")
    root = make_project(tmp_path_factory.mktemp("arabic"), {"helpers-ar.md": lesson}, source_language="ar")
    result = run_cli("build", "--no-site", "--locale", "ar-DE", "--jobs", "2", "--quiet", "--project", str(root))
    assert result.code == 0, result.err
    return root


@pytest.fixture(scope="module")
def curriculum() -> Curriculum:
    loaded, problems = load_curriculum(ROOT)
    assert loaded is not None and not [p for p in problems if p.severity == "error"], problems
    return loaded


@pytest.fixture(scope="module")
def locales(curriculum: Curriculum) -> list[Localized]:
    return [localize(curriculum, ROOT, locale) for locale in load_locales(ROOT)]


def test_arabic_pdfs_keep_the_order_of_every_number(arabic: Path) -> None:
    for name in ("helpers-ar-4-7-handout.pdf", "helpers-ar-4-7-family.pdf", "helpers-ar-4-7-slides.pdf"):
        groups = _groups(_text(arabic / ARABIC / name))
        assert "116 111" in groups, (name, groups)
        assert "111 116" not in groups, (name, groups)
    family = _groups(_text(arabic / ARABIC / "helpers-ar-4-7-family.pdf"))
    assert "0800 111 0 550" in family, family
    assert "550 0 111 0800" not in family, family


def test_without_isolation_the_same_number_would_print_reversed(tmp_path: Path) -> None:
    # The control for the test above: the bug this guards against is real in this renderer.
    html = '<html lang="ar" dir="rtl"><body><p>اتصل بالرقم 116 111 الآن</p></body></html>'
    pdf = tmp_path / "control.pdf"
    pdf.write_bytes(write_pdf(html, ROOT, (ROOT / "handouts",), ROOT / "handouts" / "css").data)
    assert "111 116" in _groups(_text(pdf))


def test_arabic_deck_runs_isolate_numbers_and_paragraphs_are_rtl(arabic: Path) -> None:
    deck = Presentation(str(arabic / ARABIC / "helpers-ar-4-7-slides.pptx"))
    help_text = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for paragraph in shape.text_frame.paragraphs:
                if "116" in paragraph.text:
                    help_text.append(paragraph.text)
                    ppr = paragraph._p.pPr
                    assert ppr is not None and ppr.get("rtl") == "1"
    assert help_text, "the deck names no helpline"
    assert all(f"{LRI}116{NBSP}111{PDI}" in text for text in help_text), help_text


def test_isolation_only_where_text_runs_right_to_left() -> None:
    assert HelpWording("de").contact("0800 111 0 550") == "0800\u00a0111\u00a00\u00a0550"
    assert HelpWording("ar", rtl=True).contact("hilfe.de", "web") == f"{LRI}hilfe.de{PDI}"
    assert HelpWording("de").any_of(["A", "B", "C"]) == "A, B oder C"


@pytest.mark.slow
def test_every_deck_pdf_has_one_page_per_pptx_slide(curriculum: Curriculum, locales: list[Localized]) -> None:
    settings = RenderSettings(curriculum.config, ROOT)
    checked = 0
    for item in locales:
        for lesson in item.curriculum.lessons:
            if not lesson.is_student_lesson:
                continue
            slides = len(Presentation(_pptx(render_deck(lesson, item.locale, item.pack, item.ui, settings))).slides)
            document = render_lesson_html("slides-pdf", lesson, item.locale, item.pack, item.ui, settings)
            data = write_pdf(
                document.html,
                ROOT,
                (ROOT / "lessons" / "assets", ROOT / "handouts"),
                ROOT / "handouts" / "css",
                "slides",
            ).data
            pages = len(PdfReader(_pptx(data)).pages)
            assert pages == slides, f"{lesson.id} ({item.locale.id}): {pages} PDF pages, {slides} slides"
            checked += 1
    assert checked >= 60


def _pptx(data: bytes) -> object:
    import io

    return io.BytesIO(data)


@pytest.mark.slow
def test_libreoffice_renders_the_help_slides_without_clipping(
    curriculum: Curriculum, locales: list[Localized], tmp_path: Path
) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed (scripts/install-system-deps.sh installs it)"
    settings = RenderSettings(curriculum.config, ROOT)
    german = next(x for x in locales if x.locale.id == "de-DE")
    # The lesson whose help names the most services has the longest help slides.
    lesson = max(
        (x for x in german.curriculum.lessons if x.is_student_lesson),
        key=lambda x: len(help_tokens_in(s.text for s in x.sections_of("help"))),
    )
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(render_deck(lesson, german.locale, german.pack, german.ui, settings))
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    pdf = tmp_path / "deck.pdf"
    slides = len(Presentation(str(deck)).slides)
    assert len(PdfReader(str(pdf)).pages) == slides
    bbox = tool("pdftotext", "-bbox", str(pdf), "-")
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', bbox)[1])  # type: ignore[index]
    lowest = max(float(y) for y in re.findall(r'yMax="([\d.]+)"', bbox))
    assert lowest <= height, f"text runs below the slide ({lowest} > {height})"
    last = tool("pdftotext", "-f", str(slides), "-l", str(slides), str(pdf), "-")
    assert "110" in last or "116" in last  # the services are on the help slides, not cut off


def test_translated_documents_hold_no_english_glue_and_no_raw_token(
    curriculum: Curriculum, locales: list[Localized]
) -> None:
    settings = RenderSettings(curriculum.config, ROOT)
    for item in locales:
        glue = ENGLISH_GLUE.get(item.locale.language)
        for lesson in item.curriculum.lessons:
            kinds = ("plan", "handout", "family", "slides-pdf") if lesson.is_student_lesson else ("guide",)
            for kind in kinds:
                html = render_lesson_html(kind, lesson, item.locale, item.pack, item.ui, settings).html
                assert "{{" not in html and "{help." not in html, (lesson.id, kind)
                if glue is None:
                    continue
                text = re.sub(r"<[^>]+>", " ", html)
                # Names of services and citations of authors stay as they are written.
                text = re.sub(r"\([^()]*\b(?:NCMEC|eco|FSM|(?:19|20)\d\d)\b[^()]*\)", " ", text)
                found = glue.findall(text)
                assert not found, f"{lesson.id} {kind} ({item.locale.id}): English words {sorted(set(found))}"


def _without_service(root: Path, token: str) -> None:
    pack = root / "locales" / "countries" / "DE.yml"
    text = pack.read_text(encoding="utf-8")
    start = text.index(f"  {token}:\n")
    rest = re.search(r"\n  [a-z_]+:\n|\nlaw:", text[start + 1 :])
    end = start + 1 + rest.start() + 1 if rest else len(text)
    pack.write_text(text[:start] + text[end:], encoding="utf-8")


@pytest.fixture(scope="module")
def without_take_down(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    lessons = example_lessons()
    lessons["example.md"] = lessons["example.md"].replace(
        "::: help\n", "::: help\nIf a picture of you is shared, {{ help.take_down }} can help.\n", 1
    )
    root = make_project(tmp_path_factory.mktemp("nopack"), lessons)
    _without_service(root, "take_down")
    yield root


def test_check_reports_a_missing_service_in_the_pack(without_take_down: Path) -> None:
    result = run_cli("check", "--format", "text", cwd=without_take_down)
    assert result.code == 1, result.out + result.err
    line = next(x for x in result.out.splitlines() if "pack.complete" in x)
    assert line.startswith("locales/countries/DE.yml:") and "take_down" in line and "example-helpers-4-7" in line


def test_build_refuses_the_locale_and_prints_no_token(without_take_down: Path) -> None:
    out = without_take_down / "out"
    result = run_cli(
        "build", "--no-site", "--locale", "en-IE", "--locale", "de-DE", "--quiet", "--out", str(out),
        "--project", str(without_take_down),
    )  # fmt: skip
    assert result.code == 1, result.out + result.err
    assert "DE.yml" in result.err and "take_down" in result.err
    assert not (out / "downloads" / "de-DE").exists() or not any((out / "downloads" / "de-DE").rglob("*.pdf"))
    assert any((out / "downloads" / "en-IE").rglob("*.pdf"))
    for pdf in (out / "downloads").rglob("*.pdf"):
        assert "{{" not in tool("pdftotext", str(pdf), "-"), pdf


def test_an_unconfirmed_legal_statement_prints_the_general_sentence(tmp_path: Path) -> None:
    import dataclasses

    from lessonkit.locale.country_pack import require_country_pack
    from lessonkit.locale.help_tokens import fill_help_tokens

    pack = require_country_pack(ROOT, "DE")
    law = pack.laws["images_of_under_18s"]
    assert fill_help_tokens("{{ law.images_of_under_18s }}", pack) == law.statement
    unconfirmed = dataclasses.replace(
        pack, laws={**pack.laws, "images_of_under_18s": law.model_copy(update={"verified": False})}
    )
    assert fill_help_tokens("{{ law.images_of_under_18s }}", unconfirmed) == pack.wording.law_fallback
