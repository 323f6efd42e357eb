"""`lessonkit check` through the real command line: formats, exit codes, suppressions, packs, offline."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import yaml

from conftest import ROOT, run_cli

BLAME = "Some text here.\nIt was your own fault for sending it.\n"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_real_curriculum_has_no_errors() -> None:
    run = run_cli("check", "--format", "json")
    data = json.loads(run.out)
    errors = [f for f in data["findings"] if f["severity"] == "error"]
    assert run.code == 0, run.out + run.err
    assert not errors
    assert data["summary"]["files"] >= 30  # every lesson and guide plus the country packs


def test_plain_text_finding_has_real_line_and_column(tmp_path: Path) -> None:
    path = _write(tmp_path, "note.txt", BLAME)
    run = run_cli("check", str(path), "--audience", "students", "--band", "8-10")
    assert run.code == 1
    # The sentence also draws the tone classifier's warning (at the sentence, 2:1); the pattern's error
    # is located at its words.
    (first,) = [line for line in run.out.splitlines() if " error " in line]
    assert first.startswith(f"{path}:2:8: error tone.victim-blaming ")
    assert "[say that it is never the child's fault" in first
    assert any(line.startswith(f"{path}:2:1: warning tone.classifier-blame ") for line in run.out.splitlines())
    assert "1 error(s)" in run.out.splitlines()[-1]


def test_good_text_passes(tmp_path: Path) -> None:
    path = _write(tmp_path, "good.md", "If someone tricks you, it is never your fault. Tell a trusted adult.\n")
    run = run_cli("check", str(path), "--audience", "students", "--band", "8-10")
    assert run.code == 0, run.out
    assert run.out.strip().startswith("0 error(s), 0 warning(s)")


def test_json_and_github_formats(tmp_path: Path) -> None:
    path = _write(tmp_path, "note.md", BLAME)
    data = json.loads(run_cli("check", str(path), "--format", "json").out)
    (finding,) = [f for f in data["findings"] if f["severity"] == "error"]
    assert set(finding) == {"path", "line", "column", "rule", "severity", "message", "suggestion"}
    assert (finding["line"], finding["column"], finding["rule"]) == (2, 8, "tone.victim-blaming")
    assert data["summary"]["errors"] == 1
    github = [x for x in run_cli("check", str(path), "--format", "github").out.splitlines() if x.startswith("::error")]
    assert len(github) == 1 and ",line=2,col=8,title=tone.victim-blaming::" in github[0]


def test_summary_format_lists_errors_and_counts_warnings(tmp_path: Path) -> None:
    # A blaming sentence (error) and a rare word (warning) in a text for 8-10 year olds.
    path = _write(tmp_path, "mixed.md", BLAME + "\nThe perpetrator's obfuscation was perspicacious.\n")
    full = run_cli("check", str(path), "--audience", "students", "--band", "8-10").out.splitlines()
    short = run_cli("check", str(path), "--audience", "students", "--band", "8-10", "--format", "summary")
    warnings = [line for line in full if " warning " in line]
    assert warnings, full
    assert short.code == 1
    errors = [line for line in full if " error " in line]
    assert [line for line in short.out.splitlines() if " error " in line] == errors
    assert not any(" warning " in line for line in short.out.splitlines())
    assert full[-1] in short.out  # the same summary line, warnings counted
    assert "run 'lessonkit check' to see them" in short.out


def test_suppression_needs_a_reason_and_is_listed(tmp_path: Path) -> None:
    good = _write(
        tmp_path,
        "quote.md",
        '<!-- lessonkit: ignore tone.victim-blaming "quoting what an offender says, for educators" -->\n'
        "The offender told her: it was your own fault.\n\nIt was your own fault.\n",
    )
    run = run_cli("check", str(good))
    assert run.code == 1
    assert f"{good}:4:8: error tone.victim-blaming" in run.out  # the next paragraph is not covered
    assert f'{good}:1:1: suppressed tone.victim-blaming "quoting what an offender says, for educators" (1' in run.out
    bare = _write(tmp_path, "bare.md", "<!-- lessonkit: ignore tone.victim-blaming -->\nIt was your own fault.\n")
    run = run_cli("check", str(bare))
    assert "error check.suppression suppression of tone.victim-blaming needs a reason" in run.out
    assert run.code == 1


def test_strict_makes_warnings_fail(tmp_path: Path) -> None:
    path = _write(tmp_path, "loud.md", "Never do this! Stop now!\n")
    assert run_cli("check", str(path), "--audience", "students", "--band", "8-10").code == 0
    assert run_cli("check", str(path), "--audience", "students", "--band", "8-10", "--strict").code == 1


def test_band_selects_rules(tmp_path: Path) -> None:
    path = _write(tmp_path, "pics.md", "Nobody should ask you for nudes. Tell a trusted adult.\n")
    young = run_cli("check", str(path), "--audience", "students", "--band", "8-10")
    older = run_cli("check", str(path), "--audience", "students", "--band", "14-18")
    assert "vocabulary.sexual-under-11" in young.out and young.code == 1
    assert "vocabulary.sexual-under-11" not in older.out and older.code == 0


def test_language_selects_rules(tmp_path: Path) -> None:
    path = _write(tmp_path, "de.md", "Das ist niemals deine Schuld. Das war deine eigene Schuld.\n")
    run = run_cli("check", str(path), "--lang", "de")
    assert run.code == 1
    assert run.out.count("tone.victim-blaming") == 1 and ":1:35: " in run.out


def test_unusable_input_exits_2(tmp_path: Path) -> None:
    assert run_cli("check", str(tmp_path / "missing.md")).code == 2
    assert run_cli("check", "--format", "xml").code == 2
    assert run_cli("check", "--band", "9-99").code == 2
    broken = ROOT / "tests" / "fixtures" / "broken" / "lessons" / "bad" / "03-yaml-syntax.md"
    run = run_cli("check", str(broken))
    assert run.code == 2 and "E003" in run.out


def test_country_pack_findings(tmp_path: Path) -> None:
    countries = tmp_path / "locales" / "countries"
    countries.mkdir(parents=True)
    pack = _write(
        countries,
        "XX.yml",
        "country: XX\nname: Nowhere\nservices:\n  child_helpline:\n    - name: Kids Line\n"
        "      description: Free.\n      contacts: [{kind: phone, value: '1234'}]\n      verified: false\n",
    )
    run = run_cli("check", str(pack))
    assert run.code == 1
    assert f"{pack}:5:1: error pack.source service 'Kids Line' has no source address" in run.out
    assert f"{pack}:5:1: warning pack.verified service 'Kids Line' is not verified yet" in run.out


def test_real_country_packs_are_checked(tmp_path: Path) -> None:
    run = run_cli("check", "locales/countries/IE.yml", "locales/countries/DE.yml")
    assert run.code == 0, run.out
    assert "0 error(s)" in run.out and "in 2 file(s)" in run.out
    # The same pack with one entry waiting for its check: the checker says so, at that entry.
    text = (ROOT / "locales" / "countries" / "IE.yml").read_text(encoding="utf-8")
    pack = tmp_path / "locales" / "countries" / "IE.yml"
    pack.parent.mkdir(parents=True)
    pack.write_text(text.replace("verified: 2026-11-30", "verified: false", 1), encoding="utf-8")
    run = run_cli("check", str(pack))
    assert "warning pack.verified service 'Childline (ISPCC)' is not verified yet" in run.out
    assert run.code == 0


def test_a_named_file_the_checker_cannot_read_is_an_error_not_a_clean_result(tmp_path: Path) -> None:
    stray = tmp_path / "IE.yml"
    stray.write_text("country: IE\n", encoding="utf-8")
    run = run_cli("check", str(stray))
    assert run.code == 2
    expected = f"{stray}: not a lesson, a Markdown or text file, a translation catalogue or a country pack"
    assert expected in run.err + run.out


def test_no_network_access_even_with_a_cold_cache(tmp_path: Path) -> None:
    """textstat would download NLTK's CMUdict; with sockets disabled the check must still score English text."""
    hard = (
        "Notwithstanding considerable institutional investment, contemporary safeguarding infrastructures "
        "frequently demonstrate insufficient responsiveness regarding technologically facilitated exploitation, "
        "necessitating comprehensive interdisciplinary collaboration between educational establishments, "
        "specialised investigative authorities and international regulatory organisations. Consequently, "
        "administrative organisations must systematically reconsider institutional responsibilities.\n"
    )
    path = _write(tmp_path, "hard.md", hard)
    script = (
        "import socket, sys\n"
        "def refuse(*a, **k): raise RuntimeError('network access attempted')\n"
        "socket.socket.connect = refuse; socket.create_connection = refuse; socket.getaddrinfo = refuse\n"
        f"sys.argv = ['lessonkit', 'check', {str(path)!r}, '--audience', 'students', '--band', '8-10']\n"
        "import lessonkit.cli as cli\n"
        "cli.main()\n"
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LESSONKIT_CACHE": str(tmp_path / "cache")}
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300, check=False
    )
    assert "network access attempted" not in proc.stderr + proc.stdout
    assert "warning readability.grade" in proc.stdout, proc.stderr


def _project_copy(folder: Path) -> Path:
    for name in ("lessons", "locales", "rules"):
        shutil.copytree(ROOT / name, folder / name)
    return folder


def test_a_named_catalogue_is_checked_as_its_translated_lesson(tmp_path: Path) -> None:
    root = _project_copy(tmp_path)
    path = root / "locales" / "de" / "online-friends-8-10.po"
    catalogue = polib.pofile(str(path), wrapwidth=0)
    entry = next(e for e in catalogue if e.msgctxt and "|slide:" in e.msgctxt and "{" not in e.msgid)
    entry.msgstr = "Das ist deine eigene Schuld."  # blames the child, in German
    catalogue.save()
    line = path.read_text(encoding="utf-8").split("\n").index('msgstr "Das ist deine eigene Schuld."') + 1
    run = run_cli("check", str(path), cwd=root)
    assert run.code == 1, run.out  # a finding, not a refused translation
    # At the blaming words in the msgstr ('ist deine eigene Schuld', column 13), not at the entry's first line.
    assert f"locales/de/online-friends-8-10.po:{line}:13: error tone.victim-blaming [de]" in run.out
    assert "in 1 file(s)" in run.out
    # The real catalogue of the same lesson is clean.
    clean = run_cli("check", str(ROOT / "locales" / "de" / "online-friends-8-10.po"))
    assert clean.code == 0, clean.out
    assert " error " not in clean.out


def test_a_translator_comment_suppresses_one_rule_for_its_entry_only(tmp_path: Path) -> None:
    root = _project_copy(tmp_path)
    path = root / "locales" / "de" / "online-friends-8-10.po"
    catalogue = polib.pofile(str(path), wrapwidth=0)
    entries = [e for e in catalogue if e.msgctxt and "|slide:" in e.msgctxt and "{" not in e.msgid][:3]
    for entry in entries:
        entry.msgstr = "Das ist deine eigene Schuld."  # blames the child, in German
    entries[0].tcomment = 'lessonkit: ignore tone.victim-blaming "a quoted line, discussed in class"'
    entries[1].tcomment = "lessonkit: ignore tone.victim-blaming"  # no reason
    entries[2].tcomment = 'lessonkit: ignore translation.qa "the number is fine"'
    catalogue.save()
    lines = path.read_text(encoding="utf-8").split("\n")
    blamed = [number for number, line in enumerate(lines, 1) if line == 'msgstr "Das ist deine eigene Schuld."']
    comments = [number for number, line in enumerate(lines, 1) if line.startswith("# lessonkit: ignore")]
    assert len(blamed) == 3 and len(comments) == 3
    run = run_cli("check", str(path), cwd=root)
    name = "locales/de/online-friends-8-10.po"
    # The first entry's finding is silenced and listed; the other two entries keep theirs.
    assert f"{name}:{blamed[0]}:13: error tone.victim-blaming" not in run.out, run.out
    assert f'{name}:{comments[0]}:1: suppressed tone.victim-blaming "a quoted line, discussed in class" (1' in run.out
    assert f"{name}:{blamed[1]}:13: error tone.victim-blaming" in run.out
    missing = "error check.suppression suppression of tone.victim-blaming needs a reason"
    assert f"{name}:{comments[1]}:1: {missing}" in run.out
    assert f"{name}:{blamed[2]}:13: error tone.victim-blaming" in run.out
    assert f"{name}:{comments[2]}:1: error check.suppression translation.qa cannot be suppressed" in run.out
    assert run.code == 1
    # The whole-curriculum run reads the same comments.
    whole = run_cli("check", cwd=root)
    assert f"{name}:{blamed[0]}:13: error tone.victim-blaming" not in whole.out
    assert f"{name}:{blamed[1]}:13: error tone.victim-blaming" in whole.out


def test_a_named_catalogue_gets_the_translation_qa(tmp_path: Path) -> None:
    root = _project_copy(tmp_path)
    path = root / "locales" / "ar" / "online-friends-8-10.po"
    catalogue = polib.pofile(str(path), wrapwidth=0)
    entry = next(e for e in catalogue if e.msgstr and "|slide:" in (e.msgctxt or "") and "{" not in e.msgid)
    entry.msgstr += " 0800 123 4567"  # a phone number that no country pack publishes
    catalogue.save()
    run = run_cli("check", str(path), cwd=root)
    assert run.code == 2, run.out  # refused by translation QA: unusable input, as for `i18n check`
    assert "error translation.qa I101 phone number '0800 123 4567'" in run.out


def test_pre_commit_hooks_cover_lessons_catalogues_and_packs() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {hook["entry"].split()[:2] == ["lessonkit", "check"] for hook in hooks} == {True}
    for hook in hooks:
        files = re.compile(hook["files"])
        for path in ("lessons/students/8-10/privacy.md", "locales/de/privacy-8-10.po", "locales/countries/IE.yml"):
            assert files.search(path), (hook["id"], path)
        for path in ("locales/templates/privacy-8-10.pot", "src/lessonkit/cli/__init__.py", "README.md"):
            assert not files.search(path), (hook["id"], path)


def test_section_titles_are_checked_where_they_are_written(tmp_path: Path) -> None:
    path = _write(tmp_path, "titled.md", '::: slide {title="It was your own fault"}\nTell a trusted adult.\n:::\n')
    run = run_cli("check", str(path), "--audience", "students", "--band", "8-10")
    assert run.code == 1
    assert f"{path}:1:26: error tone.victim-blaming blames the child: 'your own fault'" in run.out


def test_arabic_words_keep_their_vowel_marks() -> None:
    from lessonkit.check.sentences import WORD

    assert WORD.findall("هو متدخّل في كلّ شيء، وسيُعامَل don't re-use café") == [
        "هو",
        "متدخّل",
        "في",
        "كلّ",
        "شيء",
        "وسيُعامَل",
        "don't",
        "re-use",
        "café",
    ]


def test_a_suppression_that_silences_nothing_is_a_warning_at_its_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "note.md", 'Talk to a trusted adult.\n\n<!-- lessonkit: ignore tone "old text" -->\nThe cat sat.\n'
    )
    run = run_cli("check", str(path), "--audience", "parents")
    assert run.code == 0, run.out + run.err
    assert f"{path}:3:1: warning check.unused-suppression unused suppression: tone" in run.out
    assert run_cli("check", str(path), "--audience", "parents", "--strict").code == 1
    used = _write(
        tmp_path, "used.md", '<!-- lessonkit: ignore tone "quoted" -->\nIt was your own fault for sending it.\n'
    )
    run = run_cli("check", str(used), "--audience", "parents")
    assert "unused-suppression" not in run.out, run.out
