"""A language folder's macros serve all its rule files; a name is defined once per folder.

Before, each file had its own `define` table, and the English REPORTED and REFUTED macros were
copied (and had drifted apart) between tone.yml and tone-grammar.yml. A loaded rule keeps only the
macros it names, directly or through other macros, so the cache no longer repeats a folder's whole
table in every rule.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from checker_support import ROOT
from conftest import run_cli
from lessonkit.check.rulebook import load_rulebook
from lessonkit.exit_status import ExitStatus

PATTERNS = """\
language: en
define:
  WHO: "Leo|Mia"
  SILLY: "{WHO} is (?:naive|silly)"
  UNUSED: "nothing here"
rules:
  - id: tone.one
    kind: existence
    severity: error
    message: "silly: '{match}'"
    rationale: r
    source: s
    patterns: ["{SILLY}"]
"""

GRAMMAR = """\
language: en
define:
  {extra}
rules:
  - id: tone.two
    kind: grammar
    severity: warning
    message: "label: '{{match}}'"
    rationale: r
    source: s
    shape: {{lemmas: "{{LABEL}}"}}
    exceptions: ["{{WHO}} is naive, they said"]
"""


def _project(tmp_path: Path, extra: str = 'LABEL: "naive"') -> Path:
    (tmp_path / "lessons").mkdir()
    for name in ("curriculum.yml", "sources.yml"):
        shutil.copy(ROOT / "lessons" / name, tmp_path / "lessons" / name)
    folder = tmp_path / "rules" / "en"
    folder.mkdir(parents=True)
    (folder / "tone.yml").write_text(PATTERNS, encoding="utf-8")
    (folder / "tone-grammar.yml").write_text(GRAMMAR.format(extra=extra), encoding="utf-8")
    (tmp_path / "note.md").write_text("Leo is naive.\n", encoding="utf-8")
    return tmp_path


def test_a_macro_of_one_file_serves_the_other_files_of_its_folder(tmp_path: Path) -> None:
    run = run_cli("check", "note.md", "--lang", "en", cwd=_project(tmp_path))
    assert run.code == ExitStatus.PROBLEMS, run.out + run.err
    assert "error tone.one silly: 'Leo is naive'" in run.out, run.out
    assert "note.md:1:8: warning tone.two label: 'Leo is naive'" in run.out, run.out


def test_a_macro_defined_in_two_files_of_a_folder_is_a_located_error(tmp_path: Path) -> None:
    run = run_cli("check", "note.md", "--lang", "en", cwd=_project(tmp_path, 'LABEL: "naive"\n  WHO: "Leo"'))
    assert run.code == ExitStatus.UNUSABLE, run.out + run.err
    assert "Traceback" not in run.err
    # tone-grammar.yml sorts first, so its definition is the first one.
    expected = "rules/en/tone.yml:3:1: error E070 macro WHO is already defined at "
    assert expected in run.out + run.err, run.out + run.err
    assert "rules/en/tone-grammar.yml:4:1" in run.out + run.err, run.out + run.err


def test_a_rule_keeps_the_macros_it_names_and_those_they_name(tmp_path: Path) -> None:
    for cache in (None, tmp_path / "cache", tmp_path / "cache"):  # no cache, written, then read
        book = load_rulebook(_project(tmp_path) / "rules" if cache is None else tmp_path / "rules", cache)
        rules = {rule.id: rule for rule in book.for_language("en")}
        assert rules["tone.one"].define == {"SILLY": "{WHO} is (?:naive|silly)", "WHO": "Leo|Mia"}
        assert rules["tone.two"].define == {"LABEL": "naive", "WHO": "Leo|Mia"}


def test_the_shipped_rule_folders_define_each_macro_once() -> None:
    # Loading is the check: a macro defined twice in a folder makes the rulebook unusable.
    book = load_rulebook(ROOT / "rules")
    grammar = [rule for rule in book.for_language("en") if rule.id == "tone.grammar-labels"]
    assert grammar and {"REPORTED", "REFUTED"} <= set(grammar[0].define)


def test_an_entry_its_own_rule_clears_is_a_located_error(tmp_path: Path) -> None:
    """An entry that can never be reported (its rule's `unless` holds one of its words) stops the check, located."""
    project = _project(tmp_path, 'LABEL: "naive|so naive"')
    grammar = project / "rules" / "en" / "tone-grammar.yml"
    grammar.write_text(grammar.read_text(encoding="utf-8").replace('"{LABEL}"}', '"{LABEL}", unless: "so"}'), "utf-8")
    run = run_cli("check", "note.md", "--lang", "en", cwd=project)
    assert run.code == ExitStatus.UNUSABLE, run.out + run.err
    assert "Traceback" not in run.err
    expected = (
        "rules/en/tone-grammar.yml:11:1: error E070 rule tone.two: shape 'lemmas': 'so naive' can never be reported"
    )
    assert expected in run.out + run.err, run.out + run.err
