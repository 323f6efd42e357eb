"""Content hashes of a document's inputs: the renderer code, templates, CSS, fonts, assets, locale and lesson.

If any of them changes the document is rendered again; otherwise the cached file is reused.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from lessonkit import __version__
from lessonkit.locale.country_pack import CountryPack
from lessonkit.locale.locales import Locale
from lessonkit.locale.ui import UI_CATALOGUE
from lessonkit.render.settings import RenderSettings

CODE_DIR = Path(__file__).resolve().parent.parent


def digest(*parts: str) -> str:
    """A hex SHA-256 of the parts, unambiguously separated."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8")
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def tree_digest(*folders: Path, pattern: str = "*") -> str:
    """The hash of every file's relative path and bytes under the folders."""
    hasher = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob(pattern) if p.is_file()) if folder.is_dir() else ():
            hasher.update(path.relative_to(folder).as_posix().encode())
            hasher.update(hashlib.sha256(path.read_bytes()).digest())
    return hasher.hexdigest()


def file_digest(path: Path) -> str:
    """The hash of one file, or of its absence."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"


@dataclass(frozen=True)
class Fingerprint:
    """What every document of a build shares: code, templates, CSS, fonts, assets, configuration, paper."""

    value: str
    root: Path

    @classmethod
    def of(cls, settings: RenderSettings) -> Fingerprint:
        """Hash the shared inputs once per build."""
        code = tree_digest(CODE_DIR / "render", CODE_DIR / "locale", pattern="*.py")
        value = digest(
            __version__,
            code,
            file_digest(CODE_DIR / "markdown.py"),
            tree_digest(settings.handouts),
            tree_digest(settings.assets),
            repr(settings.config),
            settings.paper,
        )
        return cls(value, settings.root)

    def for_locale(self, locale: Locale, pack: CountryPack) -> str:
        """The shared hash plus the locale, its country pack and its interface strings."""
        catalogue = self.root / "locales" / locale.language / UI_CATALOGUE
        return digest(self.value, repr(locale), locale.direction, file_digest(pack.path), file_digest(catalogue))
