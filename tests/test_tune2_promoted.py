"""The Arabic and Spanish tone rules made errors on 2026-12-02 (TUNE2) flag no good item of the labelled corpus.

A grammar or shape rule may fail a build only if it reports nothing on the corpus's good text of its
language (corpus/tone/<lang>/*.yml, items labelled `good`): warm guidance, negated blame, calm
mentions of threats. This test keeps it so when a lemma is added to such a rule.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker_support import good_corpus_items, rulebook
from lessonkit.check.documents import text_document
from lessonkit.check.engine import check_document
from lessonkit.check.finding import ERROR
from lessonkit.check.rulebook import Rule

BOOK = rulebook()
# Rules promoted from warning to error; the kinds of the linguistic layer and the shape patterns.
PROMOTED = {"grammar", "existence"}
SHAPES = ("tone.blame-shapes", "tone.fear-shapes", "tone.shame-shapes")


def _error_rules(language: str) -> list[Rule]:
    return [
        r
        for r in BOOK.for_language(language)
        if r.language == language
        and r.spec.severity == ERROR
        and (r.spec.kind == "grammar" or r.id in SHAPES)
        and r.spec.kind in PROMOTED
    ]


@pytest.mark.parametrize("language", ["ar", "es"])
def test_promoted_rules_flag_no_good_corpus_item(language: str) -> None:
    rules = _error_rules(language)
    assert len(rules) >= 20  # the promotion is in place
    flagged: list[str] = []
    for text, audience, band in good_corpus_items(language):
        document = text_document(Path("good.md"), text, language, audience, band)
        findings = list(check_document(document, rules))
        flagged.extend(f"{f.code}: {text}" for f in findings)
    assert not flagged, flagged
