"""Review: the interface catalogue (ui.po) is read like every other catalogue.

`lessonkit.i18n.ui` read ui.po with `polib.pofile(path)` directly: no size limit, any encoding
the header named, a NUL or an unusable Plural-Forms header passed into the labels, and lines split
as Python's universal newlines split them, so a lone carriage return turned a translator comment
into an entry that the translation QA (which reads through `store.read_po`) never saw. Now both
read through `read_po`: the same entries, and a broken catalogue is a located I107.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli
from lessonkit.i18n.store import CatalogueError, read_po
from lessonkit.i18n.ui import plural_translator, translator
from print_project import example_lessons, make_project

HEADER = (
    'msgid ""\nmsgstr ""\n"Language: de\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: {forms}\\n"\n\n'
)
GOOD_FORMS = "nplurals=2; plural=(n != 1);"
ENTRIES = 'msgid "Get help"\nmsgstr "Hilfe holen"\n\nmsgid "Next"\nmsgstr "Weiter"\n'


def _ui(root: Path, data: bytes) -> Path:
    path = root / "locales" / "de" / "ui.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _text(entries: str, forms: str = GOOD_FORMS) -> bytes:
    return (HEADER.format(forms=forms) + entries).encode("utf-8")


HOSTILE = {
    "nul": (_text('msgid "Get help"\nmsgstr "Hil\x00fe"\n'), (8, 12), "U+0000 (NUL)"),
    "escaped-backspace": (_text('msgid "Get help"\nmsgstr "Hil\\bfe"\n'), (7, 1), "U+0008 (backspace)"),
    "plural-bomb": (_text(ENTRIES, "nplurals=250000; plural=(n != 1);"), (5, 2), "a language has 1 to 6"),
    "plural-out-of-range": (_text(ENTRIES, "nplurals=2; plural=n+5;"), (5, 2), "chooses form"),
    "not-utf-8": (_text(ENTRIES).replace(b"Hilfe", b"H\xe4lfe"), (8, 10), "not valid UTF-8"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_ui_catalogue_is_a_located_error(tmp_path: Path, case: str) -> None:
    data, (line, column), why = HOSTILE[case]
    path = _ui(tmp_path, data)
    for read in (lambda: translator(tmp_path, "de"), lambda: plural_translator(tmp_path, "de")):
        with pytest.raises(CatalogueError) as refused:
            read()
        problem = refused.value.problem
        assert (problem.code, problem.location.path, problem.location.line, problem.location.column) == (
            "I107",
            path,
            line,
            column,
        )
        assert why in problem.message


def test_a_50_mb_ui_catalogue_is_refused_unread(tmp_path: Path) -> None:
    path = _ui(tmp_path, _text(ENTRIES))
    with path.open("r+b") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(CatalogueError) as refused:
        translator(tmp_path, "de")
    assert refused.value.problem.code == "I107"
    assert "too large" in refused.value.problem.message


def test_a_folder_named_ui_po_is_refused(tmp_path: Path) -> None:
    (tmp_path / "locales" / "de" / "ui.po").mkdir(parents=True)
    with pytest.raises(CatalogueError) as refused:
        translator(tmp_path, "de")
    assert "not a regular file" in refused.value.problem.message


def test_the_build_reads_the_entries_the_qa_reads(tmp_path: Path) -> None:
    """A lone carriage return in a comment hid an entry from QA that the labels then used."""
    hidden = '# Reviewed.\rmsgid "Get help"\rmsgstr "Ruf 0900 123456 an"\n'
    path = _ui(tmp_path, _text(ENTRIES + "\n" + hidden + 'msgid "Back"\nmsgstr "Zur\u00fcck"\n'))
    catalogue = read_po(path)
    assert catalogue is not None
    assert [e.msgid for e in catalogue] == ["Get help", "Next", "Back"]
    ui = translator(tmp_path, "de")
    assert (ui("Get help"), ui("Next"), ui("Back")) == ("Hilfe holen", "Weiter", "Zur\u00fcck")


def test_a_line_separator_in_a_label_keeps_the_entries_whole(tmp_path: Path) -> None:
    _ui(tmp_path, _text('msgid "Get help"\nmsgstr "Hilfe\u2028holen"\n\nmsgid "Next"\nmsgstr "Weiter"\n'))
    ui = translator(tmp_path, "de")
    assert (ui("Get help"), ui("Next")) == ("Hilfe\u2028holen", "Weiter")


def test_a_missing_ui_catalogue_is_english(tmp_path: Path) -> None:
    assert translator(tmp_path, "de")("Get help") == "Get help"
    assert plural_translator(tmp_path, "de")("{n} lesson", "{n} lessons", 2) == "{n} lessons"


def test_i18n_check_and_build_report_a_hostile_ui_catalogue(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", example_lessons())
    ui = root / "locales" / "de" / "ui.po"
    ui.write_bytes(HOSTILE["nul"][0])
    where = "locales/de/ui.po:8:12: error I107 catalogue holds U+0000 (NUL)"
    check = run_cli("i18n", "check", "-l", "de", cwd=root)
    assert (check.code, "Traceback" in check.out + check.err) == (2, False), check.err
    assert where in check.out + check.err
    # The guide is incomplete in German: --fallback-guides prints a notice taken from ui.po.
    build = run_cli("build", "--locale", "de-DE", "--no-site", "--fallback-guides", "-j", "1", "--out", "out", cwd=root)
    assert "Traceback" not in build.out + build.err
    assert where in build.out + build.err
    assert build.code == 1, build.err  # a refused translation is a failure of the build (docs/diagnostics.md)
    assert not list((root / "out").rglob("*.pdf"))
