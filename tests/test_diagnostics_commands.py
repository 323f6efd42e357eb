"""Every command reports through the one diagnostic type and exits through the one enum (issue 17 item 2).

`evaluate`, `export`, `i18n status`, `list` and `coverage` print what they refuse or leave out
with the shared formatters (`--format`, or `--diagnostics-format` for `export`, whose `--format`
is what it writes), every command's help offers exactly the shared formats, and no command exits
with a bare number.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

import click
import polib
import pytest
from click.testing import CliRunner

from conftest import ROOT, run_cli
from print_project import example_lessons, make_project
from test_quiz_format import structured_lesson

SOURCE = ROOT / "src" / "lessonkit"
# Calls that end a command, by the name they are called with (`sys.exit`, `ctx.exit`, `SystemExit`,
# click's `Exit`). Not `os._exit`: only a build worker whose parent has died uses it, and nobody
# is left to read that status.
EXITS = {"exit", "SystemExit", "Exit"}
BROKEN_LESSON = "---\ntitle: [unclosed\n---\n"


def _bare_statuses(path: Path) -> list[str]:
    """`path:line: call` for every exit whose status is not an `ExitStatus` member (both arms of an `if`).

    `ExitStatus(status)` counts as a member: the enum raises for a number it does not name.
    """

    def members(expr: ast.expr) -> bool:
        if isinstance(expr, ast.IfExp):
            return members(expr.body) and members(expr.orelse)
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id == "ExitStatus":
            return True  # a status converted through the enum, which refuses a number it does not name
        return isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id == "ExitStatus"

    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name in EXITS and not (len(node.args) == 1 and not node.keywords and members(node.args[0])):
            found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_every_exit_in_the_source_goes_through_the_enum() -> None:
    files = sorted(SOURCE.rglob("*.py"))
    assert len(files) > 100
    assert [hit for path in files for hit in _bare_statuses(path)] == []


def test_the_exit_scan_finds_bare_numbers(tmp_path: Path) -> None:
    # The scan above must be able to fail.
    planted = tmp_path / "planted.py"
    planted.write_text(
        "import sys\n"
        "sys.exit(ExitStatus.OK if a else ExitStatus.PROBLEMS)\n"
        "sys.exit(ExitStatus.OK if a else 1)\n"
        "raise SystemExit(2)\n"
        "ctx.exit(0)\n"
        "sys.exit()\n"
        "sys.exit(ExitStatus(run()))\n"
        "sys.exit(Status(run()))\n",
        encoding="utf-8",
    )
    assert _bare_statuses(planted) == [
        "planted.py:3: sys.exit(ExitStatus.OK if a else 1)",
        "planted.py:4: SystemExit(2)",
        "planted.py:5: ctx.exit(0)",
        "planted.py:6: sys.exit()",
        "planted.py:8: sys.exit(Status(run()))",
    ]


def test_evaluate_report_refuses_files_as_json_diagnostics(tmp_path: Path) -> None:
    bad = tmp_path / "class-3b.csv"
    bad.write_text("kit,band,locale,phase,Name,k1\nK,8-10,en-IE,pre,Sam,1\n", encoding="utf-8")
    result = run_cli("evaluate", "report", str(bad), "--format", "json")
    assert result.code == 2, result.err
    (finding,) = json.loads(result.out)["findings"]
    assert (finding["path"], finding["line"], finding["column"]) == (bad.as_posix(), 1, 23)
    assert finding["rule"] == "R001" and finding["severity"] == "error"
    assert "no report was made" in result.err
    text = run_cli("evaluate", "report", str(bad), "--format", "html")
    assert text.code == 2 and text.out == "" and f"{bad}:1:23: error R001" in text.err


@pytest.fixture
def broken(project: Path) -> Path:
    """A project whose one lesson does not load."""
    (project / "lessons" / "students").mkdir()
    (project / "lessons" / "students" / "broken.md").write_text(BROKEN_LESSON, encoding="utf-8")
    return project


@pytest.mark.parametrize(
    ("command", "option"),
    [(("export", "--format", "gift"), "--diagnostics-format"), (("evaluate", "kit", "--no-pdf"), "--format")],
)
def test_unusable_input_comes_out_in_the_format_asked_for(
    broken: Path, tmp_path: Path, command: tuple[str, ...], option: str
) -> None:
    out = tmp_path / "out"
    result = run_cli(*command, option, "sarif", "--out", str(out), "--project", str(broken))
    assert result.code == 2, result.err
    (run,) = json.loads(result.out)["runs"]
    assert run["results"] and all(r["level"] == "error" for r in run["results"])
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.endswith("lessons/students/broken.md")
    assert not out.exists()
    text = run_cli(*command, "--out", str(out), "--project", str(broken))
    assert text.code == 2 and text.out == "" and "broken.md:" in text.err


def test_export_lists_what_it_left_out_as_json(project: Path, tmp_path: Path) -> None:
    path = project / "lessons" / "students" / "example.md"
    path.parent.mkdir(parents=True)
    path.write_text(structured_lesson(), encoding="utf-8")
    shutil.copytree(ROOT / "locales" / "countries", project / "locales" / "countries")
    shutil.copy(ROOT / "locales" / "locales.yml", project / "locales" / "locales.yml")
    out = tmp_path / "out"
    result = run_cli(
        "export", "--format", "gift", "--diagnostics-format", "json", "--out", str(out), "--project", str(project)
    )
    assert result.code == 0, result.err
    findings = json.loads(result.out)["findings"]
    left_out = [f for f in findings if f["rule"] == "X001"]
    assert left_out and all(f["severity"] == "warning" for f in left_out)
    assert any("de-DE" in f["message"] and f["path"] == "lessons/students/example.md" for f in left_out)
    gift = out / "exports" / "gift" / "en-IE" / "lessonkit-4-7-en-IE.gift.txt"
    assert gift.is_file() and str(gift) in result.err  # the files written go to stderr beside the JSON


def test_i18n_status_gives_what_is_to_fix_as_annotations(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", example_lessons())
    ui = root / "locales" / "de" / "ui.po"
    catalogue = polib.pofile(str(ui))
    entry = catalogue.find("Get help now")
    assert entry is not None
    entry.flags.append("fuzzy")
    catalogue.save(str(ui))
    line = next(e.linenum for e in polib.pofile(str(ui)) if e.msgid == "Get help now")
    result = run_cli("i18n", "status", "--project", str(root), "-l", "de", "--format", "github")
    assert result.code == 0, result.err
    expected = f'::warning file=locales/de/ui.po,line={line},col=1,title=I120::fuzzy: "Get help now"'
    assert expected in result.out.splitlines(), result.out
    assert "NOT READY" not in result.out  # only the diagnostics, not the table
    table = run_cli("i18n", "status", "--project", str(root), "-l", "de")
    assert f'locales/de/ui.po:{line}: fuzzy: "Get help now"' in table.out  # the table is as it was
    rows = json.loads(run_cli("i18n", "status", "--project", str(root), "-l", "de", "--format", "json").out)
    assert {row["catalogue"]: row["fuzzy"] for row in rows if row["language"] == "de"}["ui"] == 1  # and the rows
    ui.write_bytes(b'msgid "x"\nmsgstr "\xff\n')
    unreadable = run_cli("i18n", "status", "--project", str(root), "-l", "de", "--format", "sarif")
    assert unreadable.code == 2, unreadable.err
    results = json.loads(unreadable.out)["runs"][0]["results"]
    assert any(r["ruleId"] == "I107" and r["level"] == "error" for r in results), results


def test_site_refuses_unusable_input_in_the_format_asked_for(broken: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("site", "--out", str(out), "--format", "json", cwd=broken)
    assert result.code == 2, result.err
    findings = json.loads(result.out)["findings"]
    assert findings and all(f["path"].endswith("lessons/students/broken.md") for f in findings)
    assert not out.exists()
    text = run_cli("site", "--out", str(out), cwd=broken)
    assert text.code == 2 and text.out == "" and "run 'lessonkit validate'" in text.err


def test_i18n_import_gives_its_refusals_in_the_format_asked_for(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", example_lessons())
    assert run_cli("i18n", "update", "--project", str(root), "-l", "de").code == 0
    english = "Grown-ups who help us are everywhere."
    text = (root / "lessons" / "example.md").read_text(encoding="utf-8")
    assert english in text
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "example.md").write_text(text.replace(english, "Hilfe gibt es unter 911."), encoding="utf-8")
    result = run_cli("i18n", "import", "--project", str(root), "de", str(copy), "--format", "json")
    assert result.code == 2, result.err
    findings = json.loads(result.out)["findings"]
    assert any(f["rule"] == "I101" and f["path"].endswith("copy/example.md") for f in findings), findings


def _format_choices(words: list[str]) -> set[str]:
    """The choices of a command's diagnostics option (`--diagnostics-format`, else `--format`)."""
    from lessonkit.cli import cli

    command: click.Command | None = cli
    context = click.Context(cli)
    for word in words:
        assert isinstance(command, click.Group), words
        command = command.get_command(context, word)
    assert command is not None, words
    options = {opt: param for param in command.params for opt in param.opts}
    option = options.get("--diagnostics-format") or options["--format"]
    assert isinstance(option.type, click.Choice)
    return set(option.type.choices)


def test_the_formats_table_matches_the_commands() -> None:
    text = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    checked = 0
    for fmt in ("json", "github", "sarif"):
        row = next(line for line in text.splitlines() if line.startswith(f"| `{fmt}` |"))
        commands = row.split("|")[2].split(";")[0]  # after `;` come commands with a limited use
        for name in re.findall(r"`([a-z0-9 ]+)`", commands):
            assert fmt in _format_choices(name.split()), (fmt, name)
            checked += 1
    assert checked >= 33  # every command of the three rows was looked up


@pytest.mark.parametrize("command", ["list", "coverage"])
def test_list_and_coverage_refuse_an_unloadable_curriculum_in_the_format_asked_for(project: Path, command: str) -> None:
    config = project / "lessons" / "curriculum.yml"
    config.write_text(config.read_text(encoding="utf-8") + "bands: [\n", encoding="utf-8")
    result = run_cli(command, str(project), "--format", "json")
    assert result.code == 2, result.err
    (finding,) = json.loads(result.out)["findings"]  # the diagnostics JSON, not the command's own
    assert (finding["path"], finding["rule"], finding["severity"]) == ("lessons/curriculum.yml", "E003", "error")
    github = run_cli(command, str(project), "--format", "github")
    assert github.code == 2 and github.out.startswith("::error file=lessons/curriculum.yml,line="), github.out
    text = run_cli(command, str(project))
    assert text.code == 2 and text.out == "" and "lessons/curriculum.yml:" in text.err and "E003" in text.err


def test_i18n_status_refuses_an_unloadable_curriculum_as_json_diagnostics(project: Path) -> None:
    config = project / "lessons" / "curriculum.yml"
    config.write_text(config.read_text(encoding="utf-8") + "bands: [\n", encoding="utf-8")
    result = run_cli("i18n", "status", "--project", str(project), "--format", "json")
    assert result.code == 2, result.err
    (finding,) = json.loads(result.out)["findings"]
    assert (finding["path"], finding["rule"]) == ("lessons/curriculum.yml", "E003")
    table = run_cli("i18n", "status", "--project", str(project))
    assert table.code == 2 and table.out == "" and "E003" in table.err


def test_coverage_gives_its_gaps_as_sarif_at_the_recommendation(project: Path) -> None:
    # No lessons: every band misses every required recommendation.
    sources = (project / "lessons" / "sources.yml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(sources, 1) if text.strip() == "- id: rec-parents")
    result = run_cli("coverage", str(project), "--format", "sarif")
    assert result.code == 1, result.err
    (run,) = json.loads(result.out)["runs"]
    gaps = [r for r in run["results"] if r["ruleId"] == "C001"]
    assert len(gaps) == 12 and all(r["level"] == "error" for r in gaps)  # 3 recommendations x 4 bands
    where = next(r for r in gaps if r["message"]["text"] == "no lesson for ages 8-10 cites 'rec-parents'")
    location = where["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "lessons/sources.yml"
    assert location["region"] == {"startLine": line, "startColumn": 9}
    assert run["tool"]["driver"]["rules"][0]["shortDescription"]["text"].startswith("an age band with no lesson")
    assert "gap:" not in result.err  # the gaps are the output, not repeated on stderr
    text = run_cli("coverage", str(project))
    assert text.code == 1 and "gap: no lesson for ages 8-10 cites 'rec-parents'" in text.err.splitlines()
    assert text.out.split()[:4] == ["4-7", "8-10", "11-13", "14-18"]  # the matrix itself, unchanged


# Commands that only write files (catalogues, a locale's declaration) and report no diagnostics:
# a bad argument or input ends them with a `lessonkit: error:` line and exit 2.
NO_DIAGNOSTICS = {"i18n extract", "i18n update", "locale add"}
# Formatters that only one command offers, by design: `summary` lists errors and counts warnings,
# the build's format, and `check` offers it for the same view.
ONE_COMMAND = {"summary": "check"}
# Commands whose `--format` names their own output, so it offers only some of the shared formats
# beside its own (docs/diagnostics.md, "Where a command's --format already names its own output").
OWN_OUTPUT = {
    "evaluate report": {"text", "json"},  # text/json/html reports; json also for refused files
    "i18n status": {"json", "github", "sarif"},  # its text is `table`; json its status rows
}
# A format option's choices as `--help` prints them: `--format [text|json|github|sarif]`.
HELP_CHOICES = re.compile(r"^\s*(--[a-z-]*format) \[([a-z0-9|-]+)\]", re.M)


def _leaf_commands() -> list[str]:
    """Every command that runs (groups opened), as its words: `check`, `i18n status`, ..."""
    from lessonkit.cli import cli

    found = []

    def walk(command: click.Command, words: list[str]) -> None:
        if isinstance(command, click.Group):
            for name in command.list_commands(click.Context(command)):
                sub = command.get_command(click.Context(command), name)
                assert sub is not None, name
                walk(sub, [*words, name])
        else:
            found.append(" ".join(words))

    walk(cli, [])
    return found


def _help_choices(words: str) -> dict[str, set[str]]:
    """The format-like options of a command and their choices, read from its `--help` output."""
    from lessonkit.cli import cli

    result = CliRunner().invoke(cli, [*words.split(), "--help"])
    assert result.exit_code == 0, result.output
    return {option: set(choices.split("|")) for option, choices in HELP_CHOICES.findall(result.output)}


def test_every_command_help_offers_exactly_the_shared_formats() -> None:
    from lessonkit.diagnostics.report import FORMATS

    commands = _leaf_commands()
    assert len(commands) >= 16 and {"list", "coverage", "export", "i18n status"} <= set(commands)
    everywhere = set(FORMATS) - set(ONE_COMMAND)
    for command in commands:
        options = _help_choices(command)
        if command in NO_DIAGNOSTICS:
            assert options == {}, command  # the exception list must not go stale
            continue
        # `export --format` is what it writes (GIFT, QTI, a cartridge); its diagnostics have their own option.
        diagnostics = options.get("--diagnostics-format") or options["--format"]
        expected = OWN_OUTPUT.get(command, everywhere | {f for f, only in ONE_COMMAND.items() if only == command})
        assert diagnostics & set(FORMATS) == expected, (command, diagnostics)
        if "--diagnostics-format" in options:
            assert not options["--format"] & set(FORMATS), command  # no name with two meanings


def test_the_help_scan_reads_the_choices() -> None:
    # The scan above must see a format the shared formatters lack, and an option missing one.
    @click.command()
    @click.option("--format", type=click.Choice(["text", "json", "junit"]))
    @click.option("--report-format", type=click.Choice(["text", "json"]))
    def planted() -> None:
        """A command with two format options."""

    text = CliRunner().invoke(planted, ["--help"]).output
    assert dict(HELP_CHOICES.findall(text)) == {"--format": "text|json|junit", "--report-format": "text|json"}
