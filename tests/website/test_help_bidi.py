"""The Arabic help page in Chromium: every phone number keeps its digit groups in reading order (issue 11)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from .conftest import CHROMIUM, CHROMIUM_ARGS, serve

# For each number link, the x position of each digit group's box, in the order the groups are written.
GROUP_POSITIONS = """
() => [...document.querySelectorAll('a[href^="tel:"]')].map(link => {
  const node = [...link.querySelectorAll('*'), link].map(e => e.firstChild).find(n => n && n.nodeType === 3);
  const text = node.textContent;
  const boxes = [];
  const re = /\\d+/g;
  let m;
  while ((m = re.exec(text)) !== null) {
    const range = document.createRange();
    range.setStart(node, m.index);
    range.setEnd(node, m.index + m[0].length);
    const rects = range.getClientRects();
    boxes.push({group: m[0], x: rects[0].x, top: rects[0].top});
  }
  return {text, boxes};
})
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), "Debian chromium is needed (scripts/install-system-deps.sh installs it)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1366, "height": 900}])
def test_arabic_help_page_shows_numbers_in_order(browser: Browser, built_site: Path, viewport: dict[str, int]) -> None:
    with serve(built_site) as base:
        page = browser.new_page(viewport=viewport)  # type: ignore[arg-type]
        page.goto(f"{base}ar-DE/help.html")
        assert page.evaluate("document.documentElement.dir") == "rtl"
        numbers = page.evaluate(GROUP_POSITIONS)
        page.close()
    grouped = [n for n in numbers if len(n["boxes"]) > 1]
    assert grouped, f"no number with several digit groups on the Arabic help page: {numbers}"
    for number in grouped:
        boxes = number["boxes"]
        assert len({round(b["top"]) for b in boxes}) == 1, f"{number['text']!r} breaks across lines"
        xs = [b["x"] for b in boxes]
        assert xs == sorted(xs), f"{number['text']!r}: digit groups shown out of order {boxes}"
