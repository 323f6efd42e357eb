"""The known name closest to a mistyped one, for the "did you mean" of error messages."""

from __future__ import annotations

from collections.abc import Iterable


def closest_name(name: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known name most like `name` (difflib's ratio at least `cutoff`), or None."""
    # Imported here, when a name is wrong: a run where nothing is misspelt never loads it
    # (0.3 % of the instructions of `lessonkit check` on one small file).
    import difflib

    found = difflib.get_close_matches(name, list(known), n=1, cutoff=cutoff)
    return found[0] if found else None
