"""`lessonkit build` on a small project, checked through real readers: poppler, pypdf, python-pptx, LibreOffice."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from conftest import run_cli
from print_project import example_lessons, make_project, pdf_fonts, pdf_info, tool

LESSON = "example-helpers-4-7"
FOLDER = Path("site/downloads/en-IE/4-7") / LESSON
BUNDLED = ("Atkinson-Hyperlegible", "Noto-Sans-Arabic")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("print"), example_lessons())
    result = run_cli("build", "--no-site", "--jobs", "2", "--quiet", "--project", str(root))
    assert result.code == 0, result.err
    return root


def pdfs(root: Path) -> list[Path]:
    return sorted((root / "site").rglob("*.pdf"))


def test_every_document_is_at_its_stable_path(built: Path) -> None:
    names = sorted(p.name for p in (built / FOLDER).iterdir())
    assert names == sorted(
        f"{LESSON}-{suffix}"
        for suffix in (
            "plan.pdf",
            "handout.pdf",
            "handout-large-print.pdf",
            "handout-easy-read.pdf",  # a 4-7 lesson: the easy-read handout too
            "family.pdf",
            "slides.pptx",
            "slides.pdf",
        )
    )
    assert (built / "site/downloads/en-IE/parents/guide-example/guide-example-guide.pdf").is_file()
    assert (built / "site/downloads/en-IE/4-7/handbook-4-7-en-IE.pdf").is_file()


def test_pdfs_are_tagged_titled_in_english_and_embed_only_bundled_fonts(built: Path) -> None:
    for pdf in pdfs(built):
        info = pdf_info(pdf)
        assert info["Tagged"] == "yes", pdf
        assert info["Title"], pdf
        assert 'pdfuaid:part="1"' in tool("pdfinfo", "-meta", str(pdf)), pdf
        reader = PdfReader(pdf)
        assert reader.trailer["/Root"]["/Lang"] == "en", pdf
        fonts = pdf_fonts(pdf)
        assert fonts, pdf
        for name, embedded in fonts:
            assert embedded == "yes", (pdf, name)
            assert any(family in name for family in BUNDLED), (pdf, name)


def test_every_page_carries_the_licence_and_curriculum_version(built: Path) -> None:
    for pdf in pdfs(built):
        pages = tool("pdftotext", "-layout", str(pdf), "-").split("\f")
        pages = [p for p in pages if p.strip()]
        assert pages
        for number, page in enumerate(pages, start=1):
            assert "CC BY-SA 4.0" in page, (pdf.name, number)
            assert "0.1.0" in page, (pdf.name, number)


def test_handouts_fit_one_or_two_pages_and_show_the_help_box(built: Path) -> None:
    for kind, most in (("handout", 2), ("handout-large-print", 3), ("handout-easy-read", 4), ("family", 2)):
        pdf = built / FOLDER / f"{LESSON}-{kind}.pdf"
        assert 1 <= int(pdf_info(pdf)["Pages"]) <= most, kind
        text = " ".join(tool("pdftotext", str(pdf), "-").split())
        assert "Get help" in text, kind
        assert "Childline (ISPCC)" in text and "1800 66 66 66" in text, kind
    handout = " ".join(tool("pdftotext", str(built / FOLDER / f"{LESSON}-handout.pdf"), "-").split())
    assert "My helping hand" in handout and "Helpers all around us" in handout


def test_large_print_body_text_is_at_least_16pt(built: Path) -> None:
    sizes: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            sizes.append(size * abs(tm[3]) * abs(cm[3]) if tm[3] and cm[3] else size)

    reader = PdfReader(built / FOLDER / f"{LESSON}-handout-large-print.pdf")
    reader.pages[0].extract_text(visitor_text=visit)
    body = [s for s in sizes if s < 20]  # headings are larger; footers are outside the body
    assert max(body) >= 16


def test_plan_has_timings_safeguarding_quiz_answers_and_sources(built: Path) -> None:
    text = " ".join(tool("pdftotext", str(built / FOLDER / f"{LESSON}-plan.pdf"), "-").split())
    for expected in ("Objectives", "(5 minutes)", "Safeguarding and disclosures", "Answer: No.", "Sources"):
        assert expected in text, expected


def test_handbook_has_a_table_of_contents_with_page_numbers(built: Path) -> None:
    pdf = built / "site/downloads/en-IE/4-7/handbook-4-7-en-IE.pdf"
    text = tool("pdftotext", "-layout", str(pdf), "-")
    assert re.search(r"Helpers all around us[ .]*\d+", text)
    assert int(pdf_info(pdf)["Pages"]) >= 4


def test_pptx_reopens_with_a_slide_per_section_notes_and_a_help_slide(built: Path) -> None:
    deck = Presentation(str(built / FOLDER / f"{LESSON}-slides.pptx"))
    assert deck.slide_width * 9 == deck.slide_height * 16
    slides = list(deck.slides)
    # Title, one `slide` section, two help slides (services print their contacts at body size).
    assert len(slides) == 4
    titles = [s.shapes.title.text for s in slides if s.shapes.title is not None]
    assert titles == ["Helpers all around us", "Helpers all around us", "Get help", "Get help (continued)"]
    assert "point to the helpers" in slides[1].notes_slide.notes_text_frame.text
    assert "Remind the class" in slides[0].notes_slide.notes_text_frame.text
    help_text = " ".join(
        p.text for shape in slides[2].shapes if shape.has_text_frame for p in shape.text_frame.paragraphs
    )
    assert "Childline (ISPCC)" in help_text


def test_pptx_converts_in_libreoffice_impress(built: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is installed by scripts/install-system-deps.sh"
    deck = built / FOLDER / f"{LESSON}-slides.pptx"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(deck)],
        capture_output=True, check=True, timeout=180,
    )  # fmt: skip
    converted = tmp_path / f"{LESSON}-slides.pdf"
    assert int(pdf_info(converted)["Pages"]) == 4
    assert "Helpers all around us" in tool("pdftotext", str(converted), "-")


def test_pdf_deck_has_16_9_pages(built: Path) -> None:
    pdf = built / FOLDER / f"{LESSON}-slides.pdf"
    width, height = (float(x) for x in re.findall(r"[\d.]+", pdf_info(pdf)["Page size"])[:2])
    assert abs(width / height - 16 / 9) < 0.01
    assert int(pdf_info(pdf)["Pages"]) == 4


def test_rebuild_reuses_everything_and_one_edit_rerenders_only_that_lesson(built: Path) -> None:
    again = run_cli("build", "--no-site", "--jobs", "2", "--project", str(built))
    assert again.code == 0 and "0 rendered" in again.err, again.err
    guide = built / "lessons" / "guide.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace("ask for help early", "ask for help sooner"))
    edited = run_cli("build", "--no-site", "--jobs", "2", "--project", str(built))
    assert edited.code == 0 and "(1 rendered" in edited.err, edited.err
    text = tool("pdftotext", str(built / "site/downloads/en-IE/parents/guide-example/guide-example-guide.pdf"), "-")
    assert "sooner" in " ".join(text.split())


def test_letter_paper_by_option(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "letter"
    result = run_cli("build", "--no-site", "--paper", "letter", "--quiet", "--out", str(out), "--project", str(built))
    assert result.code == 0, result.err
    assert "(letter)" in pdf_info(out / "downloads/en-IE/parents/guide-example/guide-example-guide.pdf")["Page size"]
