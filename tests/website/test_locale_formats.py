"""Dates and numbers the locale's way, and lesson images on the site (issue 15 item 6).

The Arabic font's subset and WOFF2 are checked in test_build.py (test_fonts_are_woff2_...).
"""

from __future__ import annotations

import re
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from babel import Locale
from playwright.sync_api import Browser

from conftest import ROOT, authoring_example, run_cli
from lessonkit.i18n.ui import translator
from lessonkit.render.site.context import file_size
from print_project import make_project

from .conftest import DESKTOP, Visit, serve


def _footer_date(page: Path) -> str:
    found = re.search(r'<div class="md-copyright lk-footer">.*?<p>.*?</p>\s*<p>(.*?)</p>', page.read_text(), re.S)
    assert found is not None, page
    return found.group(1)


def test_dates_are_written_the_locales_way(built_site: Path) -> None:
    # The curriculum was last updated on 2026-11-30: Ireland writes the day first.
    english = translator(ROOT, "en")("Last updated: {date}")
    assert _footer_date(built_site / "index.html") == english.format(date="30 November 2026")
    german = translator(ROOT, "de")("Last updated: {date}")
    assert _footer_date(built_site / "de-DE" / "index.html") == german.format(date="30. November 2026")
    assert "نوفمبر" in _footer_date(built_site / "ar-DE" / "index.html")
    help_page = (built_site / "help.html").read_text(encoding="utf-8")
    checked = re.findall(r'<p class="lk-checked">(.*?)</p>', help_page)
    assert checked and all(re.fullmatch(r"Checked on \d{1,2} [A-Z][a-z]+ 20\d\d", c) for c in checked), checked
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    assert not re.search(rf"({months}) \d{{1,2}}, 20", help_page)  # the US order is gone


@pytest.mark.parametrize(
    "locale,size,shown",
    [
        ("en_IE", 340_400, "340 kB"),
        ("en_IE", 1_234_567, "1.2 MB"),
        ("de_DE", 1_234_567, "1,2 MB"),
        ("de_DE", 400, "1 kB"),  # never "0 kB"
        ("ar", 47_000, "47 كيلوبايت"),
    ],
)
def test_file_sizes_are_written_the_locales_way(locale: str, size: int, shown: str) -> None:
    assert file_size(size, Locale.parse(locale)) == shown


def _png(width: int, height: int) -> bytes:
    """A small valid PNG (a red square), written here so that the test needs no picture file."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def test_lesson_images_are_copied_and_shown(browser: Browser, tmp_path: Path) -> None:
    starter = '::: activity {stage=starter minutes=5 title="Who helps us?"}\n'
    assert starter in authoring_example()
    lesson = authoring_example().replace(starter, starter + "![A lighthouse on a rock](assets/lighthouse.png)\n\n", 1)
    root = make_project(tmp_path, {"example.md": lesson})
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "site-theme", root / "site-theme")
    (root / "lessons" / "assets" / "lighthouse.png").write_bytes(_png(12, 8))
    # A link in the asset folder must not publish what it points to.
    (root / "lessons" / "assets" / "secret.png").symlink_to(ROOT / "pyproject.toml")
    result = run_cli("site", "--locale", "en-IE", "--out", str(tmp_path / "out"), cwd=root)
    assert result.code == 0, result.err
    site = tmp_path / "out"
    assert (site / "assets" / "lessons" / "lighthouse.png").read_bytes() == _png(12, 8)
    assert not (site / "assets" / "lessons" / "secret.png").exists()
    with serve(site) as url:
        visit = Visit(browser, DESKTOP)
        visit.page.goto(url + "lessons/4-7/example-helpers-4-7.html", wait_until="networkidle")
        image = visit.page.locator("img[alt='A lighthouse on a rock']")
        assert image.count() == 1
        image.scroll_into_view_if_needed()
        assert image.evaluate("i => i.complete && i.naturalWidth") == 12
        assert image.evaluate("i => i.src") == url + "assets/lessons/lighthouse.png"
        assert visit.errors == []
        assert visit.external({("http", "127.0.0.1")}) == []
        visit.close()
