"""Review: a comment meant as a suppression that is not one, and a suppression that silences nothing.

Before, `<!-- lessonkit: ingore ... -->`, a reason in curly quotes or a comment split over two
lines matched nothing and were passed over in silence: the author believed a finding silenced.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from lessonkit.check.suppress import SUPPRESSION_RULE, UNUSED_RULE, find_suppressions, unused_suppressions
from lessonkit.diagnostics import Diagnostic, Location, Suppression

RULES = {"tone.fear", "tone.blame", "readability.long"}

LESSON_MISSES = [
    ('<!-- lessonkit: ingore tone.fear "a quoted threat" -->', "'ingore' where 'ignore' is meant"),
    ('<!-- lesonkit: ignore tone.fear "a quoted threat" -->', "'lesonkit' where 'lessonkit' is meant"),
    ('<!-- lessonkit ignore tone.fear "a quoted threat" -->', "a colon must follow"),
    ('<!-- ignore tone.fear "a quoted threat" -->', "it must begin 'lessonkit: ignore'"),
    ("<!-- lessonkit: ignore tone.fear \u201ca quoted threat\u201d -->", "straight double quotes"),
    ("<!-- lessonkit: ignore tone.fear 'a quoted threat' -->", "straight double quotes"),
    ('<!-- lessonkit: ignore tone.fear "a quoted threat -->', "closing quote is missing"),
    ('<!-- lessonkit: ignore tone.fear tone.blame "a quoted threat" -->', "one rule, then its reason"),
    ('<!-- lessonkit: ignore "tone.fear" "a quoted threat" -->', "the rule is written without quotes"),
    ("<!-- lessonkit: ignore -->", "no rule is named"),
    ('<!-- lessonkit: ignore tone.fear "a quoted threat"\n-->', "open and close on one line"),
    ('<!--\nlessonkit: ignore tone.fear "a quoted threat" -->', "open and close on one line"),
    ('# lessonkit: ignore tone.fear "a quoted threat"', "a lesson takes an HTML comment"),
]

CATALOGUE_MISSES = [
    ('# lessonkit: ingore tone.fear "a quoted threat"', "'ingore' where 'ignore' is meant"),
    ('#lessonkit: ignore tone.fear "a quoted threat"', "begins '# ' at the start of its line"),
    ('  # lessonkit: ignore tone.fear "a quoted threat"', "begins '# ' at the start of its line"),
    ('# <!-- lessonkit: ignore tone.fear "a quoted threat" -->', "not an HTML comment"),
    ("# lessonkit: ignore tone.fear \u201ea quoted threat\u201c", "straight double quotes"),
]

ENTRY = '\nmsgid "One"\nmsgstr "Eins"\n'


@pytest.mark.parametrize(("comment", "why"), LESSON_MISSES)
def test_a_lesson_comment_meant_as_a_suppression_is_a_located_error(comment: str, why: str) -> None:
    text = "Some words.\n\n" + comment + "\nPredators lurk everywhere.\n"
    found, problems = find_suppressions(text, Path("a.md"), RULES)
    assert not found
    assert [(p.code, p.location.line, p.location.column, p.severity) for p in problems] == [
        (SUPPRESSION_RULE, 3, 1, "error")
    ]
    assert why in problems[0].message and "silences nothing" in problems[0].message
    assert '<!-- lessonkit: ignore RULE "' in problems[0].suggestion


@pytest.mark.parametrize(("comment", "why"), CATALOGUE_MISSES)
def test_a_translator_comment_meant_as_a_suppression_is_a_located_error(comment: str, why: str) -> None:
    found, problems = find_suppressions(comment + ENTRY, Path("de.po"), RULES, catalogue=True)
    assert not found
    assert [(p.code, p.location.line, p.severity) for p in problems] == [(SUPPRESSION_RULE, 1, "error")]
    assert why in problems[0].message
    assert problems[0].location.column == len(comment) - len(comment.lstrip()) + 1


def test_ordinary_comments_headings_and_good_suppressions_are_not_near_misses() -> None:
    lesson = "\n".join(
        [
            "# Ignore the rumours",
            "<!-- a note to translators: keep it short -->",
            "<!-- lessonkit is the toolkit this lesson is built with -->",
            "<!--",
            "a note over two lines",
            "-->",
            '<!-- lessonkit: ignore tone.fear "a quoted threat" --> <!-- ignore this line in the handout -->',
        ]
    )
    found, problems = find_suppressions(lesson, Path("a.md"), RULES)
    assert not problems and [s.rule for s in found] == ["tone.fear"]
    catalogue = '# keep it short\n#. lessonkit: ingore tone\n#, fuzzy\n# lessonkit: ignore tone "x"' + ENTRY
    found, problems = find_suppressions(catalogue, Path("de.po"), RULES, catalogue=True)
    assert not problems and [s.rule for s in found] == ["tone"]


def test_the_curriculum_and_its_catalogues_have_no_near_misses() -> None:
    for path in sorted((ROOT / "lessons").rglob("*.md")) + sorted((ROOT / "locales").rglob("*.po")):
        _, problems = find_suppressions(path.read_text(encoding="utf-8"), path, RULES, catalogue=path.suffix == ".po")
        assert not problems, problems[0]


def test_an_unknown_rule_close_to_a_known_one_is_named() -> None:
    _, (problem,) = find_suppressions('<!-- lessonkit: ignore tone.faer "x" -->', Path("a.md"), RULES)
    assert problem.message.endswith("did you mean 'tone.fear'?")


def test_near_misses_are_read_in_linear_time() -> None:
    """About a megabyte of comment openings and near misses in each form, on one line and on many."""
    texts = [
        "<!--" * 250_000,
        "<!-- lessonkit: ignore " * 45_000,
        '<!-- lessonkit: ingore tone "x" -->\n' * 28_000,
        '# lessonkit: ingore tone "x"\n' * 35_000,
        "<!--\n" * 200_000,
    ]
    for text in texts:
        for catalogue in (False, True):
            started = time.perf_counter()
            find_suppressions(text, Path("a"), RULES, catalogue=catalogue)
            assert time.perf_counter() - started < 8, (text[:30], catalogue)


def _suppression(line: int, path: str = "a.md") -> Suppression:
    return Suppression(Location(Path(path), line, 1), "tone.fear", "a quoted threat", line + 1)


def test_a_suppression_that_silenced_nothing_is_a_warning_at_it() -> None:
    used = [(_suppression(3), 1), (_suppression(7), 0)]
    (warning,) = unused_suppressions(used, [])
    assert (warning.code, warning.severity, warning.location.line) == (UNUSED_RULE, "warning", 7)
    assert "tone.fear" in warning.message


def test_no_unused_warning_in_a_file_whose_checking_stopped_early() -> None:
    """A part too large or a time budget used up: the finding a suppression was written for was not looked for."""
    stopped = [Diagnostic(Location(Path("a.md"), 40, 1), "input.time-budget", "checking stopped")]
    used = [(_suppression(7), 0), (_suppression(7, "b.md"), 0)]
    assert [w.location.path for w in unused_suppressions(used, stopped)] == [Path("b.md")]


def test_check_reports_a_misspelt_suppression_at_its_place(tmp_path: Path) -> None:
    lesson = tmp_path / "note.md"
    lesson.write_text('Some words.\n\n<!-- lessonkit: ingore tone.fear "quoted" -->\nA calm line.\n', encoding="utf-8")
    run = run_cli("check", str(lesson), cwd=tmp_path)
    assert f"{lesson}:3:1: error check.suppression malformed suppression ('ingore'" in run.out, run.out
    assert run.code == 1
