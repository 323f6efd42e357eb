"""Flesch-Kincaid grade in one pass per part, giving exactly textstat 0.7's figure.

textstat recomputes its word list, sentence split and syllable counts through several cached
layers on every call, and looks every word up through a wrapper object; on a megabyte of prose
that was most of the checker's time. This module does the same arithmetic in the same order
(the same regular expressions, the same word list, CMUdict first and Pyphen for the rest), with
a per-run table of syllable counts per word (a dict that counts a word when first asked, so
that a part's syllables and its sentences' word counts are summed by `map` in C, not in a
Python loop). `tests/test_check_speed_equivalence.py` compares it
with textstat on generated and real texts; the two must agree to the last bit, not just to the
one decimal the checker reports.
"""

from __future__ import annotations

import hashlib
import importlib
import marshal
import sys
from collections.abc import Callable
from functools import cache
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lessonkit.cache_file import read_sealed_file, write_sealed_file
from lessonkit.check import resources
from lessonkit.check.resources import cache_dir, syllable_table
from lessonkit.lazy_re import LazyPattern

if TYPE_CHECKING:
    from lessonkit.check.kinds._hyphen_points import Table as _PointsTable

# textstat.backend.utils.constants: an apostrophe not followed by a contraction ending is punctuation.
# (Two passes, as textstat makes them: one pattern with both alternatives is a fifth slower.)
_NONCONTRACTION_APOSTROPHE = LazyPattern(r"\'(?![tsd]|ve|ll|re)")
_PUNCTUATION = LazyPattern(r"[^\w\s\']")
_SENTENCE = LazyPattern(r"\b[^.!?]+[.!?]*")
# The ASCII characters `_PUNCTUATION` matches: neither a word character (a letter, a digit, `_`),
# nor whitespace as `re` reads `\s` (which holds \x1c-\x1f), nor the apostrophe. Written out: nothing
# to build at import.
_ASCII_PUNCTUATION = (
    b"\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b"
    b'!"#$%&()*+,-./:;<=>?@[\\]^`{|}~\x7f'
)


def _clean(text: str) -> str:
    """The text as textstat's `list_words` splits it: punctuation but contraction apostrophes removed."""
    if text.isascii():
        # Each match of `_PUNCTUATION` is one character, removed on its own: on ASCII text that is
        # `bytes.translate` deleting `_ASCII_PUNCTUATION`, one pass in C instead of a regex match per
        # mark (a megabyte of prose has some 70,000, each cleaned twice: in its part and in its sentence).
        if "'" in text:
            text = _NONCONTRACTION_APOSTROPHE.sub("", text)
        return text.encode("ascii").translate(None, _ASCII_PUNCTUATION).decode("ascii")
    return _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text))


_THREE = 3  # a sentence of fewer words is not counted (textstat: `len(words) <= 2`)


@cache
def _pyphen(language: str) -> Any:
    import pyphen  # type: ignore[import-untyped]  # only for words CMUdict lacks (and for languages without it)

    try:
        path = pyphen.LANGUAGES[pyphen.language_fallback(language)]
    except KeyError:
        return pyphen.Pyphen(lang=language)  # raises as Pyphen does for a language it lacks
    if path not in pyphen.hdcache:
        pyphen.hdcache[path] = _hyphenation(pyphen, Path(path))
    return pyphen.Pyphen(lang=language)


def _hyphenation(pyphen: Any, path: Path) -> Any:
    """Pyphen's patterns for one dictionary, read from the cache folder when it holds them.

    Parsing a hyphenation dictionary costs Pyphen a fifth of a second per run (14,000 English
    patterns); the parsed table is plain data (pattern -> start, weights), kept as a marshal file
    keyed by Pyphen's version and the dictionary file's size and time, and put back into the
    object Pyphen would have built. A dictionary with non-standard hyphenation (values that
    carry data) is never cached.
    """
    folder = cache_dir()
    stat = path.stat()
    target = None
    if folder is not None:
        target = folder / f"pyphen-{pyphen.__version__}-{path.stem}-{stat.st_size}-{stat.st_mtime_ns}.marshal"
        patterns = _read_patterns(target)
        if patterns:
            made = pyphen.HyphDict.__new__(pyphen.HyphDict)
            made.patterns, made.cache, made.maxlen = patterns, {}, max(len(key) for key in patterns)
            return made
    parsed = pyphen.HyphDict(path)
    plain = all(type(v) is int for _, values in parsed.patterns.values() for v in values)
    if target is not None and plain:
        write_sealed_file(target, marshal.dumps(parsed.patterns))
    return parsed


def _read_patterns(target: Path) -> dict[str, tuple[int, tuple[int, ...]]] | None:
    sealed = read_sealed_file(target)  # signed with the user's cache key: a planted file is not ours
    if sealed is None:
        return None
    try:
        data = marshal.loads(sealed)
    except (EOFError, ValueError, TypeError):
        return None  # damaged: parsed again and rewritten
    if not isinstance(data, dict):
        return None
    # Each pattern is str -> (int, tuple of ints). The checks run over the 14,000 English patterns
    # in C (sets of types and lengths); a loop over them in Python cost 10 ms of every run.
    found = data.values()
    if not (set(map(type, data)) <= {str} and set(map(type, found)) <= {tuple} and set(map(len, found)) <= {2}):
        return None
    weights = list(map(itemgetter(1), found))
    if not (set(map(type, map(itemgetter(0), found))) <= {int} and set(map(type, weights)) <= {tuple}):
        return None
    return data if set(map(type, chain.from_iterable(weights))) <= {int} else None


# The C module of `_Hyphenation` (src/lessonkit/check/kinds/_hyphen_points.c), where it was built.
USE_COMPILED = True


@cache
def _points_table_type() -> type[_PointsTable] | None:
    try:
        module = importlib.import_module("lessonkit.check.kinds._hyphen_points")
    except ImportError:
        return None
    table_type: type[_PointsTable] = module.Table
    return table_type


class _Hyphenation:
    """Pyphen's number of hyphenation points in a word (`len(Pyphen.positions(word))`), computed faster.

    Pyphen looks up every substring of the word up to its longest pattern (19 characters in
    English) and merges each found pattern's weights through slices and `map`; on a megabyte of
    prose, the 4,400 words CMUdict lacks cost half a second there. `points` does the same
    arithmetic with the patterns in a trie (a dict per character read, a pattern's weights under
    the key ""), walked from each character of the word one character at a time, so the walk
    stops as soon as no pattern can start that way and no substring is cut out and hashed; the
    weights are merged in a plain loop. Building the trie costs some 7 ms, so the first
    `BUILD_AFTER` words go to Pyphen itself: a small file never pays for it. A dictionary whose
    patterns carry data (non-standard hyphenation) always goes to Pyphen.
    `tests/test_check_speed_hyphenation.py` compares the two on CMUdict and on generated strings.

    Where the C module `_hyphen_points` was built (setup.py, as for the classifier's sums), the table
    is that module's instead of the trie: the same walk over a hash table of the patterns and their
    prefixes, about a microsecond a word (the trie's walk was 0.06 s of a megabyte of prose). This
    walk stays the definition; `USE_COMPILED` lets the tests run either.
    """

    BUILD_AFTER = 32

    def __init__(self, hyphen: Any) -> None:
        self.hyphen = hyphen
        self.asked = 0
        self.table: dict[str, Any] | _PointsTable | None = None  # the trie, or the C module's table
        self.plain = True  # False once the patterns were found to carry data: Pyphen answers every word

    def points(self, word: str) -> int:
        """The number of points Pyphen's `positions(word)` returns."""
        trie = self.table
        if trie is None:
            self.asked += 1
            if not self.plain or self.asked <= self.BUILD_AFTER or (trie := self._build()) is None:
                return len(self.hyphen.positions(word))
        dotted = f".{word.lower()}."  # as HyphDict.positions reads it
        size = len(dotted)
        # Pyphen keeps the odd weights at (index - 1) within `left` and len(word) - `right`, index <= size.
        low, high = self.hyphen.left, len(word) - self.hyphen.right
        first, last = max(0, low + 1), max(0, min(high + 2, size + 1))
        if not isinstance(trie, dict):  # the C module's table
            return trie.odd(dotted, first, last)
        longest = self.hyphen.hd.maxlen
        # Pyphen's list has size + 1 weights and drops what a pattern would write past its end;
        # here the list is long enough for any pattern (at most `longest` + 1 weights, from at
        # most `longest` characters on) and the weights past `size` are never counted.
        weights = [0] * (size + 2 * longest + 2)
        for start in range(size - 1):
            node: Any = trie  # a dict of dicts, None once the walk falls off it
            for char in dotted[start : start + longest]:  # Pyphen's substrings from `start`, shortest first
                node = node.get(char)
                if node is None:
                    break  # no pattern begins with this string: none begins with a longer one
                found = node.get("")
                if found is None:
                    continue  # a prefix of patterns, not a pattern itself
                offset, values = found
                index = start + offset
                for value in values:
                    if value > weights[index]:
                        weights[index] = value
                    index += 1
        return sum(map(_ODD, weights[first:last]))

    def _build(self) -> dict[str, Any] | _PointsTable | None:
        patterns = self.hyphen.hd.patterns
        self.plain = all(type(v) is int for _, values in patterns.values() for v in values)
        if not self.plain:
            return None
        compiled = _points_table_type() if USE_COMPILED else None
        if compiled is not None:
            try:
                self.table = compiled(patterns, self.hyphen.hd.maxlen)
                return self.table
            except ValueError:
                pass  # a dictionary outside the module's bounds (weights over 127, say): the trie counts it
        trie: dict[str, Any] = {}
        for key, found in patterns.items():
            node = trie
            for char in key:
                child = node.get(char)
                if child is None:
                    child = node[char] = {}
                node = child
            node[""] = found  # no character is "": a pattern's weights never clash with a child
        self.table = trie
        return trie


_ODD: Callable[[int], int] = (1).__and__  # 1 for an odd weight (weights are never negative), else 0


@cache
def _hyphenation_of(language: str) -> _Hyphenation:
    return _Hyphenation(_pyphen(language))


class _Syllables(dict[str, int]):
    """Syllables per lower-case word for a language, filled as words are met (CMUdict, then Pyphen).

    A dict whose `__missing__` counts a word the first time it is asked for: a part's count is
    then `sum(map(counts.__getitem__, words))`, the loop in C. Once `PRELOAD_AFTER` words are
    counted (a long text), the counts of the language's most common words are read in one go
    from the cache folder (`common_syllables`: the same counts, made by `count` once per
    dictionary and code): looking each up and counting it cost about 18 us a word.
    """

    PRELOAD_AFTER = 512

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language
        self.preloaded = False

    def count(self, word: str) -> int:
        """The word's syllables, as textstat counts them."""
        # textstat asks CMUdict only when the language code starts with "en".
        found = syllable_table("en").get(word, None) if self.language.split("_")[0] == "en" else None
        return int(found) if found is not None else _hyphenation_of(self.language).points(word) + 1

    def __missing__(self, word: str) -> int:
        if not self.preloaded and len(self) >= self.PRELOAD_AFTER:
            self.preloaded = True
            common = common_syllables(self.language)
            if common:
                self.update({**common, **self})  # equal counts either way; those made here stay
                found = self.get(word)
                if found is not None:
                    return found
        count = self[word] = self.count(word)
        return count


# The counts of the most common words of a language (wordfreq's list), for `_Syllables`. Counts
# depend on the words alone, never on a text: made once by `_Syllables.count` with this code and
# these dictionaries (their versions and files are in the file's name), kept as a marshal file
# signed with the user's cache key, and checked for its types when read. A missing, damaged or
# forged file is made again. A text's own words are never stored: a repeated run times checking.
COMMON_WORDS = 50_000
_COMMON_FORMAT = 1
_COMMON_LIMIT = 16 * 1024 * 1024


def _common_path(language: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        code = Path(__file__).read_bytes() + Path(resources.__file__).read_bytes()
    except OSError:
        return None  # an install without the modules' source: counted word by word, same results
    import pyphen

    digest = hashlib.sha256(f"{_COMMON_FORMAT}\0{sys.version}\0{language}\0{COMMON_WORDS}\0".encode())
    for package in ("cmudict", "wordfreq"):
        digest.update(f"{package}={resources.version(package)}\0".encode())
    try:
        path = Path(pyphen.LANGUAGES[pyphen.language_fallback(language)])
        stat = path.stat()
    except (KeyError, OSError):
        return None
    digest.update(f"pyphen={pyphen.__version__}\0{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    digest.update(code)
    return folder / f"syllables-common-{language}-{digest.hexdigest()[:32]}.marshal"


def _read_common(target: Path) -> dict[str, int] | None:
    sealed = read_sealed_file(target, limit=_COMMON_LIMIT)  # signed with the user's cache key
    if sealed is None:
        return None
    try:
        data = marshal.loads(sealed)
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or not set(map(type, data)) <= {str} or not set(map(type, data.values())) <= {int}:
        return None
    return data if not data or min(data.values()) >= 0 else None  # CMUdict gives 'hmm' no syllable


def _common_words(language: str) -> list[str]:
    import wordfreq  # only when the file is made

    if language not in wordfreq.available_languages():
        return []
    return list(wordfreq.top_n_list(language, COMMON_WORDS))


@cache
def common_syllables(language: str) -> dict[str, int]:
    """Word -> syllables for the language's most common words, from the cache folder (made when missing)."""
    target = _common_path(language)
    if target is None:
        return {}
    found = _read_common(target)
    if found is None:
        counter = _Syllables(language)
        counter.preloaded = True  # counted one by one
        found = {word: counter.count(word) for word in _common_words(language)}
        write_sealed_file(target, marshal.dumps(found))
    return found


@cache
def _counter(language: str) -> _Syllables:
    return _Syllables(language)


def _syllables(words: list[str], language: str) -> int:
    return sum(map(_counter(language).__getitem__, words))


def flesch_kincaid_grade(text: str, language: str) -> float:
    """The grade textstat's `flesch_kincaid_grade(text)` gives after `set_lang(language)`, unrounded."""
    if not text:
        return 0.0
    # `list_words(text, lowercase=True)`; lower() neither makes nor removes a space, so the count is
    # that of `list_words(text)`.
    words = _clean(text).lower().split()
    found = _SENTENCE.findall(text)
    ignored = sum(map(_THREE.__gt__, map(len, map(str.split, map(_clean, found)))))
    sentence_length = len(words) / max(1, len(found) - ignored)
    syllables = _syllables(words, language) / len(words) if words else 0.0
    if sentence_length == 0 or syllables == 0:
        return 0.0
    return (0.39 * sentence_length) + (11.8 * syllables) - 15.59
