"""Review of inline suppressions (Markdown comments and PO translator comments): scope and linear work."""

from __future__ import annotations

import random
import shutil
import time
from pathlib import Path

import polib

from conftest import ROOT, run_cli
from lessonkit.check.engine import apply_suppressions
from lessonkit.check.finding import Suppression
from lessonkit.check.suppress import find_suppressions
from lessonkit.diagnostics import Diagnostic, Location
from lessonkit.i18n.store import MAX_PO_BYTES

RULES = {"tone.blame", "tone.fear", "read.long"}


def _reference(findings: list[Diagnostic], suppressions: list[Suppression]) -> tuple[list[Diagnostic], list[int]]:
    """What apply_suppressions did before it looked suppressions up: every suppression tried for every finding."""
    used = [0] * len(suppressions)
    kept = []
    for item in findings:
        cover = next((n for n, s in enumerate(suppressions) if s.covers(item)), None)
        if cover is None:
            kept.append(item)
        else:
            used[cover] += 1
    return kept, used


def test_looked_up_suppressions_silence_what_trying_each_one_silenced() -> None:
    rng = random.Random(7)
    path = Path("lesson.md")
    for _ in range(200):
        lines = []
        for _ in range(rng.randint(1, 40)):
            kind = rng.random()
            if kind < 0.3:
                rule = rng.choice(["tone", "tone.blame", "tone.fear", "read", "read.long"])
                comment = f'<!-- lessonkit: ignore {rule} "fine here" -->'
                lines.append(comment + (" " + comment.replace("tone", "read") if rng.random() < 0.2 else ""))
            else:
                lines.append("" if kind < 0.55 else "Some words.")
        source = "\n".join(lines)
        findings = [
            Diagnostic(
                Location(rng.choice([path, Path("other.md")]), rng.randint(1, len(lines) + 2), rng.randint(1, 3)),
                rng.choice(["tone.blame", "tone.fear", "read.long", "tonex.blame"]),
                "m",
            )
            for _ in range(rng.randint(0, 30))
        ]
        suppressions, problems = find_suppressions(source, path, RULES)
        kept, used = apply_suppressions(findings, source, path, RULES)
        expected_kept, expected_used = _reference(findings, suppressions)
        unused = [f for f in kept if f.code == "check.unused-suppression"]
        assert [f for f in kept if f not in unused] == sorted(expected_kept + problems)
        # Each suppression that silenced nothing is reported once, at its place.
        assert sorted(f.location for f in unused) == sorted(
            s.location for s, n in zip(suppressions, expected_used, strict=True) if n == 0
        )
        assert [count for _, count in used] == expected_used


def test_a_file_of_many_suppressions_and_findings_is_read_in_linear_time() -> None:
    """30,000 suppression lines without a blank line (about 1 MB): each comment's paragraph was found by
    scanning forward from it, and each finding tried every suppression; minutes of work, now a fraction of a second."""
    count = 30_000
    for catalogue, comment in ((True, '# lessonkit: ignore tone "x"'), (False, '<!-- lessonkit: ignore tone "x" -->')):
        source = "\n".join([comment] * count + ["Some words."])
        path = Path("a.po" if catalogue else "a.md")
        findings = [Diagnostic(Location(path, line, 1), "read.long", "m") for line in range(1, count + 1)]
        started = time.perf_counter()
        kept, used = apply_suppressions(findings, source, path, RULES, catalogue=catalogue)
        elapsed = time.perf_counter() - started
        # Every suppression silenced nothing (the findings are of another family): each is reported.
        assert len(kept) == 2 * count and len(used) == count
        assert all(s.last_line == count + 1 for s, _ in used)
        assert elapsed < 5, elapsed


PO = """\
# lessonkit: ignore tone.blame "a quoted line, discussed in class"
msgctxt "a|slide:1"
msgid "One"
msgstr "Eins"
msgctxt "a|slide:2"
msgid "Two"
msgstr "Zwei"
# translator note
#: a.md:3
msgid "Three"
msgstr ""
"Drei"
#~ msgid "Old"
#~ msgstr "Alt"
"""


def test_a_translator_comment_covers_its_entry_only_without_blank_lines_between_entries() -> None:
    """PO needs no blank line between entries: the comment must not reach the entries after its own."""
    (suppression,), problems = find_suppressions(PO, Path("de.po"), RULES, catalogue=True)
    assert not problems
    assert (suppression.location.line, suppression.last_line) == (1, 4)
    findings = [Diagnostic(Location(Path("de.po"), line, 9), "tone.blame", "m") for line in (4, 7)]
    kept, used = apply_suppressions(findings, PO, Path("de.po"), RULES, catalogue=True)
    assert [f.location.line for f in kept] == [7]
    assert [count for _, count in used] == [1]


def test_entries_of_a_catalogue_end_at_the_next_entry_or_blank_line() -> None:
    marked = PO.replace("# translator note", '# lessonkit: ignore tone "x"').replace(
        '#~ msgid "Old"', '# lessonkit: ignore read "y"\n#~ msgid "Old"'
    )
    found, _ = find_suppressions(marked, Path("de.po"), RULES, catalogue=True)
    spans = [(s.rule, s.location.line, s.last_line) for s in found]
    # 'Drei' continues its msgstr; the obsolete entry is an entry of its own.
    assert spans == [("tone.blame", 1, 4), ("tone", 8, 12), ("read", 13, 15)]


def test_a_catalogue_over_two_megabytes_keeps_its_suppressions(tmp_path: Path) -> None:
    """A catalogue may be up to MAX_PO_BYTES (4 MB); its translator comments were read with the 2 MB
    limit of a lesson file, so a larger catalogue's suppressions were silently not applied."""
    for name in ("lessons", "locales", "rules"):
        shutil.copytree(ROOT / name, tmp_path / name)
    path = tmp_path / "locales" / "de" / "online-friends-8-10.po"
    catalogue = polib.pofile(str(path), wrapwidth=0)
    entry = next(e for e in catalogue if e.msgctxt and "|slide:" in e.msgctxt and "{" not in e.msgid)
    entry.msgstr = "Das ist deine eigene Schuld."  # blames the child, in German
    entry.tcomment = 'lessonkit: ignore tone.victim-blaming "a quoted line, discussed in class"'
    catalogue.save()
    with path.open("a", encoding="utf-8") as file:
        file.write("\n" + "# a long translator note, kept at the end of the catalogue\n" * 45_000)
    assert 2 * 1024 * 1024 < path.stat().st_size < MAX_PO_BYTES
    run = run_cli("check", str(path), cwd=tmp_path)
    assert " error tone.victim-blaming" not in run.out, run.out
    assert "1 suppression(s) silenced 1 finding(s)" in run.out
