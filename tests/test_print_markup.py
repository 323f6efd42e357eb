"""Untrusted lesson Markdown: raw HTML escaped, bad links and images refused with located warnings."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from lessonkit.locale.country_pack import require_country_pack
from lessonkit.problems import Location
from lessonkit.render.html.markup import Assets, render_markdown


@pytest.fixture
def assets(tmp_path: Path) -> Assets:
    folder = tmp_path / "lessons" / "assets"
    folder.mkdir(parents=True)
    (folder / "talk.png").write_bytes(b"\x89PNG")
    return Assets(tmp_path, folder)


def render(text: str, assets: Assets) -> tuple[str, list[str]]:
    pack = require_country_pack(ROOT, "IE")
    where = Location(assets.root / "lessons" / "students" / "x.md", 10, 1)
    html, warnings = render_markdown(text, pack, where, assets)
    return html, [str(w) for w in warnings]


def test_raw_html_is_escaped_not_rendered(assets: Assets) -> None:
    html, _ = render('Hi <script>alert(1)</script> <img src="x" onerror="alert(1)">', assets)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "vbscript:x", "data:text/html,<b>x</b>", "file:///etc/passwd", "ftp://x.org/a"]
)
def test_non_web_links_are_refused_with_a_located_warning(assets: Assets, link: str) -> None:
    html, warnings = render(f"Text\n\nSee [this]({link}) now.", assets)
    assert "href" not in html
    assert "this" in html
    assert len(warnings) == 1 and "refused" in warnings[0]
    assert warnings[0].startswith(f"{assets.root / 'lessons' / 'students' / 'x.md'}:12:1: warning W100")


@pytest.mark.parametrize("link", ["https://example.org/a", "mailto:a@example.org", "tel:+3531800666666"])
def test_web_mail_and_phone_links_are_kept(assets: Assets, link: str) -> None:
    html, warnings = render(f"[this]({link})", assets)
    assert f'href="{link}"' in html and not warnings


def test_help_tokens_are_filled_from_the_country_pack(assets: Assets) -> None:
    html, _ = render("Call {{ help.child_helpline }}.", assets)
    # The number's digit groups are joined by no-break spaces so that it never splits across lines.
    assert "Childline (ISPCC) (1800&nbsp;66&nbsp;66&nbsp;66)" in html


@pytest.mark.parametrize(
    "source", ["/etc/passwd", "../../../etc/passwd", "http://example.org/t.png", "../../assets/missing.png"]
)
def test_images_outside_the_asset_folder_are_refused(assets: Assets, source: str) -> None:
    html, warnings = render(f"![A tracker]({source})", assets)
    assert "<img" not in html and "A tracker" in html
    assert warnings and "images must be files in lessons/assets/" in warnings[-1]


def test_asset_images_resolve_relative_to_the_project(assets: Assets) -> None:
    html, warnings = render("![A child talking to a teacher](../assets/talk.png)", assets)
    assert 'src="lessons/assets/talk.png"' in html and not warnings
