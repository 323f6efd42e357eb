"""The easy-read handout (issue 14 item 3): short lines with symbols, very large type, the same help details.

Unit tests of the line splitting and the symbol table run fast; one real 4-7 lesson is then built
as a PDF in English and in Arabic and read back with pypdf and poppler (marked slow).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polib
import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from conftest import ROOT
from lessonkit.build.localize import localize_pack
from lessonkit.document_kinds import EASY_READ, download_paths
from lessonkit.i18n.apply import translate_country_pack, translate_lesson
from lessonkit.i18n.ui import translator
from lessonkit.load.curriculum import load_curriculum
from lessonkit.locale.country_pack import require_country_pack
from lessonkit.locale.locales import find_locale
from lessonkit.model import Curriculum
from lessonkit.pictures import PICTURES, SYMBOL_LABELS, SYMBOL_RULES, line_symbol
from lessonkit.render.html.documents import render_lesson_html
from lessonkit.render.html.easy_read import EasyReadView, build_easy_read, sentences, source_lines
from lessonkit.render.html.view import build_view
from lessonkit.render.pdf.write import write_pdf
from lessonkit.render.settings import RenderSettings
from print_project import tool

LESSON = "my-body-my-pictures-4-7"
MM = 72 / 25.4


# --- lines: one idea each -------------------------------------------------------------------


def test_a_paragraph_is_split_into_sentences_and_a_question_keeps_its_answer() -> None:
    assert sentences("A trusted adult listens. Feeling worried? Tell someone. Keep telling!") == [
        "A trusted adult listens.",
        "Feeling worried? Tell someone.",
        "Keep telling!",
    ]
    assert sentences("الشخص الكبير مشغول جدًّا؟ أخبر الشخص التالي. أن تخبر شجاعة.") == [
        "الشخص الكبير مشغول جدًّا؟ أخبر الشخص التالي.",
        "أن تخبر شجاعة.",
    ]


def test_quotations_and_short_forms_do_not_end_a_sentence() -> None:
    assert sentences("La sensación de «¡oh, oh!» es un temblor. Te dice: algo no va bien.") == [
        "La sensación de «¡oh, oh!» es un temblor.",
        "Te dice: algo no va bien.",
    ]
    assert sentences("Übe diesen Satz: „Hilfst du mir? Bitte!“ Dann geh.") == [
        "Übe diesen Satz: „Hilfst du mir? Bitte!“",
        "Dann geh.",
    ]
    assert sentences("Frag z. B. deine Lehrerin. Dann mal.") == ["Frag z. B. deine Lehrerin.", "Dann mal."]


def test_list_items_are_lines_of_their_own() -> None:
    text = "Ask a grown-up first:\n- Before you chat.\n- Before you play\n  with someone new.\n\nDraw Sami. Smile."
    assert source_lines(text) == [
        "Ask a grown-up first:",
        "Before you chat.",
        "Before you play with someone new.",
        "Draw Sami.",
        "Smile.",
    ]


# --- symbols: from the reviewed table, never a wrong one ---------------------------------------


@pytest.mark.parametrize(
    ("language", "line", "symbol"),
    [
        ("en", "Draw around your hand.", "draw"),
        ("en", "If someone asks, I can say no.", "stop-hand"),
        ("en", "You will not be in trouble for telling.", "thumbs-up"),
        ("en", "Keep telling until someone listens.", "speaking-up"),
        ("en", "Turn over or close the screen.", "tablet"),
        ("de", "Erzähl es einem Erwachsenen, dem du vertraust.", "speaking-up"),
        ("de", "Ich bekomme keinen Ärger, wenn ich es erzähle.", "thumbs-up"),
        ("es", "Sigue contándolo hasta que alguien te escuche.", "speaking-up"),
        ("es", "Tu sensación de «¡oh, oh!» te ayuda a estar a salvo.", "worried-face"),
        ("ar", "أخبر شخصًا بالغًا تثق به.", "speaking-up"),
        ("ar", "لن أقع في مشكلة لأنني أخبرت.", "thumbs-up"),
        ("ar", "اقلب الشاشة أو أغلقها.", "tablet"),
    ],
)
def test_the_table_gives_the_symbol_a_line_names(language: str, line: str, symbol: str) -> None:
    assert line_symbol(line, language) == symbol


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "My body belongs to me."),  # nothing in the table: a neutral bullet
        ("en", "Do not tell anyone."),  # a negated action never gets the action's symbol
        ("de", "Erzähl es nicht weiter."),
        ("ar", "لا تخبر أحدًا."),
        ("fr", "Dis-le à un adulte."),  # a language without a table: bullets only
    ],
)
def test_no_symbol_rather_than_a_wrong_one(language: str, line: str) -> None:
    assert line_symbol(line, language) is None


def test_speech_in_quotation_marks_earns_no_symbol_of_its_own() -> None:
    # The story's "do not tell" is what a bad secret says, not what the child should do.
    assert line_symbol('Someone says, "Do not tell your mum, keep it secret."', "en") is None
    assert line_symbol("Jemand sagt: „Erzähl es nicht deiner Mama, bitte.“", "de") is None


def test_every_symbol_is_a_bundled_picture_with_an_alt_text() -> None:
    symbols = {rule.symbol for rules in SYMBOL_RULES.values() for rule in rules}
    assert symbols <= set(SYMBOL_LABELS) <= set(PICTURES)
    assert all(SYMBOL_LABELS.values())


# --- which lessons get one -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def curriculum() -> Curriculum:
    loaded, problems = load_curriculum(ROOT)
    assert loaded is not None and not problems
    return loaded


def test_every_4_7_student_lesson_and_no_other_gets_an_easy_read_handout(curriculum: Curriculum) -> None:
    for lesson in curriculum.lessons:
        paths = download_paths(lesson, "en-IE")
        wanted = lesson.is_student_lesson and lesson.band == "4-7"
        assert (EASY_READ in paths) is wanted, lesson.id
        if wanted:
            assert paths[EASY_READ].name == f"{lesson.id}-handout-easy-read.pdf"
    assert sum(EASY_READ in download_paths(x, "en-IE") for x in curriculum.lessons) >= 6


def test_the_lines_start_with_the_key_messages_and_do_not_repeat_them(curriculum: Curriculum) -> None:
    lesson = curriculum.lesson(LESSON)
    assert lesson is not None
    easy = _easy(curriculum, lesson.id, "en-IE")
    assert [str(x.html) for x in easy.key_lines] == list(lesson.key_messages)
    texts = [str(x.html) for x in easy.lines]
    assert "My body belongs to me." not in texts  # the first key message again
    assert texts[:2] == [
        "Private parts are covered by underwear or a swimsuit.",
        "Private pictures are not for sharing.",
    ]
    assert "Draw Kiko saying no." in texts
    # Kiko's own picture beside the line that names Kiko, with the lesson's alt text.
    kiko = next(x for x in easy.lines if str(x.html) == "Draw Kiko saying no.")
    assert kiko.symbol is not None and kiko.symbol.name == "kiko-the-koala" and kiko.symbol.alt == "Kiko the koala."
    assert any(x.symbol is None for x in easy.lines)  # "Private pictures are not for sharing."


def test_a_step_of_the_handouts_list_stays_even_when_a_key_message_says_it_too(curriculum: Curriculum) -> None:
    # games-4-7: "Stop. / Put the game down. / Tell a trusted adult." and the key message
    # "Tell a trusted adult. You will not be in trouble for telling."
    texts = [str(x.html) for x in _easy(curriculum, "games-4-7", "en-IE").lines]
    assert texts[texts.index("Stop.") : texts.index("Stop.") + 3] == [
        "Stop.",
        "Put the game down.",
        "Tell a trusted adult.",
    ]


def _easy(curriculum: Curriculum, lesson_id: str, locale_id: str) -> EasyReadView:
    lesson = curriculum.lesson(lesson_id)
    assert lesson is not None
    locale = find_locale(ROOT, locale_id)
    settings = RenderSettings(curriculum.config, ROOT)
    ui = translator(ROOT, locale.language)
    pack = require_country_pack(ROOT, locale.country)
    view = build_view(lesson, locale, pack, ui, settings)
    return build_easy_read(lesson, locale, pack, ui, settings, view.pictures)


# --- the PDF, in English and Arabic ----------------------------------------------------------


@dataclass(frozen=True)
class Built:
    pdf: Path
    html: str
    handout_html: str
    easy: EasyReadView
    ui_language: str


def _build(curriculum: Curriculum, locale_id: str, folder: Path) -> Built:
    """The lesson's easy-read PDF as the build makes it: translated lesson and pack, the locale's labels."""
    locale = find_locale(ROOT, locale_id)
    lesson = curriculum.lesson(LESSON)
    assert lesson is not None
    if locale.language != curriculum.config.source_language:
        lesson = translate_lesson(lesson, polib.pofile(str(ROOT / "locales" / locale.language / f"{LESSON}.po")))
    ui = translator(ROOT, locale.language)
    pack = require_country_pack(ROOT, locale.country)
    pack = localize_pack(translate_country_pack(pack, ROOT, locale.language), locale, ui)
    settings = RenderSettings(curriculum.config, ROOT)
    document = render_lesson_html(EASY_READ, lesson, locale, pack, ui, settings)
    assert not document.warnings
    handout = render_lesson_html("handout", lesson, locale, pack, ui, settings)
    result = write_pdf(
        document.html, ROOT, (settings.assets, settings.handouts), settings.handouts / "css", "easy-read", "A4", 120
    )
    assert not result.refused
    pdf = folder / f"{LESSON}.{locale_id}.pdf"
    pdf.write_bytes(result.data)
    view = build_view(lesson, locale, pack, ui, settings)
    easy = build_easy_read(lesson, locale, pack, ui, settings, view.pictures)
    return Built(pdf, document.html, handout.html, easy, locale.language)


@pytest.fixture(scope="module")
def english(curriculum: Curriculum, tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(curriculum, "en-IE", tmp_path_factory.mktemp("easy-read"))


@pytest.fixture(scope="module")
def arabic(curriculum: Curriculum, tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(curriculum, "ar-DE", tmp_path_factory.mktemp("easy-read"))


def _body_sizes(pdf: Path) -> list[float]:
    """The size in points of every text run between the running header and footer."""
    sizes: list[float] = []
    for page in PdfReader(pdf).pages:
        height = float(page.mediabox.height)

        def visit(
            text: str, cm: list[float], tm: list[float], font: object, size: float, height: float = height
        ) -> None:
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if text.strip() and 28 * MM < y < height - 24 * MM:  # inside the page margins
                sizes.append(size * (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * abs(cm[3]))

        page.extract_text(visitor_text=visit)
    return sizes


def _figures(pdf: Path) -> list[DictionaryObject]:
    """Every /Figure of the structure tree."""
    root = PdfReader(pdf).trailer["/Root"]["/StructTreeRoot"]

    def walk(node: Any) -> Iterator[DictionaryObject]:
        node = node.get_object()
        if isinstance(node, ArrayObject):
            for child in node:
                yield from walk(child)
        elif isinstance(node, DictionaryObject):
            if node.get("/S") == "/Figure":
                yield node
            if "/K" in node:
                yield from walk(node["/K"])

    return list(walk(root))


@pytest.mark.slow
@pytest.mark.parametrize("which", ["english", "arabic"])
def test_body_text_is_at_least_20pt(which: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(which)
    sizes = _body_sizes(built.pdf)
    assert len(sizes) > 20
    assert min(sizes) >= 20 - 0.01, sorted(sizes)[:5]


@pytest.mark.slow
def test_each_idea_is_a_line_of_its_own_in_the_pdf(english: Built) -> None:
    ideas = [str(x.html) for x in english.easy.key_lines + english.easy.lines]
    assert len(re.findall(r'<li class="easy-line">', english.html)) == len(ideas) + len(english.easy.help_lines)
    lines = [" ".join(line.split()) for line in tool("pdftotext", "-layout", str(english.pdf), "-").splitlines()]
    for idea in ideas:
        # Each idea starts a line, with nothing of another idea before it.
        assert any(line.startswith(idea[:18]) for line in lines), idea
        if len(idea) <= 28:  # short enough for one line: alone on it
            assert idea in lines, idea


@pytest.mark.slow
@pytest.mark.parametrize("which", ["english", "arabic"])
def test_symbols_are_figures_with_alt_text_in_the_language_and_bullets_are_not(
    which: str, request: pytest.FixtureRequest
) -> None:
    built: Built = request.getfixturevalue(which)
    figures = _figures(built.pdf)
    lines = built.easy.key_lines + built.easy.lines + built.easy.help_lines
    symbols = [x.symbol for x in lines if x.symbol is not None]
    assert any(x.symbol is None for x in lines)  # neutral bullets are there, drawn by CSS
    pictures = built.html.split("</header>")[0].count("<img")  # the lesson's pictures beside the title
    assert pictures == 2
    # One figure per symbol and per masthead picture: a bullet adds none (it is an artifact).
    assert len(figures) == len(symbols) + pictures
    alts = [str(f["/Alt"]) for f in figures]
    assert all(alts)
    assert {s.alt for s in symbols} <= set(alts)
    if built.ui_language == "ar":
        assert all(re.search("[\u0600-\u06ff]", alt) for alt in alts), alts
        assert "إبهام مرفوع: أحسنت" in alts  # the table's symbol, with its translated alt text
    else:
        assert "A thumbs up: well done" in alts
        assert all(alt.isascii() for alt in alts), alts


@pytest.mark.slow
@pytest.mark.parametrize(("which", "start"), [("english", True), ("arabic", False)])
def test_the_symbol_stands_at_the_start_of_the_line(which: str, start: bool, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(which)
    reader = PdfReader(built.pdf)
    width = float(reader.pages[0].mediabox.width) * 96 / 72  # the structure tree's boxes are in CSS pixels
    small = [f for f in _figures(built.pdf) if float(f["/A"]["/BBox"][2]) - float(f["/A"]["/BBox"][0]) < 20 * 96 / 25.4]
    assert small
    for figure in small:
        left, right = float(figure["/A"]["/BBox"][0]), float(figure["/A"]["/BBox"][2])
        assert (right < width / 3) if start else (left > width * 2 / 3), (figure["/Alt"], left, right)


def _contacts(html: str) -> list[str]:
    return re.findall(r'<bdi dir="ltr" class="contact">([^<]*)</bdi>', html)


@pytest.mark.slow
@pytest.mark.parametrize("which", ["english", "arabic"])
def test_help_details_are_the_ordinary_handouts_and_print_exactly(which: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(which)
    contacts = _contacts(built.html)
    assert contacts and contacts == _contacts(built.handout_html)  # never a different number
    text = tool("pdftotext", str(built.pdf), "-")
    # Compared without spaces and direction marks (Arabic documents isolate each contact: LRI ... PDI).
    marks = r"[\s\u2066-\u2069\u200e\u200f\u202a-\u202e]"
    flat = re.sub(marks, "", text)
    for contact in contacts:
        assert re.sub(marks, "", contact) in flat, contact
    if built.ui_language == "en":
        assert "Childline (ISPCC)" in " ".join(text.split())
        assert "1800 66 66 66" in " ".join(text.split())
    assert "{{" not in built.html and "{help" not in built.html


@pytest.mark.slow
@pytest.mark.parametrize("which", ["english", "arabic"])
def test_the_pictures_are_credited_and_the_document_is_tagged_in_its_language(
    which: str, request: pytest.FixtureRequest
) -> None:
    built: Built = request.getfixturevalue(which)
    text = " ".join(tool("pdftotext", str(built.pdf), "-").split())
    assert "OpenMoji" in text and "CC BY-SA 4.0" in text
    if built.ui_language == "en":
        assert "Pictures designed by OpenMoji" in text
    reader = PdfReader(built.pdf)
    assert reader.trailer["/Root"]["/Lang"] == built.ui_language
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    direction = 'dir="rtl"' if built.ui_language == "ar" else 'dir="ltr"'
    assert f'<html lang="{built.ui_language}" {direction}>' in built.html
