"""Updating one language's catalogues from the templates, and moving an old shared `countries.po` apart.

A language gets the catalogues it needs (every lesson, `ui`, and the packs of its locales written in
another language; see `lessonkit.i18n.templates`). Pack catalogues it already has but no longer needs
are kept up to date too, so that their translations stay usable for a locale added later.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

import polib

from lessonkit.i18n.merge import merge_catalogue
from lessonkit.i18n.store import po_path, read_po, write_po
from lessonkit.i18n.templates import COUNTRIES, language_templates, pack_country, split_legacy_countries
from lessonkit.model import Curriculum


@dataclass
class Updated:
    """What an update did for one language."""

    language: str
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    # Pack catalogues made from an old shared countries.po: name -> translated entries carried over.
    migrated: dict[str, int] = field(default_factory=dict)


def update_language(
    curriculum: Curriculum,
    root: Path,
    language: str,
    templates: dict[str, polib.POFile],
    only: Collection[str] = (),
) -> Updated:
    """Merge the language's templates into `locales/<language>/` (only the catalogues named in `only`, if any).

    An old `countries.po` is split into the pack catalogues (whatever `only` says, because the
    old file is removed afterwards and none of its translations may be lost).
    """
    result = Updated(language)
    wanted = language_templates(curriculum, root, language, templates)
    folder = po_path(root, language, COUNTRIES).parent
    for path in sorted(folder.glob("*.po")) if folder.is_dir() else []:
        if pack_country(path.stem) is not None and path.stem in templates:
            wanted.setdefault(path.stem, templates[path.stem])
    legacy_path = po_path(root, language, COUNTRIES)
    legacy = read_po(legacy_path)
    carried: dict[str, polib.POFile] = {}
    if legacy is not None:
        carried = split_legacy_countries(legacy, templates)
        for name, part in carried.items():
            result.migrated[name] = sum(1 for e in part if e.msgstr and not e.obsolete)
            wanted.setdefault(name, templates.get(name, _as_template(part)))
    for name, template in wanted.items():
        if only and name not in only and name not in carried:
            continue
        path = po_path(root, language, name)
        old = read_po(path)
        if name in carried:
            old = _combined(old, carried[name])
        written = write_po(merge_catalogue(template, old, language), path)
        (result.written if written else result.unchanged).append(name)
    if legacy is not None:
        legacy_path.unlink()
        result.written.append(COUNTRIES)
    return result


def _combined(current: polib.POFile | None, legacy: polib.POFile) -> polib.POFile:
    """A pack catalogue's entries and the old shared catalogue's for the same pack (the current one wins)."""
    if current is None:
        return legacy
    have = {(e.msgctxt, e.msgid) for e in current if e.msgstr}
    for entry in legacy:
        if (entry.msgctxt, entry.msgid) not in have:
            current.append(entry)
    return current


def _as_template(part: polib.POFile) -> polib.POFile:
    """A template made of a catalogue's entries (for a pack that no longer exists: nothing is dropped)."""
    template = polib.POFile(wrapwidth=0)
    template.metadata = dict(part.metadata)
    for entry in part:
        if not entry.obsolete:
            template.append(polib.POEntry(msgctxt=entry.msgctxt, msgid=entry.msgid, msgstr="", comment=entry.comment))
    return template
