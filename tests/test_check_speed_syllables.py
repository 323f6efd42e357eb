"""The syllable counts of a language's common words, read from the cache on long texts (`flesch.common_syllables`).

They must be the counts `_Syllables.count` gives (CMUdict, then Pyphen), so that the grade stays
textstat's to the last bit; a damaged, forged or mistyped file must be made again, never used.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lessonkit.cache_file import write_cache_file, write_sealed_file
from lessonkit.check import resources
from lessonkit.check.kinds import flesch
from lessonkit.check.kinds.readability import _textstat


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))  # the cache key lives in the user's cache home
    monkeypatch.setattr(flesch, "COMMON_WORDS", 3000)  # enough to test, quick to make
    resources.use_cache_dir(tmp_path / "cache")
    flesch.common_syllables.cache_clear()
    flesch._counter.cache_clear()
    yield tmp_path / "cache"
    resources.use_cache_dir(None)
    flesch.common_syllables.cache_clear()
    flesch._counter.cache_clear()


@pytest.mark.parametrize("language", ["en", "de", "es"])
def test_the_common_counts_are_those_counted_word_by_word(cache: Path, language: str) -> None:
    common = flesch.common_syllables(language)
    assert len(common) > 2500
    counter = flesch._Syllables(language)
    counter.preloaded = True
    assert {word: counter.count(word) for word in common} == common
    flesch.common_syllables.cache_clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(flesch, "_common_words", None)  # not made again: read back from the file
        assert flesch.common_syllables(language) == common


def test_a_word_without_syllables_is_read_back(cache: Path) -> None:
    # CMUdict gives "hmm" and "sh" no vowel: a count of 0 is a count, and the file must not be made every run.
    assert flesch._Syllables("en").count("hmm") == 0
    flesch.common_syllables("en")
    target = flesch._common_path("en")
    assert target is not None
    write_sealed_file(target, marshal.dumps({"hmm": 0, "the": 1}))
    assert flesch._read_common(target) == {"hmm": 0, "the": 1}


def _text(words: int) -> str:
    # Common words and made-up ones (Pyphen counts those), more distinct ones than PRELOAD_AFTER.
    common = list(flesch.common_syllables("en"))
    made = [f"zorblat{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}ing" for i in range(words)]
    body = [w for pair in zip(common[:words], made, strict=False) for w in pair]
    return ". ".join(" ".join(body[i : i + 9]).capitalize() for i in range(0, len(body), 9)) + "."


def test_a_long_text_reads_the_common_counts_and_grades_as_textstat_does(cache: Path) -> None:
    text = _text(1200)
    grade = flesch.flesch_kincaid_grade(text, "en")
    counter = flesch._counter("en")
    assert counter.preloaded
    assert set(flesch.common_syllables("en")) <= set(counter)  # read in one go, not counted
    ts: Any = _textstat()
    ts.set_lang("en")
    assert grade == float(ts.flesch_kincaid_grade(text))


def test_a_short_text_does_not_read_them(cache: Path) -> None:
    flesch.flesch_kincaid_grade("A short text with a few words. It is quite short.", "en")
    assert not flesch._counter("en").preloaded
    assert not list(cache.glob("syllables-common-*"))


@pytest.mark.parametrize(
    "payload",
    [
        b"not marshal",
        marshal.dumps(["the", 1]),
        marshal.dumps({"the": "1"}),
        marshal.dumps({"the": 1.0}),
        marshal.dumps({"the": -1}),
        marshal.dumps({1: 1}),
    ],
)
def test_a_damaged_or_mistyped_file_is_made_again(cache: Path, payload: bytes) -> None:
    good = flesch.common_syllables("en")
    target = flesch._common_path("en")
    assert target is not None and target.exists()
    write_sealed_file(target, payload)
    flesch.common_syllables.cache_clear()
    assert flesch.common_syllables("en") == good


def test_a_forged_file_is_made_again(cache: Path) -> None:
    good = flesch.common_syllables("en")
    target = flesch._common_path("en")
    assert target is not None
    write_cache_file(target, marshal.dumps(dict.fromkeys(good, 1)))  # unsigned: every word one syllable
    flesch.common_syllables.cache_clear()
    assert flesch.common_syllables("en") == good
