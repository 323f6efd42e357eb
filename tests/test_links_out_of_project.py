"""A symbolic link in a contribution cannot make the tool read, and publish, a file from outside the project.

`lessons/x.md -> /home/teacher/notes.md` is one line of a diff. It was read as a lesson: listed,
validated, built and published. Every input is read through `source_file.read_bytes`, which now
refuses a file inside a project reached through a link that leads out of it (E001 for a lesson,
I107 for a catalogue, at the link's own path); a link that stays inside the project, and a file
outside any project that the user names, are read as before.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, authoring_example, run_cli
from lessonkit.load.source_file import UnreadableFileError, link_out_of_project, read_bytes

SECRET = "PRIVATE-NOTES-OF-THE-TEACHER"
REFUSED = "a link to a file outside the project: not read"


@pytest.fixture
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder outside the project (the `project` fixture is the test's own tmp_path)."""
    return tmp_path_factory.mktemp("outside")


def _outside_lesson(folder: Path) -> Path:
    """A valid lesson that lies outside the project, whose title is the secret."""
    lesson = folder / "notes.md"
    text = authoring_example()
    lesson.write_text(text.replace("\ntitle: ", f"\ntitle: {SECRET} ", 1), encoding="utf-8")
    assert SECRET in lesson.read_text(encoding="utf-8")
    return lesson


def test_a_lesson_that_links_out_of_the_project_is_refused_at_the_link(project: Path, outside: Path) -> None:
    (project / "lessons" / "students").mkdir()
    (project / "lessons" / "students" / "notes.md").symlink_to(_outside_lesson(outside))
    run = run_cli("validate", cwd=project)
    assert run.code != 0, run.out + run.err
    assert f"lessons/students/notes.md:1:1: error E001 {REFUSED}" in run.out + run.err
    assert "Traceback" not in run.err
    listed = run_cli("list", cwd=project)
    assert SECRET not in listed.out + listed.err
    # The build refuses before rendering, naming the link from the project folder as validate does.
    built = run_cli("build", "--no-site", "--out", "out", cwd=project)
    assert built.code == 2, built.out + built.err
    assert f"\nlessons/students/notes.md:1:1: error E001 {REFUSED}" in "\n" + built.err, built.err
    assert not (project / "out").exists() or SECRET not in "".join(
        p.read_text(errors="replace") for p in (project / "out").rglob("*") if p.is_file()
    )


def test_a_folder_that_links_out_of_the_project_is_not_searched(project: Path, outside: Path) -> None:
    # The search for lessons does not enter linked folders (pathlib's rglob), so nothing there is read.
    _outside_lesson(outside)
    (project / "lessons" / "students").symlink_to(outside, target_is_directory=True)
    run = run_cli("validate", cwd=project)
    assert "ok: 0 lesson(s) valid" in run.err, run.out + run.err
    assert SECRET not in run_cli("list", cwd=project).out


def test_a_link_inside_the_project_is_followed(project: Path) -> None:
    shared = project / "lessons" / "shared"
    shared.mkdir()
    (shared / "example.md").write_text(authoring_example(), encoding="utf-8")
    # The same lesson twice (once through the link) is a duplicate id: the link was followed and read.
    (project / "lessons" / "again.md").symlink_to(shared / "example.md")
    run = run_cli("validate", cwd=project)
    assert REFUSED not in run.out + run.err
    assert "E021" in run.out + run.err, run.out + run.err


def test_a_catalogue_that_links_out_of_the_project_is_refused(project: Path, outside: Path) -> None:
    shutil.copytree(ROOT / "locales", project / "locales", ignore=shutil.ignore_patterns("*.mo"))
    secret = outside / "secret.po"
    secret.write_text(f'msgid "Get help now"\nmsgstr "{SECRET}"\n', encoding="utf-8")
    catalogue = project / "locales" / "de" / "ui.po"
    catalogue.unlink()
    catalogue.symlink_to(secret)
    with pytest.raises(UnreadableFileError, match=REFUSED):
        read_bytes(catalogue)
    run = run_cli("i18n", "status", cwd=project)
    assert f"locales/de/ui.po:1:1: error I107 cannot read catalogue: {REFUSED}" in run.out + run.err, run.out + run.err
    assert SECRET not in run.out + run.err


def test_a_file_outside_any_project_is_read_through_a_link(outside: Path) -> None:
    # No project holds the link: the user named the file, and it is theirs to name.
    lesson = _outside_lesson(outside)
    link = outside / "draft.md"
    link.symlink_to(lesson)
    assert link_out_of_project(link) is None
    assert SECRET.encode() in read_bytes(link)
