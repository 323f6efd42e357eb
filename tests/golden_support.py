"""Golden files: compare an output with its reviewed copy under tests/golden/, or rewrite it on request.

`LESSONKIT_UPDATE_GOLDEN=1 pytest tests/test_x.py` rewrites the golden files a test compares with
(the switch tests/test_print_golden.py introduced); review the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

UPDATE_VARIABLE = "LESSONKIT_UPDATE_GOLDEN"


def updating() -> bool:
    """True when the golden files are to be rewritten rather than compared."""
    return bool(os.environ.get(UPDATE_VARIABLE))


def assert_golden(path: Path, actual: str) -> None:
    """`actual` equals the golden file at `path` (written first when updating)."""
    if updating():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"no golden file {path}: run with {UPDATE_VARIABLE}=1, then review it"
    assert actual == path.read_text(encoding="utf-8"), f"{path} differs (intended? {UPDATE_VARIABLE}=1, then review)"
