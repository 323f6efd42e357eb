"""Rule-file macros: `{NAME}` inserts an entry of the language folder's `define` tables.

One definition for both kinds that read them: regular-expression patterns (`patterns.expand`) and
grammar shapes (`linguistic.shape`). A macro may name other macros (`ABSOLUTE: "{LIFELONG}|always"`);
shapes filled one level only until the twelfth session, so a nested name was read as a word.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

MACRO: Final = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")


class MacroError(ValueError):
    """A macro that is not defined, or that names itself; `name` is the macro, `chain` how it was reached."""

    def __init__(self, name: str, chain: tuple[str, ...], unknown: bool) -> None:
        problem = "is not defined" if unknown else f"names itself ({' -> '.join([*chain, name])})"
        super().__init__(f"macro {{{name}}} {problem}")
        self.name = name
        self.unknown = unknown


def fill(text: str, define: dict[str, str], wrap: Callable[[str], str] = str) -> str:
    """`text` with each macro replaced by `wrap` of its body, itself filled, to any depth."""

    def filled(value: str, chain: tuple[str, ...]) -> str:
        def macro(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in define or name in chain:
                raise MacroError(name, chain, unknown=name not in define)
            return wrap(filled(define[name], (*chain, name)))

        return MACRO.sub(macro, value)

    return filled(text, ())


def names(texts: list[str], define: dict[str, str]) -> set[str]:
    """The macros of `define` that the texts name, and those they name in turn (an unknown name is left out)."""
    seen: set[str] = set()
    todo = [name for text in texts for name in MACRO.findall(text)]
    while todo:
        name = todo.pop()
        if name not in seen and name in define:
            seen.add(name)
            todo.extend(MACRO.findall(define[name]))
    return seen
