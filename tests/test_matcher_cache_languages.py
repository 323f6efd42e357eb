"""The derived matchers are cached one file per rule folder, and a check reads only its language's.

Before, one file held every language's matchers: once the whole curriculum had been checked (2.3 MB),
a check of one English sentence read and verified all of it, about a tenth of its start-up, and
built its anchor set from every language's strings (docs/performance.md, tenth round).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.usefixtures("own_key_home")  # a key of their own: never the user's

ENGLISH = "If anything happens online, it is your own fault.\n"
GERMAN = "Wenn online etwas passiert, bist du selbst schuld.\n"

# Runs a check in a child process and prints the name of every sealed cache file it reads.
_SPY = """
import sys
from pathlib import Path
from lessonkit import cache_file
from lessonkit.check import patterns
read = cache_file.read_sealed_file
def spy(path, *args, **kwargs):
    print("READ", Path(path).name, file=sys.stderr)
    return read(path, *args, **kwargs)
patterns.read_sealed_file = spy
from lessonkit.cli import main
sys.argv = ["lessonkit", *sys.argv[1:]]
main()
"""


def _check(tmp_path: Path, text: str, language: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / f"{language}.txt"
    path.write_text(text, encoding="utf-8")
    env = {**os.environ, "LESSONKIT_CACHE": str(tmp_path / "cache")}
    command = ["check", str(path), "--lang", language, "--audience", "students", "--band", "14-18"]
    return subprocess.run(
        [sys.executable, "-c", _SPY, *command], capture_output=True, text=True, env=env, cwd=ROOT, check=False
    )


def _matchers_read(run: subprocess.CompletedProcess[str]) -> list[str]:
    names = [line.split()[1] for line in run.stderr.splitlines() if line.startswith("READ matchers-")]
    return sorted(name.split("-")[1] for name in names)


def test_each_language_has_its_own_matcher_file_and_a_check_reads_only_its_own(tmp_path: Path) -> None:
    english = _check(tmp_path, ENGLISH, "en")
    assert english.returncode == 1, english.stderr  # the blaming sentence is an error
    assert "tone." in english.stdout
    german = _check(tmp_path, GERMAN, "de")
    assert german.returncode == 1, german.stderr
    files = sorted(p.name.split("-")[1] for p in (tmp_path / "cache").glob("matchers-*.marshal"))
    assert "en" in files and "de" in files
    assert len(files) == len(set(files))  # one file per rule folder
    again = _check(tmp_path, ENGLISH, "en")
    assert again.stdout == english.stdout  # the same findings from the warm cache
    read = _matchers_read(again)
    assert "en" in read
    assert "de" not in read and "ar" not in read and "es" not in read


def test_a_rule_is_compiled_and_keyed_with_the_macros_it_uses_only() -> None:
    from lessonkit.check import patterns
    from lessonkit.problems import LessonkitError

    define = {"WHO": "you|she", "BLAME": "{WHO} (?:are|is) to blame", "UNUSED": "anything at all"}
    assert patterns.macros_used(["{BLAME} now", "{MISSING}"], define) == {"BLAME", "WHO"}
    patterns._compile.cache_clear()
    try:
        full = patterns.compile_patterns(["{BLAME} now"], define, language="en")
        calls = patterns._compile.cache_info().misses
        # Another unused macro (as when a file's define table grows) meets the same compiled matcher.
        again = patterns.compile_patterns(["{BLAME} now"], {**define, "MORE": "x"}, language="en")
        assert again is full and patterns._compile.cache_info().misses == calls
        assert [h.span() for h in full.finditer("So she is to blame now.")] == [(3, 22)]
    finally:
        patterns._compile.cache_clear()
    with pytest.raises(LessonkitError, match="unknown macro"):
        patterns.compile_patterns(["{MISSING} x"], define, language="en")


def _records(path: Path) -> set[str]:
    import marshal

    from lessonkit.cache_file import read_sealed_file

    data = read_sealed_file(path, limit=64 * 1024 * 1024)
    assert data is not None, path  # signed with the test's own key, as the child process signed it
    records = marshal.loads(data)
    assert isinstance(records, dict)
    return set(records)


def test_a_rule_edit_starts_a_matcher_file_that_holds_only_the_edited_rules(project: Path) -> None:
    """A matchers file holds one version of the rules (thirty-fourth session).

    Named by the deriving code alone, the file kept every matcher any earlier version of the rules had
    made: a checkout whose rules were tuned through a session read 5.6 MB where 2.3 MB was live, and a
    check of one small file cost 848 M instructions instead of 729 M.
    """
    shutil.copytree(ROOT / "rules", project / "rules")
    text = project / "lessons" / "note.txt"
    text.write_text(ENGLISH, encoding="utf-8")
    cache = project / ".lessonkit-cache"  # a project's own cache folder
    env = {key: value for key, value in os.environ.items() if key != "LESSONKIT_CACHE"}
    command = [sys.executable, "-m", "lessonkit", "check", str(text), "--lang", "en", "--audience", "students"]

    def check() -> subprocess.CompletedProcess[str]:
        return subprocess.run([*command, "--band", "14-18"], capture_output=True, text=True, env=env, check=False)

    first = check()
    assert first.returncode == 1 and "tone." in first.stdout, first.stderr
    (before,) = cache.glob("matchers-en-*.marshal")
    tone = project / "rules" / "en" / "tone.yml"
    source = tone.read_text(encoding="utf-8")
    assert source.count('      - "had it coming"\n') == 1
    tone.write_text(source.replace('      - "had it coming"\n', '      - "had it all coming"\n'), encoding="utf-8")
    second = check()
    assert second.stdout == first.stdout, second.stderr
    after = [path for path in cache.glob("matchers-en-*.marshal") if path != before]
    assert len(after) == 1  # a new file for the edited rules; the old one is left to pruning
    old, new = _records(before), _records(after[0])
    # The same rules were compiled, one of them edited: one record replaced, none carried over from before.
    assert len(new) == len(old) and len(old - new) == 1 and len(new - old) == 1
