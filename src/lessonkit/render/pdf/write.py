"""Rendering one HTML document to PDF bytes: PDF/UA-1, metadata, bundled fonts, a time limit."""

from __future__ import annotations

import signal
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import FrameType

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

PDF_VARIANT = "pdf/ua-1"
CSS_FILES: dict[str, tuple[str, ...]] = {
    "print": ("fonts.css", "print.css"),
    "large-print": ("fonts.css", "print.css", "large-print.css"),
    "slides": ("fonts.css", "slides.css"),
}
LETTER = "@page { size: letter; }"


class RenderTimeoutError(Exception):
    """A document took longer than its time limit."""


@dataclass(frozen=True)
class PdfResult:
    """The PDF and what the fetcher refused to load while making it."""

    data: bytes
    refused: tuple[str, ...]


@cache
def stylesheets(css_dir: Path, style: str, paper: str) -> tuple[FontConfiguration, tuple[CSS, ...]]:
    """Parsed stylesheets and their fonts, kept for the life of the worker process (they are slow to load)."""
    from lessonkit.render.pdf.fetcher import SafeFetcher

    fonts = FontConfiguration()
    fetcher = SafeFetcher([css_dir.parent])
    sheets = [CSS(filename=css_dir / name, font_config=fonts, url_fetcher=fetcher) for name in CSS_FILES[style]]
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
    from lessonkit.render.pdf.fetcher import SafeFetcher

    fonts, sheets = stylesheets(css_dir.resolve(), style, paper)
    fetcher = SafeFetcher(allowed)
    document = HTML(string=html, base_url=f"{base.resolve().as_uri()}/", url_fetcher=fetcher)
    with time_limit_of(time_limit):
        data = document.write_pdf(
            stylesheets=list(sheets),
            font_config=fonts,
            pdf_variant=PDF_VARIANT,
            custom_metadata=True,
        )
    return PdfResult(bytes(data), tuple(fetcher.refused))


@contextmanager
def time_limit_of(seconds: int) -> Iterator[None]:
    """Raise `RenderTimeoutError` after `seconds` (uses SIGALRM: call it in a process's main thread)."""

    def expire(_signum: int, _frame: FrameType | None) -> None:
        raise RenderTimeoutError(f"rendering took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
