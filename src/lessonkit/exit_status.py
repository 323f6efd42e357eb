"""What every lessonkit command's exit status means, in one place.

Scripts and CI read these numbers, so they mean the same thing for every command:

- `OK` (0): done, nothing to report (warnings may have been printed).
- `PROBLEMS` (1): the command ran to the end on usable input and found problems in what it
  checked or made: checker errors (or warnings with `--strict`), documents that failed to build,
  coverage gaps, a locale not yet shippable, a site published without a refused translation.
- `UNUSABLE` (2): the input or the arguments cannot be used, and nothing was made from them: a
  lesson that does not load, a catalogue that cannot be read or that translation QA refuses
  (tampered numbers, links or markup), a bad option.
- `INTERRUPTED` (130): stopped by Ctrl+C (the shell's convention, 128 + SIGINT).
"""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """The exit status of a lessonkit command (see the module's docstring)."""

    OK = 0
    PROBLEMS = 1
    UNUSABLE = 2
    INTERRUPTED = 130
