"""Loading `sources.yml`: the publications the curriculum draws on and the findings lessons cite.

The file lists `publications` (each with its year, address and the date the address was checked)
and `sources`, each naming its publication and the year it describes. The older form, one
`report:` and sources without a publication, is still read: the report becomes the only
publication and every source inherits its year.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from lessonkit.load.schema import validate_schema
from lessonkit.load.yaml_tree import YamlDocument
from lessonkit.model import Publication, Source
from lessonkit.problems import Location, Problem

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
Text = Annotated[str, StringConstraints(min_length=1)]
# Years outside this range are typing slips, not publications this curriculum could cite.
Year = Annotated[int, Field(ge=1900, le=2100)]
# What sources.yml yields: its publications and its findings and recommendations.
Sources = tuple[tuple[Publication, ...], tuple[Source, ...]]
# The id the single report of the older file format gets as a publication.
LEGACY_REPORT_ID = "report"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReportSchema(_Strict):
    """The single source report of the older file format."""

    title: Text
    publisher: Text
    year: Year
    chapter: Text
    url: Text


class PublicationSchema(_Strict):
    """One publication: a report, an alert, a data release or a guidance document."""

    id: Slug
    title: Text
    publisher: Text
    year: Year
    url: Text
    checked: date
    chapter: Text | None = None
    # How a printed citation names it, e.g. "NCA" in "(NCA, 2024)"; the publisher if absent.
    cite: Text | None = None


class SourceSchema(_Strict):
    """One finding or recommendation."""

    id: Slug
    kind: Literal["finding", "recommendation"]
    publication: Slug | None = None
    year: Year | None = None
    section: Text
    summary: Text


class SourcesSchema(_Strict):
    """The whole of sources.yml."""

    report: ReportSchema | None = None
    publications: Annotated[list[PublicationSchema], Field(min_length=1)] | None = None
    sources: Annotated[list[SourceSchema], Field(min_length=1)]


def sources_from(document: YamlDocument, path: Path) -> tuple[Sources | None, list[Problem]]:
    """The publications and sources of a parsed sources.yml, or every problem found, each at its line."""
    schema, problems = validate_schema(SourcesSchema, document, path)
    if schema is None:
        return None, problems
    publications, problems = _publications(schema, document, path)
    if publications is None:
        return None, problems
    by_id = {p.id: p for p in publications}
    sources = []
    for index, item in enumerate(schema.sources):
        where = Location(path, document.line_of(("sources", index, "publication")), 1)
        publication_id = item.publication or (LEGACY_REPORT_ID if schema.publications is None else None)
        publication = by_id.get(publication_id or "")
        if publication_id is None:
            problems.append(Problem(where, "E011", f"source '{item.id}': required field 'publication' is missing"))
        elif publication is None:
            known = ", ".join(sorted(by_id))
            problems.append(
                Problem(where, "E050", f"source '{item.id}': unknown publication '{publication_id}' (known: {known})")
            )
        elif item.year is not None and item.year > publication.year:
            problems.append(
                Problem(
                    Location(path, document.line_of(("sources", index, "year")), 1),
                    "E050",
                    f"source '{item.id}': year {item.year} is later than its publication's year {publication.year}",
                )
            )
        else:
            year = item.year if item.year is not None else publication.year
            sources.append(Source(item.id, item.kind, item.section, item.summary, publication.id, year))
    problems += _duplicates(document, path, "source", "sources", [s.id for s in schema.sources])
    if problems:
        return None, problems
    return (publications, tuple(sources)), []


def _publications(
    schema: SourcesSchema, document: YamlDocument, path: Path
) -> tuple[tuple[Publication, ...] | None, list[Problem]]:
    if schema.publications is not None and schema.report is not None:
        line = document.line_of(("report",))
        message = "give either 'publications' or the older 'report', not both"
        return None, [Problem(Location(path, line, 1), "E012", message)]
    if schema.report is not None:
        report = schema.report
        legacy = Publication(
            LEGACY_REPORT_ID, report.title, report.publisher, report.year, report.url, None, report.chapter
        )
        return (legacy,), []
    if schema.publications is None:
        return None, [Problem(Location(path), "E011", "required field 'publications' is missing")]
    problems = _duplicates(document, path, "publication", "publications", [p.id for p in schema.publications])
    publications = tuple(
        Publication(p.id, p.title, p.publisher, p.year, p.url, p.checked, p.chapter or "", p.cite or "")
        for p in schema.publications
    )
    return (None, problems) if problems else (publications, [])


def _duplicates(document: YamlDocument, path: Path, what: str, key: str, ids: list[str]) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for index, item in enumerate(ids):
        if item in seen:
            line = document.line_of((key, index, "id"))
            problems.append(Problem(Location(path, line, 1), "E050", f"duplicate {what} id '{item}'"))
        seen.add(item)
    return problems
