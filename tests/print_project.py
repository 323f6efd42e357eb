"""Small projects for the build tests: the real configuration, handouts and locales, a few lessons."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT, authoring_example

GUIDE = """---
id: guide-example
title: "Talking together at home"
topic: talking-together
audience: parents
key_messages:
  - "Short chats, little and often, work best."
sources: [rec-parents]
---

## Why talking matters

Children who can talk to a parent ask for help early.

::: help
Parents can call {{ help.parent_helpline }}.
:::
"""


def make_project(folder: Path, lessons: dict[str, str], source_language: str = "en") -> Path:
    """A project in `folder` with the given lesson files (name -> text)."""
    (folder / "lessons" / "assets").mkdir(parents=True)
    config = (ROOT / "lessons" / "curriculum.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^source_language: \w+$", f"source_language: {source_language}", config)
    (folder / "lessons" / "curriculum.yml").write_text(config, encoding="utf-8")
    shutil.copy(ROOT / "lessons" / "sources.yml", folder / "lessons" / "sources.yml")
    shutil.copytree(ROOT / "handouts", folder / "handouts")
    shutil.copytree(ROOT / "locales", folder / "locales")
    for name, text in lessons.items():
        (folder / "lessons" / name).write_text(text, encoding="utf-8")
    return folder


def example_lessons() -> dict[str, str]:
    """The authoring guide's example lesson and a short parents' guide."""
    return {"example.md": authoring_example(), "guide.md": GUIDE}


def tool(*args: str) -> str:
    """Run a poppler (or other) command-line reader and return its output."""
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=120).stdout


def pdf_fonts(path: Path) -> list[tuple[str, str]]:
    """(font name, embedded yes/no) for every font of the PDF, as pdffonts reports them."""
    rows = tool("pdffonts", str(path)).splitlines()[2:]
    return [(row.split()[0], row.split()[-5]) for row in rows if row.strip()]


def pdf_info(path: Path) -> dict[str, str]:
    """pdfinfo's fields."""
    return dict(
        (key.strip(), value.strip())
        for key, _, value in (line.partition(":") for line in tool("pdfinfo", str(path)).splitlines())
    )
