"""The checker's superseded cache files are removed; nothing lessonkit did not write ever is.

Every edit of a rule file writes a new `rules-<hash>.json` (about a megabyte); before pruning, a
day of tuning left forty of them behind. The cache folder can be any folder the user names, so the
tests also plant files that look like cache files but are not lessonkit's, and check they stay.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lessonkit import cache_file

ROOT = Path(__file__).resolve().parent.parent
DAY = 24 * 3600


pytestmark = pytest.mark.usefixtures("own_key_home")  # a key of their own: never the user's


def _name(family: str, number: int, suffix: str = "marshal") -> str:
    return f"{family}-{number:032x}.{suffix}"


def _aged(path: Path, days: float) -> Path:
    when = time.time() - days * DAY
    os.utime(path, (when, when))
    return path


def _sealed(folder: Path, name: str, days: float) -> Path:
    """A file as `write_sealed_file` writes it, last used `days` ago (made without pruning its family)."""
    sealed = cache_file.seal(name, b"data")
    assert sealed is not None
    assert cache_file.write_cache_file(folder / name, sealed)
    return _aged(folder / name, days)


def test_files_unused_for_a_week_are_removed_when_a_new_one_is_written(tmp_path: Path) -> None:
    old = _sealed(tmp_path, _name("rules", 1, "json"), days=8)
    recent = _sealed(tmp_path, _name("rules", 2, "json"), days=2)
    other_family = _sealed(tmp_path, _name("classifier", 3), days=30)  # only its own family's writes prune it
    assert cache_file.write_sealed_file(tmp_path / _name("rules", 4, "json"), b"new")
    assert not old.exists()
    assert recent.exists()
    assert other_family.exists()
    assert (tmp_path / _name("rules", 4, "json")).exists()


def test_only_the_most_recently_used_are_kept_of_a_busy_family(tmp_path: Path) -> None:
    # Each file used a minute after the one before: the 16 most recent (the new one among them) stay.
    files = [_sealed(tmp_path, _name("rules", i, "json"), days=(40 - i) / (24 * 60)) for i in range(40)]
    assert cache_file.write_sealed_file(tmp_path / _name("rules", 99, "json"), b"new")
    kept = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("rules-"))
    assert kept == sorted([p.name for p in files[-(cache_file.MOST_KEPT - 1) :]] + [_name("rules", 99, "json")])


def test_a_file_read_is_marked_used_and_survives(tmp_path: Path) -> None:
    # Four languages' classifier files share a family: the one read today must stay.
    read_today = _sealed(tmp_path, _name("classifier", 1), days=10)
    unused = _sealed(tmp_path, _name("classifier", 2), days=10)
    assert cache_file.read_sealed_file(read_today) == b"data"
    assert cache_file.write_sealed_file(tmp_path / _name("classifier", 3), b"new")
    assert read_today.exists()
    assert not unused.exists()


def test_nothing_lessonkit_did_not_write_is_removed(tmp_path: Path) -> None:
    foreign = tmp_path / _name("rules", 1, "json")
    foreign.write_text('{"mine": true}', encoding="utf-8")  # a user's own file with a look-alike name
    _aged(foreign, 100)
    target = tmp_path / "elsewhere"
    target.mkdir()
    planted = _sealed(target, _name("rules", 7, "json"), days=100)
    link = tmp_path / _name("rules", 2, "json")
    link.symlink_to(planted)
    folder = tmp_path / _name("rules", 3, "json")
    folder.mkdir()
    unrelated = _sealed(tmp_path, "rules-notahash.json", days=100)
    build_entry = tmp_path / "documents"
    build_entry.mkdir()
    deep = _sealed(build_entry, _name("rules", 5, "json"), days=100)
    assert cache_file.write_sealed_file(tmp_path / _name("rules", 9, "json"), b"new")
    for path in (foreign, link, folder, unrelated, deep, planted):
        assert path.exists(), path
    assert foreign.read_text(encoding="utf-8") == '{"mine": true}'


def test_names_outside_the_checker_families_never_prune(tmp_path: Path) -> None:
    # The build's document and font caches write sealed files under names of their own.
    old = _sealed(tmp_path, f"{1:032x}.woff2", days=100)
    assert cache_file.write_sealed_file(tmp_path / f"{2:032x}.woff2", b"new")
    assert old.exists()


def test_the_real_checker_prunes_an_old_rules_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    stale = _sealed(cache, _name("rules", 1, "json"), days=30)
    lesson = tmp_path / "note.md"
    lesson.write_text("If someone tricks you, it is never your fault. Tell a trusted adult.\n", encoding="utf-8")
    env = {**os.environ, "LESSONKIT_CACHE": str(cache), "XDG_CACHE_HOME": str(tmp_path / "key-home")}
    done = subprocess.run(
        [sys.executable, "-m", "lessonkit", "check", str(lesson), "--audience", "students", "--band", "8-10"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert not stale.exists()
    # One file per language of the rules folder, all of this version: the stale one of its family went.
    assert sorted(p.name.split("-")[1] for p in cache.glob("rules-*.json")) == ["ar", "common", "de", "en", "es"]
