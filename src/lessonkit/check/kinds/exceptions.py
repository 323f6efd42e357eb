"""A rule's `exceptions`: wordings its findings must not fall inside (pattern and grammar kinds).

A finding whose matched text lies wholly inside a match of one of the rule's exception patterns
is dropped; one that only overlaps an exception is still reported.

The exceptions are searched as one alternation first, because that is one scan of the part. An
alternation is leftmost-first and its matches do not overlap, so a short exception could hide a
longer one that starts at the same place or inside it ("Phrases like '...' still tell a child
they are to blame" was hidden by a shorter cited-words exception in the thirty-eighth session).
A finding that no match of the alternation covers is therefore looked up again in each
exception's own matches, before it is reported: only findings pay for that second look.
"""

from __future__ import annotations

from functools import cache

from lessonkit.check.patterns import Matcher, compile_patterns
from lessonkit.check.rulebook import Rule
from lessonkit.problems import LessonkitError


@cache
def exceptions_of(rule: Rule) -> Matcher:
    """The rule's `exceptions`, compiled once; a bad one is reported at the rule's place in its file."""
    return _compiled(rule, tuple(rule.spec.exceptions))


@cache
def _each_of(rule: Rule) -> tuple[Matcher, ...]:
    """Each exception of the rule on its own (the second look), compiled when first needed."""
    return tuple(_compiled(rule, (pattern,)) for pattern in rule.spec.exceptions)


def _compiled(rule: Rule, patterns: tuple[str, ...]) -> Matcher:
    try:
        return compile_patterns(list(patterns), rule.define, language=rule.language)
    except LessonkitError as err:
        raise LessonkitError(f"{rule.location}: rule {rule.id}: exceptions: {err}") from err


def _spans(found: Matcher, text: str, folded: str) -> list[tuple[int, int]]:
    if not found.may_match(folded):
        return []
    return [(hit.start, hit.end) for hit in found.finditer(text, folded)]


class Excepted:
    """Where a rule's exceptions match in one part, found when a finding first asks."""

    __slots__ = ("_each", "_folded", "_rule", "_spans", "_text")

    def __init__(self, rule: Rule, text: str, folded: str) -> None:
        self._rule = rule
        self._text = text
        self._folded = folded
        self._spans: list[tuple[int, int]] | None = None
        self._each: list[tuple[int, int]] | None = None

    def _found(self) -> list[tuple[int, int]]:
        if self._spans is None:
            self._spans = _spans(exceptions_of(self._rule), self._text, self._folded)
        return self._spans

    def any(self) -> bool:
        """Whether any exception matches anywhere in the part (if the alternation finds none, no exception does)."""
        return bool(self._found())

    def covers(self, start: int, end: int) -> bool:
        """Whether start..end lies wholly inside a match of one of the exceptions."""
        found = self._found()
        if not found:
            return False
        if inside(found, start, end):
            return True
        if self._each is None:
            each = _each_of(self._rule)
            text, folded = self._text, self._folded
            self._each = [span for one in each for span in _spans(one, text, folded)] if len(each) > 1 else []
        return inside(self._each, start, end)


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when start..end lies wholly inside one of the spans."""
    return any(low <= start and end <= high for low, high in spans)
