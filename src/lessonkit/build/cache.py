"""Built documents kept by input hash under `.lessonkit-cache/`, so unchanged documents are not rendered again."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

CACHE_DIR = ".lessonkit-cache"


class DocumentCache:
    """A folder of files named by the hash of their inputs."""

    def __init__(self, root: Path) -> None:
        self.folder = root / CACHE_DIR / "documents"

    def path(self, key: str) -> Path:
        """Where the document with this input hash is kept."""
        return self.folder / key[:2] / key

    def has(self, key: str) -> bool:
        """True when the document was built before from the same inputs."""
        return self.path(key).is_file()

    def put(self, key: str, data: bytes) -> Path:
        """Store a document atomically (a crash never leaves a half-written cache entry)."""
        target = self.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        Path(temporary).replace(target)
        return target

    def copy_to(self, key: str, destination: Path) -> None:
        """Place the cached document at `destination` (a hard link when possible: no bytes copied)."""
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(self.path(key), destination)
        except OSError:
            shutil.copyfile(self.path(key), destination)
