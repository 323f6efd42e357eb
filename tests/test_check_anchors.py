"""The pattern rules' cheap pre-test must never skip text that the full pattern matches."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker_support import EXAMPLES, rulebook
from lessonkit.check.anchors import anchor_for, fold, required_literals
from lessonkit.check.kinds.phrases import matcher
from lessonkit.check.patterns import Matcher
from lessonkit.check.plain import plain_text

REGRESSION = Path(__file__).resolve().parent / "regression"
PATTERN_KINDS = ("existence", "occurrence", "substitution")


def _matchers() -> list[tuple[str, Matcher]]:
    found = []
    for rule in rulebook().rules:
        if rule.spec.kind not in PATTERN_KINDS:
            continue
        if rule.spec.kind == "substitution":
            found += [(f"{rule.language}:{rule.id}:{p}", matcher(rule, [p])) for p in rule.spec.replacements]
        else:
            found.append((f"{rule.language}:{rule.id}", matcher(rule)))
    return found


MATCHERS = _matchers()


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


def _sentences() -> list[str]:
    texts = []
    for path in sorted([*EXAMPLES.glob("*.yml"), *REGRESSION.rglob("*.yml")]):
        texts += _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    return [plain_text(t) for t in texts]


def test_fold_keeps_every_case_insensitive_equality_of_the_regex_engine() -> None:
    # Exhaustive over the Basic Multilingual Plane: whenever IGNORECASE equates two letters, fold does too.
    broken = []
    for code in range(0x10000):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF or not char.isalpha():
            continue
        for other in {char.lower(), char.upper(), char.casefold(), char.title()}:
            same = len(other) == 1 and other != char and re.fullmatch(re.escape(char), other, re.IGNORECASE)
            if same and fold(char) != fold(other):
                broken.append((char, other))
    assert not broken, broken[:20]


def test_fold_keeps_length_so_nothing_shifts() -> None:
    text = "İSTANBUL ſtraße ΣΟΦΙΑ ẞ Ärger"
    assert len(fold(text)) == len(text)
    assert fold(text) == "istanbul straße σοφια ß ärger"


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?:your|her) (?:own )?fault", {"your fault", "her fault", "your own fault", "her own fault"}),
        (r"sen[dt] it", {"send it", "sent it"}),
        (r"(?:terrifying|horrific)", {"terrifying", "horrific"}),
        (r"(?-i:[A-Z][a-z]+)s", None),  # no fixed word at all
        (r"(?:fault)?blame|x", None),  # one alternative has nothing of length 3
        (r"ab+cde", {"cde"}),
    ],
)
def test_required_literals(pattern: str, expected: set[str] | None) -> None:
    found = required_literals(pattern, re.IGNORECASE)
    assert (set(found) if found is not None else None) == expected


def test_anchor_needs_every_fixed_word_of_a_phrase() -> None:
    anchor = anchor_for(r"(?<!\w)(?:you should[^\w.]+have|brought it on yourself)(?!\w)", re.IGNORECASE)
    assert anchor is not None
    assert len(anchor.phrases) == 2
    assert anchor.admits(fold("You SHOULD, honestly, HAVE told me"))
    assert anchor.admits(fold("she brought it on yourself"))
    assert not anchor.admits(fold("you should ask"))  # "have" is missing
    assert not anchor.admits(fold("we have it"))  # "you should" is missing


def test_a_branch_is_anchored_on_rare_words_rather_than_common_ones() -> None:
    # Each alternative of a branch keeps one set. "never|always" and "would|could" are longer than
    # "hurt" and "harm", but common words pass most parts: the rarer sets are kept (thirty-ninth session).
    found = anchor_for(r"you\W+(?:(?:never|always)\W+hurt|(?:would|could)\W+harm)")
    assert found is not None
    assert not found.admits("you would never do that")
    assert found.admits("you could never harm anyone")


def test_anchor_admits_folded_text_only_when_a_phrase_can_match() -> None:
    anchor = anchor_for(r"(?<!\w)(?:(?:your|her) own fault|ASHAMED)(?!\w)", re.IGNORECASE)
    assert anchor is not None
    assert anchor.admits(fold("It was YOUR OWN FAULT"))
    assert anchor.admits(fold("Ashamed"))
    assert not anchor.admits(fold("It is never anyone's blame"))


def test_most_shipped_pattern_rules_get_an_anchor() -> None:
    # Speed only, but a silent regression would make the checker slow again.
    with_anchor = [name for name, m in MATCHERS if m.anchor is not None]
    assert len(with_anchor) >= 0.9 * len(MATCHERS), [name for name, m in MATCHERS if m.anchor is None]


def test_anchor_passes_every_example_and_regression_sentence_the_pattern_matches() -> None:
    sentences = _sentences()
    assert len(sentences) > 300
    missed = [
        (name, text)
        for name, m in MATCHERS
        for text in sentences
        if m.regex.search(text) and not m.may_match(fold(text))
    ]
    assert not missed, missed[:10]


_INNER = re.compile(r"^\(\?<!\\w\)\(\?:(.*)\)\(\?!\\w\)$", re.DOTALL)


@cache
def _generated(pattern: str) -> st.SearchStrategy[str]:
    """Text that fully matches `pattern`, the strategy built once per pattern (not once per example).

    `\\S` is drawn as `\\w`: hypothesis draws a case-insensitive `\\S` from every non-space character
    and its case variants, which took minutes per example for the `(?: \\S+){0,6}` gaps of the Spanish
    terminology rules (a whole test run stalled on one). Word characters are a subset of `\\S`, so every
    text drawn still matches the rule's pattern; the characters that fold oddly are covered by
    `test_fold_keeps_every_case_insensitive_equality_of_the_regex_engine` over the whole BMP.
    """
    return st.from_regex(re.compile(pattern.replace(r"\S", r"\w"), re.IGNORECASE), fullmatch=True)


@pytest.mark.parametrize(("name", "found"), MATCHERS, ids=[name for name, _ in MATCHERS])
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_anchor_passes_text_generated_from_the_pattern(name: str, found: Matcher, data: st.DataObject) -> None:
    # Text drawn from the rule's own pattern (without the word-boundary guards), inside other text.
    inner = _INNER.match(found.regex.pattern)
    assert inner is not None, name
    try:
        match = data.draw(_generated(inner.group(1)))
    except Exception as err:  # hypothesis cannot generate from lookarounds; those are covered above
        pytest.skip(f"{type(err).__name__}")
    text = f"Some words before. {match} and after."
    # The checker's own search (RE2 where it can express the pattern, equal to `regex` by
    # test_check_speed_equivalence): Python's engine backtracks for minutes over the `(?: \S+){0,6}`
    # gaps of some rules on such text, which the checker never runs it on.
    if found.search(text):
        assert found.may_match(fold(text)), (name, text)
