"""Every built page of the real site, as built: its ids and its headings' anchors in every language."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from conftest import ROOT
from lessonkit.locale.locales import load_locales
from lessonkit.locale.ui import translator
from lessonkit.model import Curriculum
from lessonkit.render.site.layout import html_path, lesson_page

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
