"""The front matter's prose is checked where it is written: title, summary, objectives, picture descriptions.

The title is printed on every handout, deck and page, and a picture's description is read aloud
by screen readers; until 2026-12-02 only key messages and vocabulary definitions were read, so a
title that blamed the child or used an outdated term passed `lessonkit check` with 0 findings.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from conftest import ROOT, run_cli
from lessonkit.check.document import FIELD_KINDS
from lessonkit.check.documents import _FRONT_MATTER

LESSON = "lessons/students/8-10/live-streaming.md"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("lessons", "locales", "rules"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def _replace_line(path: Path, start: str, new: str) -> tuple[int, str]:
    """Replace the first line starting with `start`; its 1-based number and the new line."""
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(n for n, line in enumerate(lines) if line.startswith(start))
    lines[index] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 1, new


@pytest.mark.parametrize(
    ("start", "new", "rule", "word"),
    [
        ("title:", 'title: "Live streaming: it is your own fault if it goes wrong"', "tone.victim-blaming", "your own"),
        (
            "summary:",
            'summary: "Children learn how child pornography is made on live streams."',
            "terminology",
            "child",
        ),
        ('  - "Explain', '  - "Explain that the victim was naive and should have known better."', "tone", "naive"),
    ],
    ids=["title", "summary", "objective"],
)
def test_harm_in_a_front_matter_field_is_an_error_at_its_place(
    project: Path, start: str, new: str, rule: str, word: str
) -> None:
    line, text = _replace_line(project / LESSON, start, new)
    run = run_cli("check", LESSON, cwd=project)
    assert run.code == 1, run.out + run.err
    found = [row for row in run.out.splitlines() if row.startswith(f"{LESSON}:{line}:") and " error " in row]
    assert any(f" error {rule}" in row for row in found), run.out
    # Placed at the words, inside the field's value (not at the key, not at the line above).
    columns = {int(row.split(":")[2]) for row in found}
    assert min(columns) > text.index('"')


def test_a_picture_description_is_read_as_the_learner_reads_it(project: Path) -> None:
    path = project / "lessons/students/4-7/ask-first.md"
    line, _ = _replace_line(
        path, '    alt: "Sami the squirrel."', '    alt: "Sami the squirrel. It was your own fault."'
    )
    run = run_cli("check", "lessons/students/4-7/ask-first.md", cwd=project)
    assert any(
        row.startswith(f"lessons/students/4-7/ask-first.md:{line}:") and " error tone." in row
        for row in run.out.splitlines()
    ), run.out


def test_a_translated_title_is_checked_at_its_msgstr(project: Path) -> None:
    path = project / "locales" / "de" / "live-streaming-11-13.po"
    catalogue = polib.pofile(str(path), wrapwidth=0)
    entry = next(e for e in catalogue if e.msgctxt == "live-streaming-11-13|title")
    entry.msgstr = "Livestreams: selbst schuld, wer sich filmen lässt"
    catalogue.save()
    lines = path.read_text(encoding="utf-8").split("\n")
    line = lines.index(f'msgstr "{entry.msgstr}"') + 1
    run = run_cli("check", "locales/de/live-streaming-11-13.po", cwd=project)
    assert any(
        row.startswith(f"locales/de/live-streaming-11-13.po:{line}:") and " error tone." in row
        for row in run.out.splitlines()
    ), run.out


def test_every_front_matter_part_is_placed_at_its_text() -> None:
    """`kinds.header` places a whole-part finding at a field's text, not on the line above it."""
    assert {kind for _, _, kind, _ in _FRONT_MATTER} <= FIELD_KINDS


def test_a_summary_too_hard_for_families_is_reported_on_its_own_line(project: Path) -> None:
    sentence = (
        "Notwithstanding considerable institutional heterogeneity, multidisciplinary safeguarding "
        "arrangements necessitate comprehensive organisational documentation."
    )
    hard = f'summary: "{" ".join([sentence] * 3)}"'
    line, _ = _replace_line(project / "lessons/parents/if-something-happens.md", "summary:", hard)
    run = run_cli("check", "lessons/parents/if-something-happens.md", cwd=project)
    assert (
        f"lessons/parents/if-something-happens.md:{line}:11: warning readability.family-grade this summary" in run.out
    )
