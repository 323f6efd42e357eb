"""The bundled fonts embedded in the PPTX deck, so that it shows its own type on a machine without them.

PresentationML embeds a font as a font part (relationship type `.../relationships/font`) that
the presentation lists in `p:embeddedFontLst`, one `p:embeddedFont` per typeface with a part
for each of its regular, bold and italic faces (ECMA-376 Part 1, §19.2.1.9 and §19.2.1.10).
PowerPoint stores those parts as `application/x-fontdata` holding an Embedded OpenType (EOT)
file, not a bare TrueType file ([MS-OE376] 2.1.1134 and the note on content types, on
learn.microsoft.com); the obfuscated `application/vnd.openxmlformats-officedocument.obfuscatedFont`
kind is for WordprocessingML only. So each face is wrapped, uncompressed, in an EOT header
(W3C Member Submission "Embedded OpenType (EOT) File Format", 2008, version 0x00020002), laid
out as LibreOffice's own PPTX font export writes it (commit 9a9a5fac "oox: export embedded font
used in a presentation document", April 2025; LibreOffice 7.4 reads no embedded PPTX fonts).

Only fonts whose licence lets them be embedded are: the OpenType `fsType` field must not say
"restricted licence embedding" (bit 1) or "bitmap embedding only" (bit 9). The bundled fonts
are under the SIL Open Font License, with `fsType` 0 (installable).

Atkinson Hyperlegible is bundled as two WOFF2 subsets per face (latin, latin-ext) for the
print stylesheets; the deck gets one TrueType font per face, the subsets merged (fontTools).
"""

from __future__ import annotations

import io
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools.merge import Merger  # type: ignore[import-untyped]
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from pptx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as Deck

from lessonkit.render.slides.template import ARABIC_FONT, LATIN_FONT

FONTS_DIR = "fonts"  # inside handouts/
# OpenType fsType bits that forbid embedding a font in a document that others may edit or view.
RESTRICTED, BITMAP_ONLY = 0x0002, 0x0200
EOT_VERSION, EOT_MAGIC, ROOT_CHECKSUM_KEY = 0x00020002, 0x504C, 0x50475342
# The EOT header's fixed part, little-endian: EOTSize, FontDataSize, Version, Flags, FontPANOSE,
# Charset, Italic, Weight, fsType, MagicNumber, UnicodeRange1-4, CodePageRange1-2,
# CheckSumAdjustment, Reserved1-4 (80 bytes).
EOT_HEADER = "<IIII10sBBIHH4I2II4I"
PANOSE_FIELDS = (
    "bFamilyType", "bSerifStyle", "bWeight", "bProportion", "bContrast",
    "bStrokeVariation", "bArmStyle", "bLetterForm", "bMidline", "bXHeight",
)  # fmt: skip
STYLES = ("regular", "bold", "italic")  # the order of p:embeddedFont's children
PRESENTATION_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# Elements of p:presentation that come after p:embeddedFontLst (ECMA-376 Part 1, CT_Presentation).
AFTER_FONT_LIST = (
    "custShowLst",
    "photoAlbum",
    "custDataLst",
    "kinsoku",
    "defaultTextStyle",
    "modifyVerifier",
    "extLst",
)


class FontNotEmbeddableError(ValueError):
    """A font's licence (its fsType) does not allow embedding it."""


@dataclass(frozen=True)
class Face:
    """One face of a typeface, made from one or more bundled files (subsets of the same face)."""

    typeface: str
    style: str
    files: tuple[str, ...]


_ATKINSON = "atkinson-hyperlegible/atkinson-hyperlegible-{subset}-{face}.woff2"
LATIN_FACES = tuple(
    Face(LATIN_FONT, style, tuple(_ATKINSON.format(subset=subset, face=face) for subset in ("latin", "latin-ext")))
    for style, face in (("regular", "400-normal"), ("bold", "700-normal"), ("italic", "400-italic"))
)
ARABIC_FACES = (
    Face(ARABIC_FONT, "regular", ("noto-sans-arabic/NotoSansArabic-Regular.ttf",)),
    Face(ARABIC_FONT, "bold", ("noto-sans-arabic/NotoSansArabic-Bold.ttf",)),
)


def deck_faces(rtl: bool) -> tuple[Face, ...]:
    """The faces a deck uses: Atkinson Hyperlegible always, Noto Sans Arabic in right-to-left decks."""
    return LATIN_FACES + (ARABIC_FACES if rtl else ())


def embed_fonts(deck: Deck, handouts: Path, faces: Sequence[Face]) -> None:
    """Add each face as a font part of the deck and list the typefaces in `p:embeddedFontLst`."""
    presentation = deck.part._element
    ids: dict[str, dict[str, str]] = {}
    for number, face in enumerate(faces, start=1):
        partname = PackURI(f"/ppt/fonts/font{number}.fntdata")
        part = Part(partname, CONTENT_TYPE.X_FONTDATA, deck.part.package, face_eot(handouts, face.files))
        ids.setdefault(face.typeface, {})[face.style] = deck.part.relate_to(part, RELATIONSHIP_TYPE.FONT)
    fonts = "".join(
        f'<p:embeddedFont><p:font typeface="{typeface}"/>'
        + "".join(f'<p:{style} r:id="{styles[style]}"/>' for style in STYLES if style in styles)
        + "</p:embeddedFont>"
        for typeface, styles in ids.items()
    )
    listing = parse_xml(
        f'<p:embeddedFontLst xmlns:p="{PRESENTATION_NS}" xmlns:r="{RELATIONSHIPS_NS}">{fonts}</p:embeddedFontLst>'
    )
    later = [child for child in presentation if child.tag in {qn(f"p:{name}") for name in AFTER_FONT_LIST}]
    if later:
        later[0].addprevious(listing)
    else:
        presentation.append(listing)
    # Tells PowerPoint and Impress that the file carries its fonts (and to keep them when saving).
    presentation.set("embedTrueTypeFonts", "1")


@cache
def face_eot(handouts: Path, files: tuple[str, ...]) -> bytes:
    """One face as an EOT file, its subsets merged first (made once per process)."""
    fonts = [_load(handouts / FONTS_DIR / name) for name in files]
    for path, font in zip(files, fonts, strict=True):
        fs_type = font["OS/2"].fsType
        if fs_type & (RESTRICTED | BITMAP_ONLY):
            raise FontNotEmbeddableError(f"{path}: its licence does not allow embedding (fsType {fs_type:#06x})")
    if len(files) == 1 and files[0].endswith(".ttf"):
        # A TrueType file goes in byte for byte, as its makers built it.
        return eot(fonts[0], (handouts / FONTS_DIR / files[0]).read_bytes())
    if len(fonts) == 1:
        font = fonts[0]
    else:
        streams = []
        for subset in fonts:
            stream = io.BytesIO()
            subset.save(stream)
            stream.seek(0)
            streams.append(stream)
        font = Merger().merge(streams)
        # The merger stamps the current time: the face keeps its own dates, so the same fonts make the same deck.
        font["head"].created, font["head"].modified = fonts[0]["head"].created, fonts[0]["head"].modified
        font.recalcTimestamp = False
    data = io.BytesIO()
    font.save(data)
    # The header is read from the font as saved (its checksum is computed on saving).
    return eot(TTFont(io.BytesIO(data.getvalue())), data.getvalue())


def _load(path: Path) -> TTFont:
    """A TrueType font from a .ttf or .woff2 file, as plain sfnt data."""
    # recalcTimestamp off: the face keeps its own modification date, so the same fonts make the same deck.
    font = TTFont(str(path), recalcTimestamp=False)
    font.flavor = None  # saved as a bare TrueType font, not WOFF2 again
    return font


def eot(font: TTFont, data: bytes) -> bytes:
    """The TrueType font `data` wrapped, uncompressed, in an EOT 2.2 header built from `font`'s tables.

    The layout is LibreOffice's PPTX font export's (vcl/source/font/EOTConverter.cxx, 2025): the
    80-byte fixed header, then family, style, version and full name (UTF-16LE, each after two
    bytes of padding and its size, and ended by a null character), an empty root string (no
    web-page restriction) with its checksum, no EUDC font and no signature.
    """
    os2, head = font["OS/2"], font["head"]
    panose = bytes(getattr(os2.panose, field) for field in PANOSE_FIELDS)
    fields = (
        0,  # EOTSize: filled in below
        len(data),  # FontDataSize
        EOT_VERSION,
        0,  # Flags: not subset, not compressed, not XOR-obfuscated
        panose,
        0,  # Charset: ANSI, as LibreOffice writes it
        os2.fsSelection & 1,  # Italic
        os2.usWeightClass,
        os2.fsType,
        EOT_MAGIC,
        *(os2.ulUnicodeRange1, os2.ulUnicodeRange2, os2.ulUnicodeRange3, os2.ulUnicodeRange4),
        *(os2.ulCodePageRange1, os2.ulCodePageRange2),
        head.checkSumAdjustment,
        *(0, 0, 0, 0),  # Reserved1-4
    )
    header = struct.pack(EOT_HEADER, *fields)
    strings = b"".join(_eot_name(font, name_id) for name_id in (1, 2, 5, 4))
    # Padding5, RootStringSize 0, RootStringCheckSum (0 XOR 0x50475342), EUDCCodePage 1252,
    # Padding6, SignatureSize 0, EUDCFlags 0, EUDCFontSize 0.
    tail = struct.pack("<HHIIHHII", 0, 0, ROOT_CHECKSUM_KEY, 1252, 0, 0, 0, 0)
    body = header + strings + tail + data
    return struct.pack("<I", len(body)) + body[4:]


def _eot_name(font: TTFont, name_id: int) -> bytes:
    """One name of the font for the EOT header: padding, size in bytes, UTF-16LE text ended by a null."""
    names = font["name"]
    record = names.getName(name_id, 3, 1, 0x409) or names.getName(name_id, 3, 1)
    text = record.toUnicode() if record is not None else ""
    if not text:
        return struct.pack("<HH", 0, 0)
    encoded = (text + "\0").encode("utf-16-le")
    return struct.pack("<HH", 0, len(encoded)) + encoded
