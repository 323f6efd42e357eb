"""The Python-only phrases of a split rule, widened (lookarounds taken out) on RE2, decide when Python runs.

`tone.victim-blaming` has one phrase with a lookahead ("asking for it" not followed by "to",
"back"...), so its whole pattern runs on Python's engine wherever that phrase's anchor admits a
text. Taking a zero-width test out of a pattern only widens what it matches: where the widened
phrase finds nothing on RE2, the Python-only phrase matches nowhere and RE2 runs the rest. These
tests hold the hits equal to Python's engine on the whole pattern (the reference), and check that
a text holding the anchor's words but not the phrase never compiles the Python pattern.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.check import patterns
from lessonkit.check.anchors import fold
from lessonkit.check.patterns import Matcher, without_lookarounds
from lessonkit.check.rulebook import load_rulebook
from test_linear_re_ascii import _sentences

ROOT = Path(__file__).resolve().parent.parent


def _split_rule() -> Matcher:
    for rule in load_rulebook(ROOT / "rules").rules:
        if rule.id == "tone.victim-blaming" and rule.language == "en":
            negation = rule.negation if rule.spec.negation else ""
            define = tuple(sorted(rule.define.items()))
            return patterns._derive((*rule.spec.patterns, *rule.spec.words), define, negation)
    raise AssertionError("no tone.victim-blaming rule")


MADE = _split_rule()
ADMITTED_ONLY = "He asked for help. It was your fault, they said."  # the anchor's words, not the phrase


def _reference(text: str) -> list[tuple[int, int, str, dict[str, str | None]]]:
    return [(m.start(), m.end(), m.group(0), m.groupdict()) for m in re.compile(MADE.source, re.I).finditer(text)]


def _found(made: Matcher, text: str) -> list[tuple[int, int, str, dict[str, str | None]]]:
    return [(h.start, h.end, h.text, dict(h.groups)) for h in made.finditer(text, fold(text))]


def test_the_split_rule_has_a_widened_part() -> None:
    assert MADE.python_part is not None and MADE.python_wider is not None
    assert MADE.python_part.admits(fold(ADMITTED_ONLY))  # the case the widened part decides
    assert MADE.python_wider.search(ADMITTED_ONLY) is None
    assert MADE.python_wider.search("She was asking for it to stop.") is not None  # wider than the phrase


EXTRA = [
    ADMITTED_ONLY,
    "She was asking for it.",
    "They were asking for it to stop. You should have told someone.",
    "You were ASKING for it, he said; brought it on yourself",
    "asked for it\nyour fault",
    "He asked for it back. She asked for it again, and for it to end.",
]
TEXTS = [*_sentences(), *EXTRA, *(p.read_text(encoding="utf-8") for p in sorted((ROOT / "lessons").rglob("*.md")))]


def test_the_widened_part_keeps_the_hits_of_the_whole_pattern() -> None:
    reached = 0
    for text in TEXTS:
        expected = _reference(text)
        assert _found(MADE, text) == expected, text[:80]
        reached += bool(expected)
    assert reached >= 5


WORDS = ["you", "were", "was", "she", "asking", "asked", "for", "it", "back", "to", "again", "your", "fault", "help"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*WORDS, " ", ", ", ". ", "\n", "'s "]), max_size=24))
def test_the_widened_part_agrees_on_generated_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _found(MADE, text) == _reference(text)


def test_a_text_with_the_words_but_not_the_phrase_never_compiles_the_python_pattern() -> None:
    fresh = patterns._from_record(json.loads(json.dumps(patterns._record(MADE))))
    assert fresh is not None and fresh.scanner is not None and fresh.python_wider is not None
    assert [h.text for h in fresh.finditer(ADMITTED_ONLY)] == ["your fault"]
    assert "python" not in fresh.scanner.__dict__  # the 3,300-character Python pattern was not compiled
    assert [h.text for h in fresh.finditer("You were asking for it.")] == ["were asking for it"]


def test_the_cache_keeps_the_widened_part() -> None:
    record = json.loads(json.dumps(patterns._record(MADE)))
    back = patterns._from_record(record)
    assert back is not None and back.python_wider is not None and MADE.python_wider is not None
    assert back.python_wider.re2_source == MADE.python_wider.re2_source
    assert patterns._from_record({**record, "python_wider": {"source": 1}}) is None
    assert patterns._from_record({**record, "linear_part": None, "python_part": None}) is None  # wider alone
    plain = patterns._derive(("you are to blame",), (), "")
    assert plain.python_wider is None and patterns._record(plain)["python_wider"] is None


@pytest.mark.parametrize(
    ("pattern", "wider"),
    [
        (r"a(?!b)c", "ac"),
        (r"a(?<=x(y)z)b", "ab"),
        (r"[(?!]x\(?!y", r"[(?!]x\(?!y"),  # a class and an escaped parenthesis are not groups
        (r"x(?![^\w.!?;:]+(?:to|back)\b)", "x"),
        (r"(?:a|b)(?=c)|d(?<!e)", "(?:a|b)|d"),
        (r"[^)](?!\))y", "[^)]y"),
    ],
)
def test_lookarounds_are_taken_out(pattern: str, wider: str) -> None:
    assert without_lookarounds(pattern) == wider


PIECES = ["a", "b", "(?!a)", "(?=b)", "(?<!a)", "(?<=b)", "(?:a|b)", "[ab]", "|", "a?"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=8), st.text(alphabet="ab", max_size=8))
def test_the_widened_pattern_matches_wherever_the_pattern_does(pieces: list[str], text: str) -> None:
    pattern = "".join(pieces)
    found = re.search(pattern, text)
    assert found is None or re.search(without_lookarounds(pattern), text) is not None
