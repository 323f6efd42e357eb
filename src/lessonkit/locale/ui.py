"""Interface strings (handout headings, site labels, slide-notes labels) and their translations.

English strings are the msgids; each language's translations live in `locales/<lang>/ui.po`.
A missing catalogue or entry falls back to English.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import polib

UI_CATALOGUE = "ui.po"


@cache
def _entries(po_path: Path) -> dict[str, str]:
    if not po_path.is_file():
        return {}
    catalogue = polib.pofile(str(po_path))
    return {e.msgid: e.msgstr for e in catalogue if e.msgstr and not e.fuzzy and not e.obsolete}


def translator(root: Path, language: str) -> Callable[[str], str]:
    """A function mapping an English interface string to `language`."""
    entries = _entries((root / "locales" / language / UI_CATALOGUE).resolve())

    def translate(text: str) -> str:
        return entries.get(text, text)

    return translate
