"""Built documents kept by input hash under `.lessonkit-cache/`, so unchanged documents are not rendered again.

Each entry is signed (`cache_file.seal`: HMAC-SHA256 over its name and bytes, with the user's
cache key, which lives outside every project) and checked on every read: a truncated,
overwritten or planted entry is discarded and the document rendered again, never published. A
content hash alone would not do: the cache folder can come with a project from a stranger, who
can compute both the input hash that names an entry and the hash of a forged PDF. Outputs are
copies of the verified bytes, never links to entries, so damage to one cannot reach the other.
Without a usable key (a read-only home) nothing is cached and every document is rendered.
"""

from __future__ import annotations

from pathlib import Path

from lessonkit.cache_file import discard, read_sealed_file, write_sealed_file
from lessonkit.shipped import CACHE_DIR

__all__ = ["CACHE_DIR", "DocumentCache"]


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
        data = read_sealed_file(path)
        if data is None and (path.exists() or path.is_symlink()):
            discard(path)
        return data

    def put(self, key: str, data: bytes) -> bool:
        """Store a document atomically, signed; False when the cache cannot be written (or there is no key)."""
        return write_sealed_file(self.path(key), data)
