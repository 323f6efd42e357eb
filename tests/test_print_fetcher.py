"""WeasyPrint's URL fetcher is not an attack path: only data: URLs and files inside the asset folders are read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from lessonkit.render.pdf import fetcher as fetcher_module
from lessonkit.render.pdf.write import write_pdf
from print_project import tool

ATTACKS = [
    "file:///etc/passwd",
    "http://127.0.0.1:9/tracker.png",
    "file:///dev/urandom",
    "lessons/assets/../../../../etc/passwd",
    "lessons/assets/../lessons-secret.png",
]


def test_planted_urls_are_refused_with_a_warning_and_never_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "lessons" / "assets").mkdir(parents=True)
    (tmp_path / "lessons" / "lessons-secret.png").write_bytes(b"secret")
    opened: list[str] = []
    original = fetcher_module.URLFetcher.fetch

    def spy(self: Any, url: str, headers: Any = None) -> Any:
        opened.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(fetcher_module.URLFetcher, "fetch", spy)
    images = "".join(f'<img src="{url}" alt="x{i}">' for i, url in enumerate(ATTACKS))
    html = f'<html lang="en"><head><title>t</title></head><body><p>Attack</p>{images}</body></html>'
    result = write_pdf(
        html, tmp_path, [tmp_path / "lessons" / "assets", ROOT / "handouts"], ROOT / "handouts" / "css", time_limit=60
    )
    assert len(result.refused) == len(ATTACKS), result.refused
    for url in ("/etc/passwd", "http://127.0.0.1:9", "/dev/urandom", "lessons-secret.png"):
        assert any(url in refused for refused in result.refused), url
        assert not any(url in seen for seen in opened), opened
    # Only the bundled fonts went through to the real fetcher (none, when an earlier test in the same
    # process had already loaded them: the suite then fails this test's `opened and` check by order).
    assert all("/handouts/fonts/" in url for url in opened), opened
    pdf = tmp_path / "attack.pdf"
    pdf.write_bytes(result.data)
    text = tool("pdftotext", str(pdf), "-")
    assert "Attack" in text and "root:" not in text
