"""The `exceptions` field of the pattern kinds: wordings a rule's patterns must not judge.

A match that lies wholly inside a match of one of the rule's `exceptions` is dropped; any other
match is still reported. A bad exception is a located error, exit 2, like a bad pattern.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from lessonkit.check.documents import text_document
from lessonkit.check.engine import check_document
from lessonkit.check.rulebook import load_rulebook
from lessonkit.exit_status import ExitStatus

RULE = """\
language: en
rules:
  - id: tone.one
    kind: {kind}
    severity: error
    message: "m '{{match}}'"
    rationale: r
    source: s
    {body}
    exceptions: {exceptions}
"""


def _rules(tmp_path: Path, exceptions: str, kind: str = "existence", body: str = 'patterns: ["will die"]') -> Path:
    folder = tmp_path / "rules" / "en"
    folder.mkdir(parents=True)
    (folder / "tone.yml").write_text(RULE.format(kind=kind, body=body, exceptions=exceptions), encoding="utf-8")
    return tmp_path / "rules"


def _columns(rules: Path, text: str) -> list[int]:
    book = load_rulebook(rules)
    document = text_document(Path("x.md"), text, "en", "students", "11-13")
    return [finding.location.column for finding in check_document(document, list(book.for_language("en")))]


def test_only_a_match_inside_an_exception_is_dropped(tmp_path: Path) -> None:
    rules = _rules(tmp_path, '["(?:battery|phone) will die"]')
    # "will die" after "battery" lies inside the exception; after "you" it does not.
    assert _columns(rules, "Your battery will die, and then you will die.") == [37]
    assert _columns(rules, "You will die.") == [5]


def test_an_exception_that_only_overlaps_the_match_does_not_drop_it(tmp_path: Path) -> None:
    rules = _rules(tmp_path, '["die tomorrow"]')  # starts inside the match, ends after it
    assert _columns(rules, "You will die tomorrow.") == [5]


def test_a_short_exception_does_not_hide_a_longer_one(tmp_path: Path) -> None:
    # Searched as one alternation, "phones" (listed first) matches at the same place as the longer
    # exception and ends first, and the alternation's matches do not overlap: "will die" was reported
    # although the second exception covers it (the thirty-ninth session).
    rules = _rules(tmp_path, '["phones", "phones will die", "(?:old|new) phones will die soon"]')
    assert _columns(rules, "Old phones will die soon.") == []
    assert _columns(rules, "Phones will die.") == []
    assert _columns(rules, "Phones are fine, but you will die.") == [26]


def test_exceptions_in_a_grammar_rule_are_each_looked_at(tmp_path: Path) -> None:
    folder = tmp_path / "rules" / "en"
    folder.mkdir(parents=True)
    (folder / "tone.yml").write_text(
        GRAMMAR_RULE.format(exceptions='["you", "you are stupid at chess"]'), encoding="utf-8"
    )
    book = load_rulebook(tmp_path / "rules")
    document = text_document(Path("x.md"), "You are stupid at chess.", "en", "students", "11-13")
    assert list(check_document(document, list(book.for_language("en")))) == []


def test_a_substitution_rule_takes_exceptions(tmp_path: Path) -> None:
    rules = _rules(tmp_path, "[\"not 'kid'\"]", kind="substitution", body="replacements: {kid: child}")
    assert _columns(rules, "Say 'child', not 'kid'. A kid can ask.") == [27]


def _project(tmp_path: Path, exceptions: str) -> Path:
    (tmp_path / "lessons").mkdir()
    for name in ("curriculum.yml", "sources.yml"):
        shutil.copy(ROOT / "lessons" / name, tmp_path / "lessons" / name)
    _rules(tmp_path, exceptions)
    (tmp_path / "note.md").write_text("Your battery will die.\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("exceptions", "expected"),
    [
        ('["(battery will die"]', "rules/en/tone.yml:3:1: rule tone.one: exceptions: invalid pattern"),
        ("5", "rules/en/tone.yml:10:1: error E012 'rules.0.exceptions' (existence): Input should be a valid list"),
        ('{"a": 1}', "rules/en/tone.yml:10:1: error E012 'rules.0.exceptions' (existence)"),
    ],
)
def test_a_bad_exception_is_a_located_error(tmp_path: Path, exceptions: str, expected: str) -> None:
    run = run_cli("check", "note.md", "--lang", "en", cwd=_project(tmp_path, exceptions))
    assert run.code == ExitStatus.UNUSABLE, run.out + run.err
    assert "Traceback" not in run.err
    assert expected in run.out + run.err, run.out + run.err


def test_a_bad_exception_is_reported_on_text_the_rule_does_not_match(tmp_path: Path) -> None:
    root = _project(tmp_path, '["(battery will die"]')
    (root / "note.md").write_text("Your phone is charged.\n", encoding="utf-8")
    run = run_cli("check", "note.md", "--lang", "en", cwd=root)
    assert run.code == ExitStatus.UNUSABLE, run.out + run.err
    assert "rules/en/tone.yml:3:1: rule tone.one: exceptions: invalid pattern" in run.out + run.err


SHIPPED = ROOT / "rules"


@pytest.mark.parametrize(
    ("language", "text", "reported"),
    [
        # tone.threats: a thing that "dies" is no threat; a person who may die still is.
        ("en", "Your phone battery will die if you play all night.", False),
        ("en", "If you play this game all night, you could die.", True),
        ("en", "If you keep playing, the battery will die and you could get hurt.", True),
        ("de", "Wenn du die ganze Nacht spielst, wird dein Akku bald sterben.", False),
        ("de", "Wenn du die ganze Nacht spielst, kannst du sterben.", True),
    ],
)
def test_shipped_threats_spare_things(language: str, text: str, reported: bool) -> None:
    book = load_rulebook(SHIPPED)
    document = text_document(Path("x.md"), text, language, "students", "11-13")
    codes = [f.code for f in check_document(document, list(book.for_language(language)))]
    assert ("tone.threats" in codes) is reported, codes


@pytest.mark.parametrize(
    ("language", "text", "reported"),
    [
        # terminology.luxembourg: a term quoted to correct it is cited; a quotation that uses it is not.
        ("en", "Say 'child sexual abuse material', not 'child pornography'.", False),
        ("en", 'The term "child prostitute" is outdated.', False),
        ("en", 'A newspaper headline said "Police find child porn on laptop".', True),
        ("en", "Child porn is not a term we use.", True),
        ("de", "Der Ausdruck „Kinderpornografie“ ist veraltet.", False),
        ("de", "In der Zeitung stand: „Polizei findet Kinderpornos auf Laptop“.", True),
    ],
)
def test_shipped_terminology_spares_cited_terms(language: str, text: str, reported: bool) -> None:
    book = load_rulebook(SHIPPED)
    document = text_document(Path("x.md"), text, language, "parents", None)
    codes = [f.code for f in check_document(document, list(book.for_language(language)))]
    assert ("terminology.luxembourg" in codes) is reported, codes


GRAMMAR_RULE = """\
language: en
rules:
  - id: tone.one
    kind: grammar
    severity: error
    message: "m '{{match}}'"
    rationale: r
    source: s
    shape: {{subject: "you", lemmas: "stupid"}}
    exceptions: {exceptions}
"""


def test_a_grammar_rule_drops_a_clause_inside_an_exception(tmp_path: Path) -> None:
    folder = tmp_path / "rules" / "en"
    folder.mkdir(parents=True)
    rule = GRAMMAR_RULE.format(exceptions='["you are stupid at chess"]')
    (folder / "tone.yml").write_text(rule, encoding="utf-8")
    book = load_rulebook(tmp_path / "rules")

    def columns(text: str) -> list[int]:
        document = text_document(Path("x.md"), text, "en", "students", "11-13")
        return [f.location.column for f in check_document(document, list(book.for_language("en")))]

    assert columns("You are stupid.") == [9]
    assert columns("Honestly, you are stupid at chess.") == []  # the clause lies inside the exception
    # The sentence's next clause is still judged: the exception drops a clause, not the sentence.
    assert columns("You are stupid at chess, and you are stupid.") == [38]


def test_a_bad_grammar_exception_is_a_located_error(tmp_path: Path) -> None:
    root = _project(tmp_path, '["x"]')
    (root / "rules" / "en" / "tone.yml").write_text(GRAMMAR_RULE.format(exceptions='["(unclosed"]'), encoding="utf-8")
    (root / "note.md").write_text("Nothing here is about anyone.\n", encoding="utf-8")
    run = run_cli("check", "note.md", "--lang", "en", cwd=root)
    assert run.code == ExitStatus.UNUSABLE, run.out + run.err
    assert "rules/en/tone.yml:3:1: rule tone.one: exceptions: invalid pattern" in run.out + run.err
