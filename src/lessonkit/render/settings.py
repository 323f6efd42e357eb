"""What every renderer needs besides the lesson, locale, country pack and interface strings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lessonkit.model import Config

PAPER_SIZES = ("A4", "letter")
HANDOUTS_DIR = "handouts"


@dataclass(frozen=True)
class RenderSettings:
    """The curriculum's configuration, the project root and the paper size."""

    config: Config
    root: Path
    paper: str = "A4"

    @property
    def handouts(self) -> Path:
        """The folder of templates, CSS and fonts."""
        return self.root / HANDOUTS_DIR

    @property
    def assets(self) -> Path:
        """The folder of lesson images."""
        return self.root / "lessons" / "assets"
