"""Country packs (`locales/countries/<CC>.yml`): verified help services that fill the help tokens."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from lessonkit.diagnostics import printable_path
from lessonkit.load.schema import validate_schema
from lessonkit.load.yaml_tree import read_yaml_file
from lessonkit.locale.help_wording import HelpWording
from lessonkit.problems import LessonkitError, Location, Problem

COUNTRIES_DIR = Path("locales") / "countries"
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Contact(_Strict):
    """One way to reach a service: a phone number, a text number or a web address."""

    kind: Literal["phone", "text", "web", "email"]
    value: Text
    note: str = ""

    @field_validator("value")
    @classmethod
    def _no_format_characters(cls, value: str) -> str:
        # Invisible format characters (direction marks and isolates among them) can show a number
        # in another order than the one verified: "1800 66 66 66" inside an isolate reads
        # "66 66 66 1800" in right-to-left text. The build isolates every contact itself.
        found = next((c for c in value if unicodedata.category(c) == "Cf"), None)
        if found is not None:
            raise ValueError(
                f"invisible character U+{ord(found):04X} ({unicodedata.name(found, 'format character')}) in a"
                " contact could show it in another order than it was checked; delete it (the build keeps"
                " numbers and addresses in order itself)"
            )
        return value


class Service(_Strict):
    """A help service, with the public address it was checked against and when."""

    name: Text
    description: Text
    contacts: Annotated[list[Contact], Field(min_length=1)]
    hours: str = ""
    cost: str = ""
    languages: list[str] = []
    source: Text
    # A date when someone confirmed the entry at `source`; false while it is unconfirmed
    # (the checker then warns and the build says so).
    verified: date | Literal[False]


class LawStatement(_Strict):
    """What one country's law says on a topic, in one or two plain sentences, with where it was checked."""

    statement: Text
    source: Text
    verified: date | Literal[False]


class CountryPackSchema(_Strict):
    """The whole of a country pack file."""

    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    name: Text
    # The language the descriptions, hours and costs are written in; other languages get them
    # from the pack's own catalogue (`locales/<lang>/countries-<CC>.po`).
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")] = "en"
    notes: str = ""
    services: dict[str, Annotated[list[Service], Field(min_length=1)]]
    law: dict[str, LawStatement] = {}


@dataclass(frozen=True)
class CountryPack:
    """The help services of one country, by help-token name."""

    country: str
    name: str
    services: dict[str, tuple[Service, ...]]
    path: Path
    lines: dict[str, int]
    language: str = "en"
    laws: dict[str, LawStatement] = field(default_factory=dict)
    law_lines: dict[str, int] = field(default_factory=dict)
    # How its services read in the locale being built (set by the build; English by default).
    wording: HelpWording = field(default_factory=HelpWording)
    services_line: int = 1

    def location(self, token: str) -> Location:
        """Where the entry for `token` is written."""
        return Location(self.path, self.lines.get(token, 1), 1)

    def law_location(self, topic: str) -> Location:
        """Where the statement on `topic` is written."""
        return Location(self.path, self.law_lines.get(topic, 1), 1)


def pack_path(root: Path, country: str) -> Path:
    """The file of a country's pack inside the project."""
    return root / COUNTRIES_DIR / f"{country.upper()}.yml"


def load_country_pack(path: Path) -> tuple[CountryPack | None, list[Problem]]:
    """Read and validate one country pack."""
    document, problems = read_yaml_file(path)
    if document is None:
        return None, problems
    pack, problems = validate_schema(CountryPackSchema, document, path)
    if pack is None:
        return None, problems
    lines = {str(key[1]): line for key, line in document.lines.items() if len(key) == 2 and key[0] == "services"}
    law_lines = {str(key[1]): line for key, line in document.lines.items() if len(key) == 2 and key[0] == "law"}
    services = {token: tuple(entries) for token, entries in pack.services.items()}
    return (
        CountryPack(
            pack.country,
            pack.name,
            services,
            path,
            lines,
            pack.language,
            dict(pack.law),
            law_lines,
            services_line=document.line_of(("services",)),
        ),
        [],
    )


def require_country_pack(root: Path, country: str) -> CountryPack:
    """The country's pack, or a user-facing error listing what is wrong with it."""
    path = pack_path(root, country)
    if not path.is_file():
        raise LessonkitError(f"{printable_path(path)}: no country pack for '{country}'")
    pack, problems = load_country_pack(path)
    if pack is None:
        raise LessonkitError("\n".join(str(p) for p in problems))
    return pack
