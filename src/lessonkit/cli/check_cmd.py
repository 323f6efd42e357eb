"""`lessonkit check`: the age-appropriateness checker (rules in `rules/`, see docs/checker.md).

The click command for `lessonkit --help`, `check --help` and command lines that are not plain;
its options are `check_options.OPTIONS`, and a plain command line skips click (`lessonkit.cli.main`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from lessonkit.cli.check_options import OPTIONS, CheckArgs
from lessonkit.cli.check_run import run_check
from lessonkit.exit_status import ExitStatus


def _with_options(command: Callable[..., Any]) -> Callable[..., Any]:
    # Applied last first, so that `--help` lists them in the order of OPTIONS.
    for option in reversed(OPTIONS):
        if option.is_flag:
            command = click.option(option.flag, option.name, is_flag=True, help=option.help)(command)
        else:
            kind = click.Choice(option.choices) if option.choices is not None else None
            show = option.default is not None
            command = click.option(
                option.flag, option.name, type=kind, default=option.default, show_default=show, help=option.help
            )(command)
    return command


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_with_options
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
    sys.exit(ExitStatus(run_check(CheckArgs(paths, band, audience, language, fmt, strict), click.echo)))
