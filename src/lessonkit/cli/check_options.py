"""The options of `lessonkit check`, defined once, and a parser for the plain command lines of a hook.

`lessonkit check` runs at every commit and on every save in an editor, so its start-up is the
number users feel (issue 18). Importing click costs about a sixth of a check of one small file
(`click.core` pulls in `inspect`, `ast`, `uuid`, `datetime` and more), so `lessonkit.cli.main`
hands a plain command line (`check PATH... --band 8-10 --format json`) straight to the checker,
parsed here, and only anything else (`--help`, a misspelt option, a choice that is not one, an
option without its value) to click, which answers with its usual messages. The click command in
`check_cmd` is built from the same `OPTIONS`, and `tests/test_check_options.py` holds the two
parsers to the same result on every command line this one accepts.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Final, NamedTuple

from lessonkit.diagnostics.report import FORMATS

AUDIENCES: Final = ("students", "parents", "educators")


class Option(NamedTuple):
    """One option of `lessonkit check`: its flag, the parameter it sets, and what click shows of it."""

    flag: str
    name: str
    help: str | None
    choices: tuple[str, ...] | None = None
    default: str | None = None
    is_flag: bool = False


OPTIONS: Final = (
    Option("--band", "band", "Age band of the text (e.g. 8-10); supplies or overrides the lesson's band."),
    Option("--audience", "audience", "Who reads the text; supplies or overrides it.", AUDIENCES),
    Option("--lang", "language", "Language of the text (e.g. en, de, ar); selects the rules."),
    Option("--format", "fmt", None, tuple(FORMATS), "text"),
    Option("--strict", "strict", "Warnings also fail the check (exit 1).", is_flag=True),
)
_BY_FLAG: Final = {option.flag: option for option in OPTIONS}


class CheckArgs(NamedTuple):
    """What a `lessonkit check` command line asks for."""

    paths: tuple[Path, ...]
    band: str | None
    audience: str | None
    language: str | None
    fmt: str
    strict: bool


def plain_check_args(args: Sequence[str]) -> CheckArgs | None:
    """The arguments after `check`, when they are plain; None for anything click should answer.

    Plain: paths, `--` (only paths after it), and the options of `OPTIONS` as `--flag value` or
    `--flag=value` with an allowed value (a repeated option keeps its last value, as in click).
    Everything else is None, left to click: `-h` and `--help`, unknown or abbreviated options, a
    value that is not one of an option's choices, a missing value or one that looks like an option
    (click's own rules for those are subtle), `-` and empty paths.
    """
    values: dict[str, str | None] = {option.name: option.default for option in OPTIONS if not option.is_flag}
    strict = False
    paths: list[Path] = []
    only_paths = False
    position = 0
    while position < len(args):
        word = args[position]
        position += 1
        if word in ("", "-"):
            return None
        if only_paths or not word.startswith("-"):
            paths.append(Path(word))
            continue
        if word == "--":
            only_paths = True
            continue
        flag, equals, value = word.partition("=")
        option = _BY_FLAG.get(flag)
        if option is None:
            return None
        if option.is_flag:
            if equals:
                return None
            strict = True
            continue
        if not equals:
            if position == len(args) or args[position].startswith("-"):
                return None
            value = args[position]
            position += 1
        if option.choices is not None and value not in option.choices:
            return None
        values[option.name] = value
    fmt = values["fmt"]
    assert fmt is not None  # it has a default
    return CheckArgs(tuple(paths), values["band"], values["audience"], values["language"], fmt, strict)
