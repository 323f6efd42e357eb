"""The `classifier` kind: a small linear tone model, shipped as JSON, read in pure Python.

The patterns of the tone rules catch a harmful shape only in the wordings their author foresaw.
This kind adds a statistical second layer (issue 18): a multinomial logistic regression over word
uni- and bigrams and character 3-5-grams, trained per language by `scripts/train_classifier.py` on
the project's labelled corpus (`corpus/tone/<language>/`). It reports a **warning**, never an
error, for a sentence whose probability of one harmful class (blame, fear, shame) is above the
rule's limit, quoting the words that pushed it there.

Inference needs neither scikit-learn nor numpy: the features are computed here (the training
script calls the same `features` function, so the two cannot drift apart), weighted, summed and
passed through a softmax. The model file is JSON, never a pickle (a pickle runs code when it is
loaded, and rule folders come from other people); it is read only when a classifier rule runs,
and checked field by field, so a damaged file is a located error, not a traceback.

Three paths compute the same probabilities. `features` and `Model.probabilities` are the reference,
written as the definition reads (training and the tests use them). The checker scores with
`Model.fast_probabilities`: where the C module `_ngram_sums` was built (setup.py builds it when a
compiler is at hand), a sentence's n-grams are counted and weighted there in a few microseconds
(`tests/test_classifier_compiled.py` holds it to the definition); elsewhere a pure-Python path
regroups the same sums so that a sentence costs a few passes of C-level work: each word's n-grams,
and their weights summed, are made once per run; a sentence's n-grams are counted in one pass;
only those that occur more than once (whose value is 1 + ln n, not 1) are looked at one by one.
`tests/test_classifier_fast.py` holds both fast paths equal to the reference to 1e-9. On that path,
a rule asks `Model.ceilings`, which bounds each probability from above without counting any n-gram
(the proof is in the comment above `_Scorer`), and scores only the sentences whose ceiling is above
its limit, about 1 in 7 (`tests/test_classifier_ceiling.py`); with the compiled sums a sentence
costs less than its ceilings, so every sentence is scored.
The checked model's compiled table is kept in the cache folder (`classifier-<hash>.marshal`, keyed
by the model file's bytes and this module's code, signed with the user's cache key), so a run reads
it in a millisecond or two whatever the model's size, instead of parsing and checking the JSON
again; the pure-Python path, which cannot read that table, parses the JSON at each run.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import marshal
import math
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import chain, compress
from operator import add, itemgetter, lshift, mul
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from lessonkit.cache_file import read_sealed_file, write_sealed_file
from lessonkit.check.document import Document, TextUnit
from lessonkit.check.kinds import finding, units
from lessonkit.check.patterns import in_question, in_quotation
from lessonkit.check.resources import cache_dir
from lessonkit.check.rulebook import Rule
from lessonkit.check.sentences import WITHOUT_MARKS, WORD, sentences
from lessonkit.lazy_re import LazyPattern
from lessonkit.problems import LessonkitError, Location

if TYPE_CHECKING:
    from lessonkit.check.kinds._ngram_sums import Table

    # Only a type: the finding type is being renamed (Finding -> Diagnostic) while this is written.
    from lessonkit.diagnostics import Diagnostic

MODEL_FORMAT: Final = 1
MAX_CLASSES: Final = 65  # good text and at most 64 harmful classes (the C module's columns)
GOOD: Final = "good"
CHAR_SIZES: Final = (3, 4, 5)
WORD_PREFIX: Final = "w:"
CHAR_PREFIX: Final = "c:"
# Apostrophes and quotation marks typed in several ways are one character to the model.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
# Quoted words in a sentence: double quotes of several languages, and single quotes that open
# after a space and close before one (not the apostrophe of "don't"). Educator guidance that
# cites a blaming sentence to avoid ("Never ask 'why did you send it?'") is judged without it.
# A German „...“ closes at “ or ” or, in plain text (which straightens both), at ", as in
# check/quotation.py: otherwise a German quotation ran past its end.
_QUOTED = LazyPattern(
    '"[^"]*"|\u201c[^\u201d]*\u201d|\u201e[^\u201c\u201d"]*[\u201c\u201d"]|\u00ab[^\u00bb]*\u00bb'
    "|\u2018[^\u2019]*\u2019|(?<!\\w)'[^']*'(?!\\w)"
)
# The characters a quotation of `_QUOTED` opens with: a sentence without any has nothing to take
# out, and this one-class scan is far cheaper than `_QUOTED`'s alternatives.
_MAY_QUOTE = re.compile("[\"'\u201c\u201e\u00ab\u2018]")


# A named tuple: made for every word of a checked text (a frozen dataclass sets each field through
# `object.__setattr__`), and its class costs a third of a dataclass's to make at start-up.
class Token(NamedTuple):
    """A word of a normalised sentence: where it is (for quoting) and its lower-case form."""

    start: int
    end: int
    form: str


def normalise(text: str) -> str:
    """NFKC, one kind of apostrophe: the text whose words the model sees and the warning quotes."""
    return unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)


def tokens(normalised: str) -> list[Token]:
    """The words of a normalised text, lower-cased, with Arabic vowel marks dropped."""
    return [Token(m.start(), m.end(), WITHOUT_MARKS.sub("", m.group()).lower()) for m in WORD.finditer(normalised)]


def raw_features(words: list[Token]) -> dict[str, int]:
    """Counts of word uni- and bigrams and of character 3-5-grams inside each word (padded with spaces)."""
    counts: dict[str, int] = {}
    forms = [t.form for t in words]
    for index, form in enumerate(forms):
        for key in _word_keys(forms, index):
            counts[key] = counts.get(key, 0) + 1
        for key in _char_keys(form):
            counts[key] = counts.get(key, 0) + 1
    return counts


def _word_keys(forms: list[str], index: int) -> list[str]:
    keys = [WORD_PREFIX + forms[index]]
    if index + 1 < len(forms):
        keys.append(f"{WORD_PREFIX}{forms[index]} {forms[index + 1]}")
    return keys


@lru_cache(maxsize=65536)
def _char_keys(form: str) -> tuple[str, ...]:
    # Words repeat far more than sentences do: each word's n-grams are built once per run.
    padded = f" {form} "
    return tuple(CHAR_PREFIX + padded[i : i + n] for n in CHAR_SIZES for i in range(len(padded) - n + 1))


def features(text: str) -> dict[str, float]:
    """The feature vector of a text: sublinear counts (1 + ln n), L2-normalised over every n-gram.

    The norm is taken before any feature is dropped from the model, so the vector of a sentence
    does not depend on which features a model kept; training and inference both call this.
    """
    counts = raw_features(tokens(normalise(text)))
    values = {key: 1.0 + math.log(n) if n > 1 else 1.0 for key, n in counts.items()}
    norm = math.sqrt(sum(v * v for v in values.values()))
    return {key: v / norm for key, v in values.items()} if norm else {}


@dataclass(frozen=True, eq=False)  # hashed by identity: one loaded model, many sentences
class Model:
    """A trained model: classes, one intercept per class, and the weights of each feature (one per class).

    The weights are kept as `keys` and one column per class; `weights` is the same table by feature,
    made when the reference path or a warning's reasons need it. A model read from the cache folder
    comes with its compiled table (`_ngram_sums.Table`, all the checker's fast path and the reasons
    need) and without keys and columns: those are parsed from the model file's bytes (the ones the
    cache entry was found by) if and when something asks for them, so that a run pays nothing per
    feature at start.
    """

    path: Path
    language: str
    classes: tuple[str, ...]
    intercepts: tuple[float, ...]
    _keys: tuple[str, ...] | None  # None: in the compiled table only, parsed from the file when asked for
    _columns: tuple[tuple[float, ...], ...] | None
    # Made at first use and kept (a property, not `functools.cached_property`: mypyc compiles the
    # latter as a plain property that runs again on every access, which made a compiled run 40
    # times slower, a new `_Scorer` for every sentence; see docs/performance.md, seventh round).
    # (Set in `__post_init__`: a compiled dataclass leaves an init=False field's default unset.)
    _weights: dict[str, tuple[float, ...]] | None = field(init=False, repr=False, compare=False)
    _made_scorer: _Scorer | None = field(init=False, repr=False, compare=False)
    _lookups: _Lookups | None = field(init=False, repr=False, compare=False)
    # The compiled table when it was read from the cache folder or made to be kept there, and the
    # model file's bytes that `keys` and `columns` are parsed from when the model came from the cache.
    # (A model made with neither keys nor source reads its file when asked: only tests make one.)
    _table: Table | None = field(init=False, repr=False, compare=False)
    _source: bytes | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_weights", None)
        object.__setattr__(self, "_made_scorer", None)
        object.__setattr__(self, "_lookups", None)
        object.__setattr__(self, "_table", None)
        object.__setattr__(self, "_source", None)

    @property
    def keys(self) -> tuple[str, ...]:
        """The model's features, in the order of its file."""
        return self._parsed()[0]

    @property
    def columns(self) -> tuple[tuple[float, ...], ...]:
        """The weight of each feature (in the order of `keys`), one column per class."""
        return self._parsed()[1]

    def _parsed(self) -> tuple[tuple[str, ...], tuple[tuple[float, ...], ...]]:
        keys, columns = self._keys, self._columns
        if keys is None or columns is None:
            source = self._source if self._source is not None else self.path.read_bytes()
            parsed = _parse_model(self.path, source)
            keys, columns = parsed.keys, parsed.columns
            object.__setattr__(self, "_keys", keys)  # frozen: set once
            object.__setattr__(self, "_columns", columns)
        return keys, columns

    @property
    def lookups(self) -> _Lookups:
        """The fast path's index of the model's features and its word pairs by first word (`lookups_of`)."""
        found = self._lookups
        if found is None:
            found = lookups_of(self.keys)
            object.__setattr__(self, "_lookups", found)
        return found

    @property
    def weights(self) -> dict[str, tuple[float, ...]]:
        """Feature -> its weight for each class, in the order of `classes`."""
        weights = self._weights
        if weights is None:
            weights = dict(zip(self.keys, zip(*self.columns, strict=True), strict=True))
            object.__setattr__(self, "_weights", weights)  # frozen: set once, as cached_property did
        return weights

    @property
    def _scorer(self) -> _Scorer:
        scorer = self._made_scorer
        if scorer is None:
            scorer = _Scorer(self)
            object.__setattr__(self, "_made_scorer", scorer)
        return scorer

    def fast_probabilities(self, text: str) -> tuple[float, ...]:
        """`probabilities(text)` computed by the fast path (equal to it to rounding, about 1e-15).

        The compiled sums when the C module was built (`compiled`), else the pure-Python regrouping.
        """
        return self._scorer.probabilities(text)

    @property
    def compiled(self) -> bool:
        """Whether `fast_probabilities` runs on the compiled sums (then a sentence costs less than its ceilings)."""
        return self._scorer.table() is not None

    def ceilings(self, text: str) -> tuple[float, ...]:
        """A number that `fast_probabilities(text)` never exceeds, for each class (1 for good text).

        Far cheaper than the probabilities: a rule need not compute those for a sentence whose
        ceiling for its class is at most its limit (see the comment above `_Scorer`).
        """
        return self._scorer.ceilings(text)

    def tighter_ceilings(self, text: str) -> tuple[float, ...]:
        """Like `ceilings` (not above them but for rounding slack), closer to the probabilities, and dearer."""
        return self._scorer.tighter_ceilings(text)

    def decision(self, vector: dict[str, float]) -> list[float]:
        """The linear score of each class (scikit-learn's `decision_function`)."""
        totals = list(self.intercepts)
        # Most n-grams of a sentence are not in the model: the key sets are intersected in C, and
        # the few shared keys summed in sorted order, so that every run adds in the same order.
        for key in sorted(vector.keys() & self.weights.keys()):
            value = vector[key]
            totals = [total + value * weight for total, weight in zip(totals, self.weights[key], strict=True)]
        return totals

    def probabilities(self, text: str) -> list[float]:
        """The softmax of the decision scores (scikit-learn's multinomial `predict_proba`)."""
        scores = self.decision(features(text))
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def reasons(self, text: str, label: str, most: int = 4) -> list[str]:
        """The words and word pairs of `text` that pushed it most towards `label` rather than good text.

        A feature's share is its value times (its weight for the label minus its weight for good
        text); a character n-gram's share goes to the word it lies in. The quoted pieces are
        taken from the (normalised) sentence itself, so a reader finds them there.
        """
        target, good = self.classes.index(label), self.classes.index(GOOD)
        normalised = normalise(text)
        words = tokens(normalised)
        vector = features(text)
        counts = raw_features(words)
        forms = [t.form for t in words]

        lean = self._leaning(target, good)

        def share(key: str) -> float:
            weight = lean(key)
            return 0.0 if weight is None else vector[key] * weight / counts[key]

        pieces: dict[tuple[int, int], float] = {}
        for index, form in enumerate(forms):
            own = share(WORD_PREFIX + form) + sum(share(key) for key in _char_keys(form))
            pieces[(index, index)] = pieces.get((index, index), 0.0) + own
            if index + 1 < len(forms):
                pieces[(index, index + 1)] = share(f"{WORD_PREFIX}{form} {forms[index + 1]}")
        chosen: list[tuple[int, int]] = []
        for span, value in sorted(pieces.items(), key=lambda item: (-item[1], item[0])):
            if value <= 0 or len(chosen) == most:
                break
            if any(span[0] <= other[1] and other[0] <= span[1] for other in chosen):
                continue  # a word already quoted inside a chosen pair (or the other way round)
            chosen.append(span)
        return [normalised[words[a].start : words[b].end] for a, b in chosen]

    def _leaning(self, target: int, good: int) -> Callable[[str], float | None]:
        """Feature -> its weight for class `target` minus good text's (None when the model lacks it).

        From the compiled table when there is one (a model read from the cache has no other, and the
        table holds exactly these differences, computed as below), else from `weights`.
        """
        table = self._scorer.table()
        if target == good:
            return lambda key: None  # nothing leans towards good text more than good text itself
        if table is not None:
            harmful = target - (target > good)  # the table's columns leave good text out
            row = table.row

            def from_table(key: str) -> float | None:
                found = row(key[len(CHAR_PREFIX) :] if key.startswith(CHAR_PREFIX) else key)
                return None if found is None else found[harmful]

            return from_table
        weights = self.weights

        def from_weights(key: str) -> float | None:
            found = weights.get(key)
            return None if found is None else found[target] - found[good]

        return from_weights


# --- the fast path -------------------------------------------------------------------------------
#
# With c(k) the count of n-gram k in a sentence and tf(c) = 1 + ln c, the reference computes for
# each class j: score_j = b_j + sum_k tf(c(k)) * w_j(k) / norm, norm = sqrt(sum_k tf(c(k))^2), the
# sums over every n-gram of the sentence (those missing from the model have w = 0). Since tf(1) = 1:
#   sum_k tf(c(k)) * w_j(k) = sum over the words of the sentence of S_j(word)
#                             + sum over its word pairs of w_j(pair)
#                             + sum over the n-grams with c(k) > 1 of (tf(c(k)) - c(k)) * w_j(k)
#   norm^2 = (number of n-gram occurrences) + sum over the n-grams with c(k) > 1 of (tf(c(k))^2 - c(k))
# where S_j(word) sums w_j over the word's own n-grams (with repeats), made once per word and model.
# Softmax depends only on differences of scores, so each harmful class is scored against good text
# (weights and intercepts minus good's): one class fewer to sum, the same probabilities.

_WORDS_KEPT: Final = 1 << 18  # words remembered per model; a larger table is emptied and refilled
_ASCII_WORD: Final = re.compile(r"[a-z]+(?:['\-][a-z]+)*")  # `WORD` on lower-cased ASCII text


def _forms(text: str) -> list[str]:
    """The forms of `tokens(normalise(text))`, without offsets.

    ASCII text is its own NFKC form, its only apostrophe to unify is the backquote, it has no
    vowel marks, and lower-casing it maps letters to letters one for one, so the words of the
    lower-cased text are the lower-cased words. In lower-cased ASCII text the letters `WORD` matches
    are a-z and no combining mark can occur, so `_ASCII_WORD` (plain ranges, about twice as fast
    as `WORD`'s Unicode classes) finds the same words.
    """
    if text.isascii():
        return _ASCII_WORD.findall((text.replace("`", "'") if "`" in text else text).lower())
    return [WITHOUT_MARKS.sub("", word).lower() for word in WORD.findall(normalise(text))]


# What a word brings to a sentence, for one model: its n-grams (the unigram, then the character
# 3-5-grams in the order `raw_features` makes them, spelled bare as in `_Rows.index`), the start
# of the key of a word pair it begins ("w:word "), the n-grams of the model among them, and what
# the ceilings need of it (below: `bound`, `mask`, `negative`, and `own`, which is `bound` without
# its pair term); S_j(word) for each harmful class j is in `_Words.sums`, made for the words the
# exact path meets.
_Word = tuple[tuple[str, ...], str, tuple[str, ...], int, int, int, int]
_KEYS: Final = itemgetter(0)
_HEAD: Final = itemgetter(1)
_HITS: Final = itemgetter(2)
_BOUND: Final = itemgetter(3)
_OWN: Final = itemgetter(6)


# Feature -> its column in the model, with each character n-gram spelled without its prefix ("c:ing " is
# "ing "), as `_Words` makes them: one string fewer to build per n-gram. No form holds a colon (`WORD`
# matches letters, marks, apostrophes and hyphens), so a bare n-gram never meets a word key ("w:..."), and
# a character key with a colon ("c:w:x", which no text has) is left out rather than allowed to take a word
# key's place. And word -> the model's word pairs that begin with it (for the ceilings). Both are kept in
# the model's cache entry: made at each run, they were about 30 M instructions of a check of one sentence.
_Lookups = tuple[dict[str, int], dict[str, tuple[str, ...]]]


def lookups_of(keys: tuple[str, ...]) -> _Lookups:
    """The index of a model's features for the fast path, and its word pairs by their first word."""
    index = {
        key if key[:2] != CHAR_PREFIX else key[2:]: i
        for i, key in enumerate(keys)
        if key[:2] != CHAR_PREFIX or ":" not in key[2:]
    }
    pairs: dict[str, list[str]] = {}
    for key in index:
        if key.startswith(WORD_PREFIX) and " " in key:
            pairs.setdefault(key[len(WORD_PREFIX) : key.index(" ")], []).append(key)
    return index, {word: tuple(found) for word, found in pairs.items()}


class _Rows(dict[str, tuple[float, ...]]):
    """Feature -> its weight for each harmful class minus good text's, made when a text first has it.

    Made on demand (callers ask only for features of the model, see `index`), so that a run that
    checks one small file does not build a table of every feature.
    """

    def __init__(self, model: Model) -> None:
        super().__init__()
        good = model.classes.index(GOOD)
        self.index, self.pairs_after = model.lookups  # see `lookups_of`
        self.good_column = model.columns[good]
        self.harmful_columns = [column for k, column in enumerate(model.columns) if k != good]

    def __missing__(self, key: str) -> tuple[float, ...]:
        i = self.index[key]
        good = self.good_column[i]
        row = self[key] = tuple(column[i] - good for column in self.harmful_columns)
        return row


# What a ceiling sums is packed into integers, one field of _FIELD bits per number, so that a
# sentence's words (or features) are summed in one C-level `sum`, exactly. Weights are in units of
# 2^-_FRACTION, rounded towards the safe side: a word's positive sums up, a feature's negative
# weights down (a ceiling adds the first and subtracts the second). No field can overflow into
# the next: a weight (a difference of two bounded numbers) is at most 2e6 < 2^21, so one n-gram
# brings less than 2^37 units; a sentence of n characters has fewer than 5n n-grams and pairs,
# so no field of a sum over its words or its distinct features reaches 2^40 * n, far below
# 2^_FIELD for any text (the counts of n-grams in the other fields are smaller still).
_FRACTION: Final = 16
_FIELD: Final = 96
_MASK: Final = (1 << _FIELD) - 1
# Negative weights above -_SMALL_NEGATIVE (for every harmful class) are left out of a ceiling:
# leaving out a negative term only raises a ceiling, and with fewer n-grams to keep apart, fewer
# words are left out of the sum (see `_Scorer.ceilings`). On the bench corpus the ceiling clears
# about 6 sentences in 7 at the shipped limits.
_SMALL_NEGATIVE: Final = 0.25


_SCALE: Final = float(1 << _FRACTION)


def _shifts(fields: int) -> tuple[int, ...]:
    return tuple(range(0, fields * _FIELD, _FIELD))


def _packed(values: Iterable[int], shifts: tuple[int, ...]) -> int:
    """One field per value (as many values as `shifts`, one per harmful class)."""
    return sum(map(lshift, values, shifts))


def _field(packed: int, j: int) -> int:
    return (packed >> (j * _FIELD)) & _MASK


class _Features(dict[str, tuple[int, int, int]]):
    """Feature -> what a ceiling needs of it, made when first asked for.

    Its positive weights max(w_j, 0) packed (rounded up); its negative weights |min(w_j, 0)| packed
    (rounded down) when one is at most -_SMALL_NEGATIVE, else 0; and then a bit of its own (1 << n,
    n counted in the order such features are first asked for), else 0.
    """

    def __init__(self, rows: _Rows) -> None:
        super().__init__()
        self.rows = rows
        self.zero = (0.0,) * len(rows.harmful_columns)
        self.shifts = _shifts(len(self.zero))
        self.bits = 0

    def __missing__(self, key: str) -> tuple[int, int, int]:
        row = self.rows[key]
        above = _packed(map(math.ceil, map(_SCALE.__mul__, map(max, row, self.zero))), self.shifts)
        below = bit = 0
        if min(row) <= -_SMALL_NEGATIVE:
            below = _negative(row, self.zero, self.shifts)
            bit = 1 << self.bits
            self.bits += 1
        found = self[key] = (above, below, bit)
        return found


def _negative(row: tuple[float, ...], zero: tuple[float, ...], shifts: tuple[int, ...]) -> int:
    """The weights |min(w_j, 0)| of a feature, packed, rounded down."""
    return _packed(map(math.floor, map((-_SCALE).__mul__, map(min, row, zero))), shifts)


class _Negatives(dict[str, int]):
    """Feature -> its negative weights packed (`_negative`), whatever their size: for the tighter ceiling."""

    def __init__(self, features: _Features) -> None:
        super().__init__()
        self.features = features

    def __missing__(self, key: str) -> int:
        features = self.features
        found = self[key] = _negative(features.rows[key], features.zero, features.shifts)
        return found


_ABOVE: Final = itemgetter(0)
_BELOW: Final = itemgetter(1)
_BIT: Final = itemgetter(2)


class _Sums(dict[str, tuple[float, ...]]):
    """Form -> S_j(word) for each harmful class (made only for words of sentences scored exactly)."""

    def __init__(self, words: _Words) -> None:
        super().__init__()
        self.words = words

    def __missing__(self, form: str) -> tuple[float, ...]:
        if len(self) >= _WORDS_KEPT:
            self.clear()
        found = list(map(self.words.rows.__getitem__, self.words[form][2]))
        sums = self[form] = tuple(map(math.fsum, zip(*found, strict=True))) if found else self.words.zero
        return sums


class _Words(dict[str, _Word]):
    def __init__(self, rows: _Rows, classes: int) -> None:
        super().__init__()
        self.rows = rows
        self.zero = (0.0,) * classes
        self.features = _Features(rows)
        self.negatives = _Negatives(self.features)
        self.sums = _Sums(self)
        self.size_shift, self.most_shift = _shifts(classes + 2)[classes:]

    def __missing__(self, form: str) -> _Word:
        if len(self) >= _WORDS_KEPT:
            self.clear()
        padded = f" {form} "
        size = len(padded)
        # The character n-grams bare (see `_Rows.index`), cut by a stored list of slices in C.
        grams = tuple(map(padded.__getitem__, _CUTS[size]))
        keys = (WORD_PREFIX + form, *grams)
        hits = tuple(filter(self.rows.index.__contains__, keys))
        # For the ceilings, packed: each class's sum of max(w, 0) over the word's known n-grams
        # (with repeats) plus the largest max(w, 0) of a pair it can begin, the number of its
        # n-grams, and the most times one n-gram occurs in it (1 unless one repeats, as "ana" in
        # "banana"). And for its distinct known n-grams whose negative weights `_Features` keeps:
        # their bits (to tell whether two words share one) and their packed negative weights.
        features = self.features
        found = list(map(features.__getitem__, hits))
        own, negative, mask = map(sum, zip(*found, strict=True)) if found else (0, 0, 0)
        # A 4- or 5-gram that repeats starts with a 3-gram that repeats as often, and the grams
        # begin with the 3-grams: the 3-grams alone give the most. Without a repeat, every known
        # n-gram is met once, and the sums over `found` are those over the distinct ones.
        threes = grams[: size - 2]
        most = 1
        if len(set(threes)) != len(threes):
            most = max(Counter(threes).values())
            distinct = list(map(features.__getitem__, dict.fromkeys(hits)))
            mask, negative = sum(map(_BIT, distinct)), sum(map(_BELOW, distinct))
        own += (len(keys) << self.size_shift) + (most << self.most_shift)
        bound = own
        pairs = self.rows.pairs_after.get(form)
        if pairs:
            largest = map(max, self.zero, *map(self.rows.__getitem__, pairs))
            bound += _packed(map(math.ceil, map(_SCALE.__mul__, largest)), features.shifts)
        word = self[form] = (keys, f"{WORD_PREFIX}{form} ", hits, bound, mask, negative, own)
        return word


class _Cuts(dict[int, tuple[slice, ...]]):
    """Length of a padded word -> the slices of its character n-grams, in the order of `_char_keys`.

    Kept for the lengths of real words only: a hostile text's very long words would otherwise
    keep three slices per character of every length met.
    """

    def __missing__(self, size: int) -> tuple[slice, ...]:
        cuts = tuple(slice(i, i + n) for n in CHAR_SIZES for i in range(size - n + 1))
        if size <= _CUTS_KEPT:
            self[size] = cuts
        return cuts


_CUTS_KEPT: Final = 64
_CUTS: Final = _Cuts()


class _CountTerms(dict[int, tuple[float, float]]):
    """Count n > 1 -> (tf(n)^2 - n, tf(n) - n), the two corrections above; tf(n) as `features` computes it."""

    def __missing__(self, n: int) -> tuple[float, float]:
        value = 1.0 + math.log(n)
        terms = self[n] = (value * value - n, value - n)
        return terms


_COUNT_TERMS: Final = _CountTerms()
_SQUARE_TERM: Final = itemgetter(0)
_COUNT_TERM: Final = itemgetter(1)


# --- a ceiling on the probabilities, without counting --------------------------------------------
#
# Most sentences are nowhere near a rule's limit, and what makes the exact path cost is counting
# every n-gram of the sentence (about 230, most of which the model does not know) for the norm and
# the corrections of repeated n-grams. `_Scorer.ceilings` gives, for each harmful class t, a
# number that the probability the exact path prints can never exceed, without counting; a rule
# skips a sentence whose ceiling is at most its limit (the exact probability is then at most the
# limit, so the sentence is not reported either way) and computes the exact probability only for
# the others (about 1 in 7 on the bench corpus). Why the ceiling is safe:
#
# 1. With s_j the score of harmful class j against good text (good's is 0), the probability of t
#    is e^s_t / (1 + sum_j e^s_j) <= e^s_t / (1 + e^s_t) = sigmoid(s_t), and sigmoid increases.
# 2. s_t = b_t + N_t / norm, N_t = sum over the distinct n-grams k of the sentence of
#    tf(c_k) * w_t(k), c_k the count of k, w_t(k) = 0 for an n-gram the model does not know.
# 3. The numerator: 1 <= tf(c) <= c for c >= 1 (1 + ln c <= c), so a positive weight gives at most
#    c_k * w (every occurrence with its full weight) and a negative one at most w (counted once):
#    N_t <= (sum over every occurrence of max(w_t, 0)) + (sum over distinct n-grams of min(w_t, 0)).
#    The first sum is, for each word, the sum over its own n-grams (with repeats), plus its pair,
#    whose weight is at most the largest max(w_t, 0) of the model's pairs that begin with the word.
#    The second is taken over the known n-grams whose weight for some class is at most
#    -_SMALL_NEGATIVE of some of the words: taking the sentence's distinct words in order, a word
#    is taken when it shares none of these n-grams with a word taken before, so that no n-gram is
#    counted twice; each weight is rounded towards 0 (`_Features`). Leaving a negative term out, or
#    making it smaller, only raises the bound. Call the result U_t.
# 4. The norm: norm^2 = sum_k tf(c_k)^2 = sum_k c_k h(c_k) with h(c) = (1 + ln c)^2 / c. h rises
#    from h(1) = 1 up to c = e and falls after it, so on 1 <= c <= C its least value is
#    min(1, h(C)). Every count c_k is at most C = the sum, over the words of the sentence, of the
#    most times one n-gram occurs in that word (each word occurrence brings an n-gram at most that
#    often: its unigram once, its pair once, a character n-gram at most `most` times; unigram,
#    pair and character keys never coincide: "w:" without a space, "w:" with one, "c:"). So
#    norm^2 >= min(1, h(C)) * M, M the number of n-gram occurrences (words' n-grams and pairs).
# 5. Hence s_t <= b_t + U_t / sqrt(min(1, h(C)) * M) when U_t > 0, and s_t <= b_t otherwise.
# 6. Rounding: every float step here and in the exact path is within a relative 1e-13 of the real
#    value, relative to the sums of absolute values involved, for any sentence; so the score bound
#    is raised by 1e-9 * (1 + |b_t| + (the positive sum + |the negative sum|) / norm floor), and
#    the ceiling by 1e-12 in probability: far more than rounding can take away. A model's numbers
#    are bounded (`WEIGHT_BOUND`), so every value here is finite.
# 7. The tighter ceiling (`_Scorer.tighter_ceilings`), for the sentences whose ceiling is above a
#    rule's limit (about 1 in 7, of which few are reported), bounds N_t as point 3 does with
#    nothing left out: each word pair that the model knows brings its own max(w_t, 0) (not the
#    largest of the pairs the word can begin, which the model may not even hold here), and the
#    negative term is taken over every distinct known n-gram of the sentence (the set of the
#    words' known n-grams and the known pairs), whatever its weight. Each term is at most its
#    counterpart in point 3, so the tighter ceiling is not above the first one but for the slack
#    of point 6 (which grows with the negative sum taken); the norm floor and the rounding are
#    those of points 4 to 6. On the bench corpus it clears about two in three of the sentences
#    the first one lets through, at about a third of the cost of scoring them exactly.
_SLACK: Final = 1e-9
_PROBABILITY_SLACK: Final = 1e-12


def _sigmoid(x: float) -> float:
    # Either form as the sign needs, so that exp never overflows.
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def _least_h(most: int) -> float:
    """min(1, h(C)) for C = `most`, h(c) = (1 + ln c)^2 / c (point 4 above)."""
    value = 1.0 + math.log(most)
    return min(1.0, value * value / most)


# --- the compiled sums ----------------------------------------------------------------------------
#
# `_ngram_sums` (a C module, src/lessonkit/check/kinds/_ngram_sums.c) counts a sentence's n-grams and
# sums the known ones' weights in one call, a few microseconds: cheaper than even the ceilings, so a
# rule scores every sentence exactly when it is there. setup.py builds it where a C compiler is at
# hand; elsewhere the pure-Python regrouping serves, with the same probabilities. `USE_COMPILED`
# lets the tests run either path.
USE_COMPILED = True


@cache
def _compiled_table_type() -> type[Table] | None:
    try:
        module = importlib.import_module("lessonkit.check.kinds._ngram_sums")
    except ImportError:
        return None
    table_type: type[Table] = module.Table
    # A module built from older sources (an editable install not rebuilt since) lacks what the cache
    # needs: the pure-Python path serves rather than a traceback.
    if not all(hasattr(table_type, name) for name in ("sums", "row", "dump", "load")):
        return None
    return table_type


def compiled_table(model: Model) -> Table | None:
    """The model's features and harmful-minus-good weights as the C module holds them (None without it)."""
    table_type = _compiled_table_type()
    if table_type is None:
        return None
    index = model.lookups[0]
    good = model.classes.index(GOOD)
    harmful = [column for k, column in enumerate(model.columns) if k != good]
    return table_type(list(index), list(index.values()), harmful, model.columns[good])


class _Scorer:
    """The probabilities of `Model.probabilities`, computed as the comment above regroups them."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.good = model.classes.index(GOOD)
        self.biases = tuple(b - model.intercepts[self.good] for k, b in enumerate(model.intercepts) if k != self.good)
        self.class_of = tuple(itemgetter(j) for j in range(len(self.biases)))
        self._rows: _Rows | None = None
        self._words: _Words | None = None

    @property
    def rows(self) -> _Rows:
        """The pure-Python path's weights by feature (made at first use: the compiled path never asks)."""
        if self._rows is None:
            self._rows = _Rows(self.model)
        return self._rows

    @property
    def words(self) -> _Words:
        """The pure-Python path's per-word tables (made at first use)."""
        if self._words is None:
            self._words = _Words(self.rows, len(self.biases))
        return self._words

    def table(self) -> Table | None:
        """The compiled table: the model's, else made at first use (None without the C module or `USE_COMPILED`)."""
        if not USE_COMPILED:
            return None
        if self.model._table is None:
            object.__setattr__(self.model, "_table", compiled_table(self.model))
        return self.model._table

    def probabilities(self, text: str) -> tuple[float, ...]:
        table = self.table()
        if table is None:
            return self.python_probabilities(text)
        square, *sums = table.sums(_forms(text))
        scores = list(self.biases)
        if square:
            norm = math.sqrt(square)
            scores = [bias + total / norm for bias, total in zip(scores, sums, strict=True)]
        return self._softmax(scores)

    def _softmax(self, scores: list[float]) -> tuple[float, ...]:
        top = max(0.0, *scores)  # good text's score is 0 against itself
        exps = [math.exp(score - top) for score in scores]
        exps.insert(self.good, math.exp(-top))
        total = sum(exps)
        return tuple(e / total for e in exps)

    def python_probabilities(self, text: str) -> tuple[float, ...]:
        """The fast path in pure Python (where the C module is not built)."""
        scores = list(self.biases)
        forms = _forms(text)
        if forms:
            rows = self.rows
            known_key = rows.index.__contains__
            words = list(map(self.words.__getitem__, forms))
            pairs = list(map(add, map(_HEAD, words[:-1]), forms[1:]))
            counts = Counter(chain(chain.from_iterable(map(_KEYS, words)), pairs))  # counted in C
            occurrences = sum(map(len, map(_KEYS, words))) + len(pairs)
            sums = list(map(self.words.sums.__getitem__, forms))
            pair_rows = list(map(rows.__getitem__, filter(known_key, pairs)))
            square = float(occurrences)
            repeated_rows: list[tuple[float, ...]] = []
            factors: list[float] = []
            if len(counts) < occurrences:  # some n-grams occur more than once
                repeated = [key for key, n in counts.items() if n > 1]
                terms = list(map(_COUNT_TERMS.__getitem__, map(counts.__getitem__, repeated)))
                square += math.fsum(map(_SQUARE_TERM, terms))
                known = list(map(known_key, repeated))
                repeated_rows = list(map(rows.__getitem__, compress(repeated, known)))
                factors = list(map(_COUNT_TERM, compress(terms, known)))
            norm = math.sqrt(square)
            for j, weight in enumerate(self.class_of):
                total = math.fsum(
                    chain(map(weight, sums), map(weight, pair_rows), map(mul, factors, map(weight, repeated_rows)))
                )
                scores[j] += total / norm
        return self._softmax(scores)

    def ceilings(self, text: str) -> tuple[float, ...]:
        """For each class, a number `probabilities(text)` never exceeds, as the comment above shows.

        Good text's entry, and every entry for a text without words (whose exact probabilities
        cost nothing), is 1: no bound.
        """
        classes = len(self.biases)
        forms = _forms(text)
        if not forms:
            return (1.0,) * (classes + 1)
        table = self.words
        bound = sum(map(_BOUND, map(table.__getitem__, forms)))
        # Point 3: the negative weights of words that share none of the kept n-grams, each word
        # once. A word sharing one with a word taken before is left out (its share is not needed
        # for a valid bound), which is much cheaper than the union of every word's n-grams.
        taken = negative = 0
        for _, _, _, _, mask, weights, _ in map(table.__getitem__, dict.fromkeys(forms)):
            if mask and not mask & taken:
                taken |= mask
                negative += weights
        return self._ceilings(bound, negative, len(forms))

    def tighter_ceilings(self, text: str) -> tuple[float, ...]:
        """Like `ceilings` (not above them but for rounding slack), closer to the probabilities (point 7 above).

        Dearer than `ceilings`: asked for only when a sentence's ceiling is above a rule's limit.
        """
        classes = len(self.biases)
        forms = _forms(text)
        if not forms:
            return (1.0,) * (classes + 1)
        table = self.words
        words = list(map(table.__getitem__, forms))
        known = list(filter(self.rows.index.__contains__, map(add, map(_HEAD, words[:-1]), forms[1:])))
        features = table.features
        bound = sum(map(_OWN, words)) + sum(map(_ABOVE, map(features.__getitem__, known)))
        distinct = set(chain(chain.from_iterable(map(_HITS, words)), known))
        negative = sum(map(table.negatives.__getitem__, distinct))
        return self._ceilings(bound, negative, len(forms))

    def _ceilings(self, bound: int, negative: int, words: int) -> tuple[float, ...]:
        """The ceilings of a sentence from its packed sums and its number of words.

        `bound`: the positive weights, the n-gram occurrences and the most repeats; `negative`:
        the negative weights taken.
        """
        classes = len(self.biases)
        occurrences = _field(bound, classes) + words - 1
        floor = math.sqrt(_least_h(_field(bound, classes + 1)) * occurrences)
        found = []
        # Each class's fields, lowest first, as floats: the positive sum not below its field (the
        # float conversion may round; nextafter steps past it), the negative sum not above.
        for bias in self.biases:
            above = math.ldexp(math.nextafter(float(bound & _MASK), math.inf), -_FRACTION)
            below = math.ldexp(math.nextafter(float(negative & _MASK), 0.0), -_FRACTION)
            bound >>= _FIELD
            negative >>= _FIELD
            total = above - below
            score = bias + total / floor if total > 0 else bias
            found.append(_sigmoid(score + _SLACK * (1.0 + abs(bias) + (above + below) / floor)) + _PROBABILITY_SLACK)
        found.insert(self.good, 1.0)
        return tuple(found)


def judged_text(text: str, skip_quoted: bool) -> str:
    """The sentence as the model reads it: without its quoted words when the rule skips quotations."""
    return _QUOTED.sub(" ", text) if skip_quoted else text


# --- the model file -------------------------------------------------------------------------------


class ModelFileError(LessonkitError):
    """A model file that is not what `scripts/train_classifier.py` writes."""


def _where(path: Path, source: str, needle: str | None) -> Location:
    """The line and column of `needle` (a JSON key as written) in the file, else its start."""
    offset = source.find(needle) if needle else -1
    return Location.at(path, source, offset) if offset >= 0 else Location(path, 1, 1)


# A trained model's weights and intercepts are a few units at most. Far larger ones are not a
# model (1e308 for a harmful class and -1e308 for good text overflow the scores to inf - inf),
# so every number is bounded when it is read, from the JSON file and from the cache alike.
WEIGHT_BOUND: Final = 1e6


def _number(value: object) -> bool:
    # Compared without float(): an integer beyond float range would raise OverflowError.
    # NaN fails both comparisons, and an infinity the bound.
    return type(value) in (int, float) and -WEIGHT_BOUND <= value <= WEIGHT_BOUND  # type: ignore[operator]


def _numbers(values: tuple[float, ...]) -> bool:
    """Every value of a tuple of floats is finite and within the bound, checked in C-level passes.

    `min` and `max` skip a NaN that is not first, so the sum (which any NaN makes NaN) is checked too.
    """
    return not values or (min(values) >= -WEIGHT_BOUND and max(values) <= WEIGHT_BOUND and math.isfinite(sum(values)))


_LONG_NUMBER: Final = LazyPattern(r"[0-9]{4000,}")


@cache
def load_model(path: Path) -> Model:
    """Read and check a model file (once per run); any problem is a located `ModelFileError`.

    A model checked before is read from the cache folder instead (see `_cached_model`), where
    the compiled sums serve: the cache holds their table, which the pure-Python path cannot read.
    """
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ModelFileError(f"{path}:1:1: cannot read the classifier model: {err}") from err
    table_type = _compiled_table_type() if USE_COMPILED else None
    target = _cache_path(data, table_type) if table_type is not None else None
    model = _cached_model(path, target, data, _cache_limit(data)) if target is not None else None
    if model is None:
        model = _parse_model(path, data)
        if target is not None:
            _store_model(model, target)
    return model


def _parse_model(path: Path, data: bytes) -> Model:
    """The model in a file's bytes, checked field by field."""
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ModelFileError(f"{path}:1:1: cannot read the classifier model: {err}") from err
    try:
        parsed: Any = json.loads(source)  # not `data`: that name holds bytes (mypyc checks)
    except json.JSONDecodeError as err:
        raise ModelFileError(f"{path}:{err.lineno}:{err.colno}: not valid JSON: {err.msg}") from err
    except RecursionError as err:
        raise ModelFileError(f"{path}:1:1: not valid JSON: nested too deeply") from err
    except ValueError as err:
        # Python refuses to convert an integer of more than 4300 digits (CVE-2020-10735), and the
        # error does not say where: the first very long run of digits is the likely place.
        long = _LONG_NUMBER.search(source)
        where = _where(path, source, long.group() if long else None)
        raise ModelFileError(f"{where}: not valid JSON: a number is too long ({err})") from err

    def fail(message: str, needle: str | None = None) -> ModelFileError:
        return ModelFileError(f"{_where(path, source, needle)}: classifier model: {message}")

    if not isinstance(parsed, dict):
        raise fail("the file must hold a JSON object")
    for name in ("format", "language", "classes", "intercepts", "features"):
        if name not in parsed:
            raise fail(f"'{name}' is missing")
    if parsed["format"] != MODEL_FORMAT:
        raise fail(f"'format' must be {MODEL_FORMAT}", '"format"')
    language, classes, intercepts, table = (
        parsed["language"],
        parsed["classes"],
        parsed["intercepts"],
        parsed["features"],
    )
    if not isinstance(language, str) or not language:
        raise fail("'language' must be a language code", '"language"')
    if not isinstance(classes, list) or not all(isinstance(c, str) and c for c in classes):
        raise fail("'classes' must be a list of class names", '"classes"')
    if len(set(classes)) != len(classes) or GOOD not in classes or len(classes) < 2:
        raise fail(f"'classes' must name distinct classes, '{GOOD}' among them", '"classes"')
    if len(classes) > MAX_CLASSES:
        raise fail(f"'classes' must name at most {MAX_CLASSES} classes", '"classes"')
    if not isinstance(intercepts, list) or len(intercepts) != len(classes) or not all(map(_number, intercepts)):
        raise fail(f"'intercepts' must be {len(classes)} numbers between -1e6 and 1e6, one per class", '"intercepts"')
    if not isinstance(table, dict):
        raise fail("'features' must map each feature to its weights", '"features"')
    weights: dict[str, tuple[float, ...]] = {}
    for key, row in table.items():
        if not key.startswith((WORD_PREFIX, CHAR_PREFIX)):
            raise fail(f"feature {key!r} must start with '{WORD_PREFIX}' or '{CHAR_PREFIX}'", json.dumps(key))
        if not isinstance(row, list) or len(row) != len(classes) or not all(map(_number, row)):
            raise fail(
                f"feature {key!r} must have {len(classes)} numbers between -1e6 and 1e6, one per class", json.dumps(key)
            )
        weights[key] = tuple(float(w) for w in row)
    columns = tuple(zip(*weights.values(), strict=True)) if weights else ((),) * len(classes)
    return Model(path, language, tuple(classes), tuple(float(b) for b in intercepts), tuple(weights), columns)


# The checked model in the cache folder: marshal (plain data, never code: not pickle) of
# (language, classes, intercepts, the compiled table as `Table.dump` writes it), signed
# (cache_file.seal) with the user's cache key, which lives outside the project. The file's name
# hashes the model file's bytes, this module's code and Python's version, so a changed model or
# code never meets an old entry. The name is built from public inputs and a project's cache
# folder comes with the project, so the signature is what tells our own entry from a planted one
# (a damaged or forged file is rebuilt); what a file holds is still checked for its types, shape
# and bounds before use (`Table.load` checks the table in C). The table is one bytes object:
# a model costs a copy at start whatever its number of features, where a tuple of keys and
# columns cost a string and a float per weight to unmarshal, each then checked.
_CACHE_FORMAT: Final = 2
_CACHE_MAGIC: Final = b"lessonkit-classifier\0"


def _cache_path(data: bytes, table_type: type[Table]) -> Path | None:
    """Where the entry of a model file's bytes is kept: named by them, this module's code and the C module's."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        code = Path(__file__).read_bytes()
        # The table's layout and what its weights mean are the C module's: a rebuilt module never
        # meets an entry another build wrote.
        native = Path(sys.modules[table_type.__module__].__file__ or "").read_bytes()
    except (OSError, KeyError):
        return None  # an install without this module's source: no cache, same results
    digest = hashlib.sha256(f"{_CACHE_FORMAT}\0{sys.version}\0".encode())
    digest.update(code + b"\0" + native + b"\0" + data)
    return folder / f"classifier-{digest.hexdigest()[:32]}.marshal"


def _store_model(model: Model, target: Path) -> None:
    """Keep the model's compiled table at `target` (nothing without the C module, or for a key too long to dump)."""
    table = compiled_table(model)
    if table is None:
        return
    try:
        dumped = table.dump()
    except ValueError:
        return  # a key of half a billion characters: no cache, same results
    object.__setattr__(model, "_table", table)  # made for the cache: the run scores with it too
    write_sealed_file(target, _CACHE_MAGIC + marshal.dumps((model.language, model.classes, model.intercepts, dumped)))


def _all(kind: type, values: Iterable[object]) -> bool:
    return set(map(type, values)) <= {kind}


def _cache_limit(model_file: bytes) -> int:
    """The most bytes the cache entry of a model file can hold: a larger file is refused by its size, unread.

    The table holds a weight in 8 bytes where JSON has at least 2 ("0,"), a key's code point in at
    most 4 where JSON has at least 1, and 4 bytes per key where JSON has at least 3 around it, so an
    entry is under 4 times the model file and a kilobyte; a planted entry of hundreds of megabytes
    is not read into memory before its signature is checked.
    """
    return 8 * len(model_file) + (1 << 20)


def _cached_model(path: Path, target: Path, source: bytes, limit: int = 256 * 1024 * 1024) -> Model | None:
    """The model kept at `target`, or None when there is none or it is not what `_store_model` writes.

    `source` is the model file's bytes the entry was found by, parsed if the model's keys or columns
    are ever asked for (not the file read again: it may have changed since).
    """
    table_type = _compiled_table_type()
    data = read_sealed_file(target, limit=limit)
    if table_type is None or data is None or not data.startswith(_CACHE_MAGIC):
        return None
    payload = data[len(_CACHE_MAGIC) :]
    try:
        record = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    if not (isinstance(record, tuple) and len(record) == 4):
        return None
    language, classes, intercepts, dumped = record
    if not (isinstance(language, str) and isinstance(classes, tuple) and _all(str, classes)):
        return None
    if GOOD not in classes or len(set(classes)) != len(classes) or len(classes) < 2:
        return None
    if not (isinstance(intercepts, tuple) and len(intercepts) == len(classes) and _all(float, intercepts)):
        return None
    if not (_numbers(intercepts) and isinstance(dumped, bytes)):
        return None
    try:
        # A weight is a difference of two numbers within WEIGHT_BOUND.
        table = table_type.load(dumped, 2 * WEIGHT_BOUND)
    except ValueError:
        return None
    if table.classes != len(classes) - 1:
        return None
    model = Model(path, language, classes, intercepts, None, None)
    object.__setattr__(model, "_table", table)
    object.__setattr__(model, "_source", source)
    return model


def model_path(rule: Rule) -> Path:
    """The model file a rule names in `field`: a file next to the rule file."""
    name = rule.spec.field
    if not name or Path(name).name != name or name.startswith(".") or not name.endswith(".json"):
        raise LessonkitError(f"{rule.location}: rule {rule.id}: 'field' must name a .json file beside the rule file")
    return rule.location.path.parent / name


# One model serves a rule per harmful class, and each rule reads the whole document. What the rules
# share is kept for the document: each part's sentences as the model reads them (with their word
# counts), and each sentence's probabilities, so that a sentence is prepared and scored once, not
# once per rule (a bounded LRU cache smaller than the document would forget every sentence before
# the next rule asks).
#
# The tables hold no object the garbage collector must walk again and again: a sentence's numbers
# are kept by model, then by text (a key `(model, text)` is a tuple holding an object, which the
# collector keeps watching; a str key and a tuple of floats it soon stops watching), and a part's
# judged sentences by the part's id, the part itself kept alive beside them (so that its id
# cannot be reused meanwhile) in one table. On a megabyte of prose that is about 25,000 objects
# fewer for each full collection to walk.
_KEPT: Final = 1 << 16  # entries kept from earlier documents; more are forgotten when a new one comes
_Judged = tuple[tuple[int, str, int], ...]  # (offset of the sentence, text the model reads, words)
_Kept = dict[str, tuple[float, ...]]  # text -> a number per class
_scored: dict[Model, _Kept] = {}
_ceiled: dict[Model, _Kept] = {}
_tightened: dict[Model, _Kept] = {}
_judged: dict[tuple[int, bool, bool], _Judged] = {}
_judged_units: dict[int, TextUnit] = {}  # id -> the part, for each part in `_judged`
_kept_for: list[Document] = []  # the document the kept entries were last asked for


def _for_document(document: Document) -> None:
    """Forget what was kept when a new document comes and the tables have grown large."""
    if not _kept_for or _kept_for[0] is not document:
        kept = (sum(map(len, table.values())) for table in (_scored, _ceiled, _tightened))
        if len(_judged) > _KEPT or max(kept) > _KEPT:
            _scored.clear()
            _ceiled.clear()
            _tightened.clear()
            _judged.clear()
            _judged_units.clear()
        _kept_for[:] = [document]


def _kept(tables: dict[Model, _Kept], model: Model) -> _Kept:
    found = tables.get(model)
    if found is None:
        found = tables[model] = {}
    return found


def _known(table: _Kept, text: str, compute: Callable[[str], tuple[float, ...]]) -> tuple[float, ...]:
    """`compute(text)`, once per text kept in `table`."""
    found = table.get(text)
    if found is None:
        found = table[text] = compute(text)
    return found


def judged_sentences(unit: TextUnit, skip_questions: bool, skip_quoted: bool) -> _Judged:
    """The sentences of a part that a rule with these settings judges: offset, judged text, word count."""
    key = (id(unit), skip_questions, skip_quoted)
    kept = _judged.get(key)
    if kept is not None and _judged_units.get(key[0]) is unit:  # the unit itself, not another with its id
        return kept
    text = unit.plain
    # A part without a question mark has no question, and one without any mark `_QUOTED` opens
    # with has no sentence that holds one: asked once for the part, not once per sentence.
    questions = skip_questions and ("?" in text or "؟" in text)
    quotes = skip_quoted and _MAY_QUOTE.search(text) is not None
    found = []
    for sentence in sentences(unit):
        if questions and in_question(text, sentence.start):
            continue
        if skip_quoted and in_quotation(text, sentence.start):
            continue  # a character's words, or a myth quoted to be refuted
        if quotes and _MAY_QUOTE.search(sentence.text):
            judged, quoted = _QUOTED.subn(" ", sentence.text)
        else:
            judged, quoted = sentence.text, 0
        # Without a quotation taken out, the judged text is the sentence and has its words.
        found.append((sentence.start, judged, len(WORD.findall(judged)) if quoted else sentence.words))
    _judged_units[key[0]] = unit  # kept alive with its entries: no other part can get its id meanwhile
    sentences_judged = _judged[key] = tuple(found)
    return sentences_judged


# --- the kind -------------------------------------------------------------------------------------


def classifier(rule: Rule, document: Document) -> Iterator[Diagnostic]:
    """Report each sentence whose probability of the rule's class (`check`) is above the band's limit."""
    limit = rule.limit(document.band)
    if limit is None:
        return
    model = load_model(model_path(rule))
    label = rule.spec.check
    if label not in model.classes or label == GOOD:
        raise LessonkitError(
            f"{rule.location}: rule {rule.id}: 'check' must be a harmful class of {model.path.name}: "
            + ", ".join(c for c in model.classes if c != GOOD)
        )
    target = model.classes.index(label)
    spec = rule.spec
    _for_document(document)
    ceiled, tightened, scored = _kept(_ceiled, model), _kept(_tightened, model), _kept(_scored, model)
    ceilings, tighter_ceilings, probabilities = model.ceilings, model.tighter_ceilings, model.fast_probabilities
    bounded = not model.compiled  # the compiled sums cost less than the ceilings would save
    for unit in units(rule, document):
        for start, judged, words in judged_sentences(unit, spec.skip_questions, spec.skip_quoted):
            if words < spec.min_words:
                continue  # a fragment, or little left around a quotation ("Mia said: ...")
            if bounded and _known(ceiled, judged, ceilings)[target] <= limit:
                continue  # its probability cannot be above the limit: not computed
            if bounded and _known(tightened, judged, tighter_ceilings)[target] <= limit:
                continue
            probability = _known(scored, judged, probabilities)[target]
            if probability > limit:
                quoted = ", ".join(f"'{w}'" for w in model.reasons(judged, label))
                yield finding(rule, unit.location(start), probability=f"{probability:.2f}", words=quoted)
