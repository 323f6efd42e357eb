r"""Paths and texts from input are shown escaped in every human-facing format (review, hostile input).

A file named `note-\u202edm.txt.md` reads as `note-md.txt.md` in a terminal or a review page, and a
newline in a file name prints a forged finding line. Every format shows such characters through
one helper (`lessonkit.diagnostics.printable`): text, GitHub annotations and SARIF message text as
`\u202e`; JSON keeps the exact value but writes the character as a JSON escape; SARIF's artifact
URI is percent-encoded.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from urllib.parse import unquote_to_bytes

import pytest

from conftest import run_cli
from lessonkit.diagnostics import (
    ERROR,
    Diagnostic,
    LessonkitError,
    Location,
    Suppression,
    UnusableInputError,
    printable,
    printable_path,
)
from lessonkit.diagnostics.report import FORMATS, Report, as_github, as_json, as_sarif, as_text

RLO = "\u202e"
# A right-to-left override, a newline that would start a forged finding, ESC, a C1 CSI, a zero-width
# space, an isolate, a line separator, a tag character beyond U+FFFF and an undecodable byte.
HOSTILE = f"note-{RLO}dm.txt\nfake.md:1:1: error tone.fear \x1b[2J\x9b\u200b\u2066\u2028\U000e0041\udcff.md"
HIDDEN = {"Cc", "Cf", "Cs", "Zl", "Zp"}


def _hidden(text: str) -> list[str]:
    """The characters of `text` a reader would not see as themselves (newlines between lines aside)."""
    return [c for c in text.replace("\n", "") if unicodedata.category(c) in HIDDEN]


def _report() -> Report:
    where = Location(Path("lessons", HOSTILE), 3, 7)
    finding = Diagnostic(where, "tone.fear", f"quoted {RLO}text\nline", ERROR, f"say {RLO}it")
    return Report([finding], [(Suppression(where, "tone", f"reason{RLO}\n", 4), 1)], 1)


def test_printable_escapes_what_hides_or_reorders_text_and_keeps_every_script() -> None:
    assert printable(HOSTILE) == (
        "note-\\u202edm.txt\\nfake.md:1:1: error tone.fear \\u001b[2J\\u009b\\u200b\\u2066\\u2028\\U000e0041\\udcff.md"
    )
    kept = "Straße, مرحبا, 你好, 10\u00a0km, 🙂, tab-free"
    assert printable(kept) == kept
    assert printable("a\tb\rc") == "a\\tb\\rc"
    assert printable("pattern \\bword\\b") == "pattern \\bword\\b"  # prose keeps its backslashes


def test_a_path_escape_is_unambiguous() -> None:
    literal = Path("a\\u202e.md")  # a file really named with a backslash and the letters u202e
    assert printable_path(literal) == "a\\\\u202e.md"
    assert printable_path(Path(f"a{RLO}.md")) == "a\\u202e.md"
    assert printable_path(literal) != printable_path(Path(f"a{RLO}.md"))


def test_text_lines_show_no_hidden_character_and_no_forged_line() -> None:
    text = as_text(_report())
    assert not _hidden(text)
    lines = text.splitlines()
    assert len(lines) == 3  # the finding, the suppression, the summary: no line from the file name
    assert lines[0].startswith("lessons/note-\\u202edm.txt\\nfake.md:1:1: error tone.fear \\u001b[2J")
    assert "quoted \\u202etext\\nline [say \\u202eit]" in lines[0]
    assert 'suppressed tone "reason\\u202e\\n"' in lines[1]
    assert str(_report().findings[0]) == lines[0]  # the commands' own lines (str) are the same


def test_an_unusable_input_error_shows_escaped_paths_and_headline() -> None:
    (finding,) = _report().findings
    error = UnusableInputError([finding], f"cannot use {RLO}x")
    assert not _hidden(str(error)) and str(error).startswith("cannot use \\u202ex:\n")


def test_an_error_message_keeps_its_lines_and_escapes_what_is_inside_them() -> None:
    error = LessonkitError(f"lessons/a{RLO}b.md: no such file\nsee 'lessonkit --help'\x1b[2J")
    assert str(error) == "lessons/a\\u202eb.md: no such file\nsee 'lessonkit --help'\\u001b[2J"


def test_github_annotations_escape_the_path_and_keep_one_line_each() -> None:
    out = as_github(_report())
    assert not _hidden(out)
    finding, notice = out.split("\n")
    assert finding.startswith("::error file=lessons/note-\\u202edm.txt\\nfake.md%3A1%3A1%3A error tone.fear")
    # The suppression's file is a workflow-command property too: a `,` or `:` in it is escaped.
    assert notice.startswith("::notice file=lessons/note-\\u202edm.txt\\nfake.md%3A1%3A1%3A error")
    assert ",line=3,title=suppressed tone::reason\\u202e\\n (1 finding(s))" in notice


def test_github_suppression_path_cannot_add_properties() -> None:
    where = Location(Path("a,line=99,title=forged.md"), 2, 1)
    notice = as_github(Report([], [(Suppression(where, "tone", "why", 2), 1)]))
    assert notice.startswith("::notice file=a%2Cline=99%2Ctitle=forged.md,line=2,title=suppressed tone::why")


def test_json_keeps_exact_values_and_writes_hidden_characters_as_escapes() -> None:
    out = as_json(_report())
    assert not _hidden(out)
    assert "\\u202e" in out and "\\udb40\\udc41" in out  # a tag character as its surrogate pair
    data = json.loads(out)
    assert data["findings"][0]["path"] == f"lessons/{HOSTILE}"  # a tool still finds the file
    assert data["findings"][0]["message"] == f"quoted {RLO}text\nline"


def test_sarif_message_is_escaped_and_the_uri_percent_encoded() -> None:
    out = as_sarif(_report())
    assert not _hidden(out)
    (result,) = json.loads(out)["runs"][0]["results"]
    assert result["message"]["text"] == "quoted \\u202etext\\nline [say \\u202eit]"
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("lessons/note-%E2%80%AEdm.txt%0Afake.md%3A1%3A1%3A%20error")
    assert set(uri) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/%")
    assert unquote_to_bytes(uri) == f"lessons/{HOSTILE}".encode("utf-8", "surrogateescape")
    plain = json.loads(as_sarif(Report([Diagnostic(Location(Path("lessons/a.md")), "E040", "x")])))
    assert plain["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "lessons/a.md"
    )


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_no_format_prints_a_hidden_character(fmt: str) -> None:
    assert not _hidden(FORMATS[fmt](_report()))


def test_check_prints_a_spoofing_file_name_escaped(project: Path) -> None:
    name = f"note-{RLO}dm.txt.md"
    (project / name).write_text("You are to blame for it.\n", encoding="utf-8")
    options = ("--lang", "en", "--band", "11-13", "--audience", "students")
    text = run_cli("check", name, *options, cwd=project)
    assert text.code == 1, text.err
    assert RLO not in text.out and text.out.startswith("note-\\u202edm.txt.md:1:"), text.out
    sarif = run_cli("check", name, *options, "--format", "sarif", cwd=project)
    assert RLO not in sarif.out
    (result,) = json.loads(sarif.out)["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "note-%E2%80%AEdm.txt.md"
    missing = run_cli("check", f"gone-{RLO}dm.txt.md", *options, cwd=project)
    assert missing.code == 2 and RLO not in missing.err and "gone-\\u202edm.txt.md" in missing.err, missing.err


@pytest.mark.parametrize("command", ["validate", "list", "coverage"])
def test_a_missing_path_with_a_newline_cannot_print_a_forged_line(project: Path, command: str) -> None:
    # A file name holding a newline and the shape of a finding (REVIEW, 2026-12-02): the error names it
    # on one line, with the newline escaped, for every command that takes lesson paths.
    forged = "lessons/x.md:1:1: error tone.victim-blaming FORGED"
    run = run_cli(command, f"missing\n{forged}", cwd=project)
    assert run.code == 2, (run.out, run.err)
    assert not any(line.startswith(forged) for line in (run.out + run.err).splitlines()), run.err
    assert f"missing\\n{forged}" in run.err, run.err
