"""Pyphen's parsed hyphenation patterns, read back from the cache folder, hyphenate exactly as freshly parsed ones."""

from __future__ import annotations

import marshal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyphen  # type: ignore[import-untyped]
import pytest

from lessonkit import cache_file
from lessonkit.check import resources
from lessonkit.check.kinds import flesch

WORDS = [
    "groomer",
    "livestreaming",
    "unbelievably",
    "extraordinarily",
    "screenshot",
    "hyphenation",
    "co-operate",
    "rhythm",
    "zxqv",
    "straße",
    "übung",
    "école",
    "naïve",
    "x",
]


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Path]:
    saved = resources.cache_dir()
    resources.use_cache_dir(tmp_path)
    try:
        yield tmp_path
    finally:
        resources.use_cache_dir(saved)


def _path(language: str) -> Path:
    return Path(pyphen.LANGUAGES[pyphen.language_fallback(language)])


def _positions(hyph: Any, words: list[str]) -> list[list[int]]:
    reader = pyphen.Pyphen(lang="en")
    reader.hd = hyph
    return [list(map(int, reader.positions(word))) for word in words]


@pytest.mark.parametrize("language", ["en", "en_US", "de", "es"])
def test_patterns_read_back_hyphenate_as_parsed_ones(cache: Path, language: str) -> None:
    path = _path(language)
    first = flesch._hyphenation(pyphen, path)  # parsed, then written
    assert len(list(cache.glob("pyphen-*.marshal"))) == 1
    again = flesch._hyphenation(pyphen, path)  # read back
    fresh = pyphen.HyphDict(path)
    assert again.patterns == fresh.patterns == first.patterns
    assert again.maxlen == fresh.maxlen
    words = WORDS + sorted(fresh.patterns)[:300]
    assert _positions(again, words) == _positions(fresh, words)


def test_a_damaged_cache_file_is_parsed_again(cache: Path) -> None:
    path = _path("en")
    flesch._hyphenation(pyphen, path)
    (target,) = cache.glob("pyphen-*.marshal")
    for damage in (b"", b"\x00garbage", __import__("marshal").dumps({"a": (1, ("x",))})):
        target.write_bytes(damage)
        assert flesch._read_patterns(target) is None
        assert flesch._hyphenation(pyphen, path).patterns == pyphen.HyphDict(path).patterns


def test_without_a_cache_folder_pyphen_parses_as_usual(tmp_path: Path) -> None:
    saved = resources.cache_dir()
    resources.use_cache_dir(None)
    try:
        made = flesch._hyphenation(pyphen, _path("en"))
    finally:
        resources.use_cache_dir(saved)
    assert made.patterns == pyphen.HyphDict(_path("en")).patterns


@pytest.mark.parametrize(
    "shape",
    [
        [("a", (0, (1,)))],
        {1: (0, (1,))},
        {"a": [0, (1,)]},
        {"a": (0, (1,), 2)},
        {"a": (0,)},
        {"a": (True, (1,))},
        {"a": (0.0, (1,))},
        {"a": (0, [1])},
        {"a": (0, "1")},
        {"a": (0, (1.0,))},
        {"a": (0, (True,))},
        {"a": (0, (1,)), "b": (0, (1, None))},
    ],
)
def test_a_signed_cache_of_the_wrong_shape_is_not_read(
    cache: Path, monkeypatch: pytest.MonkeyPatch, shape: Any
) -> None:
    """Signed with the user's key, so that only the checks on reading stand between it and Pyphen."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache / "key-home"))
    monkeypatch.setattr(cache_file, "_keys", {})
    target = cache / "pyphen-test.marshal"
    assert cache_file.write_sealed_file(target, marshal.dumps(shape))
    assert flesch._read_patterns(target) is None
    good = {"ab": (0, (0, 1)), "c": (1, (2,)), "": (0, ())}
    assert cache_file.write_sealed_file(target, marshal.dumps(good))
    assert flesch._read_patterns(target) == good


def test_textstat_finds_the_cached_patterns(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """textstat's own Pyphen (German and Spanish formulas) takes the patterns read from the cache, unparsed."""
    from lessonkit.check.kinds import readability

    monkeypatch.setattr(pyphen, "hdcache", {})
    parsed = flesch._hyphenation(pyphen, _path("de"))  # parsed, then written to the cache folder
    monkeypatch.setattr(pyphen, "hdcache", {})
    flesch._pyphen.cache_clear()
    readability._hyphenation_cached.cache_clear()

    def no_parsing(*args: Any) -> None:
        raise AssertionError("the dictionary was parsed again")

    monkeypatch.setattr(pyphen.HyphDict, "__init__", no_parsing)
    try:
        readability._hyphenation_cached("de")
        readability._hyphenation_cached("xx")  # no dictionary: left to textstat, no error here
        assert pyphen.Pyphen(lang="de").hd.patterns == parsed.patterns  # as textstat makes it
    finally:
        flesch._pyphen.cache_clear()
        readability._hyphenation_cached.cache_clear()
