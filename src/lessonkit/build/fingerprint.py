"""Content hashes of a document's inputs: lessonkit's code, templates, CSS, fonts, assets, locale and lesson.

If any of them changes the document is rendered again; otherwise the cached file is reused. The code
part covers every module of the package, not only the renderers: rendering also runs the loader, the
worker and the locale code, and a stale PDF after an upgrade is worse than a slower first build.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from lessonkit import __version__
from lessonkit.i18n.ui import UI_CATALOGUE
from lessonkit.load.source_file import read_bytes
from lessonkit.locale.country_pack import CountryPack
from lessonkit.locale.locales import Locale
from lessonkit.render.settings import RenderSettings

CODE_DIR = Path(__file__).resolve().parent.parent
# Fonts are the largest inputs (a few MB); anything larger than this is not a build input.
INPUT_LIMIT = 64 * 1024 * 1024


def digest(*parts: str) -> str:
    """A hex SHA-256 of the parts, unambiguously separated."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8")
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def tree_digest(*folders: Path, pattern: str = "*") -> str:
    """The hash of every regular file's relative path and bytes under the folders (links are not followed)."""
    hasher = hashlib.sha256()
    for folder in folders:
        files = (
            sorted(p for p in folder.rglob(pattern) if p.is_file() and not p.is_symlink()) if folder.is_dir() else []
        )
        for path in files:
            hasher.update(path.relative_to(folder).as_posix().encode())
            hasher.update(hashlib.sha256(read_bytes(path, INPUT_LIMIT)).digest())
    return hasher.hexdigest()


def file_digest(path: Path) -> str:
    """The hash of one regular file, or of its absence."""
    return hashlib.sha256(read_bytes(path, INPUT_LIMIT)).hexdigest() if path.is_file() else "missing"


def code_digest() -> str:
    """The hash of lessonkit's own code: every module of the package."""
    return tree_digest(CODE_DIR, pattern="*.py")


@dataclass(frozen=True)
class Fingerprint:
    """What every document of a build shares: code, templates, CSS, fonts, assets, configuration, paper."""

    value: str
    root: Path

    @classmethod
    def of(cls, settings: RenderSettings) -> Fingerprint:
        """Hash the shared inputs once per build."""
        value = digest(
            __version__,
            code_digest(),
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
