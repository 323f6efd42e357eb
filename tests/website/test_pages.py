"""Every built page of the real site: unique ids, heading anchors shared by all languages, quiz ids,
age bands without lessons, and the lesson's cut-out cards on its page (also in a browser, right to left)."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from conftest import ROOT
from lessonkit.i18n.ui import translator
from lessonkit.locale.locales import load_locales
from lessonkit.model import Curriculum
from lessonkit.render.site.layout import html_path, lesson_page

from .conftest import ARTIFACTS, CHROMIUM, DESKTOP, PHONE, Visit, serve

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class _Ids(HTMLParser):
    """The ids of a page, its headings' ids, what its labels and in-page links point to, and the quiz's ids."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.headings: list[str] = []
        self.label_targets: list[str] = []
        self.fragments: list[str] = []
        self.quiz_ids: list[str] = []
        self._quiz_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "fieldset" and "data-lk-quiz" in found:
            self._quiz_depth = 1
        elif self._quiz_depth and tag == "fieldset":
            self._quiz_depth += 1
        if "id" in found:
            self.ids.append(found["id"])
            if tag in _HEADINGS:
                self.headings.append(found["id"])
            if self._quiz_depth and tag in ("input", "select"):
                self.quiz_ids.append(found["id"])
        if tag == "label" and found.get("for"):
            self.label_targets.append(found["for"])
        if tag == "a" and found.get("href", "").startswith("#") and len(found["href"]) > 1:
            self.fragments.append(found["href"][1:])

    def handle_endtag(self, tag: str) -> None:
        if tag == "fieldset" and self._quiz_depth:
            self._quiz_depth -= 1


def _ids(page: Path) -> _Ids:
    parsed = _Ids()
    parsed.feed(page.read_text(encoding="utf-8"))
    return parsed


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "downloads" not in p.relative_to(site).parts)


def test_no_page_has_a_duplicate_id_and_every_label_and_fragment_finds_its_element(built_site: Path) -> None:
    """axe's duplicate-id rules, over every page of every language (axe itself runs on a few pages only)."""
    problems = []
    pages = _pages(built_site)
    assert len(pages) > 100, "the real site has fewer pages than it should"
    for page in pages:
        found = _ids(page)
        name = page.relative_to(built_site).as_posix()
        problems += [f"{name}: id {i!r} {n} times" for i, n in Counter(found.ids).items() if n > 1]
        ids = set(found.ids)
        problems += [f"{name}: <label for={t!r}> names no element" for t in found.label_targets if t not in ids]
        problems += [f"{name}: link to #{t} finds no element" for t in found.fragments if t not in ids]
    assert not problems, "\n".join(problems[:30])


def test_quiz_ids_name_the_lesson_and_the_option_once(built_site: Path, curriculum: Curriculum) -> None:
    checked = 0
    for lesson in curriculum.lessons:
        if not lesson.is_student_lesson:
            continue
        found = _ids(built_site / html_path(lesson_page(lesson))).quiz_ids
        pattern = re.compile(rf"^{re.escape(lesson.id)}-q[0-9]+-o[0-9]+$")
        assert all(pattern.match(i) for i in found), (lesson.id, [i for i in found if not pattern.match(i)][:3])
        checked += len(found)
    assert checked > 100, "the real curriculum's quizzes have fewer options than expected"


def test_heading_ids_are_the_same_in_every_language(built_site: Path) -> None:
    """A link to a section shared between teachers in two languages lands on the same section, and no
    anchor is a number (`_1`) that moves when a section is added."""
    compared = 0
    for locale in load_locales(ROOT)[1:]:
        for page in _pages(built_site / locale.id):
            name = page.relative_to(built_site / locale.id)
            first = built_site / name
            if not first.is_file() or name.parts[0] == "search":
                continue
            ours, theirs = _ids(page).headings, _ids(first).headings
            assert ours == theirs, f"{locale.id}/{name.as_posix()}: {ours} != {theirs}"
            assert not [i for i in ours if i.startswith("_") or not i.isascii()], f"{locale.id}/{name.as_posix()}"
            compared += 1
    assert compared > 100


def test_band_pages_offer_lessons_or_say_there_are_none(built_site: Path, curriculum: Curriculum) -> None:
    """Every band page of every language has lessons and its handbook, or the kind message and no handbook."""
    for locale in load_locales(ROOT):
        prefix = "" if locale == load_locales(ROOT)[0] else f"{locale.id}/"
        t = translator(ROOT, locale.language)
        for band in curriculum.config.bands:
            text = (built_site / f"{prefix}teachers/ages-{band.id}.html").read_text(encoding="utf-8")
            has_cards = 'class="lk-card"' in text
            assert has_cards == ('data-kind="handbook"' in text), f"{prefix}{band.id}"
            if not has_cards:
                said = ("No lessons for this age group in this language yet.", "No lessons for this age group yet.")
                assert any(t(words) in text for words in said), f"{prefix}{band.id}"


def test_every_lesson_with_cards_shows_them_with_their_answer_key(built_site: Path, curriculum: Curriculum) -> None:
    with_cards = [x for x in curriculum.lessons if any(x.document.card_sets)]
    assert len(with_cards) > 10
    for lesson in with_cards:
        text = (built_site / html_path(lesson_page(lesson))).read_text(encoding="utf-8")
        sets = [c for c in lesson.document.card_sets if c is not None]
        assert text.count('<li class="lk-cutout">') == sum(len(c.cards) for c in sets), lesson.id
        assert text.count('class="lk-card-set"') == len(sets), lesson.id
        for card_set in sets:
            if card_set.ordered or any(card.answer for card in card_set.cards):
                assert '<details class="lk-card-key"><summary>Answer key</summary>' in text, lesson.id
    # An ordering task: the cards numbered as the sheet prints them, the right order only in the answer key.
    say_no = next(x for x in with_cards if x.id == "say-no-11-13")
    text = (built_site / html_path(lesson_page(say_no))).read_text(encoding="utf-8")
    story = next(c for c in say_no.document.card_sets if c is not None and c.ordered)
    order = story.sheet_order()
    shown = text.split('<ul class="lk-cutouts">', 1)[1].split("</ul>", 1)[0]
    assert shown.count('<span class="lk-card-number">') == len(story.cards)
    first_shown = story.cards[order[0]].text.split("*")[0][:20]
    assert first_shown in shown.split("</li>", 1)[0]
    right = ", ".join(str(order.index(i) + 1) for i in range(len(story.cards)))
    assert f"The right order of the numbered cards: {right}" in text


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium missing: run make system-deps")
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_cards_are_on_screen_right_to_left_in_arabic(
    browser: Browser, built_site: Path, curriculum: Curriculum, viewport: dict[str, int]
) -> None:
    lesson = next(x for x in curriculum.lessons if x.id == "privacy-11-13")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with serve(built_site) as base:
        for prefix in ("", "ar-DE/"):
            visit = Visit(browser, viewport)
            try:
                visit.page.goto(base + prefix + html_path(lesson_page(lesson)) + "#cards-1")
                cards = visit.page.locator("li.lk-cutout")
                assert cards.count() == 6
                first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
                assert first is not None and second is not None
                assert first["width"] > 100 and first["height"] > 20
                if viewport is DESKTOP:
                    # Side by side on a desktop: the first card on the side the language starts from.
                    assert (first["x"] > second["x"]) == (prefix == "ar-DE/"), (prefix, first, second)
                else:
                    assert second["y"] > first["y"], "one column on a phone"
                label = "arabic" if prefix else "english"
                name = "phone" if viewport is PHONE else "desktop"
                visit.page.screenshot(path=str(ARTIFACTS / f"cards-{label}-{name}.png"))
                assert not visit.errors, visit.errors
            finally:
                visit.close()
