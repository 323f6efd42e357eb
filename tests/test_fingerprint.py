"""The document cache key covers all of lessonkit's code and never reads through links (issue 17, issue 12)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lessonkit.build import fingerprint


@pytest.fixture
def package_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "lessonkit"
    shutil.copytree(fingerprint.CODE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(fingerprint, "CODE_DIR", copy)
    return copy


@pytest.mark.parametrize("module", ["load/sections.py", "build/worker.py", "model.py", "i18n/apply.py"])
def test_editing_any_module_changes_the_cache_key(package_copy: Path, module: str) -> None:
    before = fingerprint.code_digest()
    with (package_copy / module).open("a", encoding="utf-8") as handle:
        handle.write("\n# an edit that rendering may depend on\n")
    assert fingerprint.code_digest() != before


def test_the_key_is_stable_when_nothing_changes(package_copy: Path) -> None:
    assert fingerprint.code_digest() == fingerprint.code_digest()


def test_links_in_an_input_folder_are_not_followed(tmp_path: Path) -> None:
    folder = tmp_path / "assets"
    folder.mkdir()
    (folder / "picture.svg").write_text("<svg/>", encoding="utf-8")
    before = fingerprint.tree_digest(folder)
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("not an input of the build", encoding="utf-8")
    # An input folder may come from a stranger: a link out of it is not an input.
    (folder / "linked.svg").symlink_to(outside)
    assert fingerprint.tree_digest(folder) == before
