"""The website's fonts: the print build's OFL fonts, with TrueType fonts subset and served as WOFF2.

The printed documents embed `handouts/fonts/` through `handouts/css/fonts.css`. The website uses the
same files and rules with three changes: a TrueType font (Noto Sans Arabic, 245 KB a weight) is
cut down to the script it is there for and compressed as WOFF2 (about 50 KB), its `@font-face`
gets that script's `unicode-range` (so Latin text keeps Atkinson Hyperlegible and a page without
Arabic never downloads it), and every face gets `font-display: swap` (text shows at once in a
fallback font instead of staying invisible while a font loads). Subsetting takes seconds, so the
result is kept in the project's cache, keyed by the font's bytes and the options.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
from pathlib import Path

from fontTools import subset  # type: ignore[import-untyped]
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

from lessonkit.cache_file import read_sealed_file, write_sealed_file
from lessonkit.shipped import CACHE_DIR, project_or_shipped

# In the handouts folder (the project's own, else lessonkit's): the print build's fonts and their rules.
FONTS = Path("fonts")
FONTS_CSS = Path("css") / "fonts.css"
# Files of the fonts folder that the site publishes (fonts and their licences, not its README).
PUBLISHED = (".woff2", ".woff", ".txt")
# The Arabic block (letters, vowel marks, Arabic-Indic digits and punctuation) and the joiners and
# direction marks Arabic text uses: what Noto Sans Arabic is on the site for (37 KB as WOFF2; with
# the supplements and presentation forms for other languages 49 KB). Shaping needs no more: the
# joining forms are reached through the font's own substitution tables, which are kept whole.
ARABIC_RANGES = ((0x0600, 0x06FF), (0x200C, 0x200F))
SUBSETS = {"noto-sans-arabic": ARABIC_RANGES}
# The faces a page in a language needs for its first paint, fetched early (<link rel=preload>):
# text in the page's language and its headings, regular and bold.
PRELOAD = {
    "ar": ("noto-sans-arabic/NotoSansArabic-Regular.subset.woff2", "noto-sans-arabic/NotoSansArabic-Bold.subset.woff2"),
}
PRELOAD_DEFAULT = (
    "atkinson-hyperlegible/atkinson-hyperlegible-latin-400-normal.woff2",
    "atkinson-hyperlegible/atkinson-hyperlegible-latin-700-normal.woff2",
)
# Part of the cache key: a change of options here makes new subsets.
_OPTIONS_VERSION = "2"
_CACHE = Path(CACHE_DIR) / "site-fonts"
_FACE = re.compile(r"@font-face\s*\{(?P<body>[^}]*)\}")
_TTF_URL = re.compile(r'url\("(?P<path>\.\./fonts/(?P<folder>[^/"]+)/(?P<stem>[^/"]+))\.ttf"\)\s*format\("truetype"\)')


def publish_fonts(root: Path, assets: Path) -> None:
    """Copy the fonts into `assets/fonts/` (TrueType ones as WOFF2 subsets) and write `assets/stylesheets/fonts.css`."""
    handouts = project_or_shipped(root, "handouts")
    source = handouts / FONTS
    target = assets / "fonts"
    for path in sorted(source.rglob("*")):
        if path.is_file() and not path.is_symlink() and path.suffix in PUBLISHED:
            destination = target / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)
    css = (handouts / FONTS_CSS).read_text(encoding="utf-8")

    def face(match: re.Match[str]) -> str:
        body = match.group("body")
        font = _TTF_URL.search(body)
        ranges = SUBSETS.get(font.group("folder")) if font else None
        woff2 = _woff2(root, source / font.group("folder") / f"{font.group('stem')}.ttf", ranges) if font else None
        if font:
            (target / font.group("folder")).mkdir(parents=True, exist_ok=True)
        if font and woff2 is None:
            # No WOFF2 writer (fontTools without brotli): the TrueType file as it is.
            ttf = f"{font.group('stem')}.ttf"
            shutil.copyfile(source / font.group("folder") / ttf, target / font.group("folder") / ttf)
        elif font and woff2 is not None:
            name = f"{font.group('stem')}.subset.woff2"
            (target / font.group("folder") / name).write_bytes(woff2)
            body = _TTF_URL.sub(f'url("../fonts/{font.group("folder")}/{name}") format("woff2")', body)
            if ranges and "unicode-range" not in body:
                body = body.rstrip() + "\n  unicode-range: " + ",".join(f"U+{a:04X}-{b:04X}" for a, b in ranges) + ";\n"
        if "font-display" not in body:
            body = body.rstrip() + "\n  font-display: swap;\n"
        return "@font-face {" + body + "}"

    (assets / "stylesheets").mkdir(parents=True, exist_ok=True)
    (assets / "stylesheets" / "fonts.css").write_text(_FACE.sub(face, css), encoding="utf-8")


def _woff2(root: Path, ttf: Path, ranges: tuple[tuple[int, int], ...] | None) -> bytes | None:
    """`ttf` as WOFF2, cut down to `ranges` when given; from the cache when it was made before.

    None when fontTools cannot write WOFF2 here (its `brotli` module is missing).
    """
    data = ttf.read_bytes()
    key = hashlib.sha256(data + repr((ranges, _OPTIONS_VERSION)).encode()).hexdigest()
    # Signed (see build/cache.py): a font planted in a project's cache folder is never served.
    cached = read_sealed_file(root / _CACHE / f"{key}.woff2")
    if cached is not None and _is_font(cached):
        return cached
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # Arabic shaping needs every joining and ligature feature
    options.name_IDs = ["*"]  # the licence and copyright names stay with the font (OFL)
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False  # screens today do not use TrueType hints; they are a third of the file
    font = TTFont(io.BytesIO(data))
    subsetter = subset.Subsetter(options)
    if ranges:
        subsetter.populate(unicodes=[code for start, end in ranges for code in range(start, end + 1)])
    else:
        subsetter.populate(unicodes=font.getBestCmap().keys())
    subsetter.subset(font)
    font.flavor = "woff2"
    # fontTools stamps the save time into the head table; the subset of the same font must be the same bytes.
    font.recalcTimestamp = False
    out = io.BytesIO()
    try:
        font.save(out)
    except ImportError:
        return None
    result: bytes = out.getvalue()
    write_sealed_file(root / _CACHE / f"{key}.woff2", result)
    return result


def _is_font(data: bytes) -> bool:
    """Whether cached bytes are a WOFF2 font fontTools can read (a damaged entry is made again)."""
    if not data.startswith(b"wOF2"):
        return False
    try:
        TTFont(io.BytesIO(data)).getBestCmap()
    except Exception:  # any failure to read it means: make it again
        return False
    return True


def preload_fonts(language: str) -> list[str]:
    """The font files (relative to the site root) that pages in `language` fetch before their first paint."""
    return [f"assets/fonts/{name}" for name in PRELOAD.get(language, PRELOAD_DEFAULT)]
