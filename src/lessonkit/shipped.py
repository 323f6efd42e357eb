"""Where lessonkit's shipped data lives: its rules, handout templates, CSS and fonts, site theme, mkdocs.yml.

The data sits in the repository's top-level folders, where the curriculum's authors edit it. An
installed wheel cannot reach those, so the build (`setup.py`) copies them into the package as
`lessonkit/_shipped/<name>`. This module answers "which folder" for both: the copy inside the
package when there is one (a wheel install), otherwise the folder of the source checkout (an
editable install or a run from `src/`). A project's own folders (its `rules/`, say) still come
first: `project_or_shipped` gives the project's folder when it has one, else lessonkit's.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final, Literal

from lessonkit.problems import LessonkitError

ShippedName = Literal["rules", "handouts", "site-theme", "mkdocs.yml"]
# Everything setup.py copies into the wheel (kept in step with ShippedName by tests/test_shipped.py).
SHIPPED: Final[tuple[ShippedName, ...]] = ("rules", "handouts", "site-theme", "mkdocs.yml")
PACKAGED = "_shipped"
CACHE_DIR = ".lessonkit-cache"
# src/lessonkit/shipped.py -> the checkout's top folder.
_CHECKOUT = Path(__file__).resolve().parents[2]


def packaged_root() -> Path | None:
    """The `_shipped` folder inside an installed package, or None in a source checkout."""
    if Path(__file__).is_file():
        # The package is a real folder (a wheel installed, or a checkout): no need for importlib.resources,
        # whose import (with tempfile, shutil, random and zipfile) cost about a twentieth of a small check.
        inside = Path(__file__).resolve().parent / PACKAGED
        return inside if inside.is_dir() else None
    from importlib.resources import files

    packed = files("lessonkit") / PACKAGED
    if packed.is_dir():
        # A zipped install gives no real folder; templates and fonts must be real files for WeasyPrint.
        raise LessonkitError(f"{packed}: lessonkit's data is inside an archive; install lessonkit unpacked")
    return None


def is_installed() -> bool:
    """True when lessonkit runs from an installed wheel rather than a source checkout."""
    return packaged_root() is not None


def shipped(name: ShippedName) -> Path:
    """The folder (or file) `name` that comes with lessonkit, as a real path."""
    root = packaged_root()
    return (root if root is not None else _CHECKOUT) / name


def project_or_shipped(root: Path | None, name: ShippedName) -> Path:
    """The project's own `name` when it has one, else the one that comes with lessonkit.

    A project's folder replaces the shipped one whole (no file-by-file merge): a template or
    stylesheet that names a sibling finds it in the same folder, never half in each.
    """
    if root is not None and (root / name).exists():
        return root / name
    return shipped(name)


def default_cache_dir() -> Path:
    """The cache for texts outside any project: the checkout's own, or the user's cache folder once installed.

    An installed package's folder may be read-only and is shared by every user, so it is never used.
    """
    if not is_installed():
        return _CHECKOUT / CACHE_DIR
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "lessonkit"
