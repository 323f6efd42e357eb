"""An editable 16:9 deck: a title slide, one slide per `slide` section with its notes, a final help slide.

Large, high-contrast text (near-black on white, dark blue titles); one idea per slide.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from lessonkit.locale.country_pack import CountryPack
from lessonkit.locale.help_tokens import help_tokens_in
from lessonkit.locale.locales import Locale
from lessonkit.model import Lesson
from lessonkit.render.help.entries import STUDENT_HELP, help_entries
from lessonkit.render.help.slides import deck_help_lines, help_slides, service_lines
from lessonkit.render.settings import RenderSettings
from lessonkit.render.slides.fit import fit_size
from lessonkit.render.slides.rtl import make_rtl
from lessonkit.render.slides.text import Line, plain_lines, plain_text

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 inches: 16:9
TITLE_COLOUR = RGBColor.from_string("0B3D6B")  # type: ignore[no-untyped-call]  # dark blue on white: contrast 11:1
TEXT_COLOUR = RGBColor.from_string("111111")  # type: ignore[no-untyped-call]
LATIN_FONT, ARABIC_FONT = "Atkinson Hyperlegible", "Noto Sans Arabic"
TITLE_LAYOUT, CONTENT_LAYOUT = 0, 1


def render_deck(
    lesson: Lesson, locale: Locale, pack: CountryPack, ui: Callable[[str], str], settings: RenderSettings
) -> bytes:
    """The lesson's slides as PPTX bytes."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    deck.core_properties.title = lesson.title
    deck.core_properties.language = locale.language
    deck.core_properties.author = settings.config.title
    deck.core_properties.subject = f"{settings.config.licence} · {settings.config.version} ({settings.config.updated})"
    deck.core_properties.keywords = settings.config.licence
    rtl = locale.direction == "rtl"
    font = ARABIC_FONT if rtl else LATIN_FONT

    band = settings.config.band(lesson.band) if lesson.band else None
    ground_rules = "\n".join(plain_text(s.text, pack) for s in lesson.sections_of("ground-rules"))
    title = deck.slides.add_slide(deck.slide_layouts[TITLE_LAYOUT])
    _write(title, lesson.title, [Line(ui(band.label))] if band else [], font, rtl, title_size=44)
    _notes(title, ground_rules)

    sections = lesson.sections
    for index, section in enumerate(sections):
        if section.kind != "slide":
            continue
        slide = deck.slides.add_slide(deck.slide_layouts[CONTENT_LAYOUT])
        lines = plain_lines(section.text, pack)
        _write(slide, section.title, lines, font, rtl, body_size=fit_size(lines, section.title))
        following = sections[index + 1] if index + 1 < len(sections) else None
        if following is not None and following.kind == "notes":
            _notes(slide, plain_text(following.text, pack))

    used = help_tokens_in(s.text for s in lesson.sections_of("help"))
    services = help_entries(pack, [*used, *STUDENT_HELP], ui)
    for page in help_slides(deck_help_lines(lesson, pack), services, ui):
        slide = deck.slides.add_slide(deck.slide_layouts[CONTENT_LAYOUT])
        lines = list(page.lines)
        for entry in page.services:
            name, *details = service_lines(entry, pack.wording.not_confirmed)
            lines += [Line(name, bullet=True), *(Line(detail) for detail in details)]
        _write(slide, page.title, lines, font, rtl, body_size=24)
        _notes(slide, ui("You will not be in trouble for telling."))

    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _write(
    slide: Slide, heading: str, lines: Sequence[Line], font: str, rtl: bool, title_size: int = 40, body_size: int = 28
) -> None:
    title_shape = slide.shapes.title
    assert title_shape is not None  # both layouts used have a title placeholder
    # The default template is 4:3: stretch the placeholders across the 16:9 slide.
    title_shape.left, title_shape.width = Inches(0.6), Inches(12.1)
    title_shape.text_frame.text = heading
    for paragraph in title_shape.text_frame.paragraphs:
        _style(paragraph, font, title_size, TITLE_COLOUR, bold=True, rtl=rtl)
    body = slide.placeholders[1]
    body.left, body.width = Inches(0.6), Inches(12.1)
    if title_size < 44:
        title_shape.top, title_shape.height = Inches(0.4), Inches(1.3)
        body.top, body.height = Inches(1.8), Inches(5.2)
    else:
        title_shape.top, title_shape.height = Inches(1.2), Inches(2.8)
        body.top, body.height = Inches(4.3), Inches(1.2)
    frame = body.text_frame
    frame.word_wrap = True
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = line.text
        _style(paragraph, font, body_size, TEXT_COLOUR, bold=False, rtl=rtl)
        if not line.bullet:
            _no_bullet(paragraph)
    if not lines:
        body._element.getparent().remove(body._element)


def _style(paragraph: object, font: str, size: int, colour: RGBColor, *, bold: bool, rtl: bool) -> None:
    from pptx.text.text import _Paragraph

    assert isinstance(paragraph, _Paragraph)
    for run in paragraph.runs:
        run.font.name = font
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = colour
    if rtl:
        make_rtl(paragraph)


def _no_bullet(paragraph: object) -> None:
    from pptx.text.text import _Paragraph

    assert isinstance(paragraph, _Paragraph)
    properties = paragraph._p.get_or_add_pPr()
    properties.set("marL", "0")
    properties.set("indent", "0")
    if properties.find(qn("a:buNone")) is None:
        properties.insert(0, properties.makeelement(qn("a:buNone"), {}))


def _notes(slide: Slide, text: str) -> None:
    if text:
        slide.notes_slide.notes_text_frame.text = text  # type: ignore[union-attr]
