"""The bundled Arabic font covers what Arabic text uses, so right-to-left runs are never split between fonts."""

from __future__ import annotations

import re
import unicodedata

import polib
from fontTools.ttLib import TTFont

from conftest import ROOT

FONTS = ROOT / "handouts" / "fonts"
ARABIC_FACES = ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf")


def _arabic_text() -> str:
    return "".join(e.msgstr for path in (ROOT / "locales" / "ar").glob("*.po") for e in polib.pofile(str(path)))


def test_arabic_font_covers_the_arabic_translations() -> None:
    text = _arabic_text()
    # Latin letters (names such as "An Garda Síochána") are their own left-to-right runs, set in the
    # Latin font; everything else, punctuation and quotation marks included, sits in Arabic runs.
    used = {c for c in text if (not c.isascii() and "LATIN" not in unicodedata.name(c, "")) or c in " .:,!?0123456789"}
    assert len(used) > 60
    for face in ARABIC_FACES:
        cmap = TTFont(FONTS / "noto-sans-arabic" / face).getBestCmap()
        assert sorted(c for c in used if ord(c) not in cmap) == [], face


def test_arabic_faces_have_no_unicode_range() -> None:
    css = (ROOT / "handouts" / "css" / "fonts.css").read_text(encoding="utf-8")
    for block in re.findall(r"@font-face\s*\{[^}]*\}", css):
        if "Noto Sans Arabic" in block:
            assert "unicode-range" not in block
