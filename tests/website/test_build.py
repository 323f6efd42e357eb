"""The website build: strict mkdocs, every page type, per-locale lang/dir, links to the print downloads."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from conftest import run_cli
from lessonkit.document_kinds import download_paths, handbook_path
from lessonkit.model import Curriculum
from lessonkit.render.site.layout import html_path, lesson_page


class _Refs(HTMLParser):
    """Collects every URL a page loads or links to."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.links: list[tuple[str, dict[str, str | None]]] = []
        self.html_attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.html_attrs = found
        if tag == "a" and found.get("href"):
            self.links.append((str(found["href"]), found))
        for name in ("src", "srcset", "data-src"):
            if found.get(name):
                self.loads.append(str(found[name]))
        if tag == "link" and found.get("href") and found.get("rel") not in ("alternate", "canonical"):
            self.loads.append(str(found["href"]))


def _parse(page: Path) -> _Refs:
    refs = _Refs()
    refs.feed(page.read_text(encoding="utf-8"))
    return refs


def test_build_keeps_downloads_and_writes_every_locale(built_site: Path) -> None:
    assert (built_site / "downloads" / "keep.txt").read_text(encoding="utf-8") == "print build output"
    for prefix in ("", "de-DE/", "ar-DE/"):
        for page in ("index", "help", "coverage", "ngos", "teachers/index", "teachers/topics", "parents/index"):
            assert (built_site / f"{prefix}{page}.html").is_file(), f"{prefix}{page}.html"


def test_lang_and_direction_per_locale(built_site: Path) -> None:
    assert _parse(built_site / "index.html").html_attrs.get("lang") == "en"
    assert _parse(built_site / "de-DE" / "index.html").html_attrs.get("lang") == "de"
    arabic = built_site / "ar-DE" / "teachers" / "index.html"
    assert _parse(arabic).html_attrs == {"lang": "ar", "dir": "rtl", "class": "no-js"}
    assert 'dir="rtl"' in arabic.read_text(encoding="utf-8").split("<body", 1)[1][:40]
    assert _parse(built_site / "index.html").html_attrs.get("dir") is None


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for url in _parse(page).loads:
            assert not re.match(r"^(https?:)?//", url), f"{page}: loads {url}"
        assert "unpkg.com" not in text and "fonts.googleapis" not in text and "fonts.gstatic" not in text, page
    for css in built_site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")), css


def test_lesson_page_links_to_exactly_the_print_files(built_site: Path, curriculum: Curriculum) -> None:
    for locale_id, prefix in (("en-IE", ""), ("ar-DE", "ar-DE/")):
        for lesson in curriculum.lessons:
            page = built_site / prefix / html_path(lesson_page(lesson))
            downloads = [(h, a) for h, a in _parse(page).links if "download" in a]
            resolved = {
                (page.parent / href).resolve().relative_to(built_site.resolve()).as_posix() for href, _ in downloads
            }
            expected = {p.as_posix() for p in download_paths(lesson, locale_id).values()}
            assert resolved == expected, page


def test_band_page_links_to_the_handbook(built_site: Path, curriculum: Curriculum) -> None:
    band = curriculum.config.bands[0]
    page = built_site / "de-DE" / "teachers" / f"ages-{band.id}.html"
    hrefs = [(page.parent / h).resolve() for h, a in _parse(page).links if "download" in a]
    assert hrefs == [(built_site / handbook_path(band.id, "de-DE")).resolve()]


def test_every_page_has_help_link_licence_and_date(built_site: Path) -> None:
    for page in sorted(built_site.rglob("*.html")):
        if page.name == "404.html" or "downloads" in page.parts:
            continue
        refs = _parse(page)
        help_links = [h for h, a in refs.links if a.get("class") == "lk-help-now"]
        assert len(help_links) == 1, page
        target = (page.parent / help_links[0]).resolve()
        assert target.name == "help.html" and target.is_file(), page
        text = page.read_text(encoding="utf-8")
        assert "creativecommons.org/licenses/by-sa/4.0/" in text, page
        assert "lk-footer" in text, page


def test_lesson_page_content(built_site: Path, curriculum: Curriculum) -> None:
    lesson = next(x for x in curriculum.lessons if x.id == "online-friends-8-10")
    text = (built_site / html_path(lesson_page(lesson))).read_text(encoding="utf-8")
    assert "45 minutes" in text
    assert 'class="admonition warning lk-safeguarding"' in text
    for objective in lesson.objectives:
        assert objective.replace("'", "&#x27;").replace('"', "&quot;") in text
    questions = lesson.document.questions
    assert len(questions) >= 3
    assert text.count("<details>") == len(questions)  # one answer per quiz question
    assert "{{" not in text  # every help token filled from the country pack
    assert "1800 66 66 66" in text or "childline" in text.lower()
    assert 'href="my-body-my-pictures-8-10.html"' in text  # a lesson: link, resolved


def test_help_page_lists_the_country_pack(built_site: Path) -> None:
    ireland = (built_site / "help.html").read_text(encoding="utf-8")
    assert 'href="tel:112"' in ireland and "Hotline.ie" in ireland
    germany = (built_site / "de-DE" / "help.html").read_text(encoding="utf-8")
    assert "Hotline.ie" not in germany and 'href="tel:112"' in germany


def test_coverage_matrix_is_generated_from_sources(built_site: Path, curriculum: Curriculum) -> None:
    text = (built_site / "coverage.html").read_text(encoding="utf-8")
    for source in curriculum.config.sources:
        assert f'id="source-{source.id}"' in text
    # Rows are grouped under their publication, in the order of sources.yml.
    heads = [text.index(f'id="publication-{p.id}"') for p in curriculum.config.publications]
    assert heads == sorted(heads)
    first = curriculum.config.sources_of(curriculum.config.publications[1].id)[0]
    assert heads[1] < text.index(f'id="source-{first.id}"') < heads[2]
    cited = next(x for x in curriculum.lessons if x.is_student_lesson)
    row = text.split(f'id="source-{cited.sources[0]}"', 1)[1].split("</tr>", 1)[0]
    assert cited.title.replace("'", "&#x27;") in row


def test_site_command_builds_one_locale(tmp_path: Path) -> None:
    run = run_cli("site", "--out", str(tmp_path / "out"), "--locale", "de-DE")
    assert run.code == 0, run.err
    assert 'lang="de"' in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert not (tmp_path / "out" / "ar-DE").exists()


def test_site_command_rejects_unknown_locale(tmp_path: Path) -> None:
    run = run_cli("site", "--out", str(tmp_path / "out"), "--locale", "xx-XX")
    assert run.code == 2
    assert "unknown locale 'xx-XX'" in run.err and "Traceback" not in run.err


def _search_index(site: Path) -> dict[str, Any]:
    script = (site / "search" / "index.js").read_text(encoding="utf-8")
    assert script.startswith("lessonkitSearchIndex(") and script.rstrip().endswith(");")
    data: dict[str, Any] = json.loads(script.strip().removeprefix("lessonkitSearchIndex(").removesuffix(");"))
    return data


def test_one_search_index_per_locale_with_its_own_pages_only(built_site: Path) -> None:
    # The theme's single index of every language (2-3 MB, loaded on every first visit) is gone.
    assert not (built_site / "search" / "search_index.json").exists()
    assert not (built_site / "search" / "search_index.js").exists()
    assert not (built_site / "assets" / "javascripts" / "lunr").exists()
    for prefix, language in (("", "en"), ("de-DE/", "de"), ("ar-DE/", "ar")):
        index = _search_index(built_site / prefix)
        assert index["lang"] == language
        pages = [page for page, _ in index["pages"]]
        assert len(pages) > 40 and "help.html" in pages and "404.html" not in pages
        assert not [p for p in pages if p.split("/")[0] in ("de-DE", "ar-DE")], prefix
        for page in pages:
            assert (built_site / prefix / page).is_file(), page
        assert index["help"]["page"] == "help.html" and len(index["help"]["words"]) >= 5
        # Section anchors exist on their pages; titles are text, not markup or entities.
        for number, anchor, title, text in index["docs"][:200]:
            page_html = (built_site / prefix / index["pages"][number][0]).read_text(encoding="utf-8")
            assert not anchor or f'id="{anchor}"' in page_html, (prefix, anchor)
            assert "<" not in title and not ENTITY_TEXT.search(title + text), title


ENTITY_TEXT = re.compile(r"&(#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.IGNORECASE)


class _Text(HTMLParser):
    """The text a reader meets: text nodes and the attributes a browser shows or reads out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shown: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and name in ("title", "aria-label", "alt", "placeholder", "content"):
                self.shown.append(f"<{tag} {name}> {value}")

    def handle_data(self, data: str) -> None:
        self.shown.append(data)


def test_no_page_shows_entity_text(built_site: Path) -> None:
    # Text escaped twice shows its entities ("Don&#x27;t blame"): every generated string is escaped once.
    found = []
    for page in sorted(built_site.rglob("*.html")):
        parser = _Text()
        parser.feed(page.read_text(encoding="utf-8"))
        found += [
            f"{page.relative_to(built_site)}: {text.strip()[:80]}" for text in parser.shown if ENTITY_TEXT.search(text)
        ]
    assert found == [], "\n".join(found[:20])


def test_a_404_page_per_locale_the_root_one_in_the_default_language(built_site: Path) -> None:
    for prefix, language in (("", "en"), ("de-DE/", "de"), ("ar-DE/", "ar")):
        page = built_site / f"{prefix}404.html"
        assert _parse(page).html_attrs.get("lang") == language, page
        hrefs = {h for h, _ in _parse(page).links}
        assert {"index.html", "help.html"} <= hrefs, page
        # Not in the search.
        assert "404.html" not in [p for p, _ in _search_index(built_site / prefix)["pages"]]


def test_no_page_refers_to_a_missing_sitemap(built_site: Path) -> None:
    # The theme's script fetched sitemap.xml beside every <link rel="alternate"> (console 404s).
    assert not (built_site / "sitemap.xml").exists()
    for page in sorted(built_site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        assert "sitemap.xml" not in text, page
        assert not re.search(r"<link[^>]+rel=\"alternate\"", text), page


def test_fonts_are_woff2_and_the_arabic_one_is_a_subset(built_site: Path) -> None:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    fonts = built_site / "assets" / "fonts"
    assert not (fonts / "index.html").exists() and not (fonts / "README.md").exists()  # the README is no page
    assert sorted(p.suffix for p in fonts.rglob("*") if p.is_file() and p.suffix != ".txt") == [".woff2"] * 8
    css = (built_site / "assets" / "stylesheets" / "fonts.css").read_text(encoding="utf-8")
    faces = re.findall(r"@font-face\s*\{([^}]*)\}", css)
    assert len(faces) == 8 and all("font-display: swap" in face for face in faces)
    arabic = [face for face in faces if "Noto Sans Arabic" in face]
    assert len(arabic) == 2 and all("U+0600-06FF" in face and ".subset.woff2" in face for face in arabic)
    for face in arabic:
        path = fonts / re.search(r'url\("\.\./fonts/([^"]+)"\)', face).group(1)  # type: ignore[union-attr]
        font = TTFont(path)
        assert font.flavor == "woff2" and path.stat().st_size < 80_000
        cmap = font.getBestCmap()
        assert all(ord(char) in cmap for char in "مساعدةالآن،؟٣") and ord("A") not in cmap
        assert "GSUB" in font  # Arabic joining forms and ligatures kept
    assert (fonts / "noto-sans-arabic" / "OFL.txt").is_file()
