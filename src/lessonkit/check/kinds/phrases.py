"""Pattern kinds: `existence` (must not appear), `substitution` (use this instead), `occurrence` (not too often).

Each rule reads only the parts of a document that hold one of the strings its patterns need
(`patterns.PartIndex`, built once per document), not every part; `may_match` still decides on
each part read, so the parts skipped are exactly ones it would have ruled out.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from lessonkit.check.document import Document, TextUnit
from lessonkit.check.kinds import finding, units
from lessonkit.check.kinds.exceptions import Excepted, exceptions_of
from lessonkit.check.patterns import Matcher, PartIndex, compile_patterns, in_question, in_quotation
from lessonkit.check.quotation import in_refuted_claim
from lessonkit.check.rulebook import Rule
from lessonkit.diagnostics import Diagnostic
from lessonkit.linear_re import Hit
from lessonkit.problems import LessonkitError


def matcher(rule: Rule, patterns: list[str] | None = None) -> Matcher:
    """The rule's compiled patterns; a bad pattern is reported at the rule's place in its file."""
    if rule.spec.exceptions:
        # Compiled with the patterns, so a bad exception is reported on any text, not only on the
        # first text the rule matches (and its strings join the anchor set with the rule's).
        exceptions_of(rule)
    try:
        return compile_patterns(
            patterns if patterns is not None else [*rule.spec.patterns, *rule.spec.words],
            rule.define,
            rule.negation if rule.spec.negation else "",
            language=rule.language,
            confirmation=rule.confirmation if rule.spec.negation else "",
        )
    except LessonkitError as err:
        raise LessonkitError(f"{rule.location}: rule {rule.id}: {err}") from err


# The index of the document being checked: the rules of one document follow each other, so one
# slot is enough. The document itself is kept (compared by identity), so its id is never reused.
_indexed: list[tuple[Document, PartIndex | None]] = []


def _index(document: Document) -> PartIndex | None:
    if _indexed and _indexed[0][0] is document:
        return _indexed[0][1]
    index = PartIndex.of([unit.folded for unit in document.units])
    _indexed[:] = [(document, index)]
    return index


def _parts(rule: Rule, document: Document, *found: Matcher) -> Iterator[TextUnit]:
    """The parts the rule reads on which one of the matchers may match (a superset: `_hits` decides)."""
    index = _index(document)
    if index is None:
        return units(rule, document)
    wanted: list[list[int]] = []
    for one in found:
        positions = index.parts(one)
        if positions is None:
            return units(rule, document)
        wanted.append(positions)
    if len(wanted) == 1:
        return units(rule, document, wanted[0])
    return units(rule, document, sorted(set().union(*wanted)))


def _hits(
    rule: Rule, found: Matcher, unit: TextUnit, document: Document, keep: frozenset[int] | None = None
) -> Iterator[Hit]:
    """The matches the rule reports in one part (`keep`: the phrases that may match in the parts it reads)."""
    if not found.may_match(unit.folded):
        return
    text = unit.plain
    spans: Excepted | None = None  # exceptions found on the first match only: most parts have none
    for match in found.finditer(text, unit.folded, keep):
        if found.negated(match, text):
            continue
        if rule.spec.skip_questions and in_question(text, match.start):
            continue
        if rule.spec.skip_quoted and in_quotation(text, match.start):
            continue
        if rule.spec.skip_refuted and in_refuted_claim(text, match.start):
            continue
        if rule.spec.unless_defined and " ".join(match.text.casefold().split()) in document.vocabulary:
            continue
        if rule.spec.exceptions:
            if spans is None:
                spans = Excepted(rule, text, unit.folded)
            if spans.covers(match.start, match.end):
                continue
        yield match


def _phrases(document: Document, found: Matcher) -> frozenset[int] | None:
    """The phrases of `found` met in the parts the index offered it (`PartIndex.phrases`), or None."""
    index = _index(document)
    return index.phrases(found) if index is not None else None


def existence(rule: Rule, document: Document) -> Iterator[Diagnostic]:
    """Report every phrase the rule's patterns find."""
    found = matcher(rule)
    parts = _parts(rule, document, found)
    keep = _phrases(document, found)
    for unit in parts:
        for match in _hits(rule, found, unit, document, keep):
            yield finding(rule, unit.location(match.start), match=match.text)


@cache
def _entries(rule: Rule) -> tuple[tuple[Matcher, str], ...]:
    return tuple((matcher(rule, [pattern]), replacement) for pattern, replacement in rule.spec.replacements.items())


def substitution(rule: Rule, document: Document) -> Iterator[Diagnostic]:
    """Report each term that has a preferred replacement."""
    entries = _entries(rule)
    for unit in _parts(rule, document, *(found for found, _ in entries)):
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
    parts = _parts(rule, document, found)
    keep = _phrases(document, found)
    for unit in parts:
        hits = list(_hits(rule, found, unit, document, keep))
        if len(hits) > limit:
            where = unit.location(hits[int(limit)].start)
            yield finding(rule, where, count=len(hits), limit=int(limit), match=hits[int(limit)].text)
