"""The compiled classifier sums (`lessonkit.check.kinds._ngram_sums`, issue 18 item 3: throughput).

The C module must be built on this machine (setup.py builds it where a compiler is at hand; a
missing module fails here rather than leaving the checker on its slower path unnoticed); its sums
must be those of `classifier.features`, the definition, on every kind of text; and it must take any
input without crashing: a wrong argument is a Python exception, a hostile text only a text.
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.check.kinds import classifier
from lessonkit.check.kinds._ngram_sums import Table
from lessonkit.check.kinds.classifier import GOOD, Model, _forms, compiled_table, features, load_model

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("ar", "de", "en", "es")
TOLERANCE = 1e-9


@cache
def _model(language: str) -> Model:
    return load_model(ROOT / "rules" / language / "tone-classifier.json")


@cache
def _table(language: str) -> Table:
    table = compiled_table(_model(language))
    assert table is not None
    return table


def _reference(model: Model, text: str) -> tuple[float, ...]:
    """(norm squared, sum of value * (weight - good's weight) for each harmful class), from `features`.

    `features` divides each value by the norm; its squares then add up to 1 (or the text has none).
    """
    vector = features(text)
    raw = classifier.raw_features(classifier.tokens(classifier.normalise(text)))
    square = math.fsum((1.0 + math.log(n) if n > 1 else 1.0) ** 2 for n in raw.values())
    norm = math.sqrt(square)
    good = model.classes.index(GOOD)
    sums = [
        math.fsum(
            value * norm * (model.weights[key][j] - model.weights[key][good])
            for key, value in vector.items()
            if key in model.weights
        )
        for j in range(len(model.classes))
        if j != good
    ]
    return (square, *sums)


def _close(got: tuple[float, ...], want: tuple[float, ...]) -> bool:
    if len(got) != len(want):
        return False
    return all(math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-9) for a, b in zip(got, want, strict=True))


@cache
def _corpus_texts(language: str) -> tuple[str, ...]:
    texts: list[str] = []
    for path in sorted((ROOT / "corpus" / "tone" / language).glob("*.yml")):
        texts += [item["text"] for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]]
    return tuple(texts)


def test_the_module_is_built_and_the_checker_uses_it() -> None:
    assert classifier._compiled_table_type() is Table
    assert _model("en").compiled


@pytest.mark.parametrize("language", LANGUAGES)
def test_sums_equal_the_definition_on_the_corpus(language: str) -> None:
    model, table = _model(language), _table(language)
    texts = _corpus_texts(language)[::3]
    assert len(texts) > 500
    for text in texts:
        assert _close(table.sums(_forms(text)), _reference(model, text)), text


@pytest.mark.parametrize("language", LANGUAGES)
def test_probabilities_equal_the_reference_on_the_corpus(language: str) -> None:
    model = _model(language)
    for text in _corpus_texts(language)[1::7]:
        gap = max(abs(a - b) for a, b in zip(model.fast_probabilities(text), model.probabilities(text), strict=True))
        assert gap < TOLERANCE, text


# Repeats across and inside words (the counts the norm needs), words of every length from none to
# very long, astral and combining characters (each a code point to the module, as to Python).
_TRICKY = (
    "",
    "a",
    "a a a a",
    "banana bananas banana",
    "the the the the the the the",
    "x" * 5000,
    "ab " * 300,
    "😀😀😀 🙈 😀😀😀",
    "е́ е́ е́ ё",
    "لا لا لا تخف لا",
    "straße STRASSE Straße",
    "o'neill o'neill's well-known well-known",
)


@pytest.mark.parametrize("text", _TRICKY)
@pytest.mark.parametrize("language", LANGUAGES)
def test_sums_equal_the_definition_on_tricky_text(language: str, text: str) -> None:
    assert _close(_table(language).sums(_forms(text)), _reference(_model(language), text))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12), max_size=30))
def test_any_list_of_strings_is_counted_as_the_definition_counts_it(forms: list[str]) -> None:
    """Forms of any content (spaces, colons, nothing): each n-gram is a slice of " form1 form2 ... ".

    With forms that hold no space or colon (what `_forms` gives) these are the n-grams of
    `features`; the test compares with n-grams spelled from the forms directly, for any strings.
    """
    model = _model("en")
    index = model.lookups[0]
    counts: Counter[tuple[int, str]] = Counter()
    for i, form in enumerate(forms):
        counts[(1, form)] += 1
        if i + 1 < len(forms):
            counts[(2, f"{form} {forms[i + 1]}")] += 1
        padded = f" {form} "
        for n in (3, 4, 5):
            for start in range(len(padded) - n + 1):
                counts[(0, padded[start : start + n])] += 1
    square = math.fsum((1.0 + math.log(c) if c > 1 else 1.0) ** 2 for c in counts.values())
    got = _table("en").sums(forms)
    assert math.isclose(got[0], square, rel_tol=1e-12)
    # A character n-gram meets the model's bare character keys (none of which starts with "w:"), a
    # word its "w:form" key (a key with a space is a pair), a pair its "w:first second" key.
    good = model.classes.index(GOOD)
    harmful = [j for j in range(len(model.classes)) if j != good]
    want = [0.0] * len(harmful)
    for (kind, text), c in counts.items():
        if kind == 0:
            key = None if text.startswith("w:") else text
        elif kind == 1:
            key = None if " " in text else "w:" + text
        else:
            key = "w:" + text
        i = index.get(key) if key is not None else None
        if i is None:
            continue
        tf = 1.0 + math.log(c) if c > 1 else 1.0
        for slot, j in enumerate(harmful):
            want[slot] += tf * (model.columns[j][i] - model.columns[good][i])
    assert all(math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9) for a, b in zip(got[1:], want, strict=True))


def test_wrong_arguments_are_exceptions_not_crashes() -> None:
    table = _table("en")
    with pytest.raises(TypeError):
        table.sums(("a", "b"))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        table.sums(["a", 1])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="not initialised"):
        Table.__new__(Table).sums(["a"])
    with pytest.raises(ValueError, match="one row per key"):
        Table(["w:a"], [0, 1], [(1.0,)], (0.0,))
    with pytest.raises(ValueError, match="outside the columns"):
        Table(["w:a"], [1], [(1.0,)], (0.0,))
    with pytest.raises(ValueError, match="outside the columns"):
        Table(["w:a"], [-1], [(1.0,)], (0.0,))
    with pytest.raises(ValueError, match="as long as the good column"):
        Table(["w:a"], [0], [(1.0, 2.0)], (0.0,))
    with pytest.raises(ValueError, match="harmful columns"):
        Table(["w:a"], [0], [], (0.0,))
    with pytest.raises(TypeError):
        Table(["w:a", 2], [0, 0], [(1.0,)], (0.0,))  # type: ignore[list-item]
    with pytest.raises(TypeError):
        Table(["w:a"], [0], [("x",)], (0.0,))  # type: ignore[list-item]
    assert Table([], [], [(), (), ()], ()).sums(["a", "b"])[1:] == (0.0, 0.0, 0.0)
    failed = Table(["w:a"], [0], [(1.0,)], (0.0,))
    with pytest.raises(ValueError):
        failed.__init__(["w:a"], [5], [(1.0,)], (0.0,))  # type: ignore[misc]
    with pytest.raises(ValueError, match="not initialised"):
        failed.sums(["a"])  # a failed re-initialisation leaves no half-made table behind


def test_a_table_holds_weights_minus_good_and_keeps_the_first_of_a_repeated_key() -> None:
    table = Table(["w:a", "w:a", " a "], [0, 1, 2], [(2.5, 9.0, 0.25)], (1.0, 0.0, 0.5))
    # "a" has two n-grams, its word and the 3-gram " a " (no pair, no 4- or 5-gram): norm squared 2; the
    # word's weight is that of the first "w:a" (2.5 - 1.0), the 3-gram's 0.25 - 0.5.
    assert table.sums(["a"]) == (2.0, 1.5 - 0.25)


# --- the table as bytes (the classifier's cache entry) -------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_loaded_table_is_the_dumped_one(language: str) -> None:
    table = _table(language)
    loaded = Table.load(table.dump(), 2e6)
    assert len(loaded) == len(table) == len(_model(language).lookups[0]) and loaded.classes == table.classes == 3
    assert loaded.dump() == table.dump()
    for text in _corpus_texts(language)[:400]:
        assert loaded.sums(_forms(text)) == table.sums(_forms(text))


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_row_is_the_weights_minus_good_of_its_key(language: str) -> None:
    model, table = _model(language), Table.load(_table(language).dump(), 2e6)
    good = model.classes.index(GOOD)
    harmful = [j for j in range(len(model.classes)) if j != good]
    for key, i in model.lookups[0].items():
        want = tuple(model.columns[j][i] - model.columns[good][i] for j in harmful)
        assert table.row(key) == want, key
    assert table.row("w:no such word here") is None and table.row("") is None


def test_a_table_of_any_code_points_loads_as_dumped() -> None:
    """Keys of one-, two- and four-byte code points (a dump stores the narrowest width that holds them)."""
    for keys in (
        ["w:a", "ab "],
        ["w:ش", " شم"],
        ["w:\U0001f600", "w:a b", "x\U0010ffff"],
        ["w:\ud800", "w:", "w: ", ""],
    ):
        table = Table(keys, list(range(len(keys))), [tuple(0.5 * i for i in range(len(keys)))], (0.0,) * len(keys))
        loaded = Table.load(table.dump(), 10.0)
        assert loaded.dump() == table.dump()
        assert [loaded.row(key) for key in keys] == [(0.5 * i,) for i in range(len(keys))]


def test_a_code_point_beyond_unicode_is_refused() -> None:
    dumped = Table(["w:\U0001f600"], [0], [(1.0,)], (0.0,)).dump()
    order = sys.byteorder  # the dump is in the machine's own byte order
    assert dumped[16:20] == (4).to_bytes(4, order) and dumped.endswith((0x1F600).to_bytes(4, order))
    with pytest.raises(ValueError, match="code point"):
        Table.load(dumped[:-4] + (0x110000).to_bytes(4, order), 10.0)


def test_a_repeated_key_keeps_its_first_row_through_dump_and_load() -> None:
    table = Table(["w:a", "w:a", " a "], [0, 1, 2], [(2.5, 9.0, 0.25)], (1.0, 0.0, 0.5))
    loaded = Table.load(table.dump(), 10.0)
    assert loaded.row("w:a") == table.row("w:a") == (1.5,)
    assert loaded.sums(["a"]) == table.sums(["a"]) == (2.0, 1.5 - 0.25)


class _Float(float):
    def __float__(self) -> float:  # would run in the middle of reading the weights
        raise AssertionError("Python code ran while the table was being made")


class _Int(int):
    pass


def test_a_table_takes_exact_numbers_only() -> None:
    """A subclass's conversion could change the lists being read: only exact floats and ints are taken."""
    with pytest.raises(TypeError, match="float or int"):
        Table(["w:a"], [0], [(_Float(1.0),)], (0.0,))
    with pytest.raises(TypeError, match="float or int"):
        Table(["w:a"], [0], [(1.0,)], (_Float(0.0),))
    with pytest.raises(TypeError, match="rows must be int"):
        Table(["w:a"], [_Int(0)], [(1.0,)], (0.0,))
    assert Table(["w:a"], [0], [(1,)], (0,)).row("w:a") == (1.0,)  # an exact int is a number


def test_load_takes_only_bytes_and_a_bound() -> None:
    dumped = Table(["w:a"], [0], [(1.0,)], (0.0,)).dump()
    with pytest.raises(TypeError):
        Table.load("text", 1.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Table.load(dumped)  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="out of bounds"):
        Table.load(dumped, 0.5)
    with pytest.raises(ValueError, match="out of bounds"):
        Table.load(dumped, math.nan)  # no weight is within a NaN bound
    with pytest.raises(ValueError, match="not initialised"):
        Table.__new__(Table).dump()
    with pytest.raises(TypeError):
        Table.load(dumped, 1.0).row(3)  # type: ignore[arg-type]


_SMALL = Table(
    ["w:you", "w:you did", "ing ", " yo", "w:ش"], [0, 1, 2, 3, 4], [(1.0, 2.0, 3.0, 4.0, 5.0)] * 2, (0.5,) * 5
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=255)), max_size=6)
)
def test_damaged_bytes_are_refused_or_a_sound_table(changes: list[tuple[int, int]]) -> None:
    """Any bytes: a ValueError, or a table whose sums and rows run (the checks leave no index unchecked)."""
    data = bytearray(_SMALL.dump())
    for at, value in changes:
        if at < len(data):
            data[at] = value
        else:
            data.append(value)
    try:
        table = Table.load(bytes(data), 10.0)
    except ValueError:
        return
    assert len(table.sums(["you", "did", "it", "ش"])) == table.classes + 1
    assert table.row("w:you") is None or len(table.row("w:you") or ()) == table.classes
    assert Table.load(table.dump(), 10.0).dump() == table.dump()
