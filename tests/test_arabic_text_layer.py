"""The text layer of Arabic PDFs: every Arabic word of the document can be read back from its glyphs.

WeasyPrint draws a right-to-left line's glyphs in visual order and maps each glyph to its
characters in the font's ToUnicode CMap, in logical order: a lam-alef ligature glyph maps to
"لا", a vowel mark drawn with a text rise maps to the mark alone. A reader that reverses the
glyphs of a right-to-left run (not the characters of each glyph) gets the logical text back.
These tests read the PDFs that way, with their own small content-stream reader, so that they
check what the producer controls (the glyph-to-text mapping and its order), not one reader's
heuristics. pypdf reads the mapping the same way; poppler 22.12 does not (it lays every
glyph's characters out left to right, so it reverses each ligature's letters): see the Arabic
paragraph of docs/print.md.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from pathlib import Path
from typing import cast

import pytest
from pypdf import PdfReader
from pypdf.generic import ByteStringObject, ContentStream, DictionaryObject, TextStringObject

from conftest import FIXTURES, ROOT, run_cli
from lessonkit.i18n.ui import translator
from lessonkit.load.curriculum import load_curriculum
from lessonkit.locale.country_pack import require_country_pack
from lessonkit.locale.locales import find_locale
from lessonkit.render.html.documents import render_lesson_html
from lessonkit.render.pdf import write
from lessonkit.render.settings import RenderSettings
from print_project import make_project, tool

pytestmark = pytest.mark.slow

FOLDER = Path("site/downloads/ar-DE/4-7/helpers-ar-4-7")
DOCUMENTS = {"handout": "helpers-ar-4-7-handout.pdf", "slides-pdf": "helpers-ar-4-7-slides.pdf"}
# An Arabic word: letters and the marks on them (tatweel is dropped before matching).
_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u064b-\u065f\u0670]+")
# Bidi marks, embeddings and isolates steer layout only; they are not part of any word.
_CONTROLS = dict.fromkeys(map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u0640"))
# Lam followed by an alef (one ligature glyph) or a vowel mark (often drawn with a text rise):
# what poppler misreads.
_POPPLER_MISREADS = re.compile("ل[اأإآى]|[\u064b-\u0652]")
_TAG = re.compile(r"<[^>]*>")
_BFCHAR = re.compile(r"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(r"beginbfrange(.*?)endbfrange", re.S)
_HEX = re.compile(r"<([0-9A-Fa-f]*)>")


def arabic_words(text: str) -> set[str]:
    """The Arabic words of `text`, NFC-normalised, without tatweel or bidi controls."""
    return set(_ARABIC_WORD.findall(unicodedata.normalize("NFC", text.translate(_CONTROLS))))


def to_unicode(cmap: str) -> dict[int, str]:
    """Glyph code to text, from a ToUnicode CMap's bfchar and bfrange sections."""
    mapping: dict[int, str] = {}
    for section in _BFCHAR.findall(cmap):
        codes = _HEX.findall(section)
        for code, text in zip(codes[::2], codes[1::2], strict=True):
            mapping[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be")
    for section in _BFRANGE.findall(cmap):
        codes = _HEX.findall(section)
        for low, high, first in zip(codes[::3], codes[1::3], codes[2::3], strict=True):
            start = int.from_bytes(bytes.fromhex(first), "big")
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                mapping[code] = chr(start + offset)
    return mapping


def logical_lines(pdf: Path) -> list[str]:
    """Each text object's glyphs read through ToUnicode, glyph order reversed (visual to logical).

    Every text object WeasyPrint writes holds one line of one text box; a right-to-left run's
    glyphs are in visual order, so reversing the glyphs (keeping each glyph's own characters in
    order) gives its logical text. Left-to-right runs come out reversed; only Arabic words are read.
    """
    reader = PdfReader(pdf)
    lines: list[str] = []
    for page in reader.pages:
        resources = cast(DictionaryObject, page["/Resources"])
        fonts = {
            str(name): to_unicode(font.get_object()["/ToUnicode"].get_object().get_data().decode("latin-1"))
            for name, font in cast(DictionaryObject, resources["/Font"]).items()
        }
        mapping: dict[int, str] = {}
        units: list[str] = []
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                mapping = fonts[str(operands[0])]
            elif operator in (b"Tj", b"TJ"):
                for item in operands[0] if operator == b"TJ" else operands:
                    # `<>` (an empty string WeasyPrint writes before a position adjustment) shows no glyph.
                    if isinstance(item, TextStringObject | ByteStringObject) and item:
                        raw = item.get_original_bytes() if isinstance(item, TextStringObject) else bytes(item)
                        units.extend(
                            mapping.get(int.from_bytes(raw[i : i + 2], "big"), "") for i in range(0, len(raw), 2)
                        )
            elif operator == b"ET":
                lines.append("".join(reversed(units)))
                units = []
    return lines


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    lesson = (FIXTURES / "arabic" / "helpers-ar.md").read_text(encoding="utf-8")
    root = make_project(tmp_path_factory.mktemp("arabic-text"), {"helpers-ar.md": lesson}, source_language="ar")
    result = run_cli("build", "--no-site", "--locale", "ar-DE", "--jobs", "2", "--quiet", "--project", str(root))
    assert result.code == 0, result.err
    return root


def document_words(root: Path, kind: str) -> set[str]:
    """The Arabic words of the body of the document's HTML, the text the PDF was made from."""
    curriculum, problems = load_curriculum(root)
    assert curriculum is not None and not problems
    settings = RenderSettings(curriculum.config, root)
    html = render_lesson_html(
        kind,
        curriculum.lessons[0],
        find_locale(ROOT, "ar-DE"),
        require_country_pack(ROOT, "DE"),
        translator(ROOT, "ar"),
        settings,
    ).html
    body = html[html.index("<body") :]
    return arabic_words(_TAG.sub(" ", body))


@pytest.mark.parametrize("kind", sorted(DOCUMENTS))
def test_every_arabic_word_reads_back_from_the_glyphs(arabic: Path, kind: str) -> None:
    expected = document_words(arabic, kind)
    # The words that need more than one character per glyph or a raised mark must be among them.
    assert any(re.search("ل[اأإآى]", word) for word in expected), sorted(expected)
    assert any(re.search("[\u064b-\u0652]", word) for word in expected), sorted(expected)
    read = set().union(*(arabic_words(line) for line in logical_lines(arabic / FOLDER / DOCUMENTS[kind])))
    assert expected <= read, sorted(expected - read)


@pytest.mark.parametrize("kind", sorted(DOCUMENTS))
def test_poppler_reads_every_word_without_a_ligature_or_raised_mark(arabic: Path, kind: str) -> None:
    """pdftotext reads plain words; a change that made it reverse them (as logical /ActualText does) fails here.

    Words with a lam-alef ligature or a vowel mark are left out: poppler 22.12 reverses the
    letters of a ligature glyph and sets a raised mark apart from its letter (docs/print.md, Arabic).
    """
    expected = {word for word in document_words(arabic, kind) if not _POPPLER_MISREADS.search(word)}
    assert len(expected) >= 20, sorted(expected)
    read = arabic_words(tool("pdftotext", str(arabic / FOLDER / DOCUMENTS[kind]), "-"))
    assert expected <= read, sorted(expected - read)


# "شخصًا" first: its tanween glyph is mapped in a cluster of its own, so that in "شيئًا" the
# tanween shares a cluster with the yeh-hamza, whose glyph WeasyPrint 70 then maps to nothing.
LETTER_AND_MARK = '<html lang="ar" dir="rtl"><body><p>أخبر شخصًا بالغًا.</p><p>رأى شيئًا مقلقًا.</p></body></html>'


def _letter_and_mark_pdf(tmp_path: Path) -> Path:
    pdf = tmp_path / "letter-and-mark.pdf"
    handouts = ROOT / "handouts"
    pdf.write_bytes(write.write_pdf(LETTER_AND_MARK, handouts, [handouts], handouts / "css").data)
    return pdf


def test_a_letter_sharing_its_cluster_with_a_mark_keeps_its_text(tmp_path: Path) -> None:
    pdf = _letter_and_mark_pdf(tmp_path)
    read = set().union(*(arabic_words(line) for line in logical_lines(pdf)))
    assert {"شخصًا", "بالغًا", "شيئًا", "مقلقًا"} <= read, sorted(read)
    assert "شيئًا" in arabic_words("".join(page.extract_text() for page in PdfReader(pdf).pages))


def test_without_the_glyph_text_correction_the_letter_is_lost(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The control: WeasyPrint's own map drops the yeh-hamza ("شيئًا" reads "شيًا")."""
    monkeypatch.setattr(write, "glyphs_mapped_to_their_own_text", contextlib.nullcontext)
    read = set().union(*(arabic_words(line) for line in logical_lines(_letter_and_mark_pdf(tmp_path))))
    assert "شيئًا" not in read and "شيًا" in read, sorted(read)


def test_pypdf_reads_the_ligatures_and_marks(arabic: Path) -> None:
    """pypdf, which keeps each glyph's characters together, reads ligature and mark words whole."""
    text = "".join(page.extract_text() for page in PdfReader(arabic / FOLDER / DOCUMENTS["handout"]).pages)
    read = arabic_words(text)
    for word in ("الإنترنت", "شخصًا", "بالغًا", "تذكّر"):
        assert word in read, (word, sorted(read))
