"""Structure kinds: required sections and phrases, list lengths, and how much a slide holds."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lessonkit.check.document import Document, TextUnit
from lessonkit.check.kinds import finding, header
from lessonkit.check.kinds.phrases import matcher
from lessonkit.check.rulebook import Rule
from lessonkit.check.sentences import words
from lessonkit.diagnostics import Diagnostic
from lessonkit.lazy_re import LazyPattern

_BULLET = LazyPattern(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\S", re.M)


def required_section(rule: Rule, document: Document) -> Iterator[Diagnostic]:
    """Each listed section kind must be present."""
    for kind in rule.spec.sections:
        if not document.units_of(kind):
            yield finding(rule, document.end_location, section=kind)


def _satisfies(rule: Rule, unit: TextUnit) -> list[str]:
    """The groups of phrases the unit lacks (each group needs one of its patterns)."""
    return [group[0] for group in rule.spec.groups if not matcher(rule, group).search(unit.raw)]


def required_phrase(rule: Rule, document: Document) -> Iterator[Diagnostic]:
    """The listed sections (`scope: each`) or at least one of them (`scope: any`) must say something."""
    parts = [u for u in document.units if u.kind in rule.spec.sections]
    if not parts:
        return  # a missing section is the required-section rule's finding
    if rule.spec.scope == "any":
        if all(_satisfies(rule, u) for u in parts):
            yield finding(rule, header(parts[0]), section=parts[0].kind, missing=_satisfies(rule, parts[0])[0])
        return
    for unit in parts:
        missing = _satisfies(rule, unit)
        if missing:
            yield finding(rule, header(unit), section=unit.kind, missing=missing[0])


def count(rule: Rule, document: Document) -> Iterator[Diagnostic]:
    """A list field (objectives, key messages, quiz questions) must have `min` to `max` entries."""
    counted = document.counts.get(rule.spec.field)
    if counted is None:
        return
    low, high = rule.spec.limits.get("min", 0), rule.spec.limits.get("max", float("inf"))
    if not low <= counted.number <= high:
        yield finding(rule, counted.location, count=counted.number, min=int(low), max=int(high))


def slide_density(rule: Rule, document: Document) -> Iterator[Diagnostic]:
    """A slide holds at most the band's number of words and `max_bullets` bullets."""
    limit = rule.limit(document.band)
    for unit in document.units_of("slide"):
        total = len(words(unit.plain))
        bullets = len(_BULLET.findall(unit.raw))
        if limit is not None and total > limit:
            yield finding(rule, header(unit), what=f"{total} words", limit=f"{int(limit)} words", title=unit.title)
        if rule.spec.max_bullets and bullets > rule.spec.max_bullets:
            what, most = f"{bullets} bullets", f"{rule.spec.max_bullets} bullets"
            yield finding(rule, header(unit), what=what, limit=most, title=unit.title)
