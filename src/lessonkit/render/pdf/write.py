"""Rendering one HTML document to PDF bytes: PDF/UA-1, metadata, bundled fonts, a time limit.

WeasyPrint is imported inside the functions that render, so that the build can check the
stylesheets (`check_stylesheets`) without paying its import time in the main process.
"""

from __future__ import annotations

import re
import signal
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from lessonkit.document_kinds import STYLESHEETS
from lessonkit.problems import Location, Problem
from lessonkit.render.pdf.allowed import url_refusal
from lessonkit.render.pdf.glyph_text import glyphs_mapped_to_their_own_text

if TYPE_CHECKING:
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

PDF_VARIANT = "pdf/ua-1"
# The stylesheet sets by name: the document-kind table's (each kind names its set there).
CSS_FILES = STYLESHEETS
LETTER = "@page { size: letter; }"
# `url(...)` and `@import "..."` in a stylesheet; comments are blanked out first.
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
MAX_STYLESHEET_BYTES = 4 * 1024 * 1024
# The templates write the document's direction on its root element.
_RTL_ROOT = re.compile(r"<html\b[^>]*\bdir=\"rtl\"")


class RenderTimeoutError(Exception):
    """A document took longer than its time limit."""


class StylesheetError(Exception):
    """A print stylesheet could not load one of its fonts or images; the output would be wrong."""


@dataclass(frozen=True)
class PdfResult:
    """The PDF and what the fetcher refused to load while making it."""

    data: bytes
    refused: tuple[str, ...]


def check_stylesheets(css_dir: Path, allowed: Sequence[Path]) -> list[Problem]:
    """Every font, image or import of the print stylesheets that the renderer would refuse or not find.

    A missing font would not stop WeasyPrint: it silently falls back to another face (a missing
    regular weight turns all body text bold), so the build checks them before it renders.
    """
    folders = tuple(p.resolve() for p in allowed)
    problems: list[Problem] = []
    for name in sorted({name for names in CSS_FILES.values() for name in names}):
        path = css_dir / name
        if not path.is_file():
            problems.append(Problem(Location(path), "E910", "print stylesheet not found"))
            continue
        raw = path.read_bytes()[: MAX_STYLESHEET_BYTES + 1]
        if len(raw) > MAX_STYLESHEET_BYTES:
            problems.append(Problem(Location(path), "E910", "print stylesheet larger than 4 MB"))
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            problems.append(Problem(Location(path), "E910", f"print stylesheet is not UTF-8 ({err.reason})"))
            continue
        text = _CSS_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
        for match in _CSS_URL.finditer(text):
            url = next(group for group in match.groups() if group is not None)
            relative = re.split(r"[?#]", url, maxsplit=1)[0]
            target = url if ":" in url.split("/", 1)[0] else (path.absolute().parent / relative).as_uri()
            reason = url_refusal(target, folders)
            if reason:
                problems.append(
                    Problem(
                        Location.at(path, text, match.start()),
                        "E910",
                        f"the print stylesheet cannot load '{url}': {reason}; documents would be printed "
                        "without it (a missing font changes every page)",
                    )
                )
    return problems


@cache
def stylesheets(css_dir: Path, style: str, paper: str) -> tuple[FontConfiguration, tuple[CSS, ...]]:
    """Parsed stylesheets and their fonts, kept for the life of the worker process (they are slow to load).

    Raises `StylesheetError` when a stylesheet's font or import was refused or missing.
    """
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    from lessonkit.render.pdf.fetcher import SafeFetcher

    fonts = FontConfiguration()
    fetcher = SafeFetcher([css_dir.parent])
    sheets = [CSS(filename=css_dir / name, font_config=fonts, url_fetcher=fetcher) for name in CSS_FILES[style]]
    if fetcher.refused:
        raise StylesheetError(f"{css_dir}: the stylesheets could not load {'; '.join(fetcher.refused)}")
    if paper == "letter" and style != "slides":
        sheets.append(CSS(string=LETTER, font_config=fonts))
    return fonts, tuple(sheets)


def write_pdf(
    html: str,
    base: Path,
    allowed: Sequence[Path],
    css_dir: Path,
    style: str = "print",
    paper: str = "A4",
    time_limit: int = 120,
) -> PdfResult:
    """The PDF of `html`; images resolve against `base` and only files inside `allowed` are read."""
    from weasyprint import HTML

    from lessonkit.render.pdf.fetcher import SafeFetcher

    fonts, sheets = stylesheets(css_dir.resolve(), style, paper)
    fetcher = SafeFetcher(allowed)
    document = HTML(string=html, base_url=f"{base.resolve().as_uri()}/", url_fetcher=fetcher)
    right_to_left = bool(_RTL_ROOT.search(html))
    # Arabic letters and their marks share clusters, which WeasyPrint's ToUnicode maps get
    # wrong (see glyph_text.py); left-to-right documents are written as WeasyPrint writes them.
    glyph_text: AbstractContextManager[None] = glyphs_mapped_to_their_own_text() if right_to_left else nullcontext()
    with time_limit_of(time_limit), glyph_text:
        data = document.write_pdf(
            stylesheets=list(sheets),
            font_config=fonts,
            pdf_variant=PDF_VARIANT,
            custom_metadata=True,
            finisher=_right_to_left if right_to_left else None,
        )
    return PdfResult(bytes(data), tuple(fetcher.refused))


def _right_to_left(_document: object, pdf: Any) -> None:
    """Tell viewers that pages run right to left (two-page view, page order, scrolling direction)."""
    # PDF/UA output already has viewer preferences (DisplayDocTitle); a new one is the catalogue's own type.
    preferences = pdf.catalog.get("ViewerPreferences") or type(pdf.catalog)()
    preferences["Direction"] = "/R2L"
    pdf.catalog["ViewerPreferences"] = preferences


# A wall-clock limit this many times the processor-time limit catches a render that waits
# instead of computing (the processor-time limit alone would never fire then).
WALL_FACTOR = 4


@contextmanager
def time_limit_of(seconds: int) -> Iterator[None]:
    """Raise `RenderTimeoutError` after `seconds` of processor time (or WALL_FACTOR times that on the clock).

    Processor time, not the clock, so that a busy machine (a CI runner, a laptop doing other work)
    does not fail ordinary documents, while a document that makes the layout run away still stops.
    Uses SIGPROF and SIGALRM: call it in a process's main thread.
    """

    def computed_too_long(_signum: int, _frame: FrameType | None) -> None:
        raise RenderTimeoutError(f"rendering took longer than {seconds} s of processor time")

    def waited_too_long(_signum: int, _frame: FrameType | None) -> None:
        raise RenderTimeoutError(f"rendering took longer than {seconds * WALL_FACTOR} s on the clock")

    previous_prof = signal.signal(signal.SIGPROF, computed_too_long)
    previous_alarm = signal.signal(signal.SIGALRM, waited_too_long)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    signal.alarm(seconds * WALL_FACTOR)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGALRM, previous_alarm)
        signal.signal(signal.SIGPROF, previous_prof)
