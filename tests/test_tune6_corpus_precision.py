"""No tone rule of any language gives an error on a good item of the labelled corpus (TUNE6, 2026-12-03).

tests/test_tune2_promoted.py holds the grammar and shape rules to that; this holds every tone rule,
pattern lists included. Before 2026-12-03 the Spanish pattern rules gave an error on 3 of the 827
good Spanish items and the Arabic ones on 13 of the 1089 good Arabic items (reassurances that quote,
refute or reject a blaming or hopeless phrase); located exceptions in rules/<lang>/tone.yml brought
both to none. English joined on 2026-12-04 (FP18en): its tone rules gave an error on 10 of the 1892 good
English items (threats and labels cited to be refuted, a quiz's myth answered "False", a discussion question on
telling), which shared exceptions in rules/en/ (REPORTED, REFUTED, REPORTED_REFUTED, NAMED_THREAT, TOLD_PRAISE,
LABELS_THROWN) brought to none; German too (FP18de): 2 of its 1865 good items (a blaming phrase quoted and
rejected, an offender's threat named a lie) until WIDERLEGT and the "...drohungen wie" exception read them. A
later rule or list entry that flags warm, supportive text is a warning, not an error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker_support import good_corpus_items, rulebook
from lessonkit.check.documents import text_document
from lessonkit.check.engine import check_document
from lessonkit.check.finding import ERROR

BOOK = rulebook()


@pytest.mark.parametrize("language", ["ar", "de", "en", "es"])
def test_no_tone_error_on_a_good_corpus_item(language: str) -> None:
    rules = [r for r in BOOK.for_language(language) if r.id.startswith("tone.")]
    good = good_corpus_items(language)
    assert len(good) >= 800  # the corpus is in place
    flagged: list[str] = []
    for text, audience, band in good:
        document = text_document(Path("good.md"), text, language, audience, band)
        errors = [f for f in check_document(document, rules) if f.severity == ERROR]
        flagged.extend(f"{f.code}: {text}" for f in errors)
    assert not flagged, flagged
