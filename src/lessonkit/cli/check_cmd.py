"""`lessonkit check`: the age-appropriateness checker (rules in `rules/`, see docs/checker.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from lessonkit.check.rule_codes import QA_RULE
from lessonkit.check.run import Options, check_paths
from lessonkit.diagnostics import ERROR, WARNING, UnusableInputError
from lessonkit.diagnostics.report import FORMATS, unusable
from lessonkit.exit_status import ExitStatus

AUDIENCES = ("students", "parents", "educators")


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--band", help="Age band of the text (e.g. 8-10); supplies or overrides the lesson's band.")
@click.option("--audience", type=click.Choice(AUDIENCES), help="Who reads the text; supplies or overrides it.")
@click.option("--lang", "language", help="Language of the text (e.g. en, de, ar); selects the rules.")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Warnings also fail the check (exit 1).")
def check_command(
    paths: tuple[Path, ...], band: str | None, audience: str | None, language: str | None, fmt: str, strict: bool
) -> None:
    """Check lessons (default: the whole curriculum) for age-appropriate language, tone and structure.

    PATH may be a lesson, a folder, a country pack, or any Markdown or plain-text file without
    front matter (then --band, --audience and --lang say who reads it). Findings are printed as
    `path:line:col: severity rule-id message [suggestion]` (or as JSON, GitHub annotations or
    SARIF with --format, also for unusable input). Exit status: 0 no errors, 1 errors (or
    warnings with --strict), 2 unusable input or arguments (including a translation that
    translation QA refuses). See docs/diagnostics.md.
    """
    try:
        report, root = check_paths(list(paths), Options(band=band, audience=audience, language=language))
    except UnusableInputError as err:
        refused = unusable(err.diagnostics)
        if fmt in ("text", "summary"):
            click.echo("\n".join(str(d) for d in refused.findings))
            fix = err.headline or "run 'lessonkit validate'"
            click.echo(f"{len(refused.findings)} problem(s) make the input unusable; {fix}", err=True)
        else:
            click.echo(FORMATS[fmt](refused))
        sys.exit(ExitStatus.UNUSABLE)
    report = report.relative_to(root)
    output = FORMATS[fmt](report)
    if output:
        click.echo(output)
    # A translation that QA refuses is unusable input, as for `i18n check` and the build: exit 2.
    if any(f.code == QA_RULE and f.severity == ERROR for f in report.findings):
        sys.exit(ExitStatus.UNUSABLE)
    failed = report.count(ERROR) or (strict and report.count(WARNING))
    sys.exit(ExitStatus.PROBLEMS if failed else ExitStatus.OK)
