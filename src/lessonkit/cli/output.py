"""The `--format` option and the printing of diagnostics that every reporting command shares.

`text` is each command's own line format (`path:line:col: severity CODE message`); the machine
formats (JSON, GitHub annotations, SARIF 2.1.0) are those of `lessonkit.diagnostics.report`, on
stdout, for results and for refused input alike (docs/diagnostics.md).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import NoReturn

import click

from lessonkit.diagnostics import Diagnostic, UnusableInputError
from lessonkit.diagnostics.report import FORMATS, MACHINE_FORMATS, Report
from lessonkit.exit_status import ExitStatus

TEXT = "text"

FORMAT_OPTION = click.option(
    "--format",
    "fmt",
    type=click.Choice([TEXT, *MACHINE_FORMATS]),
    default=TEXT,
    show_default=True,
    help="Output: text lines, or JSON, GitHub annotations or SARIF 2.1.0 on stdout (docs/diagnostics.md).",
)
# `lessonkit export` already uses `--format` for what it writes (GIFT, QTI, a cartridge), so its
# diagnostics take the same choices under another name.
DIAGNOSTICS_FORMAT_OPTION = click.option(
    "--diagnostics-format",
    "fmt",
    type=click.Choice([TEXT, *MACHINE_FORMATS]),
    default=TEXT,
    show_default=True,
    help="Problems as text lines on stderr, or as JSON, GitHub annotations or SARIF 2.1.0 on stdout.",
)


def echo_machine(diagnostics: Iterable[Diagnostic], fmt: str, files: int = 0) -> None:
    """The diagnostics in a machine format on stdout (nothing for `text`: commands print their own)."""
    if fmt != TEXT:
        click.echo(FORMATS[fmt](Report(list(diagnostics), files=files)))


def echo_diagnostics(diagnostics: Iterable[Diagnostic], fmt: str, files: int = 0) -> None:
    """For commands whose stdout is their result: text lines on stderr, a machine format on stdout."""
    if fmt == TEXT:
        for diagnostic in diagnostics:
            click.echo(str(diagnostic), err=True)
    else:
        echo_machine(diagnostics, fmt, files)


def refuse(err: UnusableInputError, fmt: str) -> NoReturn:
    """Unusable input: in a machine format its diagnostics on stdout, else the usual error; exit 2."""
    if fmt == TEXT:
        click.echo(f"lessonkit: error: {err}", err=True)
    else:
        echo_machine(err.diagnostics, fmt)
    sys.exit(ExitStatus.UNUSABLE)
