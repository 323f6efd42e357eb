"""Flesch-Kincaid grade in one pass per part, giving exactly textstat 0.7's figure.

textstat recomputes its word list, sentence split and syllable counts through several cached
layers on every call, and looks every word up through a wrapper object; on a megabyte of prose
that was most of the checker's time. This module does the same arithmetic in the same order
(the same regular expressions, the same word list, CMUdict first and Pyphen for the rest), with
a per-run table of syllable counts per word. `tests/test_check_speed_equivalence.py` compares it
with textstat on generated and real texts; the two must agree to the last bit, not just to the
one decimal the checker reports.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from lessonkit.check.resources import syllable_table

# textstat.backend.utils.constants: an apostrophe not followed by a contraction ending is punctuation.
_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s\']")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")


def _words(text: str) -> list[str]:
    """The words of textstat's `list_words(text)`: punctuation but contraction apostrophes removed, split."""
    return _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text)).split()


def _lower_words(text: str) -> list[str]:
    """The words as `list_words(text, lowercase=True)` gives them (lower-cased after the clean-up)."""
    return _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text)).lower().split()


@cache
def _pyphen(language: str) -> Any:
    from pyphen import Pyphen  # type: ignore[import-untyped]  # only for words CMUdict lacks (and for languages without it)

    return Pyphen(lang=language)


@cache
def _counter(language: str) -> dict[str, int]:
    """Syllables per lower-case word for a language, filled as words are met (CMUdict, then Pyphen)."""
    return {}


def _syllables(words: list[str], language: str) -> int:
    known = _counter(language)
    # textstat asks CMUdict only when the language code starts with "en".
    table = syllable_table("en") if language.split("_")[0] == "en" else {}
    total = 0
    for word in words:
        count = known.get(word)
        if count is None:
            found = table.get(word)
            count = int(found) if found is not None else len(_pyphen(language).positions(word)) + 1
            known[word] = count
        total += count
    return total


def flesch_kincaid_grade(text: str, language: str) -> float:
    """The grade textstat's `flesch_kincaid_grade(text)` gives after `set_lang(language)`, unrounded."""
    if not text:
        return 0.0
    words = _words(text)
    found = _SENTENCE.findall(text)
    ignored = sum(1 for sentence in found if len(_words(sentence)) <= 2)
    sentence_length = len(words) / max(1, len(found) - ignored)
    syllables = _syllables(_lower_words(text), language) / len(words) if words else 0.0
    if sentence_length == 0 or syllables == 0:
        return 0.0
    return (0.39 * sentence_length) + (11.8 * syllables) - 15.59
