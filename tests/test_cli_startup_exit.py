"""The command line ends without the interpreter's final walk over every object (start-up, issue 18).

`lessonkit.cli.main` registers `gc.freeze` to run at exit, so the last garbage collection skips
the objects still alive (modules, tables, caches). Modules are then cleared name by name instead
of being collected whole, so these tests also hold that a check that opens the checker's caches
(the word-frequency shards, the matchers, the model) ends silently: no "Exception ignored" line.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=cwd)


def _checking(text: Path, before: str, after: str) -> str:
    """A program that runs `lessonkit check` on `text` through `main()`, with `before` and `after` around it."""
    return (
        "import atexit, gc, sys\n"
        "from lessonkit.cli import main\n"
        f"sys.argv = ['lessonkit', 'check', {str(text)!r}, '--audience', 'students', '--band', '8-10']\n"
        f"{before}"
        "try:\n"
        "    main()\n"
        "except SystemExit as stop:\n"
        "    assert stop.code == 0, stop.code\n"
        f"{after}"
    )


def _check_note(folder: Path, note: str, before: str, after: str) -> list[str]:
    """Check a note written in `folder` with `_checking`'s program; its output lines (the run must succeed)."""
    text = folder / "note.md"
    text.write_text(note, encoding="utf-8")
    done = _run(_checking(text, before, after), ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_main_freezes_what_is_alive_only_when_the_interpreter_exits(tmp_path: Path) -> None:
    lines = _check_note(
        tmp_path,
        "Tell a trusted adult.\n",
        "",
        "print('before exit', gc.get_freeze_count())\n"  # nothing frozen while the process goes on
        "atexit._run_exitfuncs()\n"
        "print('at exit', gc.get_freeze_count() > 0)\n",
    )
    assert lines[-2:] == ["before exit 0", "at exit True"]


def test_a_check_that_reads_every_cache_ends_silently(tmp_path: Path) -> None:
    # Rare words (frequency shards), a phone number (contact), long sentences (readability) and
    # tone words (classifier and grammar layer): every kind runs, and every cache is opened.
    text = tmp_path / "note.md"
    text.write_text(
        "Quokkas defenestrate obstreperous marmosets while the perspicacious ornithologist, who is always "
        "watching, says that it is entirely your fault and that nobody will ever believe you, so call 0123 456 789.\n"
        "\nYou must never tell anyone.\n",
        encoding="utf-8",
    )
    for _ in range(2):  # the first run may build the caches, the second reads them
        done = subprocess.run(
            [sys.executable, "-m", "lessonkit", "check", str(text), "--audience", "students", "--band", "8-10"],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp_path,
        )
        assert done.returncode == 1, done.stderr
        assert done.stderr == ""
        summary = done.stdout.splitlines()[-1]
        assert " warning(s) in 1 file(s);" in summary and not summary.startswith("0 error(s)"), summary


def test_an_open_shard_file_left_to_the_end_closes_silently(tmp_path: Path) -> None:
    # Held by `sys` (wiped last), the shard file is deleted after `os` was wiped name by name (the
    # exit-time freeze keeps modules from being collected whole): its `__del__` must not need a
    # module global that is gone by then.
    data = tmp_path / "shards.bin"
    data.write_bytes(b"x")
    code = (
        "import atexit, gc, os, sys\n"
        "from lessonkit.check.resources import ShardFile\n"
        f"sys._kept = ShardFile(os.open({str(data)!r}, os.O_RDONLY), {{}}, 0, 0)\n"
        "atexit.register(gc.freeze)\n"
    )
    done = _run(code, ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_a_small_check_makes_no_collection_that_frees_nothing(tmp_path: Path) -> None:
    # With Python's default threshold (700) the same check ran 37 collections of the youngest
    # generation, each walking what start-up had just made, all of it still alive.
    lines = _check_note(
        tmp_path,
        "If someone tricks you, it is never your fault. Tell a trusted adult.\n",
        "before = gc.get_stats()[0]['collections']\n",
        "print('collections', gc.get_stats()[0]['collections'] - before)\n",
    )
    assert int(lines[-1].split()[-1]) <= 2
