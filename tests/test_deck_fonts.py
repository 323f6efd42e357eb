"""The PPTX decks carry the bundled fonts (issue 14 item 5: "fonts not embedded").

Read back from the saved file as PowerPoint would find them: `p:embeddedFontLst` in
presentation.xml names each typeface and its faces, each face is a font part reached through a
font relationship, typed `application/x-fontdata`, holding an Embedded OpenType file whose font
data is the bundled font. The EOT header is read here by its own small reader (W3C EOT
submission, 2008) and, where LibreOffice is installed, by libeot, the library LibreOffice reads
EOT fonts with. That LibreOffice still opens the decks and draws them as before is the
golden-image test's (`tests/test_golden_images.py`, slides-pptx-*).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import io
import os
import re
import shutil
import struct
import subprocess
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from lxml import etree
from pptx import Presentation
from pypdf import PdfReader

from conftest import FIXTURES, ROOT, authoring_example
from lessonkit.build.localize import localize
from lessonkit.load.curriculum import load_curriculum
from lessonkit.locale.locales import find_locale
from lessonkit.render.settings import RenderSettings
from lessonkit.render.slides.deck import render_deck
from lessonkit.render.slides.embed_fonts import (
    ARABIC_FACES,
    LATIN_FACES,
    Face,
    FontNotEmbeddableError,
    face_eot,
)
from lessonkit.render.slides.template import ARABIC_FONT, LATIN_FONT
from print_project import make_project

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
FONT_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
HANDOUTS = ROOT / "handouts"


def _deck(folder: Path, direction: str) -> bytes:
    """The 4-7 deck of a test lesson: the authoring example in English, the Arabic test lesson."""
    if direction == "ltr":
        name, text, language, locale = "example.md", authoring_example(), "en", "en-IE"
    else:
        name, language, locale = "helpers-ar.md", "ar", "ar-DE"
        text = (FIXTURES / "arabic" / name).read_text(encoding="utf-8")
    root = make_project(folder, {name: text}, source_language=language)
    curriculum, _ = load_curriculum(root)
    assert curriculum is not None
    item = localize(curriculum, root, find_locale(root, locale))
    (lesson,) = item.curriculum.lessons
    return render_deck(lesson, item.locale, item.pack, item.ui, RenderSettings(curriculum.config, root))


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return {d: _deck(tmp_path_factory.mktemp(f"fonts-{d}"), d) for d in ("ltr", "rtl")}


def read_eot(data: bytes) -> dict[str, object]:
    """The fields of an EOT file this test relies on, read by the W3C submission's layout."""
    size, font_size, version, flags = struct.unpack_from("<IIII", data, 0)
    italic, weight, fs_type, magic = struct.unpack_from("<BIHH", data, 27)
    offset, names = 80, []
    for _ in range(4):  # family, style, version and full name, each after two bytes of padding
        (length,) = struct.unpack_from("<H", data, offset + 2)
        names.append(data[offset + 4 : offset + 4 + length].decode("utf-16-le").rstrip("\0"))
        offset += 4 + length
    (root_size,) = struct.unpack_from("<H", data, offset + 2)
    offset += 4 + root_size
    if version == 0x00020002:
        checksum, _code_page, _padding, signature = struct.unpack_from("<IIHH", data, offset)
        assert checksum == 0x50475342 and signature == 0  # the checksum of an empty root string
        offset += 12 + signature
        _eudc_flags, eudc_size = struct.unpack_from("<II", data, offset)
        offset += 8 + eudc_size
    return {
        "size": size, "version": version, "flags": flags, "italic": italic, "weight": weight,
        "fs_type": fs_type, "magic": magic, "names": names, "font": data[offset : offset + font_size],
    }  # fmt: skip


def _listing(package: zipfile.ZipFile) -> dict[str, dict[str, str]]:
    """typeface -> style -> part name, as presentation.xml and its relationships name them."""
    presentation = etree.fromstring(package.read("ppt/presentation.xml"))
    rels = etree.fromstring(package.read("ppt/_rels/presentation.xml.rels"))
    targets = {x.get("Id"): x for x in rels.iter(f"{PACKAGE_RELS}Relationship")}
    listing: dict[str, dict[str, str]] = {}
    for font in presentation.iter(f"{P}embeddedFont"):
        typeface = font.find(f"{P}font").get("typeface")
        for face in font:
            if face.tag == f"{P}font":
                continue
            relationship = targets[face.get(f"{R}id")]
            assert relationship.get("Type") == FONT_RELATIONSHIP
            listing.setdefault(typeface, {})[etree.QName(face).localname] = "ppt/" + relationship.get("Target")
    return listing


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_deck_lists_its_fonts_and_carries_every_face(decks: dict[str, bytes], direction: str) -> None:
    package = zipfile.ZipFile(io.BytesIO(decks[direction]))
    listing = _listing(package)
    expected = {LATIN_FONT: {"regular", "bold", "italic"}}
    if direction == "rtl":
        expected[ARABIC_FONT] = {"regular", "bold"}
    assert {typeface: set(faces) for typeface, faces in listing.items()} == expected
    presentation = etree.fromstring(package.read("ppt/presentation.xml"))
    assert presentation.get("embedTrueTypeFonts") == "1"
    # Schema order (CT_Presentation): after the slide and notes sizes, before the default text style.
    order = [etree.QName(child).localname for child in presentation]
    assert order.index("notesSz") < order.index("embeddedFontLst") < order.index("defaultTextStyle")
    types = etree.fromstring(package.read("[Content_Types].xml"))
    defaults = {x.get("Extension"): x.get("ContentType") for x in types.iter(f"{CONTENT_TYPES}Default")}
    overrides = {x.get("PartName"): x.get("ContentType") for x in types.iter(f"{CONTENT_TYPES}Override")}
    for faces in listing.values():
        for part in faces.values():
            assert part in package.namelist()
            kind = overrides.get(f"/{part}", defaults.get(part.rsplit(".", 1)[-1]))
            assert kind == "application/x-fontdata", (part, kind)
    # python-pptx, and so any OPC reader, still opens the deck whole.
    assert len(Presentation(io.BytesIO(decks[direction])).slides) >= 3


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_every_font_part_is_an_eot_file_of_the_bundled_face(decks: dict[str, bytes], direction: str) -> None:
    package = zipfile.ZipFile(io.BytesIO(decks[direction]))
    faces = {(face.typeface, face.style): face for face in (*LATIN_FACES, *ARABIC_FACES)}
    for typeface, styles in _listing(package).items():
        for style, part in styles.items():
            data = package.read(part)
            eot = read_eot(data)
            assert eot["size"] == len(data) and eot["magic"] == 0x504C and eot["version"] == 0x00020002
            assert eot["flags"] == 0  # not compressed, not obfuscated: the font data is the TrueType font
            names = eot["names"]
            assert isinstance(names, list) and names[0] == typeface
            font = TTFont(io.BytesIO(eot["font"]))  # type: ignore[arg-type]
            assert font["name"].getDebugName(1) == typeface
            assert eot["weight"] == font["OS/2"].usWeightClass == (700 if style == "bold" else 400)
            assert eot["italic"] == (style == "italic")
            # Every character of the bundled face (all its subsets) is in the embedded one.
            bundled = set()
            for name in faces[typeface, style].files:
                bundled |= set(TTFont(str(HANDOUTS / "fonts" / name)).getBestCmap())
            assert bundled <= set(font.getBestCmap()), f"{part} lacks characters of {typeface} {style}"
            if typeface == ARABIC_FONT:  # a single TrueType file: embedded byte for byte
                (single,) = faces[typeface, style].files
                assert eot["font"] == (HANDOUTS / "fonts" / single).read_bytes()


def _libeot() -> ctypes.CDLL:
    """libeot, which LibreOffice reads EOT fonts with (a dependency of Debian's libreoffice-core)."""
    name = ctypes.util.find_library("eot")
    if name is None:
        message = "libeot is missing: it comes with LibreOffice (scripts/install-system-deps.sh)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return ctypes.CDLL(name)


@pytest.mark.parametrize("face", [*LATIN_FACES, *ARABIC_FACES], ids=lambda f: f"{f.typeface}-{f.style}")
def test_libeot_reads_the_embedded_font_back(face: Face) -> None:
    libeot = _libeot()
    data = face_eot(HANDOUTS, face.files)
    metadata = ctypes.create_string_buffer(64 * 1024)  # struct EOTMetadata, far larger than it is
    font, size = ctypes.POINTER(ctypes.c_uint8)(), ctypes.c_uint()
    error = libeot.EOT2ttf_buffer(data, len(data), metadata, ctypes.byref(font), ctypes.byref(size))
    assert error == 0, f"libeot refused the {face.typeface} {face.style} EOT (error {error})"
    assert bytes(font[: size.value]) == read_eot(data)["font"]


def test_the_same_fonts_make_the_same_font_parts() -> None:
    """Merging the subsets stamps no date: a deck built a second later holds the same bytes."""
    first = face_eot.__wrapped__(HANDOUTS, LATIN_FACES[0].files)
    time.sleep(1.1)  # font dates count whole seconds
    assert face_eot.__wrapped__(HANDOUTS, LATIN_FACES[0].files) == first


@pytest.mark.parametrize("fs_type", [0x0002, 0x0200])
def test_a_font_whose_licence_forbids_embedding_is_refused(tmp_path: Path, fs_type: int) -> None:
    font = TTFont(str(HANDOUTS / "fonts" / ARABIC_FACES[0].files[0]))
    font["OS/2"].fsType = fs_type  # restricted licence embedding, or bitmap embedding only
    (tmp_path / "fonts").mkdir()
    font.save(str(tmp_path / "fonts" / "restricted.ttf"))
    with pytest.raises(FontNotEmbeddableError, match=r"restricted.ttf: its licence does not allow embedding"):
        face_eot(tmp_path, ("restricted.ttf",))


def test_the_bundled_fonts_allow_embedding() -> None:
    for face in (*LATIN_FACES, *ARABIC_FACES):
        for name in face.files:
            assert TTFont(str(HANDOUTS / "fonts" / name))["OS/2"].fsType & 0x0202 == 0, name


@pytest.mark.slow
def test_libreoffice_that_reads_embedded_fonts_draws_the_deck_in_them(decks: dict[str, bytes], tmp_path: Path) -> None:
    """LibreOffice reads a PPTX's embedded fonts from 25.8 on; with one, its PDF uses the bundled fonts.

    LibreOffice 7.4 (Debian 12, this project's CI) ignores `p:embeddedFontLst` and substitutes (DejaVu
    Sans). There the test asserts exactly that, so the documented limit is measured rather than
    assumed, and an upgrade that starts reading the fonts fails here until the expectation is flipped.
    """
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("soffice is missing: run scripts/install-system-deps.sh")
        pytest.skip("soffice is missing")
    version = subprocess.run([soffice, "--version"], capture_output=True, text=True, check=True, timeout=120).stdout
    found = re.search(r"LibreOffice (\d+)\.(\d+)", version)
    assert found, version
    reads_embedded_fonts = (int(found[1]), int(found[2])) >= (25, 8)
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(decks["rtl"])
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
         str(deck)],
        check=True, capture_output=True, timeout=300, env={"HOME": str(tmp_path), "PATH": os.environ["PATH"]},
    )  # fmt: skip
    fonts = set()
    for page in PdfReader(str(tmp_path / "deck.pdf")).pages:
        resources: Any = page["/Resources"].get_object()
        for font in resources["/Font"].get_object().values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    bundled = {x for x in fonts if x.startswith(("AtkinsonHyperlegible", "NotoSansArabic"))}
    if not reads_embedded_fonts:
        # Unless the machine has the bundled fonts installed, 7.4 draws the deck in substitutes.
        assert not bundled, f"{found[0]} drew the deck in the embedded fonts: expect them from now on ({fonts})"
        return
    assert any(x.startswith("AtkinsonHyperlegible") for x in fonts), fonts
    assert any(x.startswith("NotoSansArabic") for x in fonts), fonts
