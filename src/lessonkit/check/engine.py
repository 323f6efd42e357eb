"""Running the rules over one Document: pick the rules that apply, run their kinds, apply suppressions."""

from __future__ import annotations

import dataclasses
from bisect import bisect_left
from collections.abc import Collection, Iterable
from pathlib import Path

from lessonkit.check import kinds
from lessonkit.check.document import Document
from lessonkit.check.finding import Suppression
from lessonkit.check.rulebook import DOCUMENTS, KINDS, Rule, runner
from lessonkit.check.suppress import KnownRules, find_suppressions, unused_suppressions
from lessonkit.diagnostics import Diagnostic
from lessonkit.diagnostics import sort_key as _order
from lessonkit.linear_re import expect_blocks

# A lesson section is a few kilobytes. Larger parts are refused (reported, not read), which
# also bounds what the one rule pattern that needs Python's engine (lookarounds) may scan.
MAX_UNIT_CHARS = 256 * 1024
TOO_LARGE = "input.too-large"
OUT_OF_TIME = "input.time-budget"


def check_document(document: Document, rules: Iterable[Rule]) -> list[Diagnostic]:
    """Every finding of the rules that apply to this document (no suppressions applied)."""
    findings = [
        Diagnostic(
            unit.location(0),
            TOO_LARGE,
            f"this part has {len(unit.raw)} characters; the checker reads parts of up to {MAX_UNIT_CHARS}",
            suggestion="split it into sections",
        )
        for unit in document.units
        if len(unit.raw) > MAX_UNIT_CHARS
    ]
    if findings:
        document = dataclasses.replace(document, units=tuple(u for u in document.units if len(u.raw) <= MAX_UNIT_CHARS))
    expect_blocks(unit.plain for unit in document.units)
    with kinds.time_budget(kinds.TIME_BUDGET_SECONDS):
        for rule in rules:
            # The registry says which kinds read documents (country-pack rules read packs).
            if KINDS[rule.spec.kind].reads != DOCUMENTS or not rule.reads(document):
                continue
            try:
                findings += runner(rule.spec.kind)(rule, document)
            except kinds.TimeBudgetExceededError as stop:
                message = f"checking stopped: the file used up its {stop.seconds:g} s time budget"
                findings.append(Diagnostic(stop.location, OUT_OF_TIME, message, suggestion="split the file"))
                break
    return in_order(findings)


def in_order(findings: list[Diagnostic]) -> list[Diagnostic]:
    """`sorted(set(findings))`: without duplicates, in the Diagnostic dataclass's order.

    The dataclass compares through generated `__eq__`, `__lt__` and `__hash__` methods that build
    tuples of fields (and of a Location's fields) on every call: a megabyte of prose has 6,000
    findings, 80,000 comparisons. The same fields in one flat tuple, the dataclasses' field order,
    compare in C and give the same order (lexicographic over the nested fields is lexicographic
    over the flattened ones); equal tuples are exactly equal findings, so one of each is kept.
    """
    unique = {_order(f): f for f in findings}
    return [unique[key] for key in sorted(unique)]


def apply_suppressions(
    findings: list[Diagnostic],
    source: str,
    path: Path,
    known_rules: Collection[str] | KnownRules,
    *,
    catalogue: bool = False,
) -> tuple[list[Diagnostic], list[tuple[Suppression, int]]]:
    """Findings left after the file's suppressions, and each suppression with how many it silenced.

    A suppression that silenced nothing adds a warning at its line to the findings.

    `catalogue`: `source` is a PO file (suppressions are translator comments of its entries).
    """
    suppressions, problems = find_suppressions(source, path, known_rules, catalogue=catalogue)
    used = dict.fromkeys(suppressions, 0)
    by_rule: dict[str, list[Suppression]] = {}
    for suppression in suppressions:  # in the text's order: first lines and last lines both ascend
        by_rule.setdefault(suppression.rule, []).append(suppression)
    last_lines = {rule: [s.last_line for s in held] for rule, held in by_rule.items()}
    kept = []
    for item in findings:
        cover = _first_cover(item, by_rule, last_lines)
        if cover is None:
            kept.append(item)
        else:
            used[cover] += 1
    # A suppression that silenced nothing is reported: the text changed, or it names the wrong rule.
    return sorted(kept + problems + unused_suppressions(used.items(), findings)), list(used.items())


def _first_cover(
    item: Diagnostic,
    by_rule: dict[str, list[Suppression]],
    last_lines: dict[str, list[int]],
) -> Suppression | None:
    """The first suppression in the text that covers a finding, as `next(s for s in suppressions if s.covers(item))`.

    Looked up by the finding's rule and its families, and by line: testing every suppression for
    every finding took time quadratic in a file of many suppressions and findings. The
    suppressions of one rule that reach a line are those from the first whose last line is at or
    after it, as each paragraph ends at or after the one before.
    """
    code, line = item.code, item.location.line
    found: list[Suppression] = []
    parts = code.split(".")
    for rule in (".".join(parts[:n]) for n in range(1, len(parts) + 1)):
        held = by_rule.get(rule)
        if held:
            at = bisect_left(last_lines[rule], line)
            if at < len(held) and held[at].covers(item):
                found.append(held[at])
    # Suppressions of one file: the first in the text is the first by line and column.
    return min(found, key=lambda s: (s.location.line, s.location.column), default=None)
