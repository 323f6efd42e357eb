"""The `raw-contact` kind: phone numbers, web and e-mail addresses belong in country packs, not lesson text.

The three patterns run on RE2 (`lessonkit.linear_re`): with Python's engine the web address
pattern took time quadratic in a paragraph like "a.a.a.a..." (40 KB: 43 s). Each is written
twice: the Python form (the reference, and the documentation of what is matched) and its RE2
form, where the word boundaries and lookarounds the Python form tests are consumed as context
and the address itself is group `m` (or `m2`). The tests compare both forms on generated text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lessonkit.check.document import Document
from lessonkit.check.kinds import finding, units
from lessonkit.check.plain import ANY_TOKEN
from lessonkit.check.rulebook import Rule
from lessonkit.diagnostics import Diagnostic
from lessonkit.lazy_re import LazyPattern
from lessonkit.linear_re import DIGIT, SPACE, WORD, Scanner, scanner

_TLD = (
    "com|org|net|info|eu|int|gov|edu|io|app|uk|ie|de|fr|es|it|nl|be|lu|at|ch|pl|pt|se|dk|no|fi|us|au|ca|ar|eg|ma|sa|ae"
)
# `\b` before the address: a word character starts after a non-word one (or at the start); a
# leading `-` needs a word character before it. `(?![\w.])` after it: consumed, or the end.
_HOST_REST = rf"[a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:{_TLD})(?:/[^{SPACE})>\]]*)?"
_WEB = Scanner(
    rf"\b(?:https?://\S+|www\.[^\s)>\]]+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:{_TLD})(?:/[^\s)>\]]*)?)(?![\w.])",
    re2_pattern=(
        rf"(?:(?:^|[^{WORD}])(?P<m>https?://[^{SPACE}]+|www\.[^{SPACE})>\]]+|[a-z0-9]{_HOST_REST})"
        rf"|[{WORD}](?P<m2>-{_HOST_REST}))(?:[^{WORD}.]|$)"
    ),
)
# The closing `\b` of an e-mail address always falls after a word character (a trailing `-` is
# left out, as Python's backtracking leaves it out), so the RE2 form ends the address on one.
_LOCAL = rf"[{WORD}.+-]*@[{WORD}-]+(?:\.[{WORD}-]+)*\.[{WORD}-]*[{WORD}]"
_EMAIL = Scanner(
    r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b",
    re2_pattern=rf"(?:(?:^|[^{WORD}])(?P<m>[{WORD}]{_LOCAL})|[{WORD}](?P<m2>[.+-]{_LOCAL}))(?:[^{WORD}]|$)",
)
_PHONE = Scanner(
    r"(?<![\w+])\+?\d[\d ()./-]{3,}\d(?!\w)",
    re2_pattern=rf"(?:^|[^{WORD}+])(?P<m>\+?{DIGIT}[{DIGIT} ()./-]{{3,}}{DIGIT})(?:[^{WORD}]|$)",
)
_TOKEN = scanner(ANY_TOKEN.pattern, ANY_TOKEN.flags)
_YEARS = LazyPattern(r"^\d{4}\s*[-/]\s*\d{2,4}$")
# Languages that group thousands with a dot ("10.731 Meldungen", "26.718 denuncias"): there a
# dot-grouped figure is a count, not a phone number. Space-grouped figures stay suspect: "116 111"
# is a helpline.
_DOT_THOUSANDS = frozenset({"de", "es"})
_DOT_GROUPED = LazyPattern(r"^\d{1,3}(?:\.\d{3})+$")
# A bare figure of five or six digits dated by a year within five words ("من 10731 عام 2022",
# "26718 in 2023", "11625 في الفترة نفسها من عام 2024"), or followed by what it counts ("18898 بلاغًا",
# "26718 reports"), is a count from a report, not a number to call: short codes and helplines are
# neither dated nor counted in a sentence.
_BARE_FIGURE = LazyPattern(r"^\d{5,6}$")
_DATED_OR_COUNTED = LazyPattern(
    r"\s+(?:(?:\S+\s+){0,5}?(?:19|20)\d\d(?!\d)"
    r"|(?:reports?|cases|victims|children|images|videos|Meldungen|Fälle|Opfer|Kinder|Bilder|denuncias|casos|víctimas"
    r"|niños|imágenes|بلاغ|بلاغًا|بلاغا|بلاغات|حالة|حالات|ضحية|طفل|صورة|صور)(?!\w))"
)
# Cheap tests that every match of the pattern above passes (the engine skips ahead to their
# first character), so most parts never run the full patterns.
_WEB_HINT = re.compile(rf"://|www\.|\.(?:{_TLD})")
_DIGIT = re.compile(r"\d")
_PHONE_DIGITS = (5, 15)  # the digits a reported phone number has (fewer or more: not reported)


def _may_hold(raw: str) -> bool:
    """False when the part cannot hold a contact: every match needs an `@`, a web hint or a digit.

    Blanking `{{ ... }}` tokens with spaces never creates one of these (none holds a space), so
    the raw text answers for the blanked one, and most parts of a lesson skip the blanking.
    """
    return "@" in raw or _DIGIT.search(raw) is not None or _WEB_HINT.search(raw) is not None


def _contacts(text: str, language: str = "") -> Iterator[tuple[int, str, str]]:
    if "@" in text:
        for match in _EMAIL.finditer(text):
            yield match.start, "e-mail address", match.text
    if _WEB_HINT.search(text):
        for match in _WEB.finditer(text):
            if "@" not in text[max(0, match.start - 1) : match.start]:
                yield match.start, "web address", match.text.rstrip(".,;:")
    if len(_DIGIT.findall(text)) < _PHONE_DIGITS[0]:
        return  # every phone number reported has at least five digits
    for match in _PHONE.finditer(text):
        digits = sum(c.isdigit() for c in match.text)
        if language in _DOT_THOUSANDS and _DOT_GROUPED.match(match.text):
            continue
        if _BARE_FIGURE.match(match.text) and _DATED_OR_COUNTED.match(text, match.start + len(match.text)):
            continue
        if _PHONE_DIGITS[0] <= digits <= _PHONE_DIGITS[1] and not _YEARS.match(match.text):
            yield match.start, "phone number", match.text


def raw_contact(rule: Rule, document: Document) -> Iterator[Diagnostic]:
    """Report contact details written out in lesson text instead of a `{{ help.NAME }}` token."""
    for unit in units(rule, document):
        if not _may_hold(unit.raw):
            continue
        # Link text is prose; link targets are where raw addresses hide, so keep them.
        text = _TOKEN.sub(lambda m: " " * len(m.text), unit.raw) if "{{" in unit.raw else unit.raw
        seen: set[int] = set()
        for start, what, value in sorted(_contacts(text, document.language)):
            if start in seen:
                continue
            seen.add(start)
            yield finding(rule, unit.location(start), what=what, match=value)
