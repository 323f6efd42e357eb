"""Help always in reach (issue 15 item 2): help and quick exit on screen everywhere, tap-to-call buttons.

Chromium at phone (390 x 844) and desktop (1366 x 900) widths against the real site: the "Get help
now" and "Leave this site" buttons stay on screen and uncovered at every scroll depth and inside
the phone menu, in every language; "Leave this site" and Esc pressed twice replace the page with
the neutral page (no way Back); every number on the help page is a large call button.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, Route

from conftest import ROOT
from lessonkit.i18n.ui import translator
from lessonkit.locale.locales import load_locales
from lessonkit.model import Curriculum
from lessonkit.render.site.layout import html_path, lesson_page
from lessonkit.render.site.mkdocs_config import QUICK_EXIT_URL

from .conftest import DESKTOP, PHONE, Visit

LOCALES = [(x.id, x.language, "" if index == 0 else f"{x.id}/") for index, x in enumerate(load_locales(ROOT))]

# Whether the element is on screen and is what a tap at its centre would hit (nothing covers it).
ON_TOP = """
element => {
  const box = element.getBoundingClientRect();
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  const hit = document.elementFromPoint(x, y);
  return box.width > 0 && box.top >= 0 && box.bottom <= window.innerHeight && !!hit && element.contains(hit);
}
"""


def _long_lesson(curriculum: Curriculum) -> str:
    lessons = [x for x in curriculum.lessons if x.is_student_lesson]
    return html_path(lesson_page(max(lessons, key=lambda x: len(x.body))))


def _on_top(page: Page, selector: str) -> bool:
    return bool(page.locator(selector).evaluate(ON_TOP))


@pytest.mark.parametrize("locale_id,language,prefix", LOCALES)
def test_help_and_exit_stay_on_screen_while_scrolling_a_phone_page(
    browser: Browser, base_url: str, curriculum: Curriculum, locale_id: str, language: str, prefix: str
) -> None:
    t = translator(ROOT, language)
    visit = Visit(browser, PHONE)
    visit.page.goto(base_url + prefix + _long_lesson(curriculum), wait_until="networkidle")
    height = visit.page.evaluate("document.documentElement.scrollHeight")
    assert height > 4 * PHONE["height"], "the page must be long for this test to mean anything"
    help_link = visit.page.locator(".lk-safety a.lk-help-now")
    assert help_link.inner_text().strip() == t("Get help now")
    assert visit.page.locator(".lk-safety a.lk-exit").inner_text().strip() == t("Leave this site")
    for fraction in (0, 0.25, 0.5, 0.75, 1):
        visit.page.evaluate(f"window.scrollTo(0, {int(height * fraction)})")
        visit.page.wait_for_timeout(150)
        for selector in (".lk-safety a.lk-help-now", ".lk-safety a.lk-exit"):
            assert _on_top(visit.page, selector), f"{locale_id}: {selector} hidden at {fraction:.0%} of the page"
        # Big enough to tap (WCAG 2.5.5: 44 x 44 CSS pixels).
        box = help_link.bounding_box()
        assert box is not None and box["height"] >= 44 and box["width"] >= 44
    assert visit.errors == []
    visit.close()


@pytest.mark.parametrize("locale_id,language,prefix", LOCALES)
def test_help_is_inside_the_phone_menu(
    browser: Browser, base_url: str, locale_id: str, language: str, prefix: str
) -> None:
    visit = Visit(browser, PHONE)
    visit.page.goto(base_url + prefix + "index.html", wait_until="networkidle")
    visit.page.locator("label.md-header__button[for='__drawer']").click()
    drawer = visit.page.locator(".md-sidebar--primary")
    drawer.locator(".lk-drawer-help a").wait_for(state="visible")
    visit.page.wait_for_timeout(400)  # the drawer slides in
    assert drawer.evaluate("e => e.getBoundingClientRect().right > 0 && e.getBoundingClientRect().left < innerWidth")
    inside = drawer.locator(".lk-drawer-help a")
    assert inside.inner_text().strip() == translator(ROOT, language)("Get help now")
    assert _on_top(visit.page, ".md-sidebar--primary .lk-drawer-help a"), locale_id
    # The fixed bar stays above the open menu too.
    assert _on_top(visit.page, ".lk-safety a.lk-help-now"), locale_id
    inside.click()
    visit.page.wait_for_load_state()
    assert visit.page.url == base_url + prefix + "help.html"
    visit.close()


def test_help_and_exit_stay_on_screen_on_a_desktop(browser: Browser, base_url: str, curriculum: Curriculum) -> None:
    visit = Visit(browser, DESKTOP)
    visit.page.goto(base_url + _long_lesson(curriculum), wait_until="networkidle")
    height = visit.page.evaluate("document.documentElement.scrollHeight")
    for fraction in (0, 0.5, 1):
        visit.page.evaluate(f"window.scrollTo(0, {int(height * fraction)})")
        visit.page.wait_for_timeout(150)
        assert _on_top(visit.page, ".lk-safety a.lk-help-now"), fraction
        assert _on_top(visit.page, ".lk-safety a.lk-exit"), fraction
    visit.close()


NEUTRAL = "<!doctype html><title>Neutral</title><p>neutral page"


def _neutral_visit(browser: Browser) -> Visit:
    """A tab in which the quick-exit address answers with a stub page: no request leaves the machine."""
    visit = Visit(browser, PHONE)

    def answer(route: Route) -> None:
        route.fulfill(status=200, content_type="text/html", body=NEUTRAL)

    visit.context.route(QUICK_EXIT_URL + "**", answer)
    return visit


def test_leave_this_site_replaces_the_page_with_the_neutral_one(
    browser: Browser, base_url: str, curriculum: Curriculum
) -> None:
    visit = _neutral_visit(browser)
    visit.page.goto(base_url + "index.html", wait_until="networkidle")
    visit.page.goto(base_url + "de-DE/" + _long_lesson(curriculum), wait_until="networkidle")
    before = visit.page.evaluate("history.length")
    visit.page.locator(".lk-safety a.lk-exit").click()
    visit.page.wait_for_url(QUICK_EXIT_URL)
    assert visit.page.title() == "Neutral"
    # Replaced, not added: Back leads to the page before the lesson, never to the lesson again.
    assert visit.page.evaluate("history.length") == before
    visit.page.go_back()
    assert visit.page.url == base_url + "index.html"
    visit.close()


def test_escape_pressed_twice_leaves_and_once_does_not(browser: Browser, base_url: str) -> None:
    visit = _neutral_visit(browser)
    visit.page.goto(base_url + "ar-DE/help.html", wait_until="networkidle")
    visit.page.keyboard.press("Escape")
    visit.page.wait_for_timeout(1200)
    assert visit.page.url == base_url + "ar-DE/help.html"
    visit.page.keyboard.press("Escape")
    visit.page.keyboard.press("Escape")
    visit.page.wait_for_url(QUICK_EXIT_URL)
    assert visit.page.title() == "Neutral"
    visit.close()


def test_quick_exit_works_without_javascript(browser: Browser, base_url: str) -> None:
    # Without JavaScript it is an ordinary link to the neutral page.
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)  # type: ignore[arg-type]
    context.route(QUICK_EXIT_URL + "**", lambda r: r.fulfill(status=200, content_type="text/html", body=NEUTRAL))
    page = context.new_page()
    page.goto(base_url + "help.html")
    page.locator(".lk-safety a.lk-exit").click()
    page.wait_for_url(QUICK_EXIT_URL)
    context.close()


@pytest.mark.parametrize("locale_id,language,prefix", LOCALES)
def test_help_page_numbers_are_tap_to_call_buttons(
    browser: Browser, base_url: str, locale_id: str, language: str, prefix: str
) -> None:
    t = translator(ROOT, language)
    visit = Visit(browser, PHONE)
    visit.page.goto(base_url + prefix + "help.html", wait_until="networkidle")
    calls = visit.page.locator("a[href^='tel:']")
    assert calls.count() >= 3
    for index in range(calls.count()):
        call = calls.nth(index)
        box = call.bounding_box()
        assert box is not None and box["height"] >= 48 and box["width"] >= 120, (locale_id, call.inner_text(), box)
        # The number keeps the lead's markup: isolated left to right, no line break inside.
        assert call.locator("bdi.lk-contact[dir='ltr']").count() == 1
    # How the quick exit works, and that the browser's history remains, in the page's language.
    note = visit.page.locator("#leave-quickly")
    assert note.inner_text().strip() == t("Leaving this site quickly")
    text = visit.page.locator(".lk-exit-note").inner_text()
    assert t("Leave this site") in text and "Esc" in text
    assert (
        t(
            "Your browser still keeps a list of the pages you opened here. To remove them, delete your browsing "
            "history in your browser's settings. A private window keeps no history."
        )
        in text
    )
    assert visit.errors == []
    visit.close()
