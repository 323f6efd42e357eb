"""Built documents kept by input hash under `.lessonkit-cache/`, so unchanged documents are not rendered again.

Each entry is signed (`cache_file.seal`: HMAC-SHA256 over its name and bytes, with the user's
cache key, which lives outside every project) and checked on every read: a truncated,
overwritten or planted entry is discarded and the document rendered again, never published. A
content hash alone would not do: the cache folder can come with a project from a stranger, who
can compute both the input hash that names an entry and the hash of a forged PDF. Outputs are
copies of the verified bytes, never links to entries, so damage to one cannot reach the other.
Without a usable key (a read-only home) nothing is cached and every document is rendered.

An entry larger than `MAX_DOCUMENT_BYTES` is refused by its size before it is read (a planted
file of hundreds of megabytes would otherwise be read into memory only to fail its signature),
and a document that large is not stored: it is rendered again in every build instead.
"""

from __future__ import annotations

from pathlib import Path

from lessonkit.cache_file import discard, read_sealed_file, write_sealed_file
from lessonkit.shipped import CACHE_DIR

__all__ = ["CACHE_DIR", "MAX_DOCUMENT_BYTES", "DocumentCache"]

# What a cached document (a lesson's PDF or PPTX, a band's handbook PDF) may be. They are built
# from lesson files of at most 2 MB of text each (load/source_file.MAX_BYTES), subset fonts and
# small pictures, each embedded once per document. Measured on this curriculum (en-IE, 2026-12-02):
# a lesson's largest file is a 231 KB deck, the largest handbook 579 KB (14-18, about ten
# lessons). 64 MB is a hundred times that, room for a band of a thousand lessons, and still
# keeps a planted entry from costing much more memory than a rendered document would.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024


class DocumentCache:
    """A folder of files named by the hash of their inputs, each checked against its content hash."""

    def __init__(self, root: Path) -> None:
        self.folder = root / CACHE_DIR / "documents"

    def path(self, key: str) -> Path:
        """Where the document with this input hash is kept."""
        return self.folder / key[:2] / key

    def load(self, key: str) -> bytes | None:
        """The cached document, or None when there is none or its signature does not match.

        Anything unusable at the entry's path (a damaged, forged or unsigned file, a folder, a
        link) is discarded.
        """
        path = self.path(key)
        data = read_sealed_file(path, MAX_DOCUMENT_BYTES)
        if data is None and (path.exists() or path.is_symlink()):
            discard(path)
        return data

    def put(self, key: str, data: bytes) -> bool:
        """Store a document atomically, signed; False when the cache cannot be written (or there is no key).

        A document larger than `MAX_DOCUMENT_BYTES` is not stored (False): `load` would refuse it.
        """
        return len(data) <= MAX_DOCUMENT_BYTES and write_sealed_file(self.path(key), data)
