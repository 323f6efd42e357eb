"""The one-scan pre-test of the anchors (`patterns._AnchorStrings`) never changes what `Anchor.admits` decides."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.check import patterns
from lessonkit.check.anchors import fold
from lessonkit.check.kinds.phrases import matcher
from lessonkit.check.patterns import Matcher
from lessonkit.check.rulebook import load_rulebook
from test_linear_re_ascii import _sentences

ROOT = Path(__file__).resolve().parent.parent


def _matchers() -> list[Matcher]:
    found = []
    for rule in load_rulebook(ROOT / "rules").rules:
        if rule.spec.kind in ("existence", "occurrence"):
            found.append(matcher(rule))
        elif rule.spec.kind == "substitution":
            found += [matcher(rule, [p]) for p in rule.spec.replacements]
    return [made for made in found if made.anchor is not None]  # None: no pre-test at all


@pytest.fixture
def strings() -> Iterator[patterns._AnchorStrings]:
    """A fresh string set, in use from the first question, holding every matcher's strings."""
    fresh = patterns._AnchorStrings()
    fresh.START_AFTER = 1
    saved = patterns._STRINGS
    patterns._STRINGS = fresh
    try:
        yield fresh
    finally:
        patterns._STRINGS = saved


MATCHERS = _matchers()
TEXTS = [fold(t) for t in _sentences()]


def _fresh(made: Matcher) -> Matcher:
    # `_wanted` is kept per matcher: a copy starts without it, so it is read from the fresh set.
    return Matcher(made.source, made.negation_source, made.anchor, made.scanner)


def test_the_pre_test_agrees_with_admits_on_the_examples(strings: patterns._AnchorStrings) -> None:
    checked = skipped = 0
    for made in map(_fresh, MATCHERS):
        assert made.anchor is not None
        for text in TEXTS:
            assert made.may_match(text) == made.anchor.admits(text), (made.source[:60], text)
        checked += 1
        skipped += made._wanted is not None
    assert strings.matcher is not None
    assert checked > 80
    assert skipped > checked * 0.9  # the set holds nearly every matcher's strings


WORDS = sorted({s for m in MATCHERS if m.anchor for needs in m.anchor.phrases for need in needs for s in need})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*WORDS, " ", ". ", "x"]), max_size=30), st.integers(0, len(MATCHERS) - 1))
def test_the_pre_test_agrees_with_admits_on_generated_text(pieces: list[str], which: int) -> None:
    fresh = patterns._AnchorStrings()
    fresh.START_AFTER = 1
    saved, patterns._STRINGS = patterns._STRINGS, fresh
    try:
        made = _fresh(MATCHERS[which])
        text = "".join(pieces)
        assert made.anchor is not None
        assert made.may_match(text) == made.anchor.admits(text)
    finally:
        patterns._STRINGS = saved


def test_a_phrase_that_needs_nothing_is_never_skipped(strings: patterns._AnchorStrings) -> None:
    made = next(m for m in MATCHERS if m.anchor is not None)
    assert made.anchor is not None
    open_ended = patterns.Anchor(((), *made.anchor.phrases))
    assert strings.present("anything") is not None
    assert strings.numbers(open_ended) is None
    assert Matcher(made.source, None, open_ended, made.scanner).may_match("zzz")


def test_the_set_waits_until_a_run_asks_often() -> None:
    fresh = patterns._AnchorStrings()
    assert all(fresh.present(f"text {n}") is None for n in range(fresh.START_AFTER - 1))
    assert fresh.matcher is None  # one small file never builds it
    assert fresh.present("the last text") is not None


def test_a_matcher_follows_a_set_built_anew(monkeypatch: pytest.MonkeyPatch) -> None:
    # Numbers kept from one set were used with the next (cached_property): a matcher made under
    # one set and asked under a set that numbers its strings differently skipped parts it matches
    # (`PartIndex` lost 'ruf die 110'). Numbers are now kept with the set they belong to.
    made = MATCHERS[0]
    assert made.anchor is not None
    text = next(t for t in TEXTS if made.anchor.admits(t))
    first = patterns._AnchorStrings()
    monkeypatch.setattr(patterns, "_STRINGS", first)
    assert first.build_now() and made.may_match(text)
    kept = made._wanted
    assert kept is not None
    # A string sorted before every other shifts every number of the next set.
    shifted = patterns.compile_patterns(["\u0001\u0001 early"], {}, language="en")
    monkeypatch.setattr(patterns, "_made", [*patterns._made, shifted])
    second = patterns._AnchorStrings()
    monkeypatch.setattr(patterns, "_STRINGS", second)
    assert second.build_now()
    assert made._wanted is not None and made._wanted != kept
    assert made.may_match(text)
    index = patterns.PartIndex.of([fold(t) for t in TEXTS] * 2)
    assert index is not None
    parts = index.parts(made)
    assert parts is not None and TEXTS.index(text) in parts
