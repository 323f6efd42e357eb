"""Hostile text on the website: every title, label, summary, interface string and pack text is escaped once.

A small project whose lesson title, summary, age-band and topic labels, help service and (for a
second locale) translated titles and interface strings carry markup is built into a site; every
page is parsed and its elements, attributes and text checked.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT
from lessonkit.build.localize import localize
from lessonkit.load.curriculum import load_curriculum
from lessonkit.locale.country_pack import require_country_pack
from lessonkit.locale.locales import find_locale
from lessonkit.problems import Location
from lessonkit.render.html.markup import Assets, render_markdown
from lessonkit.render.sanitise import clean_html
from lessonkit.render.site import render_site
from lessonkit.render.site.text import escape
from print_project import example_lessons, make_project

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=1>'
UNCLOSED = "<i class=x"
QUOTE = 'said \\" and "'  # a backslash before a quote: it ended the old hand-written YAML string early
TITLE = f"Helpers {SCRIPT} {BREAKOUT}"
SUMMARY = f"Children {QUOTE} {UNCLOSED} ![tracker](http://evil.example/t.png) ask for help."
BAND = f"Ages 4 to 7 {SCRIPT}"
TOPIC = f"Trusted adults {BREAKOUT}"
SERVICE = f"Childline {SCRIPT} ![pic](http://evil.example/c.png)"
TRANSLATED = f"Helfer {UNCLOSED}"
ENTITY_TEXT = re.compile(r"&(#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.IGNORECASE)


def _set(text: str, pattern: str, value: str) -> str:
    """Replace one YAML value (found by `pattern`) with a JSON string, which YAML reads as written."""
    changed, count = re.subn(pattern, lambda m: m.group(1) + json.dumps(value), text, count=1)
    assert count == 1, pattern
    return changed


def _hostile(text: str) -> str:
    """A translator's interface catalogue that adds markup to every label, placeholders kept."""
    return f"{text} {UNCLOSED} {BREAKOUT}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    lessons = example_lessons()
    lessons["example.md"] = _set(lessons["example.md"], r'(?m)^(title: )"Helpers all around us"', TITLE)
    lessons["example.md"] = _set(lessons["example.md"], r"(?m)^(summary: )\".*\"$", SUMMARY)
    # A framework outcome is printed as written (curriculum links on the lesson page).
    lessons["example.md"] = lessons["example.md"].replace(
        'ukcis: ["Online relationships 4-7"]', f'ukcis: ["Online relationships 4-7", {json.dumps(SCRIPT + BREAKOUT)}]'
    )
    assert SCRIPT in lessons["example.md"]
    root = make_project(folder, lessons)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "site-theme", root / "site-theme")
    config = root / "lessons" / "curriculum.yml"
    text = _set(config.read_text(encoding="utf-8"), r'(?m)^(    label: )"Ages 4 to 7"$', BAND)
    config.write_text(_set(text, r'(?m)^(    title: )"Trusted adults and getting help"$', TOPIC), encoding="utf-8")
    pack = root / "locales" / "countries" / "IE.yml"
    pack.write_text(_set(pack.read_text(encoding="utf-8"), r"(?m)^(    - name: )Childline \(ISPCC\)$", SERVICE))
    curriculum, problems = load_curriculum(root)
    assert curriculum is not None, problems
    english = localize(curriculum, root, find_locale(root, "en-IE"))
    german = localize(curriculum, root, find_locale(root, "de-DE"))
    # A translation that slipped past QA: translated titles and every interface label carry markup.
    lessons_de = tuple(dataclasses.replace(x, title=f"{TRANSLATED} {x.title}") for x in english.curriculum.lessons)
    german = dataclasses.replace(
        german, curriculum=dataclasses.replace(english.curriculum, lessons=lessons_de), ui=_hostile
    )
    out = folder / "site"
    assert render_site([english, german], root, out) == []
    return out


class _Page(HTMLParser):
    """Every element with its attributes, every text node, and the text inside selected elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
        if self._in_title:
            self.title += data


def _parse(page: Path) -> _Page:
    parsed = _Page()
    parsed.feed(page.read_text(encoding="utf-8"))
    return parsed


def _pages(site: Path) -> list[Path]:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    return pages


def test_no_page_contains_a_payload_as_markup(site: Path) -> None:
    for page in _pages(site):
        source = page.read_text(encoding="utf-8")
        assert SCRIPT not in source and "<img src=x" not in source and "<i class=x" not in source, page
        for tag, attrs in _parse(page).elements:
            assert "onerror" not in attrs, (page, tag, attrs)
            # The address of a refused image may show as text, never as an address the page uses.
            addresses = [attrs.get(name) or "" for name in ("src", "srcset", "href", "data-src", "poster", "style")]
            assert not any("evil.example" in value for value in addresses), (page, tag, attrs)
            assert attrs.get("class") != "x", (page, tag, attrs)


def test_no_page_loads_an_image_from_another_host(site: Path) -> None:
    for page in _pages(site):
        for tag, attrs in _parse(page).elements:
            for name in ("src", "srcset", "data-src"):
                value = attrs.get(name) or ""
                assert not re.match(r"^\s*([a-z][a-z0-9+.-]*:|//|\\\\)", value, re.IGNORECASE) or value.startswith(
                    "data:"
                ), (page, tag, value)


def test_no_page_shows_entity_text(site: Path) -> None:
    for page in _pages(site):
        parsed = _parse(page)
        shown = [t for t in parsed.texts if ENTITY_TEXT.search(t)]
        shown += [
            f"{tag}@{name}={value}"
            for tag, attrs in parsed.elements
            for name, value in attrs.items()
            if value and name not in ("href", "src") and ENTITY_TEXT.search(value)
        ]
        assert shown == [], page


def _text(page: Path) -> str:
    return " ".join(" ".join(_parse(page).texts).split())


def test_lesson_title_summary_band_and_topic_are_shown_as_text(site: Path) -> None:
    lesson = site / "lessons" / "4-7" / "example-helpers-4-7.html"
    parsed = _parse(lesson)
    assert TITLE in parsed.title  # <title>
    shown = _text(lesson)
    assert shown.count(TITLE) >= 3  # header, navigation, heading
    assert BAND in shown and TOPIC in shown
    description = next(a["content"] for t, a in parsed.elements if t == "meta" and a.get("name") == "description")
    # The summary's words (Markdown read: the backslash escapes the quote; the refused image is its alt text).
    assert description == f'Children said " and " {UNCLOSED} tracker ask for help.'
    # Every page's navigation lists the lesson and the band by their text.
    for page in (site / "index.html", site / "help.html", site / "teachers" / "topics.html"):
        shown = _text(page)
        assert TITLE in shown and BAND in shown, page
    assert TOPIC in _text(site / "teachers" / "topics.html")
    assert "Children" in _text(site / "teachers" / "ages-4-7.html")  # the summary's words in the listing


def test_help_token_from_the_pack_is_text_and_its_image_is_refused(site: Path) -> None:
    lesson = site / "lessons" / "4-7" / "example-helpers-4-7.html"
    assert "Childline <script>alert(1)</script> pic" in _text(lesson)
    help_page = _text(site / "help.html")
    assert "Childline <script>alert(1)</script> ![pic](http://evil.example/c.png)" in help_page


def test_translated_titles_and_interface_strings_are_text(site: Path) -> None:
    german = site / "de-DE" / "lessons" / "4-7" / "example-helpers-4-7.html"
    parsed = _parse(german)
    assert f"{TRANSLATED} {TITLE}" in parsed.title
    shown = _text(german)
    assert f"{TRANSLATED} {TITLE}" in shown
    assert _hostile("Get help now") in shown  # the banner above the header
    assert _hostile("Lessons and guides licensed under") in shown  # the footer
    assert _hostile("Home") in _text(site / "de-DE" / "index.html")  # the navigation


def test_site_name_and_nav_titles_are_escaped_once() -> None:
    assert escape("a<b & \"c\" 'd' *e* _f_ [g] {h} #i |j| \\k") == (
        "a&lt;b &amp; &quot;c&quot; &#x27;d&#x27; &#42;e&#42; &#95;f&#95; &#91;g&#93; &#123;h&#125; &#35;i "
        "&#124;j&#124; &#92;k"
    )
    # One pass: an entity the escaping writes is never escaped again.
    assert escape("_#") == "&#95;&#35;"


@pytest.mark.parametrize(
    "source", ["http://evil.example/a.png", "//evil.example/a.png", "/etc/a.png", "HTTPS://evil.example/a", "data:x"]
)
def test_the_policy_keeps_no_image_source_but_a_relative_path(source: str) -> None:
    assert 'src="lessons/assets/a.png"' in clean_html('<img src="lessons/assets/a.png" alt="a">')
    assert "src=" not in clean_html(f'<img src="{source}" alt="a">')


def test_print_refuses_an_http_image_in_text_as_the_site_does(tmp_path: Path) -> None:
    assets = Assets(tmp_path, tmp_path / "lessons" / "assets")
    where = Location(tmp_path / "lessons" / "x.md", 1, 1)
    html, warnings = render_markdown(SUMMARY, require_country_pack(ROOT, "IE"), where, assets)
    assert "<img" not in html and "tracker" in html and "evil.example" not in html
    assert [w.code for w in warnings] == ["W100"]
