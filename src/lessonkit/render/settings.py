"""What every renderer needs besides the lesson, locale, country pack and interface strings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Final

from lessonkit.model import Config
from lessonkit.shipped import project_or_shipped

PAPER_SIZES = ("A4", "letter")
HANDOUTS_DIR: Final = "handouts"


@dataclass(frozen=True)
class RenderSettings:
    """The curriculum's configuration, the project root and the paper size."""

    config: Config
    root: Path
    paper: str = "A4"

    @property
    def handouts(self) -> Path:
        """The folder of templates, CSS, fonts and pictures: the project's own `handouts/`, else lessonkit's."""
        return project_or_shipped(self.root, HANDOUTS_DIR)

    def handouts_url(self, relative: PurePosixPath | str) -> str:
        """A file of the handouts folder as print HTML names it (documents resolve against the project root).

        The project's own folder keeps its root-relative name, so its documents do not change; the
        shipped folder lies outside the project and is named by its file URL.
        """
        folder = self.handouts
        if folder == self.root / HANDOUTS_DIR:
            return f"{HANDOUTS_DIR}/{relative}"
        return (folder / relative).resolve().as_uri()

    @property
    def assets(self) -> Path:
        """The folder of lesson images."""
        return self.root / "lessons" / "assets"
