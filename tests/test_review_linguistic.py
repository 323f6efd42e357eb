"""Review of the es/ar linguistic layer on hostile text: run-together words and what the caches keep."""

from __future__ import annotations

import tracemalloc

import pytest

from lessonkit.check.linguistic import arabic
from lessonkit.check.linguistic.clauses import analyse
from lessonkit.check.linguistic.lemmas import LONGEST_WORD, candidates
from lessonkit.check.linguistic.tokens import tokenise

LONG = {
    "ar": "وبالمدرسةك" * 10_000,  # one "word" of 100,000 letters: clitics and a pronoun at each end
    "es": "dígaselomelo" * 8_000,
    "de": "schuld" * 16_000,
    "en": "blamed" * 16_000,
}


@pytest.mark.parametrize("language", sorted(LONG))
def test_a_word_longer_than_any_word_is_read_as_itself(language: str) -> None:
    word = LONG[language].lower()
    assert candidates(word, language) == (word,)
    assert len(candidates(word[:LONGEST_WORD], language)) >= 1  # a word of the longest length is still read


def test_arabic_candidates_of_a_run_together_word_are_not_copies_of_it() -> None:
    word = arabic.plain(LONG["ar"])
    assert arabic.candidates(word) == (word,)
    assert arabic.words(LONG["ar"]) == frozenset([word])
    assert "مدرسة" in arabic.words("وبالمدرسةك")  # a real word keeps its lemmas


def test_the_pre_filter_still_holds_every_candidate_of_a_run_together_text() -> None:
    text = "لو كنت " + LONG["ar"][:5003] + " وصورتك"
    found = arabic.words(text)
    assert {c for t in tokenise(text, "ar") for c in candidates(t.norm, "ar")} <= found


def test_analysing_run_together_words_keeps_little_in_the_caches() -> None:
    """Ten sentences of one 100,000-letter word each: the caches once kept a dozen near-copies of each
    (about 24 MB), now the words themselves."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        kept = [analyse(LONG["ar"][: 100_000 - n] + " لو", "ar") for n in range(10)]
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept
    assert grown < 12_000_000, grown


def test_the_word_sets_kept_by_the_grammar_kind_are_bounded_by_their_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pre-filter's word sets were kept for 32,768 texts whatever their size: 240,000 characters of
    distinct Arabic words gave a set of 320,000 candidate lemmas (about 50 MB) kept for every such part."""
    from lessonkit.check.kinds import grammar as grammar_kind

    monkeypatch.setattr(grammar_kind, "_WORDS_KEPT", 2_000)
    kept = type(grammar_kind._words)()
    texts = [" ".join(f"وبالمدرسة{n}ك{m}" for m in range(100)) for n in range(40)]
    for text in texts:
        assert kept(text, "ar") == grammar_kind._words.__wrapped__(text, "ar")
    assert len(kept.held) < len(texts)
    biggest = max(len(found) for found in kept.held.values())
    assert kept.size <= 2_000 + biggest + 1
    assert kept.size == sum(len(found) + 1 for found in kept.held.values())
    assert kept(texts[-1], "ar") is kept(texts[-1], "ar")  # the newest is kept
