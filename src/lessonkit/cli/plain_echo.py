"""Printing a line without click, for the paths of `lessonkit` that start without importing it."""

from __future__ import annotations

import sys


def plain_echo(message: str, err: bool = False) -> None:
    """Print a line to stdout (or stderr) as click.echo does for text: the message, a newline, flushed."""
    stream = sys.stderr if err else sys.stdout
    stream.write(message + "\n")
    stream.flush()
