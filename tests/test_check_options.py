"""A plain `lessonkit check` command line skips click (start-up, issue 18) and means what click would read.

`check_options.plain_check_args` parses the command lines a hook or an editor sends; anything else
goes to click. These tests hold the two to the same parameters on every command line the plain
parser accepts, and the two paths to the same output and exit status.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.cli.check_cmd import check_command
from lessonkit.cli.check_options import CheckArgs, plain_check_args

ROOT = Path(__file__).resolve().parent.parent

WORDS = [
    "a.md", "dir/x.txt", "--band", "8-10", "--band=11-13", "--band=", "--audience", "students", "parents",
    "--audience=educators", "--audience=kids", "--lang", "de", "--lang=ar", "--format", "json", "sarif",
    "--format=github", "--format=xml", "--format=", "--strict", "--strict=1", "--", "-", "", "-h", "--help",
    "--ban", "-x", "--lang=", "--unknown",
]  # fmt: skip


def _click_params(args: list[str]) -> dict[str, object]:
    with check_command.make_context("check", list(args)) as context:
        return dict(context.params)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=8))
def test_what_the_plain_parser_accepts_click_reads_the_same(args: list[str]) -> None:
    plain = plain_check_args(args)
    if plain is not None:
        assert _click_params(args) == plain._asdict()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], CheckArgs((), None, None, None, "text", False)),
        (
            ["a.md", "--band", "8-10", "--audience", "students", "b.md"],
            CheckArgs((Path("a.md"), Path("b.md")), "8-10", "students", None, "text", False),
        ),
        (
            ["--lang=de", "--format=json", "--strict", "--", "--x.md"],
            CheckArgs((Path("--x.md"),), None, None, "de", "json", True),
        ),
        (["--band", "4-7", "--band", "8-10"], CheckArgs((), "8-10", None, None, "text", False)),
    ],
)
def test_the_command_lines_of_hooks_are_plain(args: list[str], expected: CheckArgs) -> None:
    assert plain_check_args(args) == expected
    assert _click_params(args) == expected._asdict()


@pytest.mark.parametrize(
    "args",
    [["--help"], ["-h"], ["--bnad", "8-10"], ["--format", "xml"], ["--band"], ["--band", "--strict"], ["-"], [""]],
)
def test_anything_else_is_left_to_click(args: list[str]) -> None:
    assert plain_check_args(args) is None


def _run(args: list[str], through_click: bool, home: Path) -> tuple[int, str, str, bool]:
    """Exit status, stdout, stderr of `lessonkit check ARGS`, and whether click was imported."""
    # The click path is main() itself with the plain parser refusing everything.
    refuse = "from lessonkit.cli import check_options\ncheck_options.plain_check_args = lambda args: None\n"
    entry = refuse if through_click else ""
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write('\\nCLICK=%s' % ('click' in sys.modules)))\n"
        f"sys.argv = ['lessonkit', 'check', *{args!r}]\n"
        f"{entry}from lessonkit.cli import main\n"
        "main()\n"
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LESSONKIT_CACHE": str(home / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300, check=False
    )
    stderr, _, imported = done.stderr.rpartition("\nCLICK=")
    return done.returncode, done.stdout, stderr, imported == "True"


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_the_plain_path_prints_what_click_prints_and_does_not_import_it(tmp_path: Path, fmt: str) -> None:
    text = tmp_path / "note.md"
    text.write_text("If you need help, call 1234 now. It was your fault.\n", encoding="utf-8")
    args = [str(text), "--audience", "students", "--band", "8-10", "--format", fmt]
    plain = _run(args, through_click=False, home=tmp_path)
    clicked = _run(args, through_click=True, home=tmp_path)
    assert plain[:3] == clicked[:3]
    assert plain[0] == 1  # the text has errors
    assert (plain[3], clicked[3]) == (False, True)
    if fmt == "json":
        assert json.loads(plain[1])["summary"]["errors"] >= 1


def test_unusable_input_ends_the_same_on_both_paths(tmp_path: Path) -> None:
    lesson = tmp_path / "broken.md"
    lesson.write_text("---\ntitle: [unclosed\n---\nHello.\n", encoding="utf-8")
    plain = _run([str(lesson)], through_click=False, home=tmp_path)
    clicked = _run([str(lesson)], through_click=True, home=tmp_path)
    assert plain[:3] == clicked[:3]
    assert plain[0] == 2
    assert "broken.md:" in plain[1] + plain[2]
