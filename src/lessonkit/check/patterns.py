"""The small pattern language of rule files: regular expressions over word forms, with macros.

In a pattern, `{NAME}` inserts a macro from the file's `define:` table, and a space matches any
run of spaces and punctuation inside one clause (never `.`, `!`, `?`, `;` or `:`), so one
pattern covers line breaks, commas and Markdown emphasis. A group named `neg` marks an
optional negation inside the phrase ("you are (?P<neg>not )?to blame"): when it matches, the
phrase is read as negated and not reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import count

from lessonkit.check.anchors import Anchor, anchor_for
from lessonkit.problems import LessonkitError

_MACRO = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
_SEPARATOR = r"[^\w.!?;:]+"
_CLAUSE_END = re.compile(r"[.!?;:\n]\s*\n|[.!?;:]")
NEGATION_WINDOW = 5  # words before a match that can negate it ("it is never your fault")


@dataclass(frozen=True)
class Matcher:
    """The compiled patterns of one rule, and the plain words one of which every match contains."""

    regex: re.Pattern[str]
    negation: re.Pattern[str] | None
    anchor: Anchor | None = None

    def may_match(self, folded: str) -> bool:
        """False only when the text (folded, see `anchors.fold`) cannot hold a match: the cheap test first."""
        return self.anchor is None or self.anchor.admits(folded)

    def negated(self, match: re.Match[str], text: str) -> bool:
        """True when the phrase carries its own negation or one stands shortly before it, in the same clause."""
        if any(v for k, v in match.groupdict().items() if k.startswith("neg") and v):
            return True
        if self.negation is None:
            return False
        start = match.start()
        clause_start = max((m.end() for m in _CLAUSE_END.finditer(text, max(0, start - 200), start)), default=0)
        before = text[max(clause_start, start - 200) : start]
        window = " ".join(before.split()[-NEGATION_WINDOW:])
        return bool(self.negation.search(window))


def expand(pattern: str, define: dict[str, str], seen: tuple[str, ...] = ()) -> str:
    """The pattern with macros expanded and spaces turned into clause-internal separators."""

    def macro(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in define:
            raise LessonkitError(f"unknown macro {{{name}}} in pattern '{pattern}'")
        if name in seen:
            raise LessonkitError(f"macro {{{name}}} refers to itself")
        return f"(?:{expand(define[name], define, (*seen, name))})"

    return _MACRO.sub(macro, pattern).replace(" ", _SEPARATOR)


@cache
def _compile(patterns: tuple[str, ...], define: tuple[tuple[str, str], ...], negation: str) -> Matcher:
    table = dict(define)
    joined = "|".join(f"(?:{expand(p, table)})" for p in patterns)
    # Group names must be unique across alternatives: number every `neg` group.
    counter = count()
    joined = re.sub(r"\(\?P<neg>", lambda _: f"(?P<neg{next(counter)}>", joined)
    source = rf"(?<!\w)(?:{joined})(?!\w)"
    try:
        regex = re.compile(source, re.IGNORECASE)
        negator = re.compile(rf"(?<!\w)(?:{expand(negation, table)})(?!\w)", re.IGNORECASE) if negation else None
    except re.error as err:
        raise LessonkitError(f"invalid pattern: {err}") from err
    return Matcher(regex, negator, anchor_for(source, re.IGNORECASE))


def compile_patterns(patterns: list[str], define: dict[str, str], negation: str = "") -> Matcher:
    """One matcher for a list of patterns (cached: rules compile once per process)."""
    return _compile(tuple(patterns), tuple(sorted(define.items())), negation)


def in_question(text: str, offset: int) -> bool:
    """True when the sentence holding `offset` ends with a question mark."""
    end = re.compile(r"[.!?]").search(text, offset)
    return bool(end and end.group(0) == "?")


def in_quotation(text: str, offset: int) -> bool:
    """True when `offset` is inside double quotes opened in the same paragraph (a character's words)."""
    paragraph = text.rfind("\n\n", 0, offset) + 1
    return text.count('"', paragraph, offset) % 2 == 1
