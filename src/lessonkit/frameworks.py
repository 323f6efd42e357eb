"""Curriculum frameworks a lesson maps to (its `frameworks` front matter), cited the way a teacher looks them up.

A school plans against a national or sector framework; the plan and the lesson page name the framework's
outcomes the lesson covers, so a teacher can place it in a scheme of work without opening the lesson file.
The outcome names are the framework's own (an English document), so they are printed as written, not translated.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Framework:
    """A published framework: who publishes it, which edition, where it is."""

    title: str
    publisher: str
    year: int
    url: str

    @property
    def citation(self) -> str:
        """Title, publisher and year, e.g. "Education for a Connected World (UK Council for Internet Safety, 2020)"."""
        return f"{self.title} ({self.publisher}, {self.year})"


# Checked 2026-12-02: the 2020 edition (30 June 2020), strands in age groups 4-7, 7-11, 11-14 and 14-18, at
# https://www.gov.uk/government/publications/education-for-a-connected-world.
KNOWN: dict[str, Framework] = {
    "ukcis": Framework(
        "Education for a Connected World",
        "UK Council for Internet Safety",
        2020,
        "https://www.gov.uk/government/publications/education-for-a-connected-world",
    ),
}


@dataclass(frozen=True)
class CurriculumLink:
    """One framework and the outcomes of it a lesson covers."""

    framework: str
    outcomes: tuple[str, ...]


def curriculum_links(frameworks: Mapping[str, tuple[str, ...]]) -> tuple[CurriculumLink, ...]:
    """The lesson's frameworks, each cited by its full name (an unknown one by the name the lesson gives it)."""
    return tuple(
        CurriculumLink(KNOWN[key].citation if key in KNOWN else key, tuple(outcomes))
        for key, outcomes in frameworks.items()
        if outcomes
    )
