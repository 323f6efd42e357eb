"""The `lessonkit` command line: one module per command, registered on one click group (`group`).

A plain `lessonkit check` command line skips click (see `check_options`): the hook that runs at
every commit then starts without importing it.
"""

from __future__ import annotations

import atexit
import gc
import sys
from typing import Any

from lessonkit.exit_status import ExitStatus
from lessonkit.problems import LessonkitError

# Objects made and not freed between two collections of the youngest generation (Python's default: 700).
_YOUNG_OBJECTS = 100_000


def main() -> None:
    """Console entry point: user errors end with a message and exit code 2, never a traceback."""
    # The interpreter's last act is a garbage collection that walks every object still alive,
    # every module's functions and tables included: about 7 ms of a 100 ms check of one small
    # file. Nothing lessonkit leaves needs a collection at exit (files are closed by `with`,
    # output is flushed by the interpreter), so at exit, and only then, the living objects are
    # frozen: moved where no collection looks. Handlers registered later run before this one.
    atexit.unregister(gc.freeze)  # once, however often main() is called in one process
    atexit.register(gc.freeze)
    # The cyclic collector runs each time 700 more objects are made than freed, and a command's
    # start (imports, the rule and matcher caches read in) makes hundreds of thousands that live
    # to the end: 37 collections that freed nothing in a check of one small file (2% of its instructions).
    # Almost nothing lessonkit makes is a cycle (reference counting frees the rest), so the
    # youngest generation is collected after _YOUNG_OBJECTS instead.
    gc.set_threshold(_YOUNG_OBJECTS, *gc.get_threshold()[1:])
    try:
        _run(sys.argv[1:])
    except KeyboardInterrupt:
        _error("lessonkit: interrupted")
        sys.exit(ExitStatus.INTERRUPTED)
    except LessonkitError as err:
        _error(f"lessonkit: error: {err}")
        sys.exit(ExitStatus.UNUSABLE)
    except BrokenPipeError:
        sys.exit(ExitStatus.OK)


def _run(args: list[str]) -> None:
    if args[:1] == ["check"]:
        from lessonkit.cli.check_options import plain_check_args

        plain = plain_check_args(args[1:])
        if plain is not None:
            from lessonkit.cli.check_run import run_check
            from lessonkit.cli.plain_echo import plain_echo

            sys.exit(ExitStatus(run_check(plain, plain_echo)))
    from lessonkit.cli.group import run_click

    run_click()


def _error(message: str) -> None:
    from lessonkit.cli.plain_echo import plain_echo

    plain_echo(message, err=True)


def __getattr__(name: str) -> Any:
    # `lessonkit.cli.cli`, the click group (tests and tools walk it), without importing click for `main`.
    if name == "cli":
        from lessonkit.cli.group import cli

        return cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
