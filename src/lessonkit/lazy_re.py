"""Module-level regular expressions compiled at their first use, not at import.

Python compiles a regular expression in Python code: a class of characters beyond Latin-1 (the
hidden characters `check.kinds.disguised` looks for, the Arabic marks of `check.sentences.WORD`)
costs one to seven million instructions, and the checker's modules held about fifty such patterns,
70 M instructions of a small file's 815 M. Most of them serve text a run may never meet (a
non-ASCII part, an inline suppression, a date), so a `LazyPattern` compiles on the first call
that needs it and keeps the result: a run that never needs a pattern never pays for it.

Only the methods the project calls are here; `compiled` gives the `re.Pattern` itself. `flags`
are the flags as given, to make another pattern with (a `Scanner`); `re.Pattern.flags` adds
`re.UNICODE` to them, so a comparison with a compiled pattern reads `compiled.flags`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Final


class LazyPattern:
    """A `re.Pattern[str]` made on first use: the same methods, the same answers."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern: Final = pattern
        self.flags: Final = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if this is its first use)."""
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.pattern, self.flags)
        return compiled

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As `re.Pattern.search`."""
        return self.compiled.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As `re.Pattern.match`."""
        return self.compiled.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As `re.Pattern.fullmatch`."""
        return self.compiled.fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        """As `re.Pattern.finditer`."""
        return self.compiled.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[str]:
        """As `re.Pattern.findall` (for a pattern of at most one group: a list of strings)."""
        return self.compiled.findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        """As `re.Pattern.sub`."""
        return self.compiled.sub(repl, string, count)

    def subn(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> tuple[str, int]:
        """As `re.Pattern.subn`."""
        return self.compiled.subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str]:
        """As `re.Pattern.split` (for a pattern without groups: a list of strings)."""
        return self.compiled.split(string, maxsplit)
