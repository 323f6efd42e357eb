"""The PPTX deck and the PDF deck show the same thing (issue 14, item 5).

For the test lessons of tests/test_golden_images.py (the authoring guide's example in English, the
Arabic test lesson), in the youngest and the oldest band's look: both decks have the same number
of slides, and each slide of the PPTX holds the same words as the same page of the PDF deck
(title, body, help services, picture credit, licence footer, slide number). On the help slides a
service's name is bold and its contacts are at least body size in both decks. What the slides
look like is compared by the golden images.

Words, not whole strings: the words of a slide are compared as a multiset, and in left-to-right
decks the title and body must also come in the same order. The PDF's text layer gives Arabic
lines in visual order, a number or a bracket moved within the line and glued to the next word,
and a lam ligature split from its word ("إ" and "لى" for "إلى"); so in right-to-left decks the
letters and digits of a slide are compared as a multiset instead (every one of them, in any order).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from pptx import Presentation
from pptx.slide import Slide
from pypdf import PdfReader

from lessonkit.render.slides.deck import HELP_PICTURE, render_deck
from lessonkit.render.slides.fit import BODY_SIZE
from lessonkit.render.slides.template import PDF_SCALE
from lessonkit.render.slides.text import keep_together
from test_golden_images import Fixture, _pdf, arabic, english  # noqa: F401 (fixtures used by name)

BANDS = ("4-7", "14-18")
# Words: runs of letters and digits. Punctuation and the bidi isolates around contacts are left
# out, since the PDF's text layer may move them to the other end of an Arabic line.
WORD = re.compile(r"\w+")
# The PDF deck's sizes are the PPTX deck's divided by PDF_SCALE; a tenth of a point for rounding.
TOLERANCE = 0.1


@dataclass(frozen=True)
class Decks:
    pptx: list[Slide]
    pdf: PdfReader
    rtl: bool


@pytest.fixture(scope="module", params=[(d, b) for d in ("ltr", "rtl") for b in BANDS], ids=lambda p: "-".join(p))
def decks(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Decks:
    direction, band = request.param
    fixture: Fixture = request.getfixturevalue("english" if direction == "ltr" else "arabic")
    lesson, item = fixture.lesson(band), fixture.item
    folder = tmp_path_factory.mktemp(f"deck-match-{direction}-{band}")
    pptx = folder / "deck.pptx"
    pptx.write_bytes(render_deck(lesson, item.locale, item.pack, item.ui, fixture.settings))
    pdf = _pdf(fixture, "slides-pdf", lesson, folder / "slides.pdf")
    return Decks(list(Presentation(str(pptx)).slides), PdfReader(str(pdf)), direction == "rtl")


def _words(text: str) -> list[str]:
    return WORD.findall(text)


def _shown(text: str, rtl: bool) -> Counter[str]:
    """What a slide's text shows, as compared: its words, or in right-to-left decks its letters and digits."""
    return Counter(c for c in text if c.isalnum()) if rtl else Counter(_words(text))


def _shapes_text(slide: Slide) -> list[str]:
    """The text of every shape of a PPTX slide, in z-order (title and body come first)."""
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


@dataclass(frozen=True)
class PdfRun:
    text: str
    font: str
    size: float


def _pdf_runs(page: Any) -> list[PdfRun]:
    """The text pieces of a PDF page with their font name and size in points on the page."""
    runs: list[PdfRun] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip():
            name = str(font.get("/BaseFont", "")) if font else ""
            # The size as drawn: the font size scaled by the text and the current matrix (no rotation).
            runs.append(PdfRun(text, name, size * abs(tm[3]) * abs(cm[3])))

    page.extract_text(visitor_text=visit)
    return runs


def _help_slides(decks: Decks) -> Iterator[tuple[Slide, Any]]:
    for slide, page in zip(decks.pptx, decks.pdf.pages, strict=True):
        if any(shape.name == HELP_PICTURE for shape in slide.shapes):
            yield slide, page


def test_same_number_of_slides(decks: Decks) -> None:
    assert len(decks.pptx) == len(decks.pdf.pages) >= 3


def test_each_slide_shows_the_same_words(decks: Decks) -> None:
    assert len(decks.pptx) == len(decks.pdf.pages)
    for number, (slide, page) in enumerate(zip(decks.pptx, decks.pdf.pages, strict=True), 1):
        pptx_words = _shown(" ".join(_shapes_text(slide)), decks.rtl)
        pdf_words = _shown(page.extract_text(), decks.rtl)
        missing, extra = pptx_words - pdf_words, pdf_words - pptx_words
        assert not missing and not extra, f"slide {number}: only in the PPTX {missing}, only in the PDF {extra}"


def test_title_first_then_the_body_in_order(decks: Decks) -> None:
    """Each page's first line is the slide's title; left to right, the title and body also read in the same order.

    (The PDF text layer gives Arabic lines in visual order, so in right-to-left decks only the title line is checked.)
    """
    for number, (slide, page) in enumerate(zip(decks.pptx, decks.pdf.pages, strict=True), 1):
        title, *rest = _shapes_text(slide)
        text = page.extract_text()
        first = text.splitlines()[0]
        assert _shown(first, decks.rtl) == _shown(title, decks.rtl), f"slide {number}: {first!r} is not {title!r}"
        if not decks.rtl:
            main = " ".join(_words(" ".join([title, *rest[:1]])))
            assert main in " ".join(_words(text)), f"slide {number}"


def test_service_names_bold_and_contacts_at_least_body_size(decks: Decks) -> None:
    checked = 0
    for slide, page in _help_slides(decks):
        body = slide.placeholders[1].text_frame.paragraphs
        runs = _pdf_runs(page)
        for index, paragraph in enumerate(body):
            bold = [run for run in paragraph.runs if run.font.bold]
            if not bold:
                continue
            # A service: its name, bold; the next paragraph, its contacts.
            name, contacts = bold[0].text, body[index + 1]
            sizes = {run.font.size.pt for run in contacts.runs if run.font.size}
            assert sizes and min(sizes) >= BODY_SIZE * PDF_SCALE - TOLERANCE, (contacts.text, sizes)
            assert all(run.font.size and run.font.size.pt >= BODY_SIZE * PDF_SCALE - TOLERANCE for run in bold)
            # The PDF may draw a name in pieces (a hyphen in another font): each word of it in a bold run.
            for word in _words(name):
                assert any("Bold" in run.font and word in _words(run.text) for run in runs), (name, word, runs)
            # Every word of the contact values is printed at body size or larger in the PDF.
            values = [w for w in _words(contacts.text) if any(c.isdigit() for c in w) or w.isascii()]
            assert values, contacts.text
            for word in values:
                drawn = [run for run in runs if word in _words(run.text)]
                assert drawn, (word, [r.text for r in runs])
                assert max(run.size for run in drawn) >= BODY_SIZE - TOLERANCE, (word, drawn)
            checked += 1
    assert checked >= 2, "the test lessons' decks name at least two services"


def test_nothing_else_is_bold_on_pdf_help_slides(decks: Decks) -> None:
    """The other way round: below the title, the PDF's help slides print in bold only the services' names."""
    checked = 0
    for slide, page in _help_slides(decks):
        names = {
            word
            for paragraph in slide.placeholders[1].text_frame.paragraphs
            for run in paragraph.runs
            if run.font.bold
            for word in _words(run.text)
        }
        # Titles are 34 pt (45.3 in the PPTX); body text, names included, 24.
        bold = {word for run in _pdf_runs(page) if "Bold" in run.font and run.size < 30 for word in _words(run.text)}
        assert bold == names, (bold, names)
        checked += bool(names)
    assert checked, "no help slide with a service"


def test_licence_name_kept_together_in_both_credits(decks: Decks) -> None:
    """The title slide's picture credit never breaks inside "CC BY-SA 4.0": no-break spaces in both decks."""
    kept = keep_together("CC BY-SA 4.0", "CC BY-SA 4.0")
    assert kept == "CC\u00a0BY-SA\u00a04.0"
    credit = [text for text in _shapes_text(decks.pptx[0]) if "OpenMoji" in text]
    assert len(credit) == 1 and kept in credit[0], credit
    assert kept in decks.pdf.pages[0].extract_text()


def test_keep_together_only_touches_the_phrase() -> None:
    assert keep_together("a b CC BY 4.0 c", "CC BY 4.0") == "a b CC\u00a0BY\u00a04.0 c"
    assert keep_together("a b", "") == "a b"
