"""Classroom-ready materials (issue 14), read back through real readers (python-pptx, pypdf, poppler).

- Decks: on the project's 16:9 template; every slide numbered with the licence footer; every run
  of a translated deck tagged with its language (Arabic also with its complex-script font); no
  content slide with more words or smaller type than its band allows; pictures with alt text.
- Print: band looks and drawing boxes; pictures as tagged figures with alt text in the lesson's
  language in every 4-7 handout; cut-out cards for every lesson that has cards, answer keys and
  an at-a-glance box in the plan; large print without text under 16 pt; right-to-left Arabic
  PDFs; hyphenation; the handbook's cover, overview and running headers.
- Golden images of the handouts and slides: `tests/test_golden_images.py`.
"""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pypdf import PdfReader

from conftest import ROOT, authoring_example, run_cli
from lessonkit.build.localize import localize
from lessonkit.document_kinds import download_paths
from lessonkit.i18n.catalogue import lesson_template
from lessonkit.i18n.store import po_path, read_po
from lessonkit.i18n.ui import translator
from lessonkit.load.curriculum import load_curriculum
from lessonkit.locale.country_pack import require_country_pack
from lessonkit.locale.locales import find_locale, load_locales
from lessonkit.localized import Localized
from lessonkit.model import Curriculum, Lesson
from lessonkit.pictures import PICTURE_DIR, PICTURES
from lessonkit.render.html.documents import render_handbook_html, render_lesson_html
from lessonkit.render.pdf.write import write_pdf
from lessonkit.render.settings import RenderSettings
from lessonkit.render.slides.deck import render_deck
from lessonkit.render.slides.style import band_look
from lessonkit.render.slides.template import OLD_WIDTH, WIDTH
from print_project import example_lessons, make_project, tool

LANGUAGE_TAGS = {"en-IE": "en-IE", "de-DE": "de-DE", "ar-DE": "ar-SA"}


@pytest.fixture(scope="module")
def curriculum() -> Curriculum:
    loaded, problems = load_curriculum(ROOT)
    assert loaded is not None and not [p for p in problems if p.severity == "error"], problems
    return loaded


@pytest.fixture(scope="module")
def locales(curriculum: Curriculum) -> dict[str, Localized]:
    return {locale.id: localize(curriculum, ROOT, locale) for locale in load_locales(ROOT)}


def _deck(item: Localized, lesson: Lesson, curriculum: Curriculum) -> Deck:
    data = render_deck(lesson, item.locale, item.pack, item.ui, RenderSettings(curriculum.config, ROOT))
    return Presentation(io.BytesIO(data))


@pytest.fixture(scope="module")
def decks(curriculum: Curriculum, locales: dict[str, Localized]) -> list[tuple[str, Lesson, Deck]]:
    """Every student lesson's deck in every locale."""
    return [
        (locale_id, lesson, _deck(item, lesson, curriculum))
        for locale_id, item in locales.items()
        for lesson in item.curriculum.lessons
        if lesson.is_student_lesson
    ]


def _placeholder(slide: Slide, kind: PP_PLACEHOLDER) -> str:
    """The text of the slide's placeholder of this kind, fields included ('' when it has none)."""
    for shape in slide.placeholders:
        if shape.placeholder_format.type == kind:
            return "".join(t.text or "" for t in shape._element.iter(qn("a:t")))
    return ""


def test_every_slide_has_its_number_and_the_licence_footer(
    curriculum: Curriculum, decks: list[tuple[str, Lesson, Deck]]
) -> None:
    checked = 0
    for locale_id, lesson, deck in decks:
        for number, slide in enumerate(deck.slides, start=1):
            where = (locale_id, lesson.id, number)
            assert _placeholder(slide, PP_PLACEHOLDER.SLIDE_NUMBER) == str(number), where
            fields = [f.get("type") for f in slide._element.iter(qn("a:fld"))]
            assert fields == ["slidenum"], where  # a field: PowerPoint renumbers it when slides move
            footer = _placeholder(slide, PP_PLACEHOLDER.FOOTER)
            assert footer.startswith("CC BY-SA 4.0 · ") and curriculum.config.version in footer, where
            checked += 1
    assert checked > 300


def test_translated_decks_carry_their_language_tag(curriculum: Curriculum, locales: dict[str, Localized]) -> None:
    for locale_id, tag in LANGUAGE_TAGS.items():
        item = locales[locale_id]
        lesson = next(x for x in item.curriculum.lessons if x.id == "trusted-adults-4-7")
        deck = _deck(item, lesson, curriculum)
        parts = [deck.slide_master._element]
        for slide in deck.slides:
            parts += [slide._element, slide.notes_slide._element]
        runs = [r for part in parts for r in part.iter(qn("a:r"), qn("a:fld"))]
        assert len(runs) > 20
        properties = [r.find(qn("a:rPr")) for r in runs]
        assert all(p is not None and p.get("lang") == tag for p in properties), locale_id
        assert deck.core_properties.language == tag
        arabic = locale_id.startswith("ar")
        for p in properties:
            assert p is not None
            typeface = p.find(qn("a:cs"))
            # Arabic runs name their complex-script font; PowerPoint writes altLang beside it.
            assert (typeface is not None and typeface.get("typeface") == "Noto Sans Arabic") == arabic, locale_id
            assert (p.get("altLang") == "en-US") == arabic, locale_id
        if arabic:
            paragraphs = [p for slide in deck.slides for p in slide._element.iter(qn("a:p"))]
            assert all(p.find(qn("a:pPr")).get("rtl") == "1" for p in paragraphs)


def test_no_content_slide_is_denser_than_its_band_allows(
    curriculum: Curriculum, locales: dict[str, Localized], decks: list[tuple[str, Lesson, Deck]]
) -> None:
    continued = 0
    for locale_id, lesson, deck in decks:
        look = band_look(curriculum.config.band(lesson.band or ""))
        help_title = locales[locale_id].ui("Get help")
        for number, slide in enumerate(list(deck.slides)[1:], start=2):
            title = slide.shapes.title.text if slide.shapes.title is not None else ""
            if title.startswith(help_title):
                continue  # help slides follow their own plan (render/help/slides.py)
            body = slide.placeholders[1]
            words = sum(len(p.text.split()) for p in body.text_frame.paragraphs)
            sizes = {r.font.size.pt for p in body.text_frame.paragraphs for r in p.runs if r.font.size}
            assert words <= look.most_words, (locale_id, lesson.id, number, words)
            assert sizes and min(sizes) >= look.smallest, (locale_id, lesson.id, number, sizes)
            continued += title.endswith(")")
    assert continued > 0  # some law slides hold more than their band allows and continue


def test_template_is_laid_out_for_16_9(curriculum: Curriculum, locales: dict[str, Localized]) -> None:
    item = locales["en-IE"]
    deck = _deck(item, item.curriculum.lessons[0], curriculum)
    assert deck.slide_width == WIDTH and deck.slide_width * 9 == deck.slide_height * 16
    owners = [deck.slide_master, *deck.slide_layouts]
    for owner in owners:
        for shape in owner.shapes:
            if shape.left is None or shape.width is None:
                continue  # inherits its place from the master
            assert shape.left >= 0 and shape.left + shape.width <= WIDTH, (owner.name, shape.name)
    # The title and body span the wide slide, not the 4:3 template's 10 inches.
    title = next(s for s in deck.slide_master.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.TITLE)
    assert title.left + title.width > OLD_WIDTH
    theme = deck.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
    )
    assert b'typeface="Atkinson Hyperlegible"' in theme.blob and b'typeface="Noto Sans Arabic"' in theme.blob


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project holding the authoring guide's example lesson (4-7, one drawing box) and a guide."""
    return make_project(tmp_path_factory.mktemp("materials"), example_lessons())


def _example_html(root: Path, kind: str, lesson_id: str = "example-helpers-4-7") -> str:
    curriculum, problems = load_curriculum(root)
    assert curriculum is not None and not problems, problems
    lesson = curriculum.lesson(lesson_id)
    assert lesson is not None
    settings = RenderSettings(curriculum.config, root)
    locale, pack, ui = find_locale(ROOT, "en-IE"), require_country_pack(ROOT, "IE"), translator(ROOT, "en")
    return render_lesson_html(kind, lesson, locale, pack, ui, settings).html


def test_documents_carry_their_band_look_and_credit_the_pictures(example: Path) -> None:
    for kind in ("plan", "handout", "handout-large", "family", "slides-pdf"):
        html = _example_html(example, kind)
        assert re.search(r'<body class="[^"]*\bband-4-7 look-early\b', html), kind
        if kind != "slides-pdf":
            assert "Pictures designed by OpenMoji" in html, kind
    guide = _example_html(example, "guide", "guide-example")
    assert "look-senior" in guide and "Pictures designed by OpenMoji" in guide


def test_a_handout_that_asks_children_to_draw_has_boxes_to_draw_in(example: Path) -> None:
    for kind in ("handout", "handout-large"):
        assert _example_html(example, kind).count('<div class="draw-box">') == 1, kind


@pytest.mark.parametrize("value", ["0", "5", "two"])
def test_draw_takes_one_to_four_boxes(project: Path, value: str) -> None:
    header = '::: handout {title="My helping hand" draw=%s}'
    text = authoring_example().replace(header % "1", header % value)
    (project / "lessons" / "example.md").write_text(text, encoding="utf-8")
    result = run_cli("validate", str(project / "lessons" / "example.md"))
    assert result.code == 2
    line = text.split("\n").index(header % value) + 1
    assert f"example.md:{line}:1: error E032 draw must be a number of boxes from 1 to 4" in result.out + result.err


def _figures(pdf: bytes) -> list[str]:
    """The alt texts of the PDF's tagged figures (its structure tree's /Figure elements)."""
    found: list[str] = []

    def walk(node: object) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            if node.get("/S") == "/Figure":
                found.append(str(node.get("/Alt", "")))
            if "/K" in node:
                walk(node["/K"])
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/StructTreeRoot"])
    return found


def test_every_early_years_handout_holds_tagged_figures_with_alt_text_in_its_language(
    curriculum: Curriculum, locales: dict[str, Localized]
) -> None:
    checked = 0
    for locale_id, item in locales.items():
        settings = RenderSettings(curriculum.config, ROOT)
        for lesson in (x for x in item.curriculum.lessons if x.band == "4-7"):
            alts = [p.alt for p in lesson.pictures]
            assert alts, (locale_id, lesson.id)
            english = curriculum.lesson(lesson.id)
            assert english is not None
            if locale_id != "en-IE":  # translated, not left in English
                assert alts != [p.alt for p in english.pictures], (locale_id, lesson.id)
            document = render_lesson_html("handout", lesson, item.locale, item.pack, item.ui, settings)
            for alt in alts:
                assert f'alt="{html.escape(alt)}"' in document.html, (locale_id, lesson.id, alt)
            pdf = write_pdf(
                document.html, ROOT, (ROOT / "lessons" / "assets", ROOT / "handouts"), ROOT / "handouts" / "css"
            )
            assert _figures(pdf.data) == alts, (locale_id, lesson.id)
            checked += 1
    assert checked >= 18


def test_slides_show_the_pictures_with_their_alt_text(curriculum: Curriculum, locales: dict[str, Localized]) -> None:
    item = locales["ar-DE"]
    lesson = item.curriculum.lesson("trusted-adults-4-7")
    assert lesson is not None
    deck = _deck(item, lesson, curriculum)
    pictures = [s for s in deck.slides[0].shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert [s._element.xpath("./p:nvPicPr/p:cNvPr/@descr")[0] for s in pictures] == [p.alt for p in lesson.pictures]
    credit = " ".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    assert "OpenMoji" in credit
    # The help slides' raised hand is decoration: an empty description and Office's decorative mark.
    hands = [s for slide in deck.slides for s in slide.shapes if s.name == "ask-for-help"]
    assert hands and all(s._element.xpath("./p:nvPicPr/p:cNvPr/@descr") == [""] for s in hands)
    assert all(b"decorative" in etree.tostring(s._element) for s in hands)


def test_picture_alt_texts_are_in_the_lesson_catalogue(curriculum: Curriculum) -> None:
    lesson = curriculum.lesson("trusted-adults-4-7")
    assert lesson is not None
    template = lesson_template(lesson, curriculum.config, ROOT)
    entries = {e.msgctxt: e.msgid for e in template}
    assert entries["trusted-adults-4-7|pictures:1|alt"] == lesson.pictures[0].alt
    for language in ("de", "ar"):
        catalogue = read_po(po_path(ROOT, language, lesson.id))
        assert catalogue is not None
        translated = {e.msgctxt: e.msgstr for e in catalogue if e.msgstr}
        assert translated.get("trusted-adults-4-7|pictures:1|alt"), language


@pytest.mark.parametrize(
    ("picture", "offset", "code", "message"),
    [
        ('  - name: unicorn\n    alt: "A unicorn."', 1, "E012", "unknown picture 'unicorn'"),
        ("  - name: helping-hand", 1, "E011", "required field 'pictures.0.alt' is missing"),
        ('  - name: helping-hand\n    alt: ""', 2, "E012", "'pictures.0.alt'"),
    ],
)
def test_the_loader_refuses_unknown_pictures_and_missing_alt_text(
    project: Path, picture: str, offset: int, code: str, message: str
) -> None:
    text = re.sub(r"\npictures:.*?\n---\n", f"\npictures:\n{picture}\n---\n", authoring_example(), count=1, flags=re.S)
    (project / "lessons" / "example.md").write_text(text, encoding="utf-8")
    result = run_cli("validate", str(project / "lessons" / "example.md"))
    assert result.code == 2, result.out
    line = text.split("\n").index("pictures:") + 1 + offset
    output = result.out + result.err
    assert re.search(rf"example\.md:{line}:1: error {code} .*{re.escape(message)}", output), output


def test_every_picture_has_its_files_and_its_attribution() -> None:
    folder = ROOT / "handouts" / PICTURE_DIR
    attribution = (folder / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in attribution and "Attribution-ShareAlike 4.0" in (folder / "LICENSE.txt").read_text()
    for name, code in PICTURES.items():
        assert (folder / f"{name}.svg").read_bytes().lstrip().startswith(b"<svg"), name
        assert (folder / f"{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", name
        assert re.search(rf"^\| `{re.escape(name)}` \| {re.escape(code)} \|", attribution, re.M), name
    files = {p.stem for p in folder.glob("*.svg")} | {p.stem for p in folder.glob("*.png")}
    assert files == set(PICTURES)  # no picture in the folder that the code does not know


CARDS = """
::: cards {title="Good secret or bad secret?"}
Cut out the cards. In groups, children sort them onto the happy face or the worried face.

- Pip makes a birthday card for Grandma.
  - Good secret: a happy surprise for Grandma.
- Someone online says: "Do not tell your mum."
  - Bad secret: tell a trusted adult.
- The class plans a party for Mr Fox.
:::

::: cards {title="What can Pip do?" answer=order}
Put the steps in order.

- Stop.
- Put the tablet down.
- Tell a trusted adult.
- Keep telling until someone listens.
:::
"""
STEPS = ("Stop.", "Put the tablet down.", "Tell a trusted adult.", "Keep telling until someone listens.")


@pytest.fixture(scope="module")
def with_cards(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project, its lesson with two sets of cards, built in English."""
    lessons = example_lessons()
    lessons["example.md"] += CARDS
    root = make_project(tmp_path_factory.mktemp("cards"), lessons)
    result = run_cli("build", "--no-site", "--locale", "en-IE", "--jobs", "2", "--quiet", "--project", str(root))
    assert result.code == 0, result.err
    return root


def test_every_lesson_with_cards_has_its_printable(with_cards: Path) -> None:
    curriculum, problems = load_curriculum(with_cards)
    assert curriculum is not None and not problems
    for lesson in curriculum.lessons:
        files = download_paths(lesson, "en-IE")
        assert ("cards" in files) == bool(lesson.sections_of("cards")), lesson.id
        for path in files.values():
            assert (with_cards / "site" / path).is_file(), path
    sheet = with_cards / "site/downloads/en-IE/4-7/example-helpers-4-7/example-helpers-4-7-cards.pdf"
    pages = [" ".join(page.split()) for page in tool("pdftotext", str(sheet), "-").split("\f") if page.strip()]
    assert len(pages) == 2  # each set of cards on its own page
    assert "Cut along the dashed lines." in pages[0] and "Pip makes a birthday card for Grandma." in pages[0]
    assert "a happy surprise for Grandma" not in pages[0]  # answers are for the teacher only
    for step in STEPS:
        assert step in pages[1], step
    # The sheet numbers the steps shuffled: no step is printed in its place.
    sheet_html = _example_html(with_cards, "cards")
    numbered = re.findall(r'<span class="card-number">(\d)</span> ([^<]+)</li>', sheet_html)
    assert sorted(text for _, text in numbered) == sorted(STEPS)
    assert all(text != STEPS[int(n) - 1] for n, text in numbered)
    right = ", ".join(n for step in STEPS for n, text in numbered if text == step)
    plan = " ".join(tool("pdftotext", str(sheet.with_name("example-helpers-4-7-plan.pdf")), "-").split())
    assert f"The right order of the numbered cards: {right}" in plan
    assert "Pip makes a birthday card for Grandma. – Good secret: a happy surprise for Grandma." in plan
    assert "Printables" in plan and "example-helpers-4-7-cards.pdf" in plan
    for expected in ("At a glance", "You will need", "0–5 min", "25–30 min", "Pencils and crayons for drawing"):
        assert expected in plan, expected


def test_lessons_without_cards_have_no_cut_out_sheet(example: Path) -> None:
    curriculum, _ = load_curriculum(example)
    assert curriculum is not None
    lesson = curriculum.lesson("example-helpers-4-7")
    assert lesson is not None and "cards" not in download_paths(lesson, "en-IE")
    assert "example-helpers-4-7-cards.pdf" not in _example_html(example, "plan")


@pytest.mark.parametrize(
    ("section", "code", "message"),
    [
        ('::: cards {title="T"}\nJust text.\n:::', "E038", "needs one list"),
        ('::: cards {title="T"}\n- Only one.\n:::', "E038", "2 to 24 cards, not 1"),
        ('::: cards {title="T"}\n- One.\n- Two.\n\nMore text.\n:::', "E038", "text after the list"),
        ('::: cards {title="T" answer=sort}\n- One.\n- Two.\n:::', "E032", "answer can only be 'order'"),
        ("::: cards\n- One.\n- Two.\n:::", "E032", "needs the attribute 'title'"),
    ],
)
def test_malformed_cards_are_located_errors(project: Path, section: str, code: str, message: str) -> None:
    text = authoring_example() + "\n" + section + "\n"
    (project / "lessons" / "example.md").write_text(text, encoding="utf-8")
    result = run_cli("validate", str(project / "lessons" / "example.md"))
    assert result.code == 2, result.out
    output = result.out + result.err
    assert re.search(rf"example\.md:\d+:1: error {code} .*{re.escape(message)}", output), output


def _pdf(item: Localized, lesson: Lesson, kind: str, curriculum: Curriculum) -> bytes:
    document = render_lesson_html(
        kind, lesson, item.locale, item.pack, item.ui, RenderSettings(curriculum.config, ROOT)
    )
    style = {"handout-large": "large-print", "slides-pdf": "slides"}.get(kind, "print")
    allowed = (ROOT / "lessons" / "assets", ROOT / "handouts")
    return write_pdf(document.html, ROOT, allowed, ROOT / "handouts" / "css", style).data


def _text_sizes(page: object) -> list[tuple[float, str]]:
    """(size in points, text) of every piece of text on a PDF page, running headers and footers included."""
    sizes: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            sizes.append((size * abs(tm[3]) * abs(cm[3]) if tm[3] and cm[3] else size, text))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return sizes


def _body_lines(pdf: Path, page: int) -> list[str]:
    """The text lines of one page between its running header and footer, without the picture credit."""
    layout = tool("pdftotext", "-f", str(page), "-l", str(page), "-bbox-layout", str(pdf), "-")
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', layout)[1])  # type: ignore[index]
    lines = []
    for top, words in re.findall(r'<line xMin="[\d.]+" yMin="([\d.]+)"[^>]*>(.*?)</line>', layout, re.S):
        text = " ".join(re.findall(r">([^<]*)</word>", words))
        # Header and footer sit in the page margins (26 mm and 30 mm in large print).
        if 80 < float(top) < height - 90 and "penMoji" not in text and "openmoji" not in text:
            lines.append(text)
    return lines


def test_large_print_has_no_text_under_16pt_and_no_almost_empty_last_page(
    curriculum: Curriculum, locales: dict[str, Localized], tmp_path: Path
) -> None:
    checked = 0
    for locale_id, item in locales.items():
        for lesson in (x for x in item.curriculum.lessons if x.is_student_lesson):
            pdf = tmp_path / f"{lesson.id}.{locale_id}.pdf"
            pdf.write_bytes(_pdf(item, lesson, "handout-large", curriculum))
            reader = PdfReader(pdf)
            for number, page in enumerate(reader.pages, start=1):
                small = [(round(size, 1), text) for size, text in _text_sizes(page) if size < 15.95]
                assert not small, (locale_id, lesson.id, number, small[:3])
            last = len(reader.pages)
            if last > 1:  # the help box and colophon never make a page of their own few lines
                assert len(_body_lines(pdf, last)) >= 4, (locale_id, lesson.id, _body_lines(pdf, last))
            checked += 1
    assert checked >= 60


def test_arabic_pdfs_run_right_to_left(curriculum: Curriculum, locales: dict[str, Localized]) -> None:
    for locale_id, direction in (("ar-DE", "/R2L"), ("de-DE", None)):
        item = locales[locale_id]
        lesson = next(x for x in item.curriculum.lessons if x.id == "trusted-adults-4-7")
        for kind in ("handout", "slides-pdf"):
            reader = PdfReader(io.BytesIO(_pdf(item, lesson, kind, curriculum)))
            preferences = reader.trailer["/Root"]["/ViewerPreferences"]
            assert preferences.get("/Direction") == direction, (locale_id, kind)


def test_german_text_is_hyphenated_with_a_character_the_fonts_have(
    curriculum: Curriculum, locales: dict[str, Localized], tmp_path: Path
) -> None:
    item = locales["de-DE"]
    hyphenated = 0
    for lesson in (x for x in item.curriculum.lessons if x.is_student_lesson and x.band in ("11-13", "14-18")):
        pdf = tmp_path / f"{lesson.id}.pdf"
        pdf.write_bytes(_pdf(item, lesson, "handout", curriculum))
        words = re.findall(r">([^<]*)</word>", tool("pdftotext", "-bbox", str(pdf), "-"))
        assert not [w for w in words if "\u2010" in w], lesson.id  # not in the bundled fonts: it prints as a box
        hyphenated += sum(bool(re.fullmatch(r"[a-zäöüß]+-", w, re.I)) for w in words)
    assert hyphenated > 5


def test_handbook_has_cover_overview_lesson_headers_and_the_services_once(
    curriculum: Curriculum, locales: dict[str, Localized], tmp_path: Path
) -> None:
    item = locales["en-IE"]
    members = [x for x in item.curriculum.lessons if x.is_student_lesson and x.band == "4-7"]
    settings = RenderSettings(curriculum.config, ROOT)
    document = render_handbook_html("4-7", members, item.locale, item.pack, item.ui, settings)
    allowed = (ROOT / "lessons" / "assets", ROOT / "handouts")
    pdf = tmp_path / "handbook.pdf"
    pdf.write_bytes(write_pdf(document.html, ROOT, allowed, ROOT / "handouts" / "css").data)
    pages = tool("pdftotext", "-layout", str(pdf), "-").split("\f")
    assert "Handbook: Ages 4 to 7" in pages[0] and "version 0.1.0" in pages[0]
    assert len(_figures(pdf.read_bytes())) >= len(members)  # the band's characters on the cover
    overview = " ".join(pages[1].split())
    for lesson in members:
        assert lesson.title in overview and lesson.summary[:40] in overview, lesson.id
    # Every page of a chapter names its lesson in the running header.
    chapters = 0
    for page in pages[2:]:
        header = page.strip().split("\n")[0]
        titles = [x.title for x in members if header.startswith(x.title)]
        chapters += bool(titles)
    assert chapters >= len(pages) - 4
    whole = " ".join(" ".join(pages).split())
    assert whole.count("A free listening service for anyone under 18") == 1
    assert whole.count("are at the end of this handbook") == len(members)
