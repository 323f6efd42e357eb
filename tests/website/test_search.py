"""Search per language (issue 15 item 3), in Chromium against the real site.

The index of a language is requested only when the visitor opens the search, holds only that
language's pages, and a help word of the language puts the help page first. The first visit of
each home page, opened from disk, stays under 800 KB in total.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser

from conftest import ROOT
from lessonkit.locale.locales import load_locales

from .conftest import DESKTOP, PHONE, Visit

LOCALES = [(x.id, "" if index == 0 else f"{x.id}/") for index, x in enumerate(load_locales(ROOT))]
OTHER_PREFIXES = [prefix for _, prefix in LOCALES if prefix]
# A word of each language that people type when they look for help, and one more from the list.
HELP_WORDS = {"en-IE": ("help", "police"), "de-DE": ("Hilfe", "Polizei"), "ar-DE": ("مساعدة", "شرطة")}
# A story character's name, as each language writes it: a search that is not about help.
CHARACTER = {"en-IE": "Sami", "de-DE": "Sami", "ar-DE": "سامي"}
FIRST_VISIT_BUDGET = 800 * 1024


def _open_and_type(visit: Visit, term: str) -> list[str]:
    visit.page.locator(".lk-search-open").click()
    field = visit.page.locator(".lk-search__input")
    assert field.evaluate("e => e === document.activeElement")
    field.fill("")
    field.press_sequentially(term, delay=40)
    visit.page.locator(".lk-search__results a").first.wait_for(timeout=20000)
    return visit.page.locator(".lk-search__results a").evaluate_all("els => els.map(e => e.href)")


def _index_requests(visit: Visit) -> list[str]:
    return [url for url in visit.requests if "/search/" in url]


@pytest.mark.parametrize("locale_id,prefix", LOCALES)
def test_the_index_loads_only_when_a_search_starts_and_holds_only_this_language(
    browser: Browser, base_url: str, locale_id: str, prefix: str
) -> None:
    visit = Visit(browser, PHONE)
    visit.page.goto(base_url + prefix + "index.html", wait_until="networkidle")
    visit.page.mouse.wheel(0, 400)  # a first interaction starts the theme's script, not the search
    visit.page.wait_for_timeout(500)
    assert _index_requests(visit) == [], "the search index was loaded before any search"
    hrefs = _open_and_type(visit, HELP_WORDS[locale_id][0])
    assert _index_requests(visit) == [base_url + prefix + "search/index.js"]
    assert len(hrefs) >= 10
    for href in hrefs:
        assert href.startswith(base_url + prefix), href
        rest = href.removeprefix(base_url)
        assert not any(rest.startswith(other) for other in OTHER_PREFIXES if other != prefix), href
    assert visit.errors == []
    visit.close()


@pytest.mark.parametrize("locale_id,prefix", LOCALES)
def test_help_words_put_the_help_page_first(browser: Browser, base_url: str, locale_id: str, prefix: str) -> None:
    visit = Visit(browser, DESKTOP)
    visit.page.goto(base_url + prefix + "teachers/index.html", wait_until="networkidle")
    for word in HELP_WORDS[locale_id]:
        hrefs = _open_and_type(visit, word)
        assert hrefs[0] == base_url + prefix + "help.html", (word, hrefs[:5])
        visit.page.keyboard.press("Escape")  # closes the search (once: no quick exit)
        assert not visit.page.locator("dialog.lk-search").evaluate("d => d.open")
        visit.page.wait_for_timeout(1100)
    # A search that is not about help does not put the help page first.
    hrefs = _open_and_type(visit, CHARACTER[locale_id])
    assert hrefs[0] != base_url + prefix + "help.html"
    assert visit.page.url == base_url + prefix + "teachers/index.html"
    assert visit.errors == []
    visit.close()


def test_search_opens_with_the_slash_key_and_follows_a_result(browser: Browser, base_url: str) -> None:
    visit = Visit(browser, DESKTOP)
    visit.page.goto(base_url + "de-DE/index.html", wait_until="networkidle")
    visit.page.keyboard.press("/")
    field = visit.page.locator(".lk-search__input")
    assert field.evaluate("e => e === document.activeElement")
    field.press_sequentially("Warnzeichen", delay=40)
    first = visit.page.locator(".lk-search__results a").first
    first.wait_for()
    assert visit.page.locator(".lk-search__status").inner_text().strip() != ""
    target = first.evaluate("a => a.href")
    first.click()
    visit.page.wait_for_load_state()
    assert visit.page.url == target and target.startswith(base_url + "de-DE/")
    visit.close()


@pytest.mark.parametrize("locale_id,prefix", LOCALES)
def test_first_visit_of_the_home_page_from_disk_is_under_800_kb(
    browser: Browser, built_site: Path, locale_id: str, prefix: str
) -> None:
    # Opened from disk nothing is "transferred" over a network: every file Chromium reads for the
    # first visit is counted with its size on disk.
    visit = Visit(browser, PHONE)
    visit.page.goto((built_site / prefix / "index.html").as_uri(), wait_until="networkidle")
    visit.page.wait_for_timeout(500)
    files = {Path(unquote(urlsplit(url).path)) for url in visit.requests if url.startswith("file://")}
    assert all(path.is_file() for path in files), [p for p in files if not p.is_file()]
    total = sum(path.stat().st_size for path in files)
    assert total < FIRST_VISIT_BUDGET, f"{locale_id}: {total} bytes: {sorted(str(p) for p in files)}"
    assert not [p for p in files if "search" in p.parts], "the search index is not part of a first visit"
    assert visit.external({("file", "")}) == []
    assert visit.errors == []
    visit.close()


def test_search_works_from_disk(browser: Browser, built_site: Path) -> None:
    visit = Visit(browser, PHONE)
    visit.page.goto((built_site / "ar-DE" / "index.html").as_uri())
    hrefs = _open_and_type(visit, HELP_WORDS["ar-DE"][0])
    assert hrefs[0] == (built_site / "ar-DE" / "help.html").as_uri()
    assert visit.external({("file", "")}) == []
    assert visit.errors == []
    visit.close()
