"""A rule's `exceptions`: wordings its findings must not fall inside (pattern and grammar kinds).

A finding whose matched text lies wholly inside a match of one of the rule's exception patterns
is dropped; one that only overlaps an exception is still reported.
"""

from __future__ import annotations

from functools import cache

from lessonkit.check.patterns import Matcher, compile_patterns
from lessonkit.check.rulebook import Rule
from lessonkit.problems import LessonkitError


@cache
def exceptions_of(rule: Rule) -> Matcher:
    """The rule's `exceptions`, compiled once; a bad one is reported at the rule's place in its file."""
    try:
        return compile_patterns(rule.spec.exceptions, rule.define, language=rule.language)
    except LessonkitError as err:
        raise LessonkitError(f"{rule.location}: rule {rule.id}: exceptions: {err}") from err


def excepted(rule: Rule, text: str, folded: str) -> list[tuple[int, int]]:
    """Where the rule's exceptions match in a part (start, end), for `inside`."""
    found = exceptions_of(rule)
    if not found.may_match(folded):
        return []
    return [(hit.start, hit.end) for hit in found.finditer(text, folded)]


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when start..end lies wholly inside one of the spans."""
    return any(low <= start and end <= high for low, high in spans)
