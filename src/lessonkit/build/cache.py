"""Built documents kept by input hash under `.lessonkit-cache/`, so unchanged documents are not rendered again.

Each entry starts with a header holding the SHA-256 of the document, checked on every read: a
truncated or overwritten entry is discarded and the document rendered again, never published.
Outputs are copies of the verified bytes, never links to entries, so damage to one cannot reach
the other.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from lessonkit.cache_file import discard, read_cache_file, write_cache_file
from lessonkit.shipped import CACHE_DIR

__all__ = ["CACHE_DIR", "DocumentCache"]
MAGIC = b"lessonkit-document-1 sha256="
_HEADER = len(MAGIC) + 64 + 1  # magic, hex digest, newline


class DocumentCache:
    """A folder of files named by the hash of their inputs, each checked against its content hash."""

    def __init__(self, root: Path) -> None:
        self.folder = root / CACHE_DIR / "documents"

    def path(self, key: str) -> Path:
        """Where the document with this input hash is kept."""
        return self.folder / key[:2] / key

    def load(self, key: str) -> bytes | None:
        """The cached document, or None when there is none or its bytes do not match its hash.

        Anything unusable at the entry's path (a damaged file, a folder, a link) is discarded.
        """
        path = self.path(key)
        data = read_cache_file(path)
        if data is None:
            if path.exists() or path.is_symlink():
                discard(path)
            return None
        body = data[_HEADER:]
        header = MAGIC + hashlib.sha256(body).hexdigest().encode("ascii") + b"\n"
        if data[:_HEADER] != header:
            discard(path)
            return None
        return body

    def put(self, key: str, data: bytes) -> bool:
        """Store a document atomically with its content hash; False when the cache cannot be written."""
        header = MAGIC + hashlib.sha256(data).hexdigest().encode("ascii") + b"\n"
        return write_cache_file(self.path(key), header + data)
