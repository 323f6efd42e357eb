"""The readability kind's shortcuts give exactly what the long way gave.

`readability` decides whether a part is long enough to score from its sentences' word counts
(kept from the sentence split) instead of splitting `readable_text(unit)` into words again; the
two counts must be equal on any text, and the kind's findings equal to those of the long way.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.check.document import Document
from lessonkit.check.documents import text_document
from lessonkit.check.kinds import finding, header, units
from lessonkit.check.kinds.readability import _metric, readability
from lessonkit.check.rulebook import Rule, load_rulebook
from lessonkit.check.sentences import readable_text, sentences, words
from lessonkit.diagnostics import Diagnostic

ROOT = Path(__file__).resolve().parent.parent
REAL = sorted((ROOT / "lessons").rglob("*.md")) + sorted((ROOT / "docs").glob("*.md"))
PIECES = ["you", "can", "talk", "don't", "well-being", "l'école", "مرحبا", "مُتَدَخِّل", "1,000", "x", "Mr.", "e-mail"]
GAPS = [*" \t\n-'", "  ", "\n\n", "\n- ", "\n1. ", "\nQ: ", "\n# ", ". ", "! ", "? ", "... ", '." ', "؟ "]


def _reference(rule: Rule, document: Document) -> Iterator[Diagnostic]:
    """The kind before the shortcut: the part's readable text split into words again."""
    limit = rule.limit(document.band)
    assert limit is not None
    for unit in units(rule, document):
        text = readable_text(unit)
        if len(words(text)) < rule.spec.min_words:
            continue
        formula, harder_when_higher = _metric(rule.spec.formula)
        score = round(formula(text, document.language), 1)
        if (score > limit) if harder_when_higher else (score < limit):
            yield finding(rule, header(unit), score=score, limit=limit, band=document.band or "", part=unit.kind)


@cache
def _grade_rule() -> Rule:
    (rule,) = [r for r in load_rulebook(ROOT / "rules").for_language("en") if r.id == "readability.grade"]
    return rule


def _counts_agree(document: Document) -> None:
    for unit in document.units:
        assert sum(s.words for s in sentences(unit)) == len(words(readable_text(unit))), unit.plain[:200]


@pytest.mark.parametrize("band", ["4-7", "14-18"])
def test_same_findings_on_real_text(band: str) -> None:
    rule = _grade_rule()
    scored = 0
    for path in REAL:
        document = text_document(path, path.read_text(encoding="utf-8"), "en", "students", band)
        _counts_agree(document)
        found = list(readability(rule, document))
        assert found == list(_reference(rule, document))
        scored += len(found)
    assert scored > 20  # parts are long enough to score and some go over the limit


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from(GAPS)), max_size=150))
def test_same_word_count_and_findings_on_generated_text(pieces: list[str]) -> None:
    document = text_document(Path("x.md"), "".join(pieces), "en", "students", "4-7")
    _counts_agree(document)
    rule = _grade_rule()
    assert list(readability(rule, document)) == list(_reference(rule, document))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300))
def test_same_word_count_on_any_characters(text: str) -> None:
    _counts_agree(text_document(Path("x.md"), text, "en", "students", "4-7"))
