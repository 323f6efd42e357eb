"""Where catalogues live and how they are read and written (`locales/<lang>/<name>.po`)."""

from __future__ import annotations

from pathlib import Path

import polib

from lessonkit.i18n.catalogue import LOCALES_DIR
from lessonkit.problems import LessonkitError


def po_path(root: Path, language: str, name: str) -> Path:
    """The translation catalogue of `name` (a lesson id, `ui` or `countries`) for one language."""
    return root / LOCALES_DIR / language / f"{name}.po"


def read_po(path: Path) -> polib.POFile | None:
    """A catalogue, or None when the file does not exist; a broken file is a user error."""
    if not path.is_file():
        return None
    try:
        return polib.pofile(str(path), wrapwidth=0)
    except (OSError, ValueError) as err:
        raise LessonkitError(f"{path}: cannot read catalogue: {err}") from err


def write_po(catalogue: polib.POFile, path: Path) -> bool:
    """Write the catalogue when its text changed; True when the file was written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = str(catalogue) + "\n"
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True
