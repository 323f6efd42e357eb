"""Bidirectional overrides in untrusted input are refused at a located place (E007), isolates are not.

An override (U+202E RIGHT-TO-LEFT OVERRIDE and its kin) makes text display in another order than
it is stored: a helpline number could be printed reversed while every check reads the stored
digits. Every input file is read through `source_file.read_text` or `store.parse_po`, so the
refusal is made there, once, and every command reports it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, authoring_example, run_cli
from lessonkit.i18n.store import CatalogueError, parse_po
from lessonkit.load.source_file import read_text

RLO, PDF, RLI, PDI = "\u202e", "\u202c", "\u2067", "\u2069"


def _place(text: str, offset: int) -> tuple[int, int]:
    """Line and column (from 1) of the character at `offset`, counted here, not by the code under test."""
    before = text[:offset]
    return before.count("\n") + 1, len(before) - before.rfind("\n")


CONTROLS = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e"]


@pytest.mark.parametrize("control", CONTROLS)
def test_each_control_is_refused_at_its_line_and_column(tmp_path: Path, control: str) -> None:
    path = tmp_path / "pack.yml"
    path.write_text(f"name: Helpline\nphone: 116 {control}111\n", encoding="utf-8")
    text, problems = read_text(path)
    assert text is None
    assert [(p.location.line, p.location.column, p.code) for p in problems] == [(2, 12, "E007")]
    assert f"U+{ord(control):04X}" in problems[0].message


@pytest.mark.parametrize("first", ["character", "reference"])
def test_the_first_control_is_reported_whether_written_or_spelled(tmp_path: Path, first: str) -> None:
    # The character and its reference are found by two searches; the earlier of the two is the one reported.
    spelled = {"character": RLO, "reference": "&#x202D;"}
    later = spelled["reference" if first == "character" else "character"]
    path = tmp_path / "pack.yml"
    source = f"name: Helpline\nphone: 116 {spelled[first]}111\nnote: call {later}now\n"
    path.write_text(source, encoding="utf-8")
    text, problems = read_text(path)
    assert text is None
    assert [(p.location.line, p.location.column) for p in problems] == [_place(source, source.index(spelled[first]))]
    assert ("U+202E" if first == "character" else "U+202D") in problems[0].message


def test_isolates_and_marks_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "ar.yml"
    path.write_text(f"name: {RLI}خط المساعدة{PDI} \u200f116 111\n", encoding="utf-8")
    text, problems = read_text(path)
    assert problems == [] and text is not None and RLI in text


def test_a_lesson_with_an_override_fails_validation_with_its_place(project: Path) -> None:
    lesson = authoring_example().replace("a trusted adult", f"a trusted {RLO}tluda", 1)
    assert RLO in lesson, "the example lesson lost the phrase this test edits"
    line, column = _place(lesson, lesson.index(RLO))
    (project / "lessons" / "example.md").write_text(lesson, encoding="utf-8")
    result = run_cli("validate", str(project))
    assert result.code == 2, result.out
    assert f"lessons/example.md:{line}:{column}: error E007 invisible character U+202E" in result.out
    assert "Traceback" not in result.err


def test_a_catalogue_with_an_override_is_refused_with_its_place(tmp_path: Path) -> None:
    header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    data = header + f'msgid "Call"\nmsgstr "Ruf {RLO}111 611{PDF} an"\n'
    with pytest.raises(CatalogueError) as caught:
        parse_po(data.encode("utf-8"), tmp_path / "de" / "ui.po")
    where = caught.value.problem.location
    assert (where.line, where.column, caught.value.problem.code) == (5, 13, "E007")


def test_a_country_pack_with_an_override_stops_the_check(project: Path) -> None:
    shutil.copytree(ROOT / "locales" / "countries", project / "locales" / "countries")
    shutil.copy(ROOT / "locales" / "locales.yml", project / "locales" / "locales.yml")
    pack = next(iter(sorted((project / "locales" / "countries").glob("*.yml"))))
    text = pack.read_text(encoding="utf-8")
    first_digit = next(i for i, c in enumerate(text) if c.isdigit() and text[i - 1] in " '\"")
    pack.write_text(text[:first_digit] + RLO + text[first_digit:], encoding="utf-8")
    line, column = _place(text, first_digit)
    (project / "lessons" / "example.md").write_text(authoring_example(), encoding="utf-8")
    result = run_cli("check", cwd=project)
    # The checker reports a pack it cannot use as an error finding (exit 1), as for any broken pack.
    assert result.code == 1, result.out + result.err
    assert f"locales/countries/{pack.name}:{line}:{column}: error pack.schema invisible character U+202E" in result.out
    assert "Traceback" not in result.err


# --- Other roads to the same character (review of 2026-12-02) ------------------------------------


def _pack_with(project: Path, old: str, new: str) -> tuple[Path, int]:
    shutil.copytree(ROOT / "locales" / "countries", project / "locales" / "countries")
    shutil.copy(ROOT / "locales" / "locales.yml", project / "locales" / "locales.yml")
    pack = project / "locales" / "countries" / "IE.yml"
    text = pack.read_text(encoding="utf-8")
    assert old in text, f"IE.yml lost '{old}'"
    pack.write_text(text.replace(old, new, 1), encoding="utf-8")
    return pack, _place(text, text.index(old))[0]


def test_an_override_spelled_as_a_yaml_escape_is_refused(project: Path) -> None:
    # The file holds only ASCII; the value a page would print holds U+202E before the number.
    pack, line = _pack_with(project, 'value: "', 'value: "\\u202E')
    (project / "lessons" / "example.md").write_text(authoring_example(), encoding="utf-8")
    result = run_cli("check", cwd=project)
    assert result.code != 0 and "Traceback" not in result.err
    assert f"locales/countries/{pack.name}:{line}:" in result.out and "U+202E" in result.out, result.out


def test_an_override_spelled_in_front_matter_is_refused(project: Path) -> None:
    lesson = authoring_example().replace('title: "', 'title: "\\u202E', 1)
    assert "\\u202E" in lesson
    (project / "lessons" / "example.md").write_text(lesson, encoding="utf-8")
    result = run_cli("validate", str(project))
    assert result.code == 2 and "Traceback" not in result.err
    assert "error E007 invisible character U+202E" in result.out, result.out


@pytest.mark.parametrize("reference", ["&#x202E;", "&#X202e;", "&#8238;", "&#x00202E;", "&#0008238;"])
def test_an_override_spelled_as_a_character_reference_is_refused(project: Path, reference: str) -> None:
    lesson = authoring_example().replace("a trusted adult", f"a trusted {reference}tluda", 1)
    line, column = _place(lesson, lesson.index(reference))
    (project / "lessons" / "example.md").write_text(lesson, encoding="utf-8")
    result = run_cli("validate", str(project))
    assert result.code == 2, result.out
    assert f"lessons/example.md:{line}:{column}: error E007 invisible character U+202E" in result.out


def test_an_isolate_inside_a_contact_is_refused(project: Path) -> None:
    # "1800 66 66 66" inside an isolate shows its groups in another order in right-to-left text.
    pack, _ = _pack_with(project, 'value: "', f'value: "{RLI}')
    (project / "lessons" / "example.md").write_text(authoring_example(), encoding="utf-8")
    result = run_cli("check", cwd=project)
    assert result.code != 0 and "Traceback" not in result.err
    assert f"locales/countries/{pack.name}:" in result.out
    assert "invisible character U+2067" in result.out, result.out
