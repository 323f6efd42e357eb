"""Loading `curriculum.yml` and `sources.yml` into the validated Config."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from lessonkit.load.schema import validate_schema
from lessonkit.load.sources import Sources, sources_from
from lessonkit.load.yaml_tree import read_yaml_file
from lessonkit.model import Audience, Band, Config, Topic
from lessonkit.problems import Location, Problem

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
Text = Annotated[str, StringConstraints(min_length=1)]
M = TypeVar("M", bound=BaseModel)
CONFIG_FILE = "curriculum.yml"
SOURCES_FILE = "sources.yml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BandSchema(_Strict):
    """An age band as written in curriculum.yml."""

    id: Slug
    label: Text
    ages: tuple[Annotated[int, Field(ge=0, le=25)], Annotated[int, Field(ge=0, le=25)]]
    duration: Annotated[int, Field(gt=0, le=240)]


class NamedSchema(_Strict):
    """An audience: an id and a label."""

    id: Slug
    label: Text


class TopicSchema(_Strict):
    """A topic: an id and a title."""

    id: Slug
    title: Text


class CurriculumSchema(_Strict):
    """The whole of curriculum.yml."""

    title: Text
    version: Text
    updated: date
    source_language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
    licence: Text
    licence_url: Text
    bands: Annotated[list[BandSchema], Field(min_length=1)]
    audiences: Annotated[list[NamedSchema], Field(min_length=1)]
    topics: Annotated[list[TopicSchema], Field(min_length=1)]
    help_services: list[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z_]*$")]]
    # Legal statements lessons may print with {{ law.NAME }}; each country pack words its own law.
    law_topics: list[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]] = []


def load_config(lessons_dir: Path) -> tuple[Config | None, list[Problem]]:
    """Read and validate the curriculum configuration in `lessons_dir`."""
    curriculum, problems = _load(lessons_dir / CONFIG_FILE, CurriculumSchema)
    sources, more = _load_sources(lessons_dir / SOURCES_FILE)
    problems += more
    if curriculum is None or sources is None:
        return None, problems
    publications, source_items = sources
    problems += _duplicate_ids(lessons_dir / CONFIG_FILE, "band", [b.id for b in curriculum.bands])
    problems += _duplicate_ids(lessons_dir / CONFIG_FILE, "topic", [t.id for t in curriculum.topics])
    problems += [
        Problem(
            Location(lessons_dir / CONFIG_FILE), "E012", f"band '{b.id}': ages {b.ages[0]}-{b.ages[1]} run backwards"
        )
        for b in curriculum.bands
        if b.ages[0] > b.ages[1]
    ]
    if problems:
        return None, problems
    config = Config(
        title=curriculum.title,
        version=curriculum.version,
        updated=curriculum.updated,
        source_language=curriculum.source_language,
        licence=curriculum.licence,
        licence_url=curriculum.licence_url,
        bands=tuple(Band(b.id, b.label, b.ages, b.duration) for b in curriculum.bands),
        audiences=tuple(Audience(a.id, a.label) for a in curriculum.audiences),
        topics=tuple(Topic(t.id, t.title) for t in curriculum.topics),
        help_services=tuple(curriculum.help_services),
        law_topics=tuple(curriculum.law_topics),
        publications=publications,
        sources=source_items,
    )
    return config, []


def _load(path: Path, schema: type[M]) -> tuple[M | None, list[Problem]]:
    if not path.is_file():
        return None, [Problem(Location(path), "E050", f"configuration file not found: {path.name}")]
    document, problems = read_yaml_file(path)
    if document is None:
        return None, problems
    return validate_schema(schema, document, path)


def _load_sources(path: Path) -> tuple[Sources | None, list[Problem]]:
    if not path.is_file():
        return None, [Problem(Location(path), "E050", f"configuration file not found: {path.name}")]
    document, problems = read_yaml_file(path)
    if document is None:
        return None, problems
    return sources_from(document, path)


def _duplicate_ids(path: Path, what: str, ids: list[str]) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for item in ids:
        if item in seen:
            problems.append(Problem(Location(path), "E050", f"duplicate {what} id '{item}'"))
        seen.add(item)
    return problems
