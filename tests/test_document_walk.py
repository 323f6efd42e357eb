"""The walk of one lesson through every stage on one document tree (issue 17, item 1, the evidence).

A real lesson goes from its file to blocks with stable ids, to its translation (the same tree,
each block located at the msgstr it was written from), to its printed handout and its website
page, to its PO entry found by block id, and back to a checker finding at that msgstr's line
and column. The body's block structure is parsed once for the lesson and once for its
translation; from the PO entry on, any Markdown parse fails the test.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

import lessonkit.i18n.rewrite
import lessonkit.load.document
import lessonkit.load.lesson_file
import lessonkit.markdown
from conftest import ROOT
from lessonkit.check.documents import lesson_document
from lessonkit.check.engine import check_document
from lessonkit.check.run import rulebook_for
from lessonkit.check.translations import to_catalogue
from lessonkit.i18n.apply import Readiness, translate_lesson
from lessonkit.i18n.catalogue import context
from lessonkit.i18n.store import po_path, read_po
from lessonkit.i18n.ui import translator
from lessonkit.i18n.units import lesson_units
from lessonkit.load.curriculum import load_curriculum
from lessonkit.load.lesson_file import load_lesson
from lessonkit.locale.country_pack import require_country_pack
from lessonkit.locale.locales import find_locale
from lessonkit.localized import Localized
from lessonkit.model import Lesson
from lessonkit.render.html.documents import render_lesson_html
from lessonkit.render.pdf.write import write_pdf
from lessonkit.render.settings import RenderSettings
from lessonkit.render.site.context import LocaleContext
from lessonkit.render.site.layout import SitePlace
from lessonkit.render.site.lesson_page import lesson_markdown

LESSON = ROOT / "lessons" / "students" / "8-10" / "my-body-my-pictures.md"
KEY = "front.key_messages[2]"
# A blaming sentence (the German rules' tone.victim-blaming: "war deine eigene Schuld"), planted in
# the msgstr of the lesson's second key message, on a continuation line of that msgstr.
FIRST = "Lies diesen Satz ganz langsam. "
PLANTED = "Das Bild zu schicken war deine eigene Schuld."


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every block parse of a body (each module that parses one goes through `block_tokens`)."""
    calls: list[str] = []
    real = lessonkit.markdown.block_tokens

    def counted(text: str) -> object:
        calls.append(text)
        return real(text)

    for module in (lessonkit.markdown, lessonkit.load.lesson_file, lessonkit.load.document, lessonkit.i18n.rewrite):
        monkeypatch.setattr(module, "block_tokens", counted)
    yield calls


def _refuse(*_: object, **__: object) -> None:
    raise AssertionError("Markdown was parsed after the lesson and its translation were loaded")


def _planted_catalogue(lesson: Lesson, root: Path) -> Path:
    """A copy (under `root`) of the lesson's German catalogue whose second key message blames the child."""
    source = po_path(ROOT, "de", lesson.id)
    text = source.read_text(encoding="utf-8")
    entry = f'msgctxt "{context(lesson.id, "key_messages:2")}"\n'
    start = text.index(entry)
    msgstr = text.index("\nmsgstr ", start) + 1
    end = text.index("\n\n", msgstr)
    text = f'{text[:msgstr]}msgstr ""\n"{FIRST}"\n"{PLANTED}"{text[end:]}'
    copy = po_path(root, "de", lesson.id)
    copy.parent.mkdir(parents=True)
    copy.write_text(text, encoding="utf-8")
    return copy


def _place(path: Path, words: str) -> tuple[int, int]:
    """The line and column of `words` in a file (found by the test, never by the code under test)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if words in line:
            return number, line.index(words) + 1
    raise AssertionError(f"{words!r} is not in {path}")


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_one_lesson_from_its_file_to_print_site_po_and_a_located_finding(
    parses: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # 1. The file: one parse of the body; the block's id names its place and its location holds its text.
    lesson, problems = load_lesson(LESSON)
    assert lesson is not None and not [p for p in problems if p.severity == "error"]
    assert parses == [lesson.body]
    english = lesson.document.block(KEY)
    assert english is not None and english.text == lesson.key_messages[1]
    line, column = english.location.line, english.location.column
    assert LESSON.read_text(encoding="utf-8").split("\n")[line - 1][column - 1 :].startswith(english.text[:20])

    # 2. The translation: the same tree (same ids), one parse of the translated body.
    catalogue_path = _planted_catalogue(lesson, tmp_path)
    catalogue = read_po(catalogue_path)
    german = translate_lesson(lesson, catalogue, catalogue_path)
    assert len(parses) == 2
    assert [b.id for b in german.document.walk()] == [b.id for b in lesson.document.walk()]
    block = german.document.block(KEY)
    assert block is not None and block.text == FIRST + PLANTED == german.key_messages[1]

    # 3. Print and site: the translated key message is on the handout and on the lesson's page.
    curriculum, _ = load_curriculum(ROOT)
    assert curriculum is not None
    locale, pack, ui = find_locale(ROOT, "de-DE"), require_country_pack(ROOT, "DE"), translator(ROOT, "de")
    handout = render_lesson_html("handout", german, locale, pack, ui, RenderSettings(curriculum.config, ROOT))
    assert PLANTED in _text(handout.html)
    localized = Localized(locale, dataclasses.replace(curriculum, lessons=(german,)), pack, ui, Readiness("de-DE"))
    page = lesson_markdown(LocaleContext(localized, SitePlace(locale, "de-DE/"), ROOT), german)
    assert PLANTED in _text(page)

    # From here on, any Markdown parse fails: the PO entry and the finding come from the tree.
    for module in (lessonkit.markdown, lessonkit.load.lesson_file, lessonkit.load.document, lessonkit.i18n.rewrite):
        monkeypatch.setattr(module, "block_tokens", _refuse)
    monkeypatch.setattr(MarkdownIt, "parse", _refuse)

    # 3b. The handout's PDF, written from that HTML as the build writes it (no Markdown is read), holds
    # the translated key message in its text layer as poppler extracts it.
    settings = RenderSettings(curriculum.config, ROOT)
    pdf = tmp_path / "handout.pdf"
    pdf.write_bytes(write_pdf(handout.html, ROOT, (settings.assets, settings.handouts), settings.handouts / "css").data)
    extracted = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = re.sub(r"-\n", "", extracted)
    assert PLANTED in _text(words), extracted

    # 4. The PO entry, by block id: the block is located at its msgstr's first character.
    [unit] = [u for u in lesson_units(lesson) if u.block == KEY]
    assert catalogue is not None
    entry = next(e for e in catalogue if e.msgctxt == context(lesson.id, unit.place))
    assert entry.msgstr == FIRST + PLANTED
    assert block.location.path == catalogue_path
    assert (block.location.line, block.location.column) == _place(catalogue_path, FIRST)

    # 5. Back to a finding: the checker's blame finding is at the planted words' line and column.
    rules = rulebook_for(ROOT).for_language("de")
    findings = check_document(lesson_document(german, "de"), rules)
    blame = [f for f in findings if f.code == "tone.victim-blaming"]
    assert blame, findings
    where = blame[0].location
    assert (where.path, where.line, where.column) == (catalogue_path, *_place(catalogue_path, "war deine eigene"))
    [reported] = to_catalogue(blame[:1], german, "de", tmp_path)
    assert reported.location == where and reported.message.startswith("[de] ")
