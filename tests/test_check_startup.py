"""`lessonkit check` on one small file imports only what that run needs (start-up time, issue 18).

These tests never time anything: they hold the start-up work away (modules a run must not
import; the translation QA reports the code that the light `check.rule_codes` defines).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from lessonkit.check import rule_codes

ROOT = Path(__file__).resolve().parent.parent


def _modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running `code`."""
    probe = f"{code}\nimport sys\nprint('\\n'.join(sorted(sys.modules)))\n"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    return set(done.stdout.split())


def test_the_qa_code_is_the_one_translation_qa_reports() -> None:
    from lessonkit.check import translations
    from lessonkit.diagnostics import Diagnostic, Location

    problem = Diagnostic(Location(Path("x.po"), 3, 9), "I101", "a number was changed", "error")
    reported = translations._finding(problem)
    assert reported.code == rule_codes.QA_RULE == "translation.qa"
    assert (reported.location, reported.message) == (problem.location, "I101 a number was changed")


def test_the_check_command_does_not_import_the_translation_stage(tmp_path: Path) -> None:
    # A small text with an error (a phone number), so the exit-status branch that reads QA_RULE runs.
    text = tmp_path / "note.md"
    text.write_text("If you need help, call 1234 now.\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from lessonkit.cli import main\n"
        f"sys.argv = ['lessonkit', 'check', {str(text)!r}, '--audience', 'students', '--band', '8-10']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as stop:\n"
        "    assert stop.code == 1, stop.code\n"
    )
    modules = _modules_after(code)
    assert "lessonkit.check.rule_codes" in modules
    assert not modules & {"lessonkit.check.translations", "polib", "lessonkit.i18n.apply"}
