"""The `lessonkit` command line: one module per command, registered on one click group."""

from __future__ import annotations

import sys

import click

from lessonkit import __version__
from lessonkit.cli.build_cmd import build_command
from lessonkit.cli.check_cmd import check_command
from lessonkit.cli.coverage_cmd import coverage_command
from lessonkit.cli.i18n_cmd import i18n_command
from lessonkit.cli.list_cmd import list_command
from lessonkit.cli.site_cmd import site_command
from lessonkit.cli.validate_cmd import validate_command
from lessonkit.problems import LessonkitError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lessonkit")
def cli() -> None:
    """lessonkit: build and check an open curriculum against online child sexual exploitation."""


cli.add_command(validate_command)
cli.add_command(list_command)
cli.add_command(coverage_command)
cli.add_command(i18n_command)
cli.add_command(site_command)
cli.add_command(check_command)
cli.add_command(build_command)


def main() -> None:
    """Console entry point: user errors end with a message and exit code 2, never a traceback."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("lessonkit: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as err:
        err.show()
        sys.exit(2 if err.exit_code != 0 else 0)
    except LessonkitError as err:
        click.echo(f"lessonkit: error: {err}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)
