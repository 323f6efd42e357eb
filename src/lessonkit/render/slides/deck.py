"""An editable 16:9 deck: a title slide, the `slide` sections with their notes, the help slides.

Every slide sits on the project's template for the lesson's band (`template.py`), carries the
licence footer and its number, and every run is tagged with the deck's language. A slide
section holding more text than its band allows continues on further slides (`fit.slide_parts`);
the PDF deck follows the same plan, page for slide.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import PP_ALIGN
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import BaseOxmlElement
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pptx.text.text import TextFrame, _Paragraph, _Run
from pptx.util import Inches, Pt

from lessonkit.locale.country_pack import CountryPack
from lessonkit.locale.help_tokens import help_tokens_in
from lessonkit.locale.locales import Locale
from lessonkit.model import Lesson, Picture
from lessonkit.pictures import picture_file
from lessonkit.render.help.entries import STUDENT_HELP, HelpEntry, help_entries
from lessonkit.render.help.slides import CONTACT_SIZE, HOURS_SIZE, NAME_SIZE, deck_help_lines, help_slides
from lessonkit.render.settings import RenderSettings
from lessonkit.render.slides.embed_fonts import deck_faces, embed_fonts
from lessonkit.render.slides.fit import BODY_SIZE, band_slide_parts
from lessonkit.render.slides.language import language_tag, tag_language
from lessonkit.render.slides.rtl import make_rtl
from lessonkit.render.slides.style import HELP_TITLE, BandLook, band_look
from lessonkit.render.slides.template import (
    ARABIC_FONT,
    CONTENT_LAYOUT,
    COVER_CREDIT,
    COVER_TITLE_SIZE,
    CREDIT_SIZE,
    DECORATIVE,
    FOOTER_SIZE,
    HELP_HEADING,
    HELP_ICON,
    LATIN_FONT,
    PDF_SCALE,
    PICTURES,
    SUBTITLE_SIZE,
    TITLE_LAYOUT,
    TITLE_SIZE,
    Box,
    open_template,
    placeholders,
)
from lessonkit.render.slides.text import Line, keep_together, plain_lines, plain_text

HELP_PICTURE = "ask-for-help"
FOOTER_COLOUR = "3D3D3D"  # contrast 10:1 on every band background
# Slide-number fields need an id; a fixed namespace keeps a rebuilt deck byte-for-byte stable.
FIELD_IDS = uuid.UUID("5b0f3c1e-7d0a-4c55-9a63-1e2b6f1d2a40")


class _DeckWriter:
    """Adds slides to one deck in one language, direction and band look."""

    def __init__(self, deck: Deck, look: BandLook, rtl: bool, footer: str) -> None:
        self.deck = deck
        self.look = look
        self.rtl = rtl
        # Latin runs in Atkinson Hyperlegible; Arabic runs take the complex-script font set by `_tag`.
        self.font = LATIN_FONT
        self.footer = footer

    def slide(self, layout: int, heading: str, title_size: int, title_colour: str) -> Slide:
        slide: Slide = self.deck.slides.add_slide(self.deck.slide_layouts[layout])
        title = slide.shapes.title
        assert title is not None  # both layouts used have a title placeholder
        title.text_frame.text = heading
        title.text_frame.word_wrap = True
        for paragraph in title.text_frame.paragraphs:
            self.style(paragraph, title_size, title_colour, bold=True)
        self._footer(slide, len(self.deck.slides))
        return slide

    def body(self, slide: Slide, lines: Sequence[Line], size: int, colour: str, *, more: bool = False) -> None:
        """The body placeholder holding `lines`; removed when empty, unless `more` is to follow."""
        body = slide.placeholders[1]
        if not lines and not more:
            body._element.getparent().remove(body._element)
            return
        frame = body.text_frame
        frame.word_wrap = True
        for index, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.text = line.text
            self.style(paragraph, size, colour, bold=False)
            if not line.bullet:
                _no_bullet(paragraph)

    def services(
        self, slide: Slide, lines: Sequence[Line], services: Sequence[HelpEntry], ui: Callable[[str], str]
    ) -> None:
        """The help text, then each service as the PDF deck prints it.

        The name in bold, its contacts on one line at body size (children copy them from the back
        of the room), the hours below, a little smaller.
        """
        self.body(slide, lines, BODY_SIZE, self.look.text, more=bool(services))
        frame = slide.placeholders[1].text_frame
        for entry in services:
            name = self._paragraph(frame, entry.name, NAME_SIZE, bold=True)
            name.space_before = Pt(2 * 2.835 * PDF_SCALE)  # the PDF deck's 2 mm between services
            if not entry.confirmed:
                note = name.add_run()
                note.text = f" ({ui('not yet confirmed')})"
                self._run(note, NAME_SIZE, self.look.text, bold=False)
                note.font.italic = True
            contacts = " · ".join(f"{c.label}: {c.value}" + (f" ({c.note})" if c.note else "") for c in entry.contacts)
            self._paragraph(frame, contacts, CONTACT_SIZE, bold=False)
            if entry.hours:
                self._paragraph(frame, f"{ui('Hours')}: {entry.hours}", HOURS_SIZE, bold=False, colour=FOOTER_COLOUR)

    def _paragraph(
        self, frame: TextFrame, text: str, size: int, *, bold: bool, colour: str | None = None
    ) -> _Paragraph:
        """A paragraph without a bullet added to `frame` (its first, if the frame is still empty)."""
        empty = len(frame.paragraphs) == 1 and not frame.paragraphs[0].text
        paragraph = frame.paragraphs[0] if empty else frame.add_paragraph()  # type: ignore[no-untyped-call]
        paragraph.text = text
        self.style(paragraph, size, colour or self.look.text, bold=bold)
        _no_bullet(paragraph)
        return paragraph

    def _run(self, run: _Run, size: int, colour: str, *, bold: bool) -> None:
        run.font.name = self.font
        run.font.size = Pt(size * PDF_SCALE)
        run.font.bold = bold
        run.font.color.rgb = RGBColor.from_string(colour)  # type: ignore[no-untyped-call]

    def style(self, paragraph: _Paragraph, size: int, colour: str, *, bold: bool) -> None:
        """Every run of the paragraph at `size` (in the PDF deck's points, see PDF_SCALE)."""
        for run in paragraph.runs:
            self._run(run, size, colour, bold=bold)
        if self.rtl:
            make_rtl(paragraph)
        else:
            paragraph.alignment = PP_ALIGN.LEFT

    def _footer(self, slide: Slide, number: int) -> None:
        """The licence footer and the slide number, in the layout's footer and number placeholders."""
        layout = slide.slide_layout
        for placeholder in placeholders(layout):
            kind = placeholder.placeholder_format.type
            if kind not in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
                continue
            slide.shapes.clone_placeholder(placeholder)  # type: ignore[arg-type]
            shape = slide.placeholders[placeholder.placeholder_format.idx]
            paragraph = shape.text_frame.paragraphs[0]
            paragraph.text = self.footer if kind == PP_PLACEHOLDER.FOOTER else str(number)
            self.style(paragraph, FOOTER_SIZE, FOOTER_COLOUR, bold=False)
            if kind == PP_PLACEHOLDER.SLIDE_NUMBER:
                _as_slide_number(paragraph, number)
            # The number sits in the outer corner: right in left-to-right decks, left in right-to-left ones.
            if kind == PP_PLACEHOLDER.SLIDE_NUMBER:
                paragraph.alignment = PP_ALIGN.LEFT if self.rtl else PP_ALIGN.RIGHT
            else:
                paragraph.alignment = PP_ALIGN.RIGHT if self.rtl else PP_ALIGN.LEFT

    def pictures(self, slide: Slide, pictures: Sequence[Picture], handouts: Path) -> None:
        """The lesson's pictures in a column beside the title, each described by its alt text."""
        box = PICTURES.placed(self.rtl)
        gap = Inches(0.2)
        side = min(box.width, (box.height - gap * (len(pictures) - 1)) // max(1, len(pictures)))
        top = box.top + (box.height - side * len(pictures) - gap * (len(pictures) - 1)) // 2
        for index, picture in enumerate(pictures):
            place = Box(box.left + (box.width - side) // 2, top + index * (side + gap), side, side)
            shape = slide.shapes.add_picture(str(handouts / picture_file(picture.name, ".png")), *place.emu())
            shape.name = picture.name
            _shape_properties(shape._element).set("descr", picture.alt)

    def text_box(self, slide: Slide, box: Box, text: str, size: int, colour: str) -> None:
        placed = box.placed(self.rtl)
        frame = slide.shapes.add_textbox(*placed.emu()).text_frame
        frame.word_wrap = True
        frame.text = text
        for paragraph in frame.paragraphs:
            self.style(paragraph, size, colour, bold=False)

    def help_icon(self, slide: Slide, handouts: Path) -> None:
        """The raised hand of the print help boxes, before the title; decoration, not read aloud."""
        title = slide.shapes.title
        assert title is not None
        title.left, title.top, title.width, title.height = HELP_HEADING.placed(self.rtl).emu()
        box = HELP_ICON.placed(self.rtl)
        shape = slide.shapes.add_picture(str(handouts / picture_file(HELP_PICTURE, ".png")), *box.emu())
        shape.name = HELP_PICTURE
        _decorative(_shape_properties(shape._element))


def render_deck(
    lesson: Lesson, locale: Locale, pack: CountryPack, ui: Callable[[str], str], settings: RenderSettings
) -> bytes:
    """The lesson's slides as PPTX bytes."""
    config = settings.config
    band = config.band(lesson.band) if lesson.band else None
    look = band_look(band)
    rtl = locale.direction == "rtl"
    deck = open_template(look, rtl)
    tag = language_tag(locale)
    properties = deck.core_properties
    properties.title = lesson.title
    properties.language = tag
    properties.author = config.title
    properties.subject = f"{config.licence} · {config.version} ({config.updated})"
    properties.keywords = config.licence
    edition = f"{config.version} ({config.updated.isoformat()})"
    # In a right-to-left deck the bidi algorithm would read the date's digits as Arabic numbers
    # after the Arabic title and print "(30-11-2026)": keep version and date one left-to-right run.
    footer = f"{config.licence} · {ui(config.title)} " + (f"\u2066{edition}\u2069" if rtl else edition)
    writer = _DeckWriter(deck, look, rtl, footer)

    ground_rules = "\n".join(plain_text(s.text, pack) for s in lesson.sections_of("ground-rules"))
    cover = writer.slide(TITLE_LAYOUT, lesson.title, COVER_TITLE_SIZE, look.title)
    writer.body(cover, [Line(ui(band.label))] if band else [], SUBTITLE_SIZE, FOOTER_COLOUR)
    writer.pictures(cover, lesson.pictures, settings.handouts)
    # Every deck shows OpenMoji pictures (the help slides' hand at least): credit them as OpenMoji asks.
    credit = ui(
        "Pictures designed by OpenMoji, the open-source emoji and icon project (openmoji.org). Licence: CC BY-SA 4.0."
    )
    writer.text_box(cover, COVER_CREDIT, keep_together(credit, config.licence), CREDIT_SIZE, FOOTER_COLOUR)
    _notes(cover, ground_rules)

    sections = lesson.sections
    for index, section in enumerate(sections):
        if section.kind != "slide":
            continue
        following = sections[index + 1] if index + 1 < len(sections) else None
        notes = plain_text(following.text, pack) if following is not None and following.kind == "notes" else ""
        for part in band_slide_parts(plain_lines(section.text, pack), section.title, look):
            title = ui("{title} (continued)").format(title=section.title) if part.continued else section.title
            slide = writer.slide(CONTENT_LAYOUT, title, TITLE_SIZE, look.title)
            writer.body(slide, part.lines, part.size, look.text)
            _notes(slide, "" if part.continued else notes)

    used = help_tokens_in(s.text for s in lesson.sections_of("help"))
    services = help_entries(pack, [*used, *STUDENT_HELP], ui)
    for page in help_slides(deck_help_lines(lesson, pack), services, ui):
        slide = writer.slide(CONTENT_LAYOUT, page.title, TITLE_SIZE, HELP_TITLE)
        writer.help_icon(slide, settings.handouts)
        writer.services(slide, page.lines, page.services, ui)
        _notes(slide, ui("You will not be in trouble for telling."))

    _tag(deck, tag, rtl)
    # The deck carries its fonts, so PowerPoint or Impress without them installed shows the project's type.
    embed_fonts(deck, settings.handouts, deck_faces(rtl))
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _tag(deck: Deck, tag: str, rtl: bool) -> None:
    """Every run of every part (slides, notes, master, layouts, defaults) in the deck's language."""
    complex_font = ARABIC_FONT if rtl else ""
    elements = [deck.part._element, deck.slide_master._element, *(x._element for x in deck.slide_layouts)]
    for slide in deck.slides:
        elements.append(slide._element)
        if slide.has_notes_slide:
            elements.append(slide.notes_slide._element)
    elements.append(deck.notes_master._element)
    for element in elements:
        tag_language(element, tag, complex_font)


def _as_slide_number(paragraph: _Paragraph, number: int) -> None:
    """Turn the paragraph's one run into a slide-number field, which PowerPoint and Impress renumber when slides move.

    A field is a run with an id and a type, so the styled run keeps its properties and its text.
    """
    run = paragraph._p.r_lst[0]
    run.tag = qn("a:fld")
    run.set("id", "{" + str(uuid.uuid5(FIELD_IDS, str(number))).upper() + "}")
    run.set("type", "slidenum")


def _shape_properties(shape: BaseOxmlElement) -> BaseOxmlElement:
    """A shape's non-visual properties (`p:cNvPr`): its name, and its description read by screen readers."""
    found: list[BaseOxmlElement] = shape.xpath("./*[1]/p:cNvPr")
    return found[0]


def _decorative(properties: BaseOxmlElement) -> None:
    """Mark a shape decorative (Office's a16 extension), so that screen readers skip it."""
    properties.set("descr", "")
    properties.append(parse_xml(DECORATIVE))


def _no_bullet(paragraph: _Paragraph) -> None:
    properties = paragraph._p.get_or_add_pPr()
    properties.set("marL", "0")
    properties.set("indent", "0")
    if properties.find(qn("a:buNone")) is None:
        properties.insert(0, properties.makeelement(qn("a:buNone"), {}))


def _notes(slide: Slide, text: str) -> None:
    if text:
        slide.notes_slide.notes_text_frame.text = text  # type: ignore[union-attr]
