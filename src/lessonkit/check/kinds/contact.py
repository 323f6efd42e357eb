"""The `raw-contact` kind: phone numbers, web and e-mail addresses belong in country packs, not lesson text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lessonkit.check.document import Document
from lessonkit.check.finding import Finding
from lessonkit.check.kinds import finding, units
from lessonkit.check.rulebook import Rule
from lessonkit.load.references import ANY_TOKEN

_TLD = (
    "com|org|net|info|eu|int|gov|edu|io|app|uk|ie|de|fr|es|it|nl|be|lu|at|ch|pl|pt|se|dk|no|fi|us|au|ca|ar|eg|ma|sa|ae"
)
_WEB = re.compile(
    rf"\b(?:https?://\S+|www\.[^\s)>\]]+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:{_TLD})(?:/[^\s)>\]]*)?)(?![\w.])"
)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE = re.compile(r"(?<![\w+])\+?\d[\d ()./-]{3,}\d(?!\w)")
_YEARS = re.compile(r"^\d{4}\s*[-/]\s*\d{2,4}$")
# Languages that group thousands with a dot ("10.731 Meldungen"): there a dot-grouped figure is a
# count, not a phone number. Space-grouped figures stay suspect: "116 111" is a helpline.
_DOT_THOUSANDS = frozenset({"de"})
_DOT_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
# Cheap tests that every match of the pattern above passes (the engine skips ahead to their
# first character), so most parts never run the full patterns.
_WEB_HINT = re.compile(rf"://|www\.|\.(?:{_TLD})")
_DIGIT = re.compile(r"\d")


def _contacts(text: str, language: str = "") -> Iterator[tuple[int, str, str]]:
    if "@" in text:
        for match in _EMAIL.finditer(text):
            yield match.start(), "e-mail address", match.group(0)
    if _WEB_HINT.search(text):
        for match in _WEB.finditer(text):
            if "@" not in text[max(0, match.start() - 1) : match.start()]:
                yield match.start(), "web address", match.group(0).rstrip(".,;:")
    if not _DIGIT.search(text):
        return
    for match in _PHONE.finditer(text):
        digits = sum(c.isdigit() for c in match.group(0))
        if language in _DOT_THOUSANDS and _DOT_GROUPED.match(match.group(0)):
            continue
        if 5 <= digits <= 15 and not _YEARS.match(match.group(0)):
            yield match.start(), "phone number", match.group(0)


def raw_contact(rule: Rule, document: Document) -> Iterator[Finding]:
    """Report contact details written out in lesson text instead of a `{{ help.NAME }}` token."""
    for unit in units(rule, document):
        # Link text is prose; link targets are where raw addresses hide, so keep them.
        text = ANY_TOKEN.sub(lambda m: " " * len(m.group(0)), unit.raw)
        seen: set[int] = set()
        for start, what, value in sorted(_contacts(text, document.language)):
            if start in seen:
                continue
            seen.add(start)
            yield finding(rule, unit.location(start), what=what, match=value)
