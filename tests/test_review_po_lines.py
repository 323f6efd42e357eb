"""Review: a catalogue's lines are counted at newlines only, as msgfmt, editors' `path:line` and the checker count.

polib split the text with `str.splitlines`, which also breaks at U+2028, U+2029, U+0085, form
feed, vertical tab, U+001C to U+001E and a lone carriage return: after one of them every entry's
line (and every finding placed there) was one too far down, and inside a msgstr one was a syntax error.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from conftest import ROOT, run_cli
from lessonkit.i18n.qa import catalogue_problems
from lessonkit.i18n.store import CatalogueError, catalogue_lines, parse_po

# Line breaks for str.splitlines that are text in a translation (U+0085 is a C1 control, allowed in XML).
BREAKERS = ["\u2028", "\u2029", "\x85", "\r"]
# C0 controls (some of them splitlines breaks too) that no translation needs and XML forbids: refused.
CONTROLS = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1c", "\x1d", "\x1e", "\x1f"]
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.mark.parametrize("char", BREAKERS)
def test_entries_keep_their_lines_after_a_line_breaking_character(char: str, tmp_path: Path) -> None:
    text = HEADER + f'# a translator\'s note{char}{char}with odd breaks\nmsgid "One"\nmsgstr "Eins"\n\n'
    text += 'msgid "Two"\nmsgstr "Zwei <script>x</script>"\n'
    lines = text.split("\n")
    path = tmp_path / "de.po"
    path.write_bytes(text.encode("utf-8"))
    catalogue = parse_po(path.read_bytes(), path)
    # An entry's line is its first: the comment's for the first, the msgid's for the second.
    assert [(e.msgid, e.linenum) for e in catalogue] == [
        ("One", lines.index(f"# a translator's note{char}{char}with odd breaks") + 1),
        ("Two", lines.index('msgid "Two"') + 1),
    ]
    assert catalogue_lines(path) == lines
    (problem,) = [p for p in catalogue_problems(path, (set(), set())) if p.code == "I102"]
    assert (problem.location.line, problem.location.column) == (lines.index('msgid "Two"') + 2, 9)


@pytest.mark.parametrize("char", BREAKERS)
def test_a_line_breaking_character_inside_a_msgstr_is_text(char: str) -> None:
    """It was read as the end of the line: `msgstr "a` then `b"`, a syntax error (or a cut translation)."""
    text = HEADER + f'msgid "One"\nmsgstr "Ei{char}ns"\n\nmsgid "Two"\nmsgstr "Zwei"\n'
    catalogue = parse_po(text.encode("utf-8"), Path("de.po"))
    assert [(e.msgstr, e.linenum) for e in catalogue] == [(f"Ei{char}ns", 5), ("Zwei", 8)]


def test_a_checker_finding_after_a_line_separator_is_at_its_msgstr(tmp_path: Path) -> None:
    for name in ("lessons", "locales", "rules"):
        shutil.copytree(ROOT / name, tmp_path / name)
    path = tmp_path / "locales" / "de" / "online-friends-8-10.po"
    catalogue = polib.pofile(str(path), wrapwidth=0)
    entries = [e for e in catalogue if e.msgctxt and "|slide:" in e.msgctxt and "{" not in e.msgid]
    entries[0].tcomment = "kept short\u2028for the slide\u2029and read aloud"  # two extra breaks for splitlines
    entries[-1].msgstr = "Das ist deine eigene Schuld."  # blames the child, in German
    catalogue.save()
    lines = path.read_bytes().decode("utf-8").split("\n")
    (blamed,) = [n for n, line in enumerate(lines, 1) if line == 'msgstr "Das ist deine eigene Schuld."']
    assert lines.index("# kept short\u2028for the slide\u2029and read aloud") + 1 < blamed
    run = run_cli("check", str(path), cwd=tmp_path)
    assert f"locales/de/online-friends-8-10.po:{blamed}:13: error tone.victim-blaming" in run.out, run.out


@pytest.mark.parametrize("char", CONTROLS)
def test_a_control_character_in_a_catalogue_is_a_located_error(char: str) -> None:
    """Before, NUL and the others were read as text (a NUL splits a translation in a compiled .mo)."""
    text = HEADER + f'# a note\u2028on two lines\nmsgid "One"\nmsgstr "Ei{char}ns"\n'
    with pytest.raises(CatalogueError) as refused:
        parse_po(text.encode("utf-8"), Path("de.po"))
    problem = refused.value.problem
    assert (problem.code, problem.location.line, problem.location.column) == ("I107", 7, 11)
    assert f"U+{ord(char):04X}" in problem.message


@pytest.mark.parametrize("escape", ["\\b", "\\v", "\\f"])
def test_a_control_character_written_as_an_escape_is_a_located_error(escape: str) -> None:
    text = HEADER + f'msgid "One"\nmsgstr "Eins"\n\nmsgid "Two"\nmsgstr "Zw{escape}ei"\n'
    with pytest.raises(CatalogueError) as refused:
        parse_po(text.encode("utf-8"), Path("de.po"))
    assert (refused.value.problem.code, refused.value.problem.location.line) == ("I107", 8)
