"""The coverage matrix: which findings and recommendations of each publication the lessons of each band draw on."""

from __future__ import annotations

from dataclasses import dataclass

from lessonkit.model import STUDENTS, Curriculum

# Recommendations every band must cover (issue: education, parents, reporting).
REQUIRED_EVERYWHERE = ("rec-education", "rec-parents", "rec-reporting")


@dataclass(frozen=True)
class Coverage:
    """Lesson ids by (source id, column); columns are band ids, then the other audiences' ids.

    `groups` keeps the sources traceable to their publication: (publication id, its source ids),
    in the order of sources.yml.
    """

    columns: tuple[str, ...]
    band_columns: tuple[str, ...]
    source_ids: tuple[str, ...]
    cells: dict[tuple[str, str], tuple[str, ...]]
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def lessons(self, source_id: str, column: str) -> tuple[str, ...]:
        """The lessons of one column citing one source."""
        return self.cells.get((source_id, column), ())

    def gaps(self, source_ids: tuple[str, ...] = REQUIRED_EVERYWHERE) -> list[tuple[str, str]]:
        """(source, band) pairs with no lesson, among the given sources and the band columns."""
        return [(s, c) for s in source_ids for c in self.band_columns if not self.lessons(s, c)]


def coverage_matrix(curriculum: Curriculum) -> Coverage:
    """Build the matrix from the lessons' `sources` fields."""
    bands = tuple(b.id for b in curriculum.config.bands)
    others = tuple(a.id for a in curriculum.config.audiences if a.id != STUDENTS)
    cells: dict[tuple[str, str], list[str]] = {}
    for lesson in curriculum.lessons:
        column = lesson.band if lesson.is_student_lesson and lesson.band else lesson.audience
        for source in lesson.sources:
            cells.setdefault((source, column), []).append(lesson.id)
    config = curriculum.config
    return Coverage(
        columns=bands + others,
        band_columns=bands,
        source_ids=tuple(s.id for p in config.publications for s in config.sources_of(p.id)),
        cells={key: tuple(ids) for key, ids in cells.items()},
        groups=tuple((p.id, tuple(s.id for s in config.sources_of(p.id))) for p in config.publications),
    )
