"""Pattern kinds: `existence` (must not appear), `substitution` (use this instead), `occurrence` (not too often)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from lessonkit.check.document import Document, TextUnit
from lessonkit.check.kinds import finding, units
from lessonkit.check.patterns import Matcher, compile_patterns, in_question, in_quotation
from lessonkit.check.rulebook import Rule
from lessonkit.diagnostics import Diagnostic
from lessonkit.linear_re import Hit
from lessonkit.problems import LessonkitError


def matcher(rule: Rule, patterns: list[str] | None = None) -> Matcher:
    """The rule's compiled patterns; a bad pattern is reported at the rule's place in its file."""
    try:
        return compile_patterns(
            patterns if patterns is not None else [*rule.spec.patterns, *rule.spec.words],
            rule.define,
            rule.negation if rule.spec.negation else "",
        )
    except LessonkitError as err:
        raise LessonkitError(f"{rule.location}: rule {rule.id}: {err}") from err


def _hits(rule: Rule, found: Matcher, unit: TextUnit, document: Document) -> Iterator[Hit]:
    if not found.may_match(unit.folded):
        return
    text = unit.plain
    for match in found.finditer(text, unit.folded):
        if found.negated(match, text):
            continue
        if rule.spec.skip_questions and in_question(text, match.start):
            continue
        if rule.spec.skip_quoted and in_quotation(text, match.start):
            continue
        if rule.spec.unless_defined and " ".join(match.text.casefold().split()) in document.vocabulary:
            continue
        yield match


def existence(rule: Rule, document: Document) -> Iterator[Diagnostic]:
    """Report every phrase the rule's patterns find."""
    found = matcher(rule)
    for unit in units(rule, document):
        for match in _hits(rule, found, unit, document):
            yield finding(rule, unit.location(match.start), match=match.text)


@cache
def _entries(rule: Rule) -> tuple[tuple[Matcher, str], ...]:
    return tuple((matcher(rule, [pattern]), replacement) for pattern, replacement in rule.spec.replacements.items())


def substitution(rule: Rule, document: Document) -> Iterator[Diagnostic]:
    """Report each term that has a preferred replacement."""
    entries = _entries(rule)
    for unit in units(rule, document):
        taken: list[range] = []  # the first (most specific) entry wins where entries overlap
        for found, replacement in entries:
            for match in _hits(rule, found, unit, document):
                if any(match.start in span or span.start in range(*match.span()) for span in taken):
                    continue
                taken.append(range(*match.span()))
                yield finding(rule, unit.location(match.start), match=match.text, replacement=replacement)


def occurrence(rule: Rule, document: Document) -> Iterator[Diagnostic]:
    """Report a part where the patterns occur more often than the band's limit."""
    limit = rule.limit(document.band)
    if limit is None:
        return
    found = matcher(rule)
    for unit in units(rule, document):
        hits = list(_hits(rule, found, unit, document))
        if len(hits) > limit:
            where = unit.location(hits[int(limit)].start)
            yield finding(rule, where, count=len(hits), limit=int(limit), match=hits[int(limit)].text)
