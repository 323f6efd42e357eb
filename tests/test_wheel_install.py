"""`pip install .` works: the wheel carries lessonkit's rules, templates, fonts and theme.

The wheel is built from this checkout, installed into a new virtual environment and run in a folder
that has nothing to do with the repository. The new environment borrows the dependencies already
installed in the test interpreter's environment (a `.pth` line, added after the install so pip never
sees the checkout's own editable lessonkit), so the test needs no network beyond building the wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, authoring_example

pytestmark = pytest.mark.slow

BLAME = "Some text here.\nIt was your own fault for sending it.\n"
# One file of each shipped folder; the wheel must carry them under lessonkit/_shipped/.
SHIPPED = (
    "rules/en/tone.yml",
    "rules/common/structure.yml",
    "handouts/templates/handout.html.j2",
    "handouts/css/print.css",
    "handouts/fonts/README.md",
    "site-theme/assets",
    "mkdocs.yml",
)
SHIPPED_FOLDERS = ("rules", "handouts", "site-theme")


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def _copy_of_the_package_sources(target: Path) -> Path:
    """What the build reads, copied: pip builds in the source folder, and the shared checkout stays clean."""
    litter = shutil.ignore_patterns("__pycache__", "*.egg-info", ".*")
    for name in (*SHIPPED_FOLDERS, "src"):
        shutil.copytree(ROOT / name, target / name, ignore=litter)
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE", "mkdocs.yml"):
        shutil.copy2(ROOT / name, target / name)
    return target


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the built wheel, the `lessonkit` command of a fresh environment that has only that wheel)."""
    base = tmp_path_factory.mktemp("wheel")
    source = _copy_of_the_package_sources(base / "source")
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", base / "dist", source, cwd=base)
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = (base / "dist").glob("lessonkit-*.whl")
    env_dir = base / "env"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    pip = (sys.executable, "-m", "pip", "--python", python)
    install = _run(*pip, "install", "--no-deps", "--no-index", "--quiet", wheel, cwd=base)
    assert install.returncode == 0, install.stdout + install.stderr
    site = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=base).stdout.strip()
    # The dependencies, not lessonkit: a .pth line is only a path, so the checkout's editable .pth is not read.
    Path(site, "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return wheel, env_dir / "bin" / "lessonkit"


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A folder outside the repository holding a small curriculum of its own, without a `rules/` folder."""
    lessons = tmp_path / "fork" / "lessons"
    lessons.mkdir(parents=True)
    for name in ("curriculum.yml", "sources.yml"):
        (lessons / name).write_text((ROOT / "lessons" / name).read_text(encoding="utf-8"), encoding="utf-8")
    (lessons / "example.md").write_text(authoring_example(), encoding="utf-8")
    assert ROOT not in tmp_path.resolve().parents
    return tmp_path


def _env() -> dict[str, str]:
    # No cache or source folder of the checkout may leak in through the environment.
    return {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "LESSONKIT_CACHE"}}


def test_wheel_carries_the_shipped_data(installed: tuple[Path, Path]) -> None:
    wheel, _ = installed
    names = zipfile.ZipFile(wheel).namelist()
    for path in SHIPPED:
        inside = f"lessonkit/_shipped/{path}"
        assert any(n == inside or n.startswith(inside + "/") for n in names), path
    rules = {n for n in names if n.startswith("lessonkit/_shipped/rules/") and n.endswith(".yml")}
    assert len(rules) == len(list((ROOT / "rules").rglob("*.yml")))


def test_installed_lessonkit_is_not_the_checkout(installed: tuple[Path, Path], elsewhere: Path) -> None:
    _, lessonkit = installed
    where = _run(lessonkit.parent / "python", "-c", "import lessonkit; print(lessonkit.__file__)", cwd=elsewhere)
    assert Path(where.stdout.strip()).is_relative_to(lessonkit.parent.parent), where.stdout + where.stderr


def test_validate_and_check_outside_the_repository(installed: tuple[Path, Path], elsewhere: Path) -> None:
    _, lessonkit = installed
    fork = elsewhere / "fork"
    valid = _run(lessonkit, "validate", "lessons/example.md", cwd=fork, env=_env())
    assert valid.returncode == 0, valid.stdout + valid.stderr
    assert "1 lesson(s) valid" in valid.stdout + valid.stderr
    checked = _run(lessonkit, "check", "lessons/example.md", cwd=fork, env=_env())
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # Findings of the shipped structure rules: the fork has no rules/ of its own, so they were found in the wheel.
    assert "structure.family-helpline" in checked.stdout, checked.stdout + checked.stderr


def test_check_of_a_loose_text_uses_the_shipped_tone_rules(installed: tuple[Path, Path], elsewhere: Path) -> None:
    _, lessonkit = installed
    (elsewhere / "note.md").write_text(BLAME, encoding="utf-8")
    checked = _run(lessonkit, "check", "note.md", cwd=elsewhere, env=_env())
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "note.md:2:8: error tone.victim-blaming" in checked.stdout, checked.stdout + checked.stderr
