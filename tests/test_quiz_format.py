"""Structured quiz items: the source format, located errors, and translation through PO."""

from __future__ import annotations

import re
from pathlib import Path
from types import MappingProxyType

import polib
import pytest

from conftest import ROOT, authoring_example, run_cli
from lessonkit.i18n.apply import translate_lesson
from lessonkit.i18n.catalogue import lesson_template
from lessonkit.i18n.units import lesson_units
from lessonkit.load.curriculum import load_curriculum
from lessonkit.load.document import parse_body
from lessonkit.load.quiz import (
    CHOICE,
    ORDER,
    SHORT,
    TRUE_FALSE,
    Question,
    lesson_questions,
    option_line,
    parse_questions,
)
from lessonkit.model import Config, Lesson, Section
from lessonkit.problems import Location, Problem

LESSON_ID = "example-helpers-4-7"


def guide_quiz() -> str:
    """The structured quiz example of docs/authoring.md ("Quiz items"), with its fences."""
    text = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    match = re.search(r"```text\n(::: quiz\n.*?\n:::)\n```", text, re.S)
    assert match, "docs/authoring.md lost its structured quiz example"
    return match.group(1)


def structured_lesson() -> str:
    """The authoring guide's example lesson with the guide's structured quiz in place of its own."""
    return re.sub(r"::: quiz\n.*?\n:::", lambda _: guide_quiz(), authoring_example(), count=1, flags=re.S)


def section(text: str, line: int = 10) -> Section:
    return Section("quiz", MappingProxyType({}), text, Location(Path("lesson.md"), line, 1))


def load(project: Path, text: str) -> tuple[Lesson, Path]:
    path = project / "lessons" / "students" / "example.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    curriculum, problems = load_curriculum(project)
    assert curriculum is not None and not problems, problems
    return curriculum.lessons[0], path


def test_guide_example_parses_into_every_kind() -> None:
    (quiz,) = re.findall(r"::: quiz\n(.*?)\n:::", guide_quiz(), re.S)
    questions, problems = parse_questions(section(quiz))
    assert problems == []
    assert [q.kind for q in questions] == [SHORT, CHOICE, CHOICE, TRUE_FALSE, ORDER]
    assert [q.id for q in questions] == ["q1", "q2", "q3", "q4", "q5"]
    scenario, several, truth, order = questions[1:]
    assert scenario.scenario and not scenario.multiple
    assert [o.text for o in scenario.right] == ["Stop and tell a trusted adult."]
    assert all(o.feedback for o in scenario.options)
    assert [o.id for o in scenario.options] == ["q2-o1", "q2-o2", "q2-o3"]
    assert several.multiple and len(several.right) == 2 and not several.scenario
    assert truth.truth is False and [o.text for o in truth.options] == ["True", "False"]
    assert [o.text for o in order.options] == ["Stop.", "Tell a trusted adult.", "Feel proud that you told."]
    assert order.answer_key() == "(1) Stop. · (2) Tell a trusted adult. · (3) Feel proud that you told."


def document_quiz(quiz: str) -> tuple[tuple[Question, ...], tuple[Problem, ...]]:
    """The questions a lesson document holds for a body of one quiz section (its `:::` on line 10)."""
    body = parse_body(f"::: quiz\n{quiz}\n:::", Path("lesson.md"), 10, (section(quiz),))
    return body.questions, body.problems


def test_short_form_is_unchanged() -> None:
    quiz = "Q: What is a trusted adult?\nA: A grown-up who helps.\nQ: Will you be in trouble?\nA: No."
    items, problems = document_quiz(quiz)
    assert problems == ()
    assert [(i.prompt, i.answer_key(), i.location.line) for i in items] == [
        ("What is a trusted adult?", "A grown-up who helps.", 11),
        ("Will you be in trouble?", "No.", 13),
    ]


def test_structured_item_gives_its_answer_key_to_the_older_model() -> None:
    quiz = "Q: Who can help?\n- [x] A teacher. :: Yes.\n- [x] A parent. :: Yes.\n- [ ] Nobody. :: Someone always can."
    (item,), problems = document_quiz(quiz)
    assert problems == () and item.prompt == "Who can help?" and item.answer_key() == "A teacher. / A parent."


def test_feedback_separator_needs_spaces_and_offsets_are_exact() -> None:
    raw = "  - [x] Tell a grown-up :: Yes: telling::helps."
    parts = option_line(raw)
    assert parts is not None
    assert raw[parts.text_at : parts.text_at + len(parts.text)] == "Tell a grown-up"
    assert raw[parts.feedback_at :] == "Yes: telling::helps."
    no_feedback = option_line("- [ ] A::B")
    assert no_feedback is not None and no_feedback.text == "A::B" and no_feedback.feedback_at == -1


BAD = [
    ("Q: Who?\n- [x] A teacher.\n- [ ] Nobody. :: Someone can.", (12, 17), "no feedback"),
    ("Q: Who?\n- [ ] A. :: no\n- [ ] B. :: no", (11, 1), "no option is marked right"),
    ("Q: Who?\n- [x] A. :: yes\n- [x] B. :: yes", (11, 1), "every option is marked right"),
    ("Q: Who?\n- [x] Only one. :: yes", (11, 1), "at least 2 options"),
    ("Q: True?\nType: true-false\n- [x] True :: yes", (11, 1), "two options"),
    ("Q: Order\n1. A\n3. B\n2. C", (13, 1), "expected 2, found 3"),
    ("Q: Order\n1. A\n2. B", (11, 1), "at least 3 steps"),
    ("Q: Who?\nType: choise\n- [x] A. :: yes\n- [ ] B. :: no", (12, 7), "did you mean 'choice'"),
    ("Q: Who?\nA: Me.\n- [x] A. :: yes", (13, 1), "not a mix"),
    ("Q: Who?\n- [x] A. :: yes\nType: choice", (13, 1), "right after the 'Q:' line"),
    ("Q: Who?\n- [x] A. :: yes\n- [x] a. :: again", (13, 7), "appears twice"),
    ("Q: Who?\n-[x] A. :: yes", (12, 1), "cannot read this option"),
    ("Q: Who?\nType: order\n- [x] A. :: yes\n- [ ] B. :: no", (13, 1), "not as '- [ ]' options"),
    ("- [x] A. :: yes", (11, 1), "must follow its 'Q:' question"),
    ("Q: Who?\nWhat?", (12, 1), "E036"),
]


@pytest.mark.parametrize(("quiz", "where", "message"), BAD)
def test_malformed_items_are_located(quiz: str, where: tuple[int, int], message: str) -> None:
    _, problems = parse_questions(section(quiz))
    assert problems, quiz
    found = [p for p in problems if message in f"{p.code} {p.message}"]
    assert found, [str(p) for p in problems]
    assert (found[0].location.line, found[0].location.column) == where, str(found[0])
    assert all(p.code in ("E036", "E037") for p in problems)


def test_validate_reports_bad_items_with_path_line_col(project: Path) -> None:
    bad = re.sub(r"(- \[x\] Stop and tell a trusted adult\.) :: .*", r"\1", structured_lesson())
    path = project / "lessons" / "students" / "example.md"
    path.parent.mkdir(parents=True)
    path.write_text(bad, encoding="utf-8")
    line = bad[: bad.index("- [x] Stop and tell")].count("\n") + 1
    result = run_cli("validate", str(project))
    assert result.code == 2, result.out + result.err
    expected = f"lessons/students/example.md:{line}:{7 + len('Stop and tell a trusted adult.')}: error E037"
    assert expected in result.out + result.err
    assert "Traceback" not in result.err


def test_structured_lesson_validates_and_numbers_through_the_lesson(project: Path) -> None:
    lesson, _ = load(project, structured_lesson())
    questions = lesson_questions(lesson)
    assert [q.id for q in questions] == ["q1", "q2", "q3", "q4", "q5"]
    assert run_cli("validate", str(project)).code == 0


def test_one_po_entry_per_question_option_and_feedback(project: Path) -> None:
    lesson, _ = load(project, structured_lesson())
    catalogue = lesson_template(lesson, project_config(project), project)
    quiz = {e.msgctxt.split("|", 1)[1]: e.msgid for e in catalogue if e.msgctxt and "|quiz:" in e.msgctxt}
    questions = lesson_questions(lesson)
    options = sum(len(q.options) for q in questions)
    feedbacks = sum(1 for q in questions for o in q.options if o.feedback)
    assert len(quiz) == len(questions) + 1 + options + feedbacks  # one A: line
    assert quiz["quiz:1|q:2"].startswith("Pip sees a picture")
    assert quiz["quiz:1|q:2|o:2"] == "Stop and tell a trusted adult."
    assert quiz["quiz:1|q:2|f:2"].startswith("Yes. A trusted adult can help Pip")
    assert quiz["quiz:1|q:5|o:3"] == "Feel proud that you told."
    assert not any(text.startswith(("Type", "scenario", "[x]")) for text in quiz.values())


def project_config(project: Path) -> Config:
    curriculum, _ = load_curriculum(project)
    assert curriculum is not None
    return curriculum.config


def test_po_round_trip_of_a_structured_quiz(project: Path) -> None:
    lesson, _ = load(project, structured_lesson())
    catalogue = lesson_template(lesson, project_config(project), project)
    identity = polib.POFile()
    translated = polib.POFile()
    for entry in catalogue:
        identity.append(polib.POEntry(msgctxt=entry.msgctxt, msgid=entry.msgid, msgstr=entry.msgid))
        fake = f"ZZ {entry.msgid}" if "|quiz:" in (entry.msgctxt or "") else entry.msgid
        translated.append(polib.POEntry(msgctxt=entry.msgctxt, msgid=entry.msgid, msgstr=fake))
    assert translate_lesson(lesson, identity) == lesson
    other = translate_lesson(lesson, translated)
    before, after = lesson_questions(lesson), lesson_questions(other)
    assert [q.kind for q in after] == [q.kind for q in before]
    for old, new in zip(before, after, strict=True):
        assert new.prompt == f"ZZ {old.prompt}"
        assert [o.correct for o in new.options] == [o.correct for o in old.options]
        assert [o.text for o in new.options] == [f"ZZ {o.text}" for o in old.options]
        assert [o.feedback for o in new.options] == [f"ZZ {o.feedback}" if o.feedback else "" for o in old.options]
    # The translated lesson still validates: its units line up with the English ones.
    assert [u.place for u in lesson_units(other)] == [u.place for u in lesson_units(lesson)]


def test_guide_documents_the_quiz_format() -> None:
    guide = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    assert "| `E037` |" in guide and "### Quiz items" in guide
    for word in ("`Type: ...`", "`- [x] text :: feedback`", "`1. text :: feedback`", "true-false", "scenario"):
        assert word in guide, word
