"""Review: `i18n update` and `extract` write a catalogue whole, in place of whatever is at its name.

`write_po` wrote with `path.write_text`, which follows a symbolic link: a contributed
`locales/de/x.po` linking outside the project made `lessonkit i18n update` overwrite the file
it pointed to (an empty file reads as an empty catalogue) or create one where a dangling link
pointed. A folder at a template's name was a traceback.
"""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from conftest import run_cli
from lessonkit.diagnostics import LessonkitError
from lessonkit.i18n.store import CatalogueError, po_path, read_po, write_po
from print_project import example_lessons, make_project


def _catalogue() -> polib.POFile:
    catalogue = polib.POFile()
    catalogue.append(polib.POEntry(msgid="Get help", msgstr="Hilfe holen"))
    return catalogue


def test_a_link_at_a_catalogues_name_is_replaced_not_written_through(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me\n", encoding="utf-8")
    catalogue = tmp_path / "locales" / "de" / "ui.po"
    catalogue.parent.mkdir(parents=True)
    catalogue.symlink_to(outside)
    assert write_po(_catalogue(), catalogue)
    assert outside.read_text(encoding="utf-8") == "keep me\n"
    assert not catalogue.is_symlink()
    assert 'msgstr "Hilfe holen"' in catalogue.read_text(encoding="utf-8")
    assert sorted(p.name for p in catalogue.parent.iterdir()) == ["ui.po"]  # no temporary file left


def test_a_dangling_link_creates_nothing_outside(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "created.po"
    target.parent.mkdir()
    catalogue = tmp_path / "x.po"
    catalogue.symlink_to(target)
    write_po(_catalogue(), catalogue)
    assert not target.exists()
    assert catalogue.is_file() and not catalogue.is_symlink()


def test_an_unchanged_catalogue_is_not_rewritten(tmp_path: Path) -> None:
    catalogue = tmp_path / "x.po"
    assert write_po(_catalogue(), catalogue)
    assert (catalogue.stat().st_mode & 0o777) == 0o644
    before = catalogue.stat().st_mtime_ns, catalogue.stat().st_ino
    assert not write_po(_catalogue(), catalogue)
    assert (catalogue.stat().st_mtime_ns, catalogue.stat().st_ino) == before


def test_a_folder_at_a_catalogues_name_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "x.po").mkdir()
    with pytest.raises(LessonkitError, match=r"cannot write .*x\.po"):
        write_po(_catalogue(), tmp_path / "x.po")


def test_update_does_not_write_through_a_planted_link(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", example_lessons())
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"")  # an empty file reads as an empty catalogue
    planted = root / "locales" / "de" / "guide-example.po"
    planted.symlink_to(victim)
    run = run_cli("i18n", "update", "-l", "de", cwd=root)
    # A link out of the project is not read (0baa9d5), so it is refused before anything is written
    # through it: a located error, exit 2, the file it points at untouched.
    assert run.code == 2, run.err
    assert "locales/de/guide-example.po:1:1: error I107 cannot read catalogue: a link to a file outside" in run.err
    assert "Traceback" not in run.err
    assert victim.read_bytes() == b""


@pytest.mark.parametrize("language", ["../../outside", "de/../../x", "DE", "", "de\n"])
def test_a_language_that_is_not_a_code_names_no_catalogue(language: str) -> None:
    with pytest.raises(LessonkitError, match="is not a language code"):
        po_path(Path("project"), language, "ui")


@pytest.mark.parametrize("name", ["../ui", "a/b", ".hidden", ".."])
def test_a_catalogue_name_is_one_file_name(name: str) -> None:
    with pytest.raises(LessonkitError, match="is not a catalogue name"):
        po_path(Path("project"), "de", name)


def test_update_with_a_language_path_writes_nothing_outside(tmp_path: Path) -> None:
    """`i18n update -l ../../../x` wrote three catalogues to a folder outside the project."""
    root = make_project(tmp_path / "project", example_lessons())
    run = run_cli("i18n", "update", "-l", "../../outside", cwd=root)
    assert run.code == 2
    assert "'../../outside' is not a language code" in run.err
    assert "Traceback" not in run.err
    assert not (tmp_path / "outside").exists()


def test_a_utf16_catalogue_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_bytes('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'.encode("utf-16"))
    with pytest.raises(CatalogueError) as refused:
        read_po(path)
    problem = refused.value.problem
    assert (problem.code, problem.location.line, problem.location.column) == ("I107", 1, 1)
    assert problem.message == "catalogue is saved as UTF-16; save it as UTF-8"
