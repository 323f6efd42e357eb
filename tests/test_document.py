"""The lesson document (issue 17 item 1): the structure is parsed once, at load, and everything else reads it.

Evidence: a lesson goes from its file to blocks with stable ids and real positions, to the
checker's located findings, and to a translation with the same tree, while any further
Markdown parse fails the test; ids survive a reload and an edit elsewhere; every block's
position holds its text, over every real lesson.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

import lessonkit.load.document
import lessonkit.load.lesson_file
import lessonkit.markdown
from conftest import ROOT
from lessonkit.blocks import Block, Origin
from lessonkit.check.documents import lesson_document
from lessonkit.check.engine import check_document
from lessonkit.check.run import rulebook_for
from lessonkit.i18n.apply import translate_lesson
from lessonkit.i18n.store import po_path, read_po
from lessonkit.load.curriculum import load_curriculum
from lessonkit.load.document import parse_body
from lessonkit.load.lesson_file import load_lesson
from lessonkit.load.quiz import lesson_questions
from lessonkit.load.sections import parse_sections
from lessonkit.model import BLOCK_KINDS, Lesson
from lessonkit.problems import Location

LESSON = ROOT / "lessons" / "students" / "8-10" / "my-body-my-pictures.md"
GUIDE = ROOT / "lessons" / "educators" / "handling-disclosures.md"
ARCHITECTURE = ROOT / "docs" / "architecture.md"


def _load(path: Path) -> Lesson:
    lesson, problems = load_lesson(path)
    assert lesson is not None, problems
    return lesson


def _refuse(*_: object, **__: object) -> None:
    raise AssertionError("the Markdown was parsed again after the lesson was loaded")


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Count the block parses; every module that parses a body goes through `block_tokens`."""
    calls: list[str] = []
    real = lessonkit.markdown.block_tokens

    def counted(text: str) -> object:
        calls.append(text)
        return real(text)

    for module in (lessonkit.markdown, lessonkit.load.lesson_file, lessonkit.load.document):
        monkeypatch.setattr(module, "block_tokens", counted)
    yield calls


def test_a_lesson_body_is_parsed_once_with_its_quiz_and_cards(parses: list[str]) -> None:
    lesson = _load(LESSON)
    assert parses == [lesson.body]
    assert lesson.document.questions and lesson_questions(lesson) is lesson.document.questions
    assert len(lesson.document.card_sets) == len(lesson.sections_of("cards")) > 0
    assert all(card_set is not None for card_set in lesson.document.card_sets)


def test_from_file_to_blocks_to_findings_without_parsing_again(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # A key message that blames the child, planted in a copy of a real lesson.
    lesson = _load(LESSON)
    planted = "You should have known better than to send it."
    copy = tmp_path / LESSON.name
    copy.write_text(LESSON.read_text(encoding="utf-8").replace(lesson.key_messages[1], planted, 1), encoding="utf-8")
    lesson = _load(copy)
    rules = rulebook_for(ROOT).for_language("en")
    # From here on, any Markdown parse fails: the checker's parts come from the blocks.
    monkeypatch.setattr(lessonkit.markdown, "block_tokens", _refuse)
    monkeypatch.setattr(MarkdownIt, "parse", _refuse)
    document = lesson_document(lesson, "en")
    sections = lesson.document.of_kind("section")
    assert [u.line for u in document.units if u.kind == "quiz"] == [
        b.location.line for b, s in zip(sections, lesson.sections, strict=True) if s.kind == "quiz"
    ]
    assert document.counts["quiz"].number == len(lesson.document.questions)
    key_messages = [u for u in document.units if u.kind == "key_messages"]
    assert [(u.line, u.column, u.raw) for u in key_messages] == [
        (b.location.line, b.location.column, b.text) for b in lesson.document.blocks if "key_messages" in b.id
    ]
    # The finding comes out at the planted block's position in the file.
    block = lesson.document.block("front.key_messages[2]")
    assert block is not None and block.text == planted
    findings = check_document(document, rules)
    at_block = [f for f in findings if f.location.line == block.location.line]
    assert at_block, findings
    assert all(f.location.path == copy for f in at_block)
    assert min(f.location.column for f in at_block) >= block.location.column


def test_ids_are_stable_across_a_reload_and_an_edit_elsewhere(tmp_path: Path) -> None:
    first = _load(LESSON)
    again = _load(LESSON)
    assert [b.id for b in first.document.walk()] == [b.id for b in again.document.walk()]
    assert list(first.document.walk()) == list(again.document.walk())
    # Edit one paragraph (two more lines of text) and a key message: every id stays, and every
    # other block keeps its text.
    text = LESSON.read_text(encoding="utf-8")
    target = next(b for b in first.document.walk() if b.id == "section[2].p[1]")
    edited_text = text.replace(target.text, f"{target.text}\nA new line of text.\nAnd one more.", 1)
    edited_text = edited_text.replace(first.key_messages[0], "Your body is yours.", 1)
    copy = tmp_path / "lessons" / LESSON.name
    copy.parent.mkdir(parents=True)
    copy.write_text(edited_text, encoding="utf-8")
    edited = _load(copy)
    before = {b.id: b for b in first.document.walk()}
    after = {b.id: b for b in edited.document.walk()}
    assert list(before) == list(after)
    changed = {i for i in before if before[i].text != after[i].text}
    assert changed == {"front.key_messages[1]", "section[2]", "section[2].p[1]"}
    # Blocks below the edit moved two lines down; their ids did not change.
    last = next(reversed(after))
    assert after[last].location.line == before[last].location.line + 2


def _real_lessons() -> list[Lesson]:
    curriculum, problems = load_curriculum(ROOT)
    assert curriculum is not None, problems
    return list(curriculum.lessons)


def _holds(block: Block, source: list[str]) -> bool:
    line = source[block.location.line - 1]
    first = block.text.split("\n", 1)[0].rstrip()
    return line[block.location.column - 1 :].startswith(first)


def test_every_block_position_holds_its_text_in_every_real_lesson() -> None:
    checked = 0
    for lesson in _real_lessons():
        source = lesson.path.read_text(encoding="utf-8").split("\n")
        for block in lesson.document.walk():
            assert block.kind in BLOCK_KINDS, block
            if block.kind == "field" and "\\" in source[block.location.line - 1]:
                continue  # a YAML escape: the text starts there, but is written differently
            assert _holds(block, source), (lesson.path, block)
            checked += 1
    assert checked > 5000


def test_ids_are_unique_and_name_their_place() -> None:
    pattern = re.compile(r"^(front|section\[\d+\]|body\.text\[\d+\])(\.[a-z_-]+(\[\d+\])?|\.table\[\d+\]\.r\d+c\d+)*$")
    for lesson in _real_lessons():
        ids = [b.id for b in lesson.document.walk()]
        assert len(ids) == len(set(ids)), lesson.id
        assert all(pattern.match(i) for i in ids), [i for i in ids if not pattern.match(i)]
        sections = lesson.document.of_kind("section")
        assert len(sections) == len(lesson.sections)


def test_text_outside_sections_is_one_set_of_blocks_for_render_and_check() -> None:
    guide = _load(GUIDE)
    runs = guide.document.of_kind("text")
    assert runs and guide.sections
    units = [u for u in lesson_document(guide, "en").units if u.kind == "text"]
    assert [(u.line, u.raw) for u in units] == [(r.location.line, r.text) for r in runs]
    # Every line of the body is in exactly one run, in a section (fences included) or blank.
    in_sections = {n for x in guide.sections for n in range(x.location.line, x.location.line + x.text.count("\n") + 3)}
    covered = [n for r in runs for n in range(r.location.line, r.location.line + r.text.count("\n") + 1)]
    lines = guide.body.split("\n")
    expected = [guide.body_line + i for i, line in enumerate(lines) if line.strip()]
    assert covered == [n for n in expected if n not in in_sections]


def test_a_translation_is_the_same_tree_with_translated_texts() -> None:
    lesson = _load(LESSON)
    catalogue = read_po(po_path(ROOT, "de", lesson.id))
    assert catalogue is not None
    translated = translate_lesson(lesson, catalogue)
    assert translated.document.translated and not lesson.document.translated
    source_ids = [b.id for b in lesson.document.walk()]
    assert [b.id for b in translated.document.walk()] == source_ids
    texts = {b.id: b.text for b in translated.document.walk()}
    assert texts["front.key_messages[1]"] == translated.key_messages[0] != lesson.key_messages[0]
    assert [q.prompt for q in translated.document.questions] != [q.prompt for q in lesson.document.questions]
    assert len(translated.document.questions) == len(lesson.document.questions)


def test_architecture_doc_lists_the_block_kinds_and_the_stage_folders() -> None:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    kinds = re.findall(r"^\| `([a-z-]+)` \| (?:block) \|", text, re.M)
    assert kinds == list(BLOCK_KINDS)
    folders = set(re.findall(r"^\| `([a-z0-9_]+)/` \|", text, re.M))
    package = ROOT / "src" / "lessonkit"
    assert folders == {p.name for p in package.iterdir() if (p / "__init__.py").is_file()}


BROKEN = """---
id: broken-lesson
title: Broken
topic: grooming
audience: students
band: 8-10
duration: 45
sources: [a]
---
Intro text.

::: slide {title="One"}
Hello.
::: notes
Notes opened inside the slide.
:::
:::

::: quiz
Q: What?
A: That.
Q: An item without a right option
- [ ] x :: no
:::

::: cards {title="C"}
- only one card
:::
"""


def test_a_broken_lesson_still_has_a_block_per_section_and_checks(tmp_path: Path) -> None:
    path = tmp_path / "broken.md"
    path.write_text(BROKEN, encoding="utf-8")
    lesson, problems = load_lesson(path)
    assert lesson is not None
    assert {p.code for p in problems} >= {"E031", "E037", "E038"}
    assert len(lesson.document.of_kind("section")) == len(lesson.sections) == 4
    assert [q.prompt for q in lesson.document.questions] == ["What?"]
    assert lesson.document.card_sets == (None,)
    units = lesson_document(lesson, "en").units
    assert [u.kind for u in units if u.kind != "title"] == ["slide", "notes", "quiz", "cards", "text", "text"]
    assert all(u.line >= 1 and u.column >= 1 for u in units)


def test_a_lesson_made_by_replacing_its_sections_gets_their_quiz() -> None:
    lesson = _load(LESSON)
    quiz = next(s for s in lesson.sections if s.kind == "quiz")
    shorter = dataclasses.replace(quiz, text="Q: Who can help?\nA: A trusted adult.")
    others = tuple(shorter if s is quiz else s for s in lesson.sections)
    changed = dataclasses.replace(lesson, sections=others)
    assert [q.prompt for q in lesson_questions(changed)] == ["Who can help?"]
    assert len(lesson_questions(lesson)) > 1


def test_a_translations_key_messages_and_definitions_are_checked_at_their_msgstrs() -> None:
    lesson = _load(LESSON)
    path = po_path(ROOT, "de", lesson.id)
    translated = translate_lesson(lesson, read_po(path), path)
    units = [u for u in lesson_document(translated, "de").units if u.kind in ("key_messages", "vocabulary")]
    assert [u.kind for u in units].count("key_messages") == len(lesson.key_messages)
    assert [u.kind for u in units].count("vocabulary") == len(lesson.vocabulary)
    lines = path.read_text(encoding="utf-8").split("\n")
    for unit in units:
        # Each part starts at the first character of its msgstr, and so does its first finding's place.
        literal = lines[unit.line - 1]
        assert unit.path == path and literal.startswith(('msgstr "', '"')) and literal[unit.column - 2] == '"'
        assert literal[unit.column - 1 :].startswith(unit.raw[:8]), (literal, unit.raw)
        assert unit.location(0) == Location(path, unit.line, unit.column)


def test_a_character_of_a_translated_text_is_placed_in_its_msgstr_even_where_spellings_differ() -> None:
    # The msgstr writes a help token `{help.NAME}` and bold as `<b>`; the lesson's text writes
    # `{{ help.NAME }}` and `**`. Words after them are still placed exactly.
    literal = 'msgstr "Ruf <b>jetzt</b> {help.child_helpline} an. Du bist nicht allein."'
    origin = Origin(Path("de/x.po"), 40, (literal,))
    written = "Ruf **jetzt** {{ help.child_helpline }} an.\nDu bist nicht allein."
    for words in ("jetzt", "an.", "Du bist", "allein"):
        place = origin.at(written, written.index(words))
        assert (place.line, place.column) == (40, literal.index(words) + 1), words
    assert origin.location == Location(Path("de/x.po"), 40, len('msgstr "') + 1)


def test_each_text_run_holds_exactly_the_blocks_on_its_lines_in_order(tmp_path: Path) -> None:
    # Many runs on both sides of a section, each a paragraph and a list and a table: the blocks
    # are shared out among the runs by line (by bisection since 2026-12-04; every run once looked
    # through every block, quadratic in the paragraphs of a large text with one section).
    runs = [f"Paragraph {n}.\n- item {n}a\n- item {n}b\n\n| h{n} |\n| --- |\n| cell {n} |" for n in range(1, 41)]
    text = "\n\n".join(runs[:20]) + "\n\n::: help\nInside.\n:::\n\n" + "\n\n".join(runs[20:])
    path = tmp_path / "many.md"
    sections = parse_sections(text, path, 1)[0]
    assert [s.kind for s in sections] == ["help"]
    text_runs = [b for b in parse_body(text, path, 1, sections).blocks if b.kind == "text"]
    # A run is a stretch of non-blank lines: the paragraph with its list, then the table.
    assert len(text_runs) == 80
    for number, run in enumerate(text_runs, 1):
        n = (number + 1) // 2
        run_id = f"body.text[{number}]"
        if number % 2:
            expected = [(f"{run_id}.p[1]", f"Paragraph {n}."), (f"{run_id}.li[1]", f"item {n}a")]
            expected.append((f"{run_id}.li[2]", f"item {n}b"))
        else:
            expected = [(f"{run_id}.table[1].r1c1", f"h{n}"), (f"{run_id}.table[1].r2c1", f"cell {n}")]
        assert [(c.id, c.text) for c in run.children] == expected
        first, last = run.location.line, run.location.line + run.text.count("\n")
        assert all(first <= c.location.line <= last for c in run.children)
