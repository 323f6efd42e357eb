"""The click group of every `lessonkit` command: one module per command, imported when it runs."""

from __future__ import annotations

import importlib
import sys

import click

from lessonkit import __version__
from lessonkit.exit_status import ExitStatus

# Command name -> its module in lessonkit.cli. A command's module is imported only when that
# command runs, so `lessonkit check` (a pre-commit hook, run often) does not load the build
# pipeline and its renderers first.
COMMANDS = {
    "validate": "validate_cmd",
    "list": "list_cmd",
    "coverage": "coverage_cmd",
    "i18n": "i18n_cmd",
    "locale": "locale_cmd",
    "site": "site_cmd",
    "check": "check_cmd",
    "build": "build_cmd",
    "export": "export_cmd",
    "evaluate": "evaluate_cmd",
}


class LazyGroup(click.Group):
    """A click group that imports each subcommand when it is used (click's documented pattern)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command, in the order of `lessonkit --help`."""
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command, imported now; None for an unknown name (click then suggests one)."""
        if cmd_name not in COMMANDS:
            return None
        module = importlib.import_module(f"lessonkit.cli.{COMMANDS[cmd_name]}")
        command = getattr(module, f"{cmd_name}_command")
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lessonkit")
def cli() -> None:
    """lessonkit: build and check an open curriculum against online child sexual exploitation."""


def run_click() -> None:
    """Run the command line through click; click's own errors are reported as click does, exit 2."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        raise KeyboardInterrupt from None  # reported by `lessonkit.cli.main`, as on the plain path
    except click.ClickException as err:
        err.show()
        sys.exit(ExitStatus.UNUSABLE if err.exit_code != 0 else ExitStatus.OK)
