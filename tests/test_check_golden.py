"""Golden outputs of `lessonkit check` (issue 17 item 6): every format, byte for byte, on a fixed input set.

The inputs under tests/fixtures/check_golden/ carry deliberate problems (see each case below); the
reviewed outputs live in tests/golden/check/<case>/. Only the temporary project folder is normalised
(to `<project>`): the project is checked with relative paths, so it normally does not appear at all.
Regenerate after an intended change with `LESSONKIT_UPDATE_GOLDEN=1 pytest tests/test_check_golden.py`
and review the diff: a finding that appears, disappears or moves is a change in what authors are told
(REVIEWED below lists the findings a reviewer accepted; change it only with the same care).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, Run, run_cli
from golden_support import assert_golden
from lessonkit.exit_status import ExitStatus

GOLDEN = Path(__file__).parent / "golden" / "check"

# A student lesson for 11-13 (adapted from the authoring guide's example) with a blaming sentence,
# a frightening one, a too-long sentence, a rare word and a phone number; its other text is meant clean.
LESSON = "lessons/students/11-13/golden-helpers.md"
# A plain Markdown draft in German, with no front matter: the options say who reads it.
DRAFT = ("drafts/entwurf.md", "--band", "8-10", "--audience", "students", "--lang", "de")
# A folder holding a second lesson, clean but for its missing help section: the input is unusable.
# (Not under lessons/: a catalogue is checked with the whole curriculum, which that lesson would spoil.)
FOLDER = "unusable"
# A German catalogue of LESSON (made by `lessonkit i18n update`, translated by hand), checked as its
# translated lesson: the same kinds of problem, in German.
CATALOGUE = "locales/de/golden-helpers-11-13.po"

# The golden file of each format.
FILES = {"text": "text.txt", "json": "report.json", "github": "github.txt", "summary": "summary.txt"}


@pytest.fixture(scope="module")
def golden_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture set with the real curriculum configuration, in a temporary folder."""
    root = tmp_path_factory.mktemp("check_golden")
    shutil.copytree(FIXTURES / "check_golden", root, dirs_exist_ok=True)
    for name in ("curriculum.yml", "sources.yml"):
        shutil.copy(ROOT / "lessons" / name, root / "lessons" / name)
    shutil.copy(ROOT / "locales" / "locales.yml", root / "locales" / "locales.yml")
    return root


def _check(project: Path, *args: str) -> Run:
    run = run_cli("check", *args, cwd=project)
    return Run(run.code, _normalise(run.out, project), _normalise(run.err, project))


def _normalise(text: str, project: Path) -> str:
    for form in {str(project.resolve()), str(project)}:
        text = text.replace(form, "<project>")
    return text


@pytest.mark.parametrize("fmt", ["text", "json", "github", "summary"])
def test_lesson_output_matches_golden(golden_project: Path, fmt: str) -> None:
    run = _check(golden_project, LESSON, "--format", fmt)
    assert run.code == ExitStatus.PROBLEMS, run.out + run.err
    assert run.err == ""
    if fmt == "json":
        assert json.loads(run.out)["summary"]["errors"] > 0
    assert_golden(GOLDEN / "lesson" / FILES[fmt], run.out)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_plain_german_draft_output_matches_golden(golden_project: Path, fmt: str) -> None:
    run = _check(golden_project, *DRAFT, "--format", fmt)
    assert run.code == ExitStatus.PROBLEMS, run.out + run.err
    assert run.err == ""
    if fmt == "json":
        assert json.loads(run.out)["summary"]["files"] == 1
    assert_golden(GOLDEN / "draft-de" / FILES[fmt], run.out)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_german_catalogue_output_matches_golden(golden_project: Path, fmt: str) -> None:
    run = _check(golden_project, CATALOGUE, "--format", fmt)
    assert run.code == ExitStatus.PROBLEMS, run.out + run.err  # findings, not a translation QA refuses
    assert run.err == ""
    if fmt == "json":
        assert json.loads(run.out)["summary"]["files"] == 1
    assert_golden(GOLDEN / "catalogue-de" / FILES[fmt], run.out)


def test_unusable_folder_output_matches_golden(golden_project: Path) -> None:
    run = _check(golden_project, FOLDER)
    assert run.code == ExitStatus.UNUSABLE, run.out + run.err
    assert_golden(GOLDEN / "unusable" / "text.txt", run.out)
    assert_golden(GOLDEN / "unusable" / "stderr.txt", run.err)
    # Unusable input comes out in the format asked for: a JSON reader gets JSON (issue 17 item 2).
    as_json = _check(golden_project, FOLDER, "--format", "json")
    assert as_json.code == ExitStatus.UNUSABLE and as_json.err == ""
    assert json.loads(as_json.out)["summary"]["errors"] == 1
    assert_golden(GOLDEN / "unusable" / "report.json", as_json.out)


@pytest.mark.parametrize("case", ["lesson", "draft-de", "catalogue-de"])
def test_golden_formats_report_the_same_findings(case: str) -> None:
    """The reviewed files agree with each other: one finding list, written three ways (no run needed)."""
    report = json.loads((GOLDEN / case / "report.json").read_text(encoding="utf-8"))
    findings = report["findings"]
    text = (GOLDEN / case / "text.txt").read_text(encoding="utf-8").splitlines()
    assert text[:-1] == [
        f"{f['path']}:{f['line']}:{f['column']}: {f['severity']} {f['rule']} {f['message']} [{f['suggestion']}]"
        for f in findings
    ]
    summary = report["summary"]
    assert text[-1].startswith(f"{summary['errors']} error(s), {summary['warnings']} warning(s) in {summary['files']}")
    github = GOLDEN / case / "github.txt"
    if github.is_file():
        assert github.read_text(encoding="utf-8").splitlines() == [
            f"::{f['severity']} file={f['path']},line={f['line']},col={f['column']},title={f['rule']}::"
            f"{f['message']} [{f['suggestion']}]"
            for f in findings
        ]


# What the review of the golden files found, written down so that a blind regeneration cannot drop a
# deliberate problem: (line, rule) of each finding in the fixture files.
REVIEWED = {
    "lesson": [
        (35, "tone.victim-blaming"),  # "He should never have sent the photo."
        (35, "tone.grammar-hindsight-person"),  # the same sentence, by its shape (at "sent")
        # "The internet is a dangerous place." (the model's fear: 0.71 until 2026-12-05, 0.70 since, under 0.8)
        (36, "tone.fear"),
        (39, "readability.grade"),  # the slide whose one sentence is too long
        (40, "readability.sentence-length"),  # that sentence: 35 words, limit 24 at 11-13
        (71, "vocabulary.unfamiliar"),  # "perspicacious"
        (81, "structure.emergency-number"),  # "call 116 111": the English wording rule ...
        (81, "structure.raw-contact"),  # ... and the language-independent number rule
    ],
    "draft-de": [
        (4, "tone.victim-blaming"),  # "Das war deine eigene Schuld."
        (6, "tone.classifier-fear"),  # the same sentence as below, by the model (since it learnt the lessons' text)
        (6, "tone.fear"),  # "Im Internet lauern überall Gefahren."
        (8, "vocabulary.unfamiliar"),  # "arglistig"
        (10, "readability.sentence-length"),  # 28 words, limit 18 at 8-10
    ],
    # Located at the words in the entry's msgstr line (its column too); a finding about a whole
    # section is at the first character of the section's first msgstr.
    "catalogue-de": [
        (115, "tone.victim-blaming"),  # slide:2 msgstr: "Das war seine eigene Schuld."
        (115, "tone.classifier-fear"),  # "Im Netz lauern überall Gefahren.", by the model (at the sentence)
        (115, "tone.fear"),  # the same msgstr, further on: "Im Netz lauern überall Gefahren."
        (129, "readability.grade"),  # slide:3, at its text's msgstr (slide:3|p:1), whose sentence is too long
        (129, "readability.sentence-length"),  # that sentence: 33 words, limit 22 at 11-13
        (213, "vocabulary.unfamiliar"),  # handout: "scharfsichtige"
        (227, "structure.raw-contact"),  # help: "116 111" (the English wording rule does not apply)
    ],
}


@pytest.mark.parametrize("case", sorted(REVIEWED))
def test_golden_findings_are_the_reviewed_ones(case: str) -> None:
    report = json.loads((GOLDEN / case / "report.json").read_text(encoding="utf-8"))
    assert [(f["line"], f["rule"]) for f in report["findings"]] == REVIEWED[case]
