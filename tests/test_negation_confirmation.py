"""A rule file's `confirmation:` pattern: a claim negated only by reporting words, then confirmed by the writer.

"Blackmailers claim your life will be ruined" reports a claim: the negation pattern finds "claim"
and the match is not reported. "..., and they are usually right" confirms it, so it is. Only
reporting words (the negation pattern's group `reported`) can be undone so; a plain negation
("people don't think ...") keeps the match negated whatever follows. A bad confirmation pattern
is a located error, exit 2, like a bad negation.
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
negation: "(?:(?P<reported>think|thinks|claim)|not|don't)"
confirmation: {confirmation}
rules:
  - id: tone.one
    kind: existence
    severity: error
    negation: true
    message: "m '{{match}}'"
    rationale: r
    source: s
    patterns: ["your fault"]
"""


def _rules(tmp_path: Path, confirmation: str = '"[^.]{0,40}?[,.] and they are right"') -> Path:
    folder = tmp_path / "rules" / "en"
    folder.mkdir(parents=True)
    (folder / "tone.yml").write_text(RULE.format(confirmation=confirmation), encoding="utf-8")
    return tmp_path / "rules"


def _reported(rules: Path, text: str) -> bool:
    book = load_rulebook(rules)
    document = text_document(Path("x.md"), text, "en", "students", "11-13")
    return any(f.code == "tone.one" for f in check_document(document, list(book.for_language("en"))))


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("It is your fault.", True),
        ("People think it is your fault.", False),
        ("People think it is your fault, and they are right.", True),
        ("People think it is your fault. And they are right.", True),
        ("People think it is your fault, but they are wrong.", False),
        # A plain negation stands, confirmed or not.
        ("People don't think it is your fault, and they are right.", False),
        ("It is not your fault, and they are right.", False),
        # Read to the end of the next sentence only.
        ("People think it is your fault. Listen. And they are right.", False),
    ],
)
def test_only_a_reported_claim_is_undone_by_a_confirmation(tmp_path: Path, text: str, reported: bool) -> None:
    assert _reported(_rules(tmp_path), text) is reported


def test_without_a_confirmation_pattern_a_reported_claim_stays_negated(tmp_path: Path) -> None:
    rules = _rules(tmp_path, '""')
    assert not _reported(rules, "People think it is your fault, and they are right.")


def test_a_bad_confirmation_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "lessons").mkdir()
    for name in ("curriculum.yml", "sources.yml"):
        shutil.copy(ROOT / "lessons" / name, tmp_path / "lessons" / name)
    _rules(tmp_path, '"(and they are right"')
    (tmp_path / "note.md").write_text("It was your fault.\n", encoding="utf-8")
    run = run_cli("check", "note.md", "--lang", "en", cwd=tmp_path)
    assert run.code == ExitStatus.UNUSABLE, run.out + run.err
    assert "Traceback" not in run.err
    assert "rules/en/tone.yml:5:1: rule tone.one: invalid pattern" in run.out + run.err, run.out + run.err


def test_the_confirmation_is_read_from_the_end_of_the_match(tmp_path: Path) -> None:
    # Anchored: a confirmation that a pattern finds only further on ("..., but no, and they are right") does not
    # count, so a pattern says itself what may stand between the claim and the agreement.
    rules = _rules(tmp_path, '"[,.] and they are right"')
    assert _reported(rules, "People think it is your fault, and they are right.")
    assert not _reported(rules, "People think it is your fault, but no, and they are right.")
