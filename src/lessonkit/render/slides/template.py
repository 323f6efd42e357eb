"""The project's 16:9 deck template, made in code: master, layouts, theme fonts and colours for one band look.

python-pptx starts from a 4:3 template. Instead of stretching each slide's shapes, the template
is made 16:9 once: every placeholder of the master and of every layout is laid out for the wide
slide, so that a slide a teacher adds in PowerPoint or Impress sits where ours do. The master
carries the band's background, a thin accent bar, the theme fonts (the bundled Atkinson
Hyperlegible and Noto Sans Arabic) and the title and body text styles. Right-to-left decks get
the mirror image: slide number on the left, footer on the right, pictures on the left.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE
from pptx.opc.oxml import serialize_part_xml
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as Deck
from pptx.shapes.base import BaseShape
from pptx.slide import SlideLayout, SlideMaster
from pptx.util import Emu, Inches

from lessonkit.render.slides.style import BandLook

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 inches: 16:9
OLD_WIDTH = 9144000  # the 4:3 template's width
LATIN_FONT, ARABIC_FONT = "Atkinson Hyperlegible", "Noto Sans Arabic"
TITLE_LAYOUT, CONTENT_LAYOUT = 0, 1
MARGIN = Inches(0.6)
ACCENT_HEIGHT = Inches(0.14)


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in EMU, as laid out left to right."""

    left: int
    top: int
    width: int
    height: int

    def emu(self) -> tuple[Emu, Emu, Emu, Emu]:
        """Left, top, width and height as python-pptx lengths."""
        return Emu(self.left), Emu(self.top), Emu(self.width), Emu(self.height)

    def placed(self, rtl: bool) -> Box:
        """The box mirrored across the slide for right-to-left decks."""
        return Box(WIDTH - self.left - self.width, self.top, self.width, self.height) if rtl else self


TITLE = Box(MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(1.4))
BODY = Box(MARGIN, Inches(1.8), WIDTH - 2 * MARGIN, Inches(4.9))
FOOTER = Box(MARGIN, Inches(6.95), Inches(10.0), Inches(0.4))
NUMBER = Box(WIDTH - MARGIN - Inches(1.6), Inches(6.95), Inches(1.6), Inches(0.4))
DATE = Box(MARGIN, Inches(6.95), Inches(2.0), Inches(0.4))
# The title slide: title and band on the left two thirds, pictures in a column on the right.
COVER_TITLE = Box(MARGIN, Inches(1.6), Inches(8.3), Inches(2.4))
COVER_SUBTITLE = Box(MARGIN, Inches(4.15), Inches(8.3), Inches(0.9))
COVER_CREDIT = Box(MARGIN, Inches(6.35), Inches(8.3), Inches(0.5))
PICTURES = Box(Inches(9.4), Inches(1.2), Inches(3.3), Inches(5.0))
# Help slides: the raised hand at the start of the title, as in the print help boxes.
HELP_ICON = Box(MARGIN, Inches(0.78), Inches(0.85), Inches(0.85))
HELP_HEADING = Box(MARGIN + Inches(1.05), TITLE.top, TITLE.width - Inches(1.05), TITLE.height)
# Type sizes are given as the PDF deck prints them (handouts/css/slides.css). Its page is 254 mm
# (720 pt) wide, the PPTX slide 13.333 in (960 pt): the PPTX deck multiplies every size by
# PDF_SCALE, so that text takes the same share of the slide in both decks and wraps alike.
PDF_SCALE = 960 / 720
TITLE_SIZE, COVER_TITLE_SIZE, SUBTITLE_SIZE, FOOTER_SIZE, CREDIT_SIZE = 34, 40, 22, 9, 10
# Office's a16 decorative mark, inside a shape's cNvPr: screen readers skip the shape.
DECORATIVE = (
    '<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
    '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>'
    "</a:ext></a:extLst>"
)
# The accent bar along the top of every slide: decoration.
ACCENT_BAR = (
    '<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<p:nvSpPr><p:cNvPr id="{id}" name="Accent bar"><a:extLst>'
    '<a:ext uri="{{C183D7F6-B498-43B3-948B-1728B52AA6E4}}">'
    '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>'
    '</a:ext></a:extLst></p:cNvPr><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
    '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
    "<a:ln><a:noFill/></a:ln></p:spPr></p:sp>"
)


@cache
def deck_template(look: BandLook, rtl: bool) -> bytes:
    """The empty template of one band look and direction, as PPTX bytes (made once per process)."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    master = deck.slide_master
    _theme_fonts(master)
    _text_styles(master, look, rtl)
    master.background.fill.solid()
    master.background.fill.fore_color.rgb = RGBColor.from_string(look.background)  # type: ignore[no-untyped-call]
    _accent_bar(master, look)
    for shape in [*placeholders(master), *(s for layout in deck.slide_layouts for s in placeholders(layout))]:
        _widen(shape)
    _place_master(master, rtl)
    _place_layout(deck.slide_layouts[TITLE_LAYOUT], COVER_TITLE, COVER_SUBTITLE, rtl)
    _place_layout(deck.slide_layouts[CONTENT_LAYOUT], TITLE, BODY, rtl)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def open_template(look: BandLook, rtl: bool) -> Deck:
    """A new deck on the template."""
    return Presentation(io.BytesIO(deck_template(look, rtl)))


def placeholders(owner: SlideMaster | SlideLayout) -> list[BaseShape]:
    """The placeholders of a master or layout, in z-order."""
    return [shape for shape in owner.shapes if shape.is_placeholder]


def _widen(shape: BaseShape) -> None:
    """Stretch a 4:3 placeholder's position and width to the 16:9 slide (heights stay).

    Only placeholders with a place of their own: the others inherit the master's, widened once there.
    """
    own = shape._element.find(f"{qn('p:spPr')}/{qn('a:xfrm')}")
    if own is not None and shape.left is not None and shape.width is not None:
        shape.left = Emu(shape.left * WIDTH // OLD_WIDTH)
        shape.width = Emu(shape.width * WIDTH // OLD_WIDTH)


def _set(shape: BaseShape, box: Box, rtl: bool) -> None:
    shape.left, shape.top, shape.width, shape.height = box.placed(rtl).emu()


def _place_master(master: SlideMaster, rtl: bool) -> None:
    boxes = {
        PP_PLACEHOLDER.TITLE: TITLE,
        PP_PLACEHOLDER.BODY: BODY,
        PP_PLACEHOLDER.FOOTER: FOOTER,
        PP_PLACEHOLDER.SLIDE_NUMBER: NUMBER,
        PP_PLACEHOLDER.DATE: DATE,
    }
    for shape in placeholders(master):
        kind = shape.placeholder_format.type
        box = boxes.get(kind)
        if box is not None:
            _set(shape, box, rtl)
        if kind == PP_PLACEHOLDER.TITLE:
            # Titles sit on the body: a two-line title grows upwards, not into the text below it.
            body_properties = shape._element.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}")
            if body_properties is not None:
                body_properties.set("anchor", "b")


def _place_layout(layout: SlideLayout, title: Box, body: Box, rtl: bool) -> None:
    for shape in placeholders(layout):
        kind = shape.placeholder_format.type
        if kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
            _set(shape, title, rtl)
        elif kind in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.OBJECT):
            _set(shape, body, rtl)
        elif kind == PP_PLACEHOLDER.FOOTER:
            _set(shape, FOOTER, rtl)
        elif kind == PP_PLACEHOLDER.SLIDE_NUMBER:
            _set(shape, NUMBER, rtl)
        elif kind == PP_PLACEHOLDER.DATE:
            _set(shape, DATE, rtl)


def _accent_bar(master: SlideMaster, look: BandLook) -> None:
    """A thin bar of the band's colour along the top edge of every slide, behind the text."""
    tree = master.shapes._spTree
    shape_id = max(int(x.get("id", "0")) for x in tree.iter(qn("p:cNvPr"))) + 1
    bar = parse_xml(ACCENT_BAR.format(id=shape_id, width=int(WIDTH), height=int(ACCENT_HEIGHT), colour=look.accent))
    # The first two children of a shape tree are its own properties; shapes after them draw in order.
    tree.insert(2, bar)


def _theme_fonts(master: SlideMaster) -> None:
    """Theme fonts: Atkinson Hyperlegible for Latin text, Noto Sans Arabic for Arabic (complex script)."""
    theme = master.part.part_related_by(RELATIONSHIP_TYPE.THEME)
    root = parse_xml(theme.blob)
    for scheme in root.iter(qn("a:majorFont"), qn("a:minorFont")):
        for child in scheme:
            if child.tag == qn("a:latin"):
                child.set("typeface", LATIN_FONT)
            elif child.tag == qn("a:cs") or (child.tag == qn("a:font") and child.get("script") == "Arab"):
                child.set("typeface", ARABIC_FONT)
    for named in root.iter(qn("a:theme"), qn("a:fontScheme")):
        named.set("name", "lessonkit")
    theme._blob = serialize_part_xml(root)


def _text_styles(master: SlideMaster, look: BandLook, rtl: bool) -> None:
    """Title and body styles of the master: the band's colours and sizes, left or right aligned."""
    styles = master._element.find(qn("p:txStyles"))
    assert styles is not None  # every slide master has text styles
    for style, colour, size in (
        ("p:titleStyle", look.title, TITLE_SIZE),
        ("p:bodyStyle", look.text, look.largest),
    ):
        element = styles.find(qn(style))
        assert element is not None
        for level, paragraph in enumerate(element):
            paragraph.set("algn", "r" if rtl else "l")
            paragraph.set("rtl", "1" if rtl else "0")
            defaults = paragraph.find(qn("a:defRPr"))
            if defaults is None:
                continue
            defaults.set("sz", str(round(max(size - 4 * level, 14) * PDF_SCALE * 100)))
            fill = defaults.find(qn("a:solidFill"))
            if fill is not None:
                for old in list(fill):
                    fill.remove(old)
                fill.append(fill.makeelement(qn("a:srgbClr"), {"val": colour}))
            if style == "p:titleStyle":
                defaults.set("b", "1")
