"""The generic rule kinds: each reads a Document and yields Findings; rule files supply the content."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lessonkit.check.document import Document, TextUnit
from lessonkit.check.finding import Finding
from lessonkit.check.rulebook import Rule
from lessonkit.problems import Location

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def finding(rule: Rule, where: Location, **values: object) -> Finding:
    """A finding of `rule`, with `{name}` placeholders of its message and suggestion filled in."""
    table = {k: " ".join(str(v).split()) for k, v in values.items()}

    def fill(template: str) -> str:
        # Only known `{name}` placeholders are filled, so `{{ help.NAME }}` tokens stay as written.
        return _PLACEHOLDER.sub(lambda m: table.get(m.group(1), m.group(0)), template)

    return Finding(where, rule.id, rule.spec.severity, fill(rule.spec.message), fill(rule.spec.suggestion))


def units(rule: Rule, document: Document) -> Iterator[TextUnit]:
    """The parts of a document that the rule reads."""
    return (u for u in document.units if rule.reads_unit(u))


def header(unit: TextUnit) -> Location:
    """The `::: kind` line of a section unit (the line before its text)."""
    return Location(unit.path, max(1, unit.line - 1), 1)
