"""A rule of which only some phrases need Python's engine finds the same on RE2 where those phrases cannot match.

`patterns._split` puts the other phrases of such a rule (`tone.victim-blaming`, whose "asking for
it" phrase has a lookahead; since 2026-12-02 also shame-by-proxy and German fear-shapes) on RE2,
with the anchor of the Python-only phrases: a text that anchor rules out is scanned by RE2 alone.
Every test compares the hits (span, text, named groups) with Python's engine running the whole
pattern, the reference.
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
from lessonkit.check.patterns import Matcher
from lessonkit.check.rulebook import load_rulebook
from lessonkit.linear_re import Hit
from test_linear_re_ascii import _sentences

ROOT = Path(__file__).resolve().parent.parent


def _derived() -> list[tuple[str, Matcher]]:
    found = []
    for rule in load_rulebook(ROOT / "rules").rules:
        if rule.spec.kind in ("existence", "occurrence"):
            negation = rule.negation if rule.spec.negation else ""
            define = tuple(sorted(rule.define.items()))
            found.append((rule.id, patterns._derive((*rule.spec.patterns, *rule.spec.words), define, negation)))
    return found


SPLIT = [(name, made) for name, made in _derived() if made.linear_part is not None]
EXTRA = [
    "She was asking for it.",
    "He was asking for it back, and it was your fault.",
    "They were asking for it to stop. You should have told someone. It's your own fault!",
    "You were ASKING for it, he said; brought it on yourself",
    "asked for it\nyour fault",
    "Straße: du warst asking for it, your fault.",
]
TEXTS = [*_sentences(), *EXTRA, *(p.read_text(encoding="utf-8") for p in sorted((ROOT / "lessons").rglob("*.md"))[:30])]


def _hits(found: list[Hit]) -> list[tuple[int, int, str, dict[str, str | None]]]:
    return [(h.start, h.end, h.text, dict(h.groups)) for h in found]


def _reference(made: Matcher, text: str) -> list[tuple[int, int, str, dict[str, str | None]]]:
    return [
        (m.start(), m.end(), m.group(0), m.groupdict()) for m in re.compile(made.source, re.IGNORECASE).finditer(text)
    ]


def _victim_blaming() -> Matcher:
    return next(made for name, made in SPLIT if name == "tone.victim-blaming")


def test_the_rules_with_a_lookahead_are_split() -> None:
    # en victim-blaming ("asking for it"), en and de shame-by-proxy and de fear-shapes (the bounded
    # reassurance and next-one lookaheads of 2026-12-02): the rules test_adversarial_input names.
    names = sorted(name for name, _ in SPLIT)
    assert names == ["tone.fear-shapes", "tone.shame-by-proxy", "tone.shame-by-proxy", "tone.victim-blaming"]
    made = _victim_blaming()
    assert made.scanner is not None and made.scanner.re2_source is None  # whole: Python's engine only
    assert made.python_part is not None and not made.python_part.admits(fold("it is never your fault"))
    assert made.python_part.admits(fold("she was asking for it"))


@pytest.mark.parametrize(("name", "made"), SPLIT, ids=[name for name, _ in SPLIT])
def test_split_rules_find_what_the_whole_pattern_finds(name: str, made: Matcher) -> None:
    both = 0
    for text in TEXTS:
        expected = _reference(made, text)
        assert _hits(list(made.finditer(text))) == expected, (name, text[:80])
        assert _hits(list(made.finditer(text, fold(text)))) == expected, (name, text[:80])
        both += bool(expected)
    assert both >= 5  # the texts do reach the rule


def test_a_text_without_the_python_phrases_never_compiles_the_python_pattern() -> None:
    made = _victim_blaming()
    fresh = patterns._from_record(json.loads(json.dumps(patterns._record(made))))
    assert fresh is not None and fresh.scanner is not None
    assert [h.text for h in fresh.finditer("If someone tricks you, it is never your fault.")] == ["your fault"]
    assert "python" not in fresh.scanner.__dict__  # the cached_property was never computed
    assert [h.text for h in fresh.finditer("You were asking for it.")] == ["were asking for it"]
    assert "python" in fresh.scanner.__dict__


def test_the_cache_keeps_both_parts() -> None:
    made = _victim_blaming()
    record = json.loads(json.dumps(patterns._record(made)))
    back = patterns._from_record(record)
    assert back is not None and back.linear_part is not None and made.linear_part is not None
    assert (back.python_part, back.linear_part.re2_source, back.linear_part.names) == (
        made.python_part,
        made.linear_part.re2_source,
        made.linear_part.names,
    )
    assert patterns._from_record({**record, "python_part": None}) is None  # one part without the other
    assert patterns._from_record({**record, "linear_part": None}) is None
    assert patterns._from_record({**record, "linear_part": {"source": 1}}) is None
    assert patterns._from_record({**record, "python_part": [["asking"]]}) is None


WORDS = ["you", "were", "was", "she", "asking", "asked", "for", "it", "back", "to", "your", "own", "fault", "blame"]
SEPARATORS = [" ", " ", ", ", ". ", "\n", "! ", " - ", "'s ", "?"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=40))
def test_split_rules_agree_on_generated_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    for name, made in SPLIT:
        assert _hits(list(made.finditer(text))) == _reference(made, text), name
