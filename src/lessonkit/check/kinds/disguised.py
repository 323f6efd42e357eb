"""The `disguised-words` kind: words that do not read as they look.

Every rule matches words by their characters. A soft hyphen or a zero-width space inside
"pornography", an Arabic word typed in presentation forms, a fullwidth or mathematical "ｃｈｉｌｄ",
or a Cyrillic "с" among Latin letters looks the same on the page and matches nothing: a
stranger's translation could pass the checker with any harmful word, and a screen reader spells
such words out or skips them. Soft hyphens and ligatures also arrive innocently, pasted from a
word processor or a PDF. Either way the fix is to retype the word, so the finding is an error
that names the character; the checker does not silently rewrite the text, which would make its
columns lie and leave the disguised word in what is printed.

What is reported:
- a format character (Unicode category Cf: soft hyphen, zero-width space and joiners, direction
  marks, invisible operators, tags) or another default-ignorable character between two letters;
- a direction override (U+202D, U+202E) anywhere: it reorders what the reader sees;
- a letter in a compatibility form (presentation forms, ligatures, fullwidth, mathematical or
  circled letters): a character of those blocks whose NFKC form differs;
- Latin letters next to Cyrillic or Greek ones in one word.
Direction marks and isolates between words are how right-to-left text is written: not reported.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Final

from lessonkit.check.document import Document
from lessonkit.check.kinds import finding, units
from lessonkit.check.rulebook import Rule
from lessonkit.diagnostics import Diagnostic
from lessonkit.lazy_re import LazyPattern

# Default-ignorable characters outside category Cf that render as nothing: the combining grapheme
# joiner, Hangul fillers, Khmer inherent vowels, variation selectors.
_IGNORABLE: Final = "\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0\ufe00-\ufe0f\U000e0100-\U000e01ef"
# The invisible format characters (category Cf; the visible ones, such as Arabic number signs, are left out).
_FORMAT: Final = "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\U000e0001-\U000e007f"
# Blocks whose letters are compatibility forms (each hit is confirmed with NFKC): alphabetic and
# Arabic presentation forms, fullwidth Latin, circled letters, mathematical alphanumerics,
# parenthesised, circled and squared Latin letters.
_COMPATIBLE: Final = (
    "\ufb00-\ufdff\ufe70-\ufefe\uff21-\uff3a\uff41-\uff5a\u24b6-\u24e9\U0001d400-\U0001d7ff\U0001f110-\U0001f149"
)
_LATIN: Final = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_CYRILLIC_GREEK: Final = "\u0370-\u03ff\u0400-\u052f"
# A run of hidden characters, or one character (with one character of lookahead): linear in the text.
_SUSPECT: Final = LazyPattern(
    f"(?P<hidden>[{_IGNORABLE}{_FORMAT}]+)|(?P<compatible>[{_COMPATIBLE}])"
    f"|(?P<mixed>[{_LATIN}](?=[{_CYRILLIC_GREEK}])|[{_CYRILLIC_GREEK}](?=[{_LATIN}]))"
)
_HIDDEN: Final = LazyPattern(f"[{_IGNORABLE}{_FORMAT}]")
# What ends a word for counting findings: not a word character (letters, digits; fullwidth and
# mathematical letters are word characters too) and not hidden.
_BREAK: Final = LazyPattern(f"[^\\w{_IGNORABLE}{_FORMAT}]")
_OVERRIDE: Final = LazyPattern("[\u202d\u202e]")
_WORD_REACH: Final = 40  # characters either side kept in the quoted word (a hostile "word" may be a megabyte)


def _is_letter(char: str) -> bool:
    return unicodedata.category(char)[0] in "LM"


def _named(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed')}"


def _in_word(char: str) -> bool:
    return _is_letter(char) or _HIDDEN.match(char) is not None


def _word(text: str, at: int) -> str:
    """The word around offset `at`, at most `_WORD_REACH` characters either side."""
    start = at
    while start > max(0, at - _WORD_REACH) and _in_word(text[start - 1]):
        start -= 1
    end = at + 1
    while end < min(len(text), at + 1 + _WORD_REACH) and _in_word(text[end]):
        end += 1
    return text[start:end]


def _what(text: str, match: re.Match[str]) -> tuple[int, str] | None:
    """Where and what disguises the word of `match`, or None when the match is harmless where it stands."""
    at, end, kind = match.start(), match.end(), match.lastgroup
    char = text[at]
    if kind == "hidden":
        override = _OVERRIDE.search(text, at, end)
        if override is not None:
            named = _named(override[0])
            return override.start(), f"a direction override ({named}) that reorders what the reader sees"
        if at > 0 and end < len(text) and _is_letter(text[at - 1]) and _is_letter(text[end]):
            return at, f"an invisible character ({_named(char)}) inside the word"
        return None  # a direction mark or isolate between words: how right-to-left text is written
    if kind == "compatible":
        plain = unicodedata.normalize("NFKC", char)
        return (at, f"a compatibility form ({_named(char)}) of '{plain}'") if plain != char else None
    return at, "letters of two scripts (Latin and Cyrillic or Greek) in one word"


def _disguises(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, what, word) for each disguised word of `text`, once per word and kind of disguise.

    The first disguise of a kind in a word is named: a word of many soft hyphens, or typed all in
    fullwidth letters, is one finding, however long (the search for a word break between two hits
    reads each character once).
    """
    last: tuple[int, str | None] | None = None
    for match in _SUSPECT.finditer(text):
        at, kind = match.start(), match.lastgroup
        if last is not None and last[1] == kind and _BREAK.search(text, last[0], at) is None:
            last = (at, kind)  # the next search for a break starts here: linear, not quadratic
            continue
        found = _what(text, match)
        if found is None:
            continue
        last = (at, kind)
        yield found[0], found[1], _word(text, found[0])


def disguised_words(rule: Rule, document: Document) -> Iterator[Diagnostic]:
    """Report words hidden from the checker by invisible characters, compatibility forms or mixed scripts."""
    for unit in units(rule, document):
        raw = unit.raw
        # Every character the pattern looks for is outside ASCII: most English parts end here.
        if raw.isascii():
            continue
        for at, what, word in _disguises(raw):
            yield finding(rule, unit.location(at), what=what, word=word)
