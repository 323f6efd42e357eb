"""Refused translations fail closed in the output: a refused locale publishes nothing new, its old output stays.

A locale is refused whole (`Localized.dropped`) when its interface or countries catalogue fails
translation QA: neither its documents nor its pages are built. The output is replaced as one
folder, so what an earlier build published of that locale is brought over from the previous
output into the stage; visitors keep the last good version until the translation is fixed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from lessonkit.build.staging import carry_over
from lessonkit.document_kinds import DOWNLOADS
from lessonkit.localized import Localized


def site_root_refused(locales: Sequence[Localized]) -> bool:
    """True when the first locale, whose pages are the site's root, is refused: the site is not rebuilt."""
    return not locales or locales[0].dropped


def keep_refused(previous: Path, stage: Path, locales: Sequence[Localized], *, site_rebuilt: bool) -> None:
    """Bring each refused locale's earlier output from `previous` into `stage`.

    Its documents (`downloads/<id>/`) always; its pages (`<id>/`) when the site was rebuilt
    without it (else the earlier site is carried whole by the caller).
    """
    for item in locales:
        if not item.dropped:
            continue
        parts = [PurePosixPath(DOWNLOADS, item.locale.id)]
        if site_rebuilt and item is not locales[0]:
            parts.append(PurePosixPath(item.locale.id))
        for part in parts:
            source, target = previous.joinpath(*part.parts), stage.joinpath(*part.parts)
            # Already in the stage when the caller carried it (e.g. every earlier download).
            if source.is_dir() and not source.is_symlink() and not target.exists():
                carry_over(source, target, [])
