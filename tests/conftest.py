"""Shared test helpers: run the real command line, build small curricula in temporary folders."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*args: str, cwd: Path = ROOT) -> Run:
    """Run `python -m lessonkit ARGS` as a user would, capturing its output."""
    proc = subprocess.run(
        [sys.executable, "-m", "lessonkit", *args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def authoring_example() -> str:
    """The complete annotated example lesson from docs/authoring.md."""
    text = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    match = re.search(r"```markdown\n(.*?)\n```\n", text, re.S)
    assert match, "docs/authoring.md lost its annotated example"
    return match.group(1) + "\n"


@pytest.fixture
def own_key_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache-signing key folder of the test's own (`XDG_CACHE_HOME`), never the user's, no key remembered."""
    from lessonkit import cache_file

    home = tmp_path / "key-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.setattr(cache_file, "_keys", {})
    return home


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with the real configuration and no lessons."""
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    for name in ("curriculum.yml", "sources.yml"):
        shutil.copy(ROOT / "lessons" / name, lessons / name)
    return tmp_path


# Modules that build whole sites or many documents, or drive Chromium or LibreOffice: `make test-fast`
# leaves them out (`-m "not slow"`); `make test` and CI run everything.
SLOW_MODULES = (
    "website/",
    "test_output_safety.py",
    "test_build_documents.py",
    "test_build_rtl.py",
    "test_materials.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        path = item.path.as_posix()
        if any(f"tests/{name}" in path for name in SLOW_MODULES):
            item.add_marker(pytest.mark.slow)
