"""A grammar finding is located at the word its shape reacted to, wherever the sentence's words stand.

`check.sentences` gives a sentence with its whitespace runs joined and any marks before its first
word; the finding's place is found back in the part's text (it used to be the sentence's start
plus the word's offset in the joined sentence: too early after blanked markup or a line break,
too late after a leading quotation mark or bracket).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker_support import rulebook, run_rule
from lessonkit.check.kinds.grammar import _offset
from lessonkit.check.rulebook import Rule

BOOK = rulebook()


def _rule(rule_id: str, language: str) -> Rule:
    return next(r for r in BOOK.rules if r.id == rule_id and r.language == language)


@pytest.mark.parametrize(
    ("language", "text", "word"),
    [
        ("en", "Honestly, Sam is so gullible.", "gullible"),
        ("en", "Honestly,   Sam is   so gullible.", "gullible"),
        ("en", "Honestly, Sam is **so** gullible.", "gullible"),
        ("en", "(Honestly, Sam is so gullible.)", "gullible"),
        ("en", "A first line.\nHonestly, Sam is\nso gullible.", "gullible"),
        ("en", "- Honestly, Sam is _so_ gullible.", "gullible"),
        ("de", "Lena  ist so **leichtgläubig**.", "leichtgläubig"),
        ("de", "(Lena ist so leichtgläubig.)", "leichtgläubig"),
    ],
)
def test_a_finding_points_at_its_word(language: str, text: str, word: str, tmp_path: Path) -> None:
    rule = _rule("tone.grammar-labels", language)
    [finding] = run_rule(rule, text, {"lang": language, "band": "14-18"}, tmp_path)
    line = text.splitlines()[finding.location.line - 1]
    assert line[finding.location.column - 1 :].startswith(word), (finding.location, line)


def test_offsets_that_do_not_line_up_fall_back_to_the_old_sum() -> None:
    assert _offset("something else", 3, "Sam is so gullible.", 5) == 8
