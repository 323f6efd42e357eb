"""Site pages of the golden test's small project (en-IE, ar-DE), read as built, not as reviewed.

The project's Arabic site lacks the 4-7 lesson (no Arabic catalogue), and neither language has a
lesson for ages 8-10 or 14-18: the age band pages have to say so kindly, link to the source
language where it has lessons, and offer no handbook (the print build makes none for an empty band).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from conftest import ROOT
from lessonkit.i18n.apply import Readiness
from lessonkit.i18n.ui import translator
from lessonkit.load.curriculum import load_curriculum
from lessonkit.load.lesson_file import load_lesson
from lessonkit.locale.country_pack import require_country_pack
from lessonkit.locale.locales import find_locale
from lessonkit.localized import Localized
from lessonkit.render.site.context import LocaleContext
from lessonkit.render.site.layout import SitePlace
from lessonkit.render.site.lesson_page import lesson_markdown
from lessonkit.render.site.pages import unique_anchors
from lessonkit.render.site.text import anchor, heading, heading_words
from test_site_golden import build_small_project

_HEADING_ID = re.compile(r'<h[1-6] id="([^"]+)"')


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_small_project(tmp_path_factory)


def _article(page: Path) -> str:
    return page.read_text(encoding="utf-8").split("<article", 1)[1].split("</article>", 1)[0]


@pytest.mark.slow
def test_band_without_lessons_in_the_language_says_so_and_links_to_the_source_language(project: Path) -> None:
    site = project / "site"
    arabic = _article(site / "ar-DE" / "teachers" / "ages-4-7.html")
    t = translator(ROOT, "ar")
    assert t("No lessons for this age group in this language yet.") in arabic
    link = re.search(r'<a href="([^"]+)" hreflang="en">([^<]+)</a>', arabic)
    assert link is not None, arabic
    assert link[2] == t("See the lessons for this age group in {language}").format(language="الإنجليزية")
    target = (site / "ar-DE" / "teachers" / link[1]).resolve()
    assert target == (site / "teachers" / "ages-4-7.html").resolve() and target.is_file()
    assert "example-helpers-4-7" in target.read_text(encoding="utf-8")
    assert 'data-kind="handbook"' not in arabic and "lk-cards" not in arabic


@pytest.mark.slow
@pytest.mark.parametrize("prefix", ["", "ar-DE/"])
def test_band_without_lessons_in_any_language_says_so_without_a_link(project: Path, prefix: str) -> None:
    t = translator(ROOT, "ar" if prefix else "en")
    for band in ("8-10", "14-18"):
        article = _article(project / "site" / f"{prefix}teachers" / f"ages-{band}.html")
        assert t("No lessons for this age group yet.") in article
        assert "<a " not in article and 'data-kind="handbook"' not in article


@pytest.mark.slow
def test_band_with_lessons_keeps_its_handbook_and_cards(project: Path) -> None:
    for prefix in ("", "ar-DE/"):
        article = _article(project / "site" / f"{prefix}teachers" / "ages-11-13.html")
        assert 'data-kind="handbook"' in article and 'class="lk-card"' in article
        assert "lk-no-lessons" not in article


@pytest.mark.slow
@pytest.mark.parametrize(
    "page", ["lessons/11-13/privacy-11-13.html", "parents/parents-talking-together.html", "teachers/index.html"]
)
def test_arabic_headings_have_the_english_pages_ids(project: Path, page: str) -> None:
    english = _HEADING_ID.findall(_article(project / "site" / page))
    arabic = _HEADING_ID.findall(_article(project / "site" / "ar-DE" / page))
    assert arabic == english and len(english) >= 3
    assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in arabic), arabic


@pytest.mark.slow
def test_translated_guide_keeps_the_source_headings_as_ids_in_the_table_of_contents(project: Path) -> None:
    page = (project / "site" / "ar-DE" / "parents" / "parents-talking-together.html").read_text(encoding="utf-8")
    # The source file's headings, slugged: "## Ages 4 to 7" is #ages-4-to-7 in Arabic too.
    source = (ROOT / "lessons" / "parents" / "talking-together.md").read_text(encoding="utf-8")
    body = source.split("\n---\n", 1)[1]
    for words in heading_words(body):
        assert f'<h2 id="{anchor(words, "")}">' in page
        assert f'href="#{anchor(words, "")}"' in page  # the table of contents links to it
    assert 'id="ages-4-to-7"' in page and not re.search(r'<h[1-6] id="_', page)


def test_heading_words_are_the_top_level_headings_outside_sections() -> None:
    body = '## One `code`\n\ntext\n\n::: activity {title="x"}\n## Inside\n:::\n\n### Two *words*\n'
    assert heading_words(body) == ["One code", "Two words"]


def test_anchor_is_the_slug_of_the_source_words_or_the_fallback() -> None:
    assert anchor("The handout, to read aloud", "x") == "the-handout-to-read-aloud"
    assert anchor("لماذا الحديث مهمّ", "section-2") == "section-2"
    assert heading(2, "Quiz *1*", "quiz") == "## Quiz &#42;1&#42; { #quiz }\n"


def test_repeated_heading_ids_get_numbers_in_page_order() -> None:
    page = "## A { #key-messages }\ntext { #not-a-heading }\n## B { #key-messages }\n## C { #key-messages-2 }\n"
    assert unique_anchors(page) == (
        "## A { #key-messages }\ntext { #not-a-heading }\n## B { #key-messages-2 }\n## C { #key-messages-2-2 }\n"
    )


def test_a_heading_line_in_a_lessons_code_block_cannot_take_a_page_headings_id(tmp_path: Path) -> None:
    # Lesson text reaches the page as sanitised HTML; a code block in it holding a line written like one
    # of the page's own headings ("## x { #quiz }") must stay text, and the real quiz heading keeps #quiz.
    source = ROOT / "lessons" / "students" / "11-13" / "fake-images.md"
    text = source.read_text(encoding="utf-8")
    opening = text.index("::: activity {stage=starter")
    body_start = text.index("\n", opening) + 1
    planted = text[:body_start] + "\n```\n## Trick { #quiz }\n```\n\n" + text[body_start:]
    path = tmp_path / "fake-images.md"
    path.write_text(planted, encoding="utf-8")
    lesson, problems = load_lesson(path)
    assert lesson is not None and not [p for p in problems if p.severity == "error"], problems
    curriculum, _ = load_curriculum(ROOT)
    assert curriculum is not None
    locale = find_locale(ROOT, "en-IE")
    localized = Localized(
        locale,
        dataclasses.replace(curriculum, lessons=(lesson,)),
        require_country_pack(ROOT, "IE"),
        translator(ROOT, "en"),
        Readiness("en-IE"),
    )
    page = unique_anchors(lesson_markdown(LocaleContext(localized, SitePlace(locale, ""), ROOT), lesson))
    ids = re.findall(r"^#{1,6} .* \{ #([A-Za-z0-9_-]+) \}$", page, re.M)
    assert "quiz" in ids and "quiz-2" not in ids, ids
    assert "## Trick &#123; #quiz }" in page  # the planted line, shown as text inside the code block
