"""Read aloud for the youngest (issue 15 item 5), in Chromium against the real site.

The page of a 4-7 lesson shows its handout's words with a "Read aloud" button that uses the
browser's own speech synthesis with a voice of the device (no network) in the page's language,
and hides the button where there is none. Voices differ from machine to machine, so the tests
give the page a recording stand-in for `speechSynthesis` with the voices each test needs (and
one test checks the real browser's own answer).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from conftest import ROOT
from lessonkit.i18n.ui import translator
from lessonkit.model import Curriculum, Lesson
from lessonkit.render.site.layout import html_path, lesson_page

from .conftest import PHONE, Visit

# A speech engine that records what it is asked to say: voices are given per test.
FAKE_SPEECH = """
(() => {
  const voices = %s;
  window.__spoken = [];
  window.__cancelled = 0;
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
  Object.defineProperty(window, "speechSynthesis", {configurable: true, value: {
    getVoices: () => voices,
    addEventListener: () => {},
    cancel: () => { window.__cancelled++; },
    speak: (u) => { window.__spoken.push({text: u.text, lang: u.lang, voice: u.voice && u.voice.name, rate: u.rate}); },
  }});
})();
"""


def _voices(*voices: tuple[str, str, bool]) -> str:
    return FAKE_SPEECH % json.dumps(
        [{"name": name, "lang": lang, "localService": local, "default": False} for name, lang, local in voices]
    )


def _youngest(curriculum: Curriculum) -> Lesson:
    return next(x for x in curriculum.lessons if x.is_student_lesson and x.band == "4-7" and x.sections_of("handout"))


def _visit(browser: Browser, script: str | None) -> Visit:
    visit = Visit(browser, PHONE)
    if script:
        visit.context.add_init_script(script)
    return visit


@pytest.mark.parametrize("prefix,language,voice_lang", [("", "en", "en-GB"), ("de-DE/", "de", "de-DE")])
def test_read_aloud_uses_a_local_voice_of_the_pages_language(
    browser: Browser, base_url: str, curriculum: Curriculum, prefix: str, language: str, voice_lang: str
) -> None:
    t = translator(ROOT, language)
    lesson = _youngest(curriculum)
    voices = _voices(("Online", voice_lang, False), ("Here", voice_lang, True), ("Other", "fr-FR", True))
    visit = _visit(browser, voices)
    visit.page.goto(base_url + prefix + html_path(lesson_page(lesson)), wait_until="networkidle")
    start = visit.page.locator("[data-lk-read-start]")
    stop = visit.page.locator("[data-lk-read-stop]")
    assert start.is_visible() and start.inner_text().strip() == t("Read aloud")
    assert not stop.is_visible()
    start.click()
    spoken = visit.page.evaluate("window.__spoken")
    assert len(spoken) == 1
    # The device's own voice (never the network one), in the page's language.
    assert spoken[0]["voice"] == "Here" and spoken[0]["lang"] == voice_lang
    text = spoken[0]["text"]
    handout = visit.page.locator(".lk-read-text").inner_text()
    assert text == handout and t("Remember") in text and len(text) > 100
    assert stop.is_visible() and not start.is_visible()
    stop.click()
    assert visit.page.evaluate("window.__cancelled") >= 2  # once before speaking, once to stop
    assert start.is_visible()
    assert visit.errors == []
    visit.close()


@pytest.mark.parametrize(
    "voices",
    [
        (("Deutsch", "de-DE", True),),  # no Arabic voice at all
        (("Arabic online", "ar-SA", False),),  # an Arabic voice, but one that would send the text away
        (),
    ],
)
def test_no_button_without_a_local_voice_of_the_language(
    browser: Browser, base_url: str, curriculum: Curriculum, voices: tuple[tuple[str, str, bool], ...]
) -> None:
    visit = _visit(browser, _voices(*voices))
    visit.page.goto(base_url + "ar-DE/" + html_path(lesson_page(_youngest(curriculum))), wait_until="networkidle")
    assert visit.page.locator(".lk-read-text").is_visible()  # the words are there to read
    assert not visit.page.locator("[data-lk-read-start]").is_visible()
    assert not visit.page.locator(".lk-read-note").is_visible()
    assert visit.errors == []
    visit.close()


def test_the_browsers_own_voices_decide(browser: Browser, base_url: str, curriculum: Curriculum) -> None:
    # Without a stand-in: the button shows exactly when Chromium here has a local English voice.
    visit = _visit(browser, None)
    visit.page.goto(base_url + html_path(lesson_page(_youngest(curriculum))), wait_until="networkidle")
    visit.page.wait_for_timeout(500)
    local = visit.page.evaluate(
        "speechSynthesis.getVoices().some(v => v.localService && v.lang.toLowerCase().startsWith('en'))"
    )
    assert visit.page.locator("[data-lk-read-start]").is_visible() == local
    assert visit.errors == []
    visit.close()


def test_only_the_youngest_band_has_read_aloud(built_site: Path, curriculum: Curriculum) -> None:
    students = [x for x in curriculum.lessons if x.is_student_lesson]
    pages = {x.id: (built_site / html_path(lesson_page(x))).read_text(encoding="utf-8") for x in students}
    with_reader = {x.id for x in students if "data-lk-read" in pages[x.id]}
    assert with_reader == {x.id for x in students if x.band == "4-7"}
