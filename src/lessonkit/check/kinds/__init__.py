"""The generic rule kinds: each reads a Document and yields Findings; rule files supply the content."""

from __future__ import annotations

import string
from collections.abc import Iterator

from lessonkit.check.document import Document, TextUnit
from lessonkit.check.finding import Finding
from lessonkit.check.rulebook import Rule
from lessonkit.problems import Location


class _Values(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def finding(rule: Rule, where: Location, **values: object) -> Finding:
    """A finding of `rule`, with `{name}` placeholders of its message and suggestion filled in."""
    table = _Values({k: " ".join(str(v).split()) if isinstance(v, str) else v for k, v in values.items()})
    formatter = string.Formatter()
    message = formatter.vformat(rule.spec.message, (), table)
    suggestion = formatter.vformat(rule.spec.suggestion, (), table)
    return Finding(where, rule.id, rule.spec.severity, message, suggestion)


def units(rule: Rule, document: Document) -> Iterator[TextUnit]:
    """The parts of a document that the rule reads."""
    return (u for u in document.units if rule.reads_unit(u))


def header(unit: TextUnit) -> Location:
    """The `::: kind` line of a section unit (the line before its text)."""
    return Location(unit.path, max(1, unit.line - 1), 1)
