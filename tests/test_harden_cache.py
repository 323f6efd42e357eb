"""The build's signed caches refuse an oversized entry by its size, before reading it (review, hostile input).

A project's `.lessonkit-cache/` may come from a stranger. Every entry there must carry the user's
signature, but a planted document entry of up to 512 MB was read into memory before its signature
was checked. Each entry kind now has a size limit checked (fstat) before a byte is read: 64 MB for
a document, and by default.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from lessonkit import cache_file
from lessonkit.build import cache as document_cache
from lessonkit.build.cache import MAX_DOCUMENT_BYTES, DocumentCache


@pytest.fixture(autouse=True)
def _own_key_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "key-home"))
    monkeypatch.setattr(cache_file, "_keys", {})


@pytest.fixture
def bytes_read(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many bytes each os.read call returned while the test ran."""
    sizes: list[int] = []
    real = os.read

    def counting(handle: int, size: int) -> bytes:
        data = real(handle, size)
        sizes.append(len(data))
        return data

    assert cache_file.cache_key() is not None  # made and read before counting: the key file is 32 bytes
    monkeypatch.setattr(os, "read", counting)
    yield sizes


def _sparse(path: Path, size: int) -> None:
    """A file of `size` bytes that costs no disk space: what a project could ship cheaply."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.write(cache_file.SEAL_MAGIC)
        handle.truncate(size)


# --- size limits ------------------------------------------------------------------------------------


def test_an_oversized_document_entry_is_refused_unread_and_discarded(tmp_path: Path, bytes_read: list[int]) -> None:
    cache = DocumentCache(tmp_path)
    key = hashlib.sha256(b"inputs").hexdigest()
    path = cache.path(key)
    # One byte of data more than a document may hold (the sealed file adds its magic and tag).
    _sparse(path, MAX_DOCUMENT_BYTES + len(cache_file.SEAL_MAGIC) + cache_file.TAG_BYTES + 1)
    assert cache.load(key) is None
    assert sum(bytes_read) == 0  # refused by its size (fstat), not after reading 64 MB
    assert not path.exists()  # discarded: the document is rendered again


def test_a_document_limit_holds_for_signed_entries_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The limit is the document cache's own, below the general default; shown here at a small size.
    monkeypatch.setattr(document_cache, "MAX_DOCUMENT_BYTES", 1000)
    cache = DocumentCache(tmp_path)
    fits, large = hashlib.sha256(b"fits").hexdigest(), hashlib.sha256(b"large").hexdigest()
    assert cache.put(fits, b"%PDF" + b"x" * 996)
    assert cache.load(fits) == b"%PDF" + b"x" * 996
    assert not cache.put(large, b"%PDF" + b"x" * 997)  # not stored: load would refuse it
    assert not cache.path(large).exists()
    assert cache_file.write_sealed_file(cache.path(large), b"%PDF" + b"x" * 997)  # signed, but too large
    assert cache.load(large) is None and not cache.path(large).exists()


def test_the_default_limit_of_a_signed_cache_file_is_64_mb(tmp_path: Path, bytes_read: list[int]) -> None:
    # The readers that name no limit of their own (site fonts, hyphenation tables) hold a few MB.
    assert cache_file.MAX_CACHE_BYTES == 64 * 1024 * 1024
    path = tmp_path / "fonts" / "planted.woff2"
    _sparse(path, cache_file.MAX_CACHE_BYTES + len(cache_file.SEAL_MAGIC) + cache_file.TAG_BYTES + 1)
    assert cache_file.read_sealed_file(path) is None
    assert sum(bytes_read) == 0
