r"""The small pattern language of rule files: regular expressions over word forms, with macros.

In a pattern, `{NAME}` inserts a macro from the file's `define:` table, and a space matches any
run of spaces and punctuation inside one clause (never `.`, `!`, `?`, `;` or `:`), so one
pattern covers line breaks, commas and Markdown emphasis. A group named `neg` marks an
optional negation inside the phrase ("you are (?P<neg>not )?to blame"): when it matches, the
phrase is read as negated and not reported.

Rules run on untrusted text, so matching runs on RE2 (`lessonkit.linear_re`): time linear in the
text. The word guards `(?<!\w)...(?!\w)` become consumed context there; a rule whose phrases
need lookarounds of their own runs on Python's engine, on units no larger than the checker's cap.
The Python form (`Matcher.regex`) stays the reference: the anchors are derived from its parse.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import count

from lessonkit.check.anchors import Anchor, anchor_for
from lessonkit.linear_re import Hit, Scanner, to_re2, word_bounded
from lessonkit.problems import LessonkitError

_MACRO = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
# The Arabic question mark and semicolon (؟ ؛) end sentences and clauses like their Latin forms.
_SEPARATOR = r"[^\w.!?;:؟؛]+"
_CLAUSE_END = re.compile(r"[.!?;:؟؛\n]\s*\n|[.!?;:؟؛]")
_SENTENCE_END = re.compile(r"[.!?؟]")
_QUOTE = re.compile('"')
_BREAK = re.compile(r"\n(?=\n)")
NEGATION_WINDOW = 5  # words before a match that can negate it ("it is never your fault")


@dataclass(frozen=True)
class Matcher:
    """The compiled patterns of one rule, and the plain words one of which every match contains.

    `regex` is the Python form (the reference, read by the anchors and the tests); `scanner` runs
    the same pattern in linear time where RE2 can express it. The negation pattern runs on a
    window of five words, so Python's engine is bounded there.
    """

    regex: re.Pattern[str]
    negation: re.Pattern[str] | None
    anchor: Anchor | None = None
    scanner: Scanner | None = None

    def may_match(self, folded: str) -> bool:
        """False only when the text (folded, see `anchors.fold`) cannot hold a match: the cheap test first."""
        return self.anchor is None or self.anchor.admits(folded)

    def finditer(self, text: str) -> Iterator[Hit]:
        """Every match in the text, as `regex.finditer` finds them."""
        if self.scanner is None:
            return (Hit(m.start(), m.end(), m.group(0), m.groupdict()) for m in self.regex.finditer(text))
        return self.scanner.finditer(text)

    def search(self, text: str) -> Hit | None:
        """The first match, or None."""
        return next(self.finditer(text), None)

    def negated(self, match: Hit, text: str) -> bool:
        """True when the phrase carries its own negation or one stands shortly before it, in the same clause."""
        if any(v for k, v in match.groups.items() if k.startswith("neg") and v):
            return True
        if self.negation is None:
            return False
        start = match.start
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
    inner = to_re2(joined, re.IGNORECASE)
    scanner = Scanner(source, re.IGNORECASE, re2_pattern=word_bounded(inner) if inner is not None else None)
    return Matcher(regex, negator, anchor_for(source, re.IGNORECASE), scanner)


def compile_patterns(patterns: list[str], define: dict[str, str], negation: str = "") -> Matcher:
    """One matcher for a list of patterns (cached: rules compile once per process)."""
    return _compile(tuple(patterns), tuple(sorted(define.items())), negation)


# Both tests below run once per match; scanning the text each time would be quadratic in a long
# paragraph full of matches, so the positions they need are found once per text (the same
# `str` object comes back for every match of every rule in a unit, and hashes once).
@lru_cache(maxsize=16)
def _marks(text: str) -> tuple[list[int], list[int], list[int]]:
    ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    quotes = [m.start() for m in _QUOTE.finditer(text)]
    breaks = [m.start() for m in _BREAK.finditer(text)]  # overlapping: "\n\n\n" holds two
    return ends, quotes, breaks


def in_question(text: str, offset: int) -> bool:
    """True when the sentence holding `offset` ends with a question mark."""
    ends = _marks(text)[0]
    index = bisect_left(ends, offset)
    return index < len(ends) and text[ends[index]] in "?؟"


def in_quotation(text: str, offset: int) -> bool:
    """True when `offset` is inside double quotes opened in the same paragraph (a character's words)."""
    _, quotes, breaks = _marks(text)
    before = bisect_right(breaks, offset - 2)  # a break "\n\n" at p lies before offset when p + 2 <= offset
    paragraph = breaks[before - 1] + 1 if before else 0
    return (bisect_left(quotes, offset) - bisect_left(quotes, paragraph)) % 2 == 1
