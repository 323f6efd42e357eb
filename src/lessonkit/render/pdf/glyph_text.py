"""The text of each glyph, from the font's own tables, for the ToUnicode maps of right-to-left PDFs.

WeasyPrint 70 maps a glyph to the text of the first cluster it was drawn in, and a cluster of
several glyphs gives all its text to one of them and nothing to the others. In Arabic a letter
and its vowel mark form one cluster: once the mark's glyph has been mapped elsewhere, the
letter's glyph maps to nothing, and every reader loses the letter ("شيئًا" reads back as
"شيًا"). A glyph's own text does not depend on where it was drawn: the character the font's
cmap gives it, or, for a contextual form or a ligature that the font's GSUB makes, the text
of the glyphs it was made from. This module works that out with fontTools and corrects
WeasyPrint's map before the fonts are written. Glyphs that the font reaches from two different
texts, and mirrored brackets and quotation marks, keep WeasyPrint's mapping.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

# GSUB lookup types whose output glyph stands for its input glyphs' text: single, alternate, ligature.
_SINGLE, _ALTERNATE, _LIGATURE, _EXTENSION = 1, 3, 4, 7
_AMBIGUOUS = ""  # a glyph made from two different texts: leave it to WeasyPrint


@cache
def glyph_texts(font_file: bytes, index: int = 0) -> dict[int, str]:
    """Glyph id to its text, for every glyph the cmap or a GSUB substitution reaches unambiguously."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    font = TTFont(io.BytesIO(font_file), fontNumber=index, lazy=True)
    texts: dict[str, str] = {}

    def learn(glyph: str, text: str) -> bool:
        known = texts.get(glyph)
        if known is None:
            texts[glyph] = text
            return True
        if known not in (text, _AMBIGUOUS):
            texts[glyph] = _AMBIGUOUS
            return True
        return False

    for code, glyph in sorted(font.getBestCmap().items()):
        learn(glyph, _letters(chr(code)))
    subtables = _substitutions(font)
    # Substitutions chain (a final form may come from an initial one): repeat until nothing new.
    changed = True
    while changed:
        changed = False
        for kind, table in subtables:
            if kind == _SINGLE:
                for source, target in table.mapping.items():
                    if texts.get(source):
                        changed |= learn(target, texts[source])
            elif kind == _ALTERNATE:
                for source, targets in table.alternates.items():
                    if texts.get(source):
                        for target in targets:
                            changed |= learn(target, texts[source])
            else:
                for first, ligatures in table.ligatures.items():
                    for ligature in ligatures:
                        parts = [texts.get(glyph) for glyph in (first, *ligature.Component)]
                        if all(parts):
                            changed |= learn(ligature.LigGlyph, "".join(str(part) for part in parts))
    # A bracket or quotation mark drawn in a right-to-left run is the mirrored glyph ("(" is drawn
    # as ")"); readers differ on who mirrors it back, so those glyphs keep WeasyPrint's text.
    return {
        font.getGlyphID(glyph): text
        for glyph, text in texts.items()
        if text and not any(unicodedata.mirrored(char) for char in text)
    }


def _letters(char: str) -> str:
    """The letters an Arabic presentation form stands for ("ﻻ" is "لا"); any other character itself.

    Fonts map their contextual forms and ligatures to these legacy code points too, but text
    is written with the letters, so the search and screen readers need those.
    """
    if "\ufb50" <= char <= "\ufdff" or "\ufe70" <= char <= "\ufeff":
        return unicodedata.normalize("NFKC", char)
    return char


def _substitutions(font: Any) -> list[tuple[int, Any]]:
    """(lookup type, subtable) of every single, alternate and ligature substitution of the font."""
    if "GSUB" not in font or font["GSUB"].table.LookupList is None:
        return []
    found: list[tuple[int, Any]] = []
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for subtable in lookup.SubTable:
            kind = lookup.LookupType
            if kind == _EXTENSION:
                kind, subtable = subtable.ExtensionLookupType, subtable.ExtSubTable
            if kind in (_SINGLE, _ALTERNATE, _LIGATURE):
                found.append((kind, subtable))
    return found


def correct_to_unicode(font: Any) -> None:
    """Give each glyph WeasyPrint mapped its own text, where the font's tables tell it."""
    if font.bitmap or not font.to_unicode:
        return
    texts = glyph_texts(bytes(font.file_content), font.index or 0)
    for glyph in font.to_unicode:
        if glyph in texts:
            font.to_unicode[glyph] = texts[glyph]


@contextmanager
def glyphs_mapped_to_their_own_text() -> Iterator[None]:
    """While inside, WeasyPrint's PDFs map every glyph to its own text (see the module's docstring).

    The hook replaces the name WeasyPrint's PDF writer calls, for the whole process while
    inside; the build renders one document at a time in each worker, and the name is put back
    on the way out, so documents rendered outside are written exactly as before.
    """
    import weasyprint.pdf as weasyprint_pdf

    build_fonts_dictionary = weasyprint_pdf.build_fonts_dictionary

    def build_with_corrected_maps(pdf: Any, fonts: Any, *args: Any, **kwargs: Any) -> Any:
        for font in fonts.values():
            correct_to_unicode(font)
        return build_fonts_dictionary(pdf, fonts, *args, **kwargs)

    weasyprint_pdf.build_fonts_dictionary = build_with_corrected_maps
    try:
        yield
    finally:
        weasyprint_pdf.build_fonts_dictionary = build_fonts_dictionary
