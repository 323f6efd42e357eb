"""Site pages of the golden test's small project (en-IE, ar-DE), read as built, not as reviewed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
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
