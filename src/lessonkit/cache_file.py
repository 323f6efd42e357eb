"""Writing a cache file so that a reader never sees half of it, and a read-only checkout still works."""

from __future__ import annotations

import os
from pathlib import Path


def write_cache_file(target: Path, data: bytes) -> bool:
    """Write `data` to `target` through a temporary file and a rename; False when it cannot be written."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(data)
        temporary.replace(target)
    except OSError:
        return False  # read-only checkout: no cache, same results, only slower
    return True
