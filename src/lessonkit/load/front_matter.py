"""Splitting a lesson file into its YAML front matter and its Markdown body."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lessonkit.problems import Location, Problem

FENCE = "---"


@dataclass(frozen=True)
class SplitFile:
    """The two parts of a lesson file and the line each starts on."""

    yaml_text: str
    yaml_line: int
    body: str
    body_line: int


def split_front_matter(text: str, path: Path) -> tuple[SplitFile | None, list[Problem]]:
    """Find the `---` fenced front matter at the top of the file."""
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        return None, [
            Problem(Location(path, 1, 1), "E002", "file must start with a '---' line opening the front matter")
        ]
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (FENCE, "..."):
            return SplitFile(
                yaml_text="\n".join(lines[1:index]),
                yaml_line=2,
                body="\n".join(lines[index + 1 :]),
                body_line=index + 2,
            ), []
    return None, [
        Problem(Location(path, 1, 1), "E002", "front matter opened on line 1 is never closed with a '---' line")
    ]
