"""The built site in a real browser (Debian's Chromium through Playwright): privacy, offline, a11y, i18n."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from conftest import ROOT
from lessonkit.document_kinds import download_paths
from lessonkit.i18n.ui import translator
from lessonkit.locale.locales import load_locales
from lessonkit.model import Curriculum
from lessonkit.render.site.layout import html_path, lesson_page

from .conftest import ARTIFACTS, CHROMIUM, DESKTOP, PHONE, Visit, serve

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium missing: run make system-deps")


def _lesson(curriculum: Curriculum) -> str:
    lesson = next(x for x in curriculum.lessons if x.is_student_lesson)
    return html_path(lesson_page(lesson))


def _guide(curriculum: Curriculum) -> str:
    return html_path(lesson_page(next(x for x in curriculum.lessons if x.audience == "parents")))


def _pages(curriculum: Curriculum) -> dict[str, str]:
    return {
        "home": "index.html",
        "lesson": _lesson(curriculum),
        "parent-guide": _guide(curriculum),
        "help": "help.html",
        "coverage": "coverage.html",
        "teachers": "teachers/index.html",
        "german-home": "de-DE/index.html",
        "german-lesson": "de-DE/" + _lesson(curriculum),
        "german-help": "de-DE/help.html",
        "arabic-home": "ar-DE/index.html",
        "arabic-lesson": "ar-DE/" + _lesson(curriculum),
        "arabic-help": "ar-DE/help.html",
        "german-guide": "de-DE/" + _guide(curriculum),
    }


def _help_label(path: str) -> str:
    """The "Get help now" link's text in the language of the page at `path`."""
    language = next((x.language for x in load_locales(ROOT) if path.startswith(f"{x.id}/")), "en")
    return translator(ROOT, language)("Get help now")


def _violations(page: Page) -> list[str]:
    """Every axe-core violation on the page, whatever its impact (minor ones too)."""
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in results.response["violations"]
    ]


def test_pages_are_private_accessible_and_screenshotted(
    browser: Browser, base_url: str, curriculum: Curriculum
) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    local = {("http", "127.0.0.1")}
    failures = []
    for width_name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        visit = Visit(browser, viewport)
        for name, path in _pages(curriculum).items():
            response = visit.page.goto(base_url + path, wait_until="networkidle")
            assert response is not None and response.ok, path
            visit.page.screenshot(path=str(ARTIFACTS / f"{name}-{width_name}.png"), full_page=width_name == "phone")
            if width_name == "desktop":
                failures += [f"{path}: {v}" for v in _violations(visit.page)]
            label = _help_label(path)
            assert visit.page.get_by_role("link", name=label).first.is_visible(), (path, label)
        assert visit.external(local) == [], "requests to other hosts"
        visit.context.close()
    assert failures == [], "\n".join(failures)


def test_open_search_and_filtered_cards_have_no_axe_violations(browser: Browser, base_url: str) -> None:
    failures = []
    for viewport in (DESKTOP, PHONE):
        visit = Visit(browser, viewport)
        visit.page.goto(base_url + "ar-DE/index.html", wait_until="networkidle")
        _search(visit.page, "مساعدة")
        failures += [f"search {viewport['width']}: {v}" for v in _violations(visit.page)]
        visit.page.goto(base_url + "teachers/index.html#band=4-7", wait_until="networkidle")
        assert visit.page.locator(".lk-card:visible").count() < visit.page.locator(".lk-card").count()
        failures += [f"filters {viewport['width']}: {v}" for v in _violations(visit.page)]
        visit.close()
    assert failures == [], "\n".join(failures)


def test_no_page_requests_a_missing_file(browser: Browser, base_url: str, curriculum: Curriculum) -> None:
    # Every page used to ask for sitemap.xml beside each language's copy of it (404s in the console).
    visit = Visit(browser, DESKTOP)
    for path in ("index.html", _lesson(curriculum), "help.html", "de-DE/index.html", "ar-DE/" + _lesson(curriculum)):
        visit.page.goto(base_url + path, wait_until="networkidle")
    assert visit.errors == []
    assert not [url for url in visit.requests if "sitemap" in url]
    visit.context.close()


def test_arabic_site_is_rtl_with_arabic_interface(browser: Browser, base_url: str) -> None:
    visit = Visit(browser, DESKTOP)
    visit.page.goto(base_url + "ar-DE/index.html")
    assert visit.page.locator("html").get_attribute("lang") == "ar"
    assert visit.page.locator("html").get_attribute("dir") == "rtl"
    assert visit.page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # The theme's interface strings in Arabic: the search box placeholder.
    assert visit.page.locator("input.lk-search__input").get_attribute("placeholder") == "بحث"
    font = visit.page.evaluate("getComputedStyle(document.body).fontFamily")
    assert font.startswith('"Noto Sans Arabic"')
    assert visit.page.evaluate("document.fonts.load('16px \"Noto Sans Arabic\"', 'سلام').then(f => f.length)") == 1
    visit.context.close()


def test_language_switcher_goes_to_the_same_page(browser: Browser, base_url: str, curriculum: Curriculum) -> None:
    visit = Visit(browser, DESKTOP)
    lesson = _lesson(curriculum)
    visit.page.goto(base_url + lesson)
    visit.page.locator(".md-header__option .md-select").first.hover()
    visit.page.locator('a.md-select__link[hreflang="de-DE"]').click()
    visit.page.wait_for_load_state()
    assert visit.page.url == base_url + "de-DE/" + lesson
    assert visit.page.locator("html").get_attribute("lang") == "de"
    visit.page.locator(".md-header__option .md-select").first.hover()
    visit.page.locator('a.md-select__link[hreflang="ar-DE"]').click()
    visit.page.wait_for_load_state()
    assert visit.page.url == base_url + "ar-DE/" + lesson
    assert visit.page.locator("html").get_attribute("dir") == "rtl"
    visit.context.close()


def _search(page: Page, term: str) -> list[str]:
    """Open lessonkit's search, type like a person (it searches on each input event), return result links."""
    page.locator(".lk-search-open").click()
    page.locator(".lk-search__input").press_sequentially(term, delay=50)
    page.locator(".lk-search__results a").first.wait_for(timeout=20000)
    return page.locator(".lk-search__results a").evaluate_all("els => els.map(e => e.href)")


def test_search_finds_a_lesson(browser: Browser, base_url: str) -> None:
    visit = Visit(browser, DESKTOP)
    visit.page.goto(base_url + "index.html")
    hrefs = _search(visit.page, "warning signs")
    assert any("online-friends" in href for href in hrefs), hrefs
    assert visit.external({("http", "127.0.0.1")}) == []
    visit.context.close()


def test_download_link_targets_the_print_path(browser: Browser, base_url: str, curriculum: Curriculum) -> None:
    lesson = next(x for x in curriculum.lessons if x.is_student_lesson)
    visit = Visit(browser, DESKTOP)
    visit.page.goto(base_url + "de-DE/" + html_path(lesson_page(lesson)))
    plan = visit.page.locator("a.lk-download[data-kind='plan']")
    assert plan.is_visible()
    href = plan.evaluate("a => a.href")
    assert href == base_url + download_paths(lesson, "de-DE")["plan"].as_posix()
    # The served-file check (the link answers 200) comes with the print build's files.
    visit.context.close()


def test_opened_from_disk_with_offline_search(browser: Browser, built_site: Path) -> None:
    visit = Visit(browser, DESKTOP)
    visit.page.goto((built_site / "index.html").as_uri())
    assert visit.page.locator("h1").first.is_visible()
    visit.page.get_by_role("link", name="Get help now").first.click()
    visit.page.wait_for_load_state()
    assert visit.page.url.endswith("/help.html")
    hrefs = _search(visit.page, "warning signs")
    assert any(href.startswith("file://") and "online-friends" in href for href in hrefs), hrefs
    # The self-hosted font loads from disk too (fonts.load resolves to the faces it loaded).
    assert visit.page.evaluate("document.fonts.load('16px \"Atkinson Hyperlegible\"').then(f => f.length)") == 1
    assert visit.external({("file", "")}) == []
    visit.context.close()


def test_built_site_serves_its_downloads(browser: Browser, built_project: Path) -> None:
    # The whole `lessonkit build` (documents + site) on a small project: a visitor follows a
    # download button and gets the PDF that the print stage wrote.
    with serve(built_project / "site") as url:
        visit = Visit(browser, DESKTOP)
        visit.page.goto(url + "lessons/4-7/example-helpers-4-7.html")
        link = visit.page.locator("a.lk-download[data-kind='handout']")
        href = link.evaluate("a => a.href")
        response = visit.page.request.get(href)
        assert response.ok
        assert response.body().startswith(b"%PDF")
        with visit.page.expect_download() as download:
            visit.page.locator("a.lk-download[data-kind='slides-pptx']").click()
        assert download.value.suggested_filename == "example-helpers-4-7-slides.pptx"
        assert visit.external({("http", "127.0.0.1")}) == []
        visit.context.close()
