"""Merging a new template into a translation: changed English never silently keeps its old translation.

The old translation is kept as a suggestion, marked fuzzy, with the old English shown (`#| msgid`).
English that only moved (an item inserted above it shifts its place number) keeps its translation:
the text is the same, at the same kind of place.
"""

from __future__ import annotations

import copy
import re
from datetime import date

import polib

from lessonkit.i18n.catalogue import new_catalogue
from lessonkit.i18n.store import MAX_PLURAL_FORMS

FUZZY = "fuzzy"
KEPT_HEADERS = ("Last-Translator", "Language-Team", "PO-Revision-Date", "Plural-Forms")


def merge_catalogue(template: polib.POFile, old: polib.POFile | None, language: str) -> polib.POFile:
    """The translation catalogue for `template`, keeping every still-valid translation of `old`."""
    merged = new_catalogue(template.metadata.get("Project-Id-Version", ""), _date(template), language)
    merged.metadata["POT-Creation-Date"] = template.metadata.get("POT-Creation-Date", "")
    live = [e for e in old if not e.obsolete] if old is not None else []
    if old is not None:
        for key in KEPT_HEADERS:
            if old.metadata.get(key):
                merged.metadata[key] = old.metadata[key]
    by_key = {(e.msgctxt, e.msgid): e for e in live}
    by_context = {e.msgctxt: e for e in live if e.msgctxt and e.msgstr}
    by_text = {(_kind_of_place(e.msgctxt), e.msgid): e for e in live if e.msgstr and not e.fuzzy}

    def same_text(source: polib.POEntry) -> polib.POEntry | None:
        found = by_key.get((source.msgctxt, source.msgid))
        return found if found is not None else by_text.get((_kind_of_place(source.msgctxt), source.msgid))

    # Old entries whose English still exists somewhere are never offered as a fuzzy guess elsewhere.
    claimed = {id(found) for found in map(same_text, template) if found is not None}
    used: set[int] = set()
    for source in template:
        entry = copy.deepcopy(source)
        exact = same_text(source)
        moved = by_context.get(source.msgctxt) if source.msgctxt else None
        if moved is not None and id(moved) in claimed:
            moved = None
        if exact is not None:
            entry.msgstr = exact.msgstr
            _plural_forms(entry, exact, merged)
            entry.tcomment = exact.tcomment
            if exact.fuzzy:
                entry.flags.append(FUZZY)
                entry.previous_msgid = exact.previous_msgid
            used.add(id(exact))
        elif moved is not None:
            # Same place, new English: offer the old translation, but never as a finished one.
            entry.msgstr = moved.msgstr
            _plural_forms(entry, moved, merged)
            entry.tcomment = moved.tcomment
            entry.flags.append(FUZZY)
            entry.previous_msgid = moved.msgid
            used.add(id(moved))
        elif source.msgid_plural:
            _plural_forms(entry, None, merged)
        merged.append(entry)
    for stale in live:
        if id(stale) not in used and stale.msgstr:
            gone = copy.deepcopy(stale)
            gone.obsolete = True
            gone.occurrences = []
            merged.append(gone)
    return merged


def _plural_forms(entry: polib.POEntry, old: polib.POEntry | None, catalogue: polib.POFile) -> None:
    """An entry with a plural gets as many forms as the language's `Plural-Forms` header says."""
    if not entry.msgid_plural:
        return
    found = re.search(r"nplurals\s*=\s*(\d{1,9})", catalogue.metadata.get("Plural-Forms", ""))
    count = int(found.group(1)) if found else 2
    if not 1 <= count <= MAX_PLURAL_FORMS:  # refused where catalogues are read; never sizes an entry
        count = 2
    forms = old.msgstr_plural if old is not None and old.msgid_plural else {}
    entry.msgstr_plural = {index: forms.get(index, "") for index in range(count)}


def _kind_of_place(context: str | None) -> str:
    """The context without its numbers: `lesson|vocabulary:3|term` -> `lesson|vocabulary:#|term`."""
    lesson, _, place = (context or "").partition("|")
    return f"{lesson}|{re.sub(r'[0-9]+', '#', place)}"


def _date(template: polib.POFile) -> date:
    stamp = template.metadata.get("POT-Creation-Date", "")[:10]
    try:
        return date.fromisoformat(stamp)
    except ValueError:
        return date.today()
