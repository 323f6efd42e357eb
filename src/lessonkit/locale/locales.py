"""The shipped locales (`locales/locales.yml`): language + country, with text direction from CLDR."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from babel import Locale as CldrLocale
from babel import UnknownLocaleError
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from lessonkit.load.schema import validate_schema
from lessonkit.load.yaml_tree import read_yaml_file
from lessonkit.problems import LessonkitError, Location, Problem

LOCALES_FILE = Path("locales") / "locales.yml"


class _LocaleSchema(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}-[A-Z]{2}$")]
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


class _LocalesSchema(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    locales: Annotated[list[_LocaleSchema], Field(min_length=1)]


@dataclass(frozen=True)
class Locale:
    """A language for the text and a country for the help services."""

    id: str
    language: str
    country: str

    @property
    def direction(self) -> str:
        """`rtl` or `ltr`, from the CLDR data of the language (Arabic, Hebrew, Persian... are rtl)."""
        return "rtl" if CldrLocale.parse(self.language).character_order == "right-to-left" else "ltr"

    @property
    def language_name(self) -> str:
        """The language's own name for itself, e.g. Deutsch, العربية."""
        return str(CldrLocale.parse(self.language).get_display_name(self.language) or self.language)


def load_locales(root: Path) -> tuple[Locale, ...]:
    """The locales declared in `locales/locales.yml`."""
    path = root / LOCALES_FILE
    # read_yaml_file opens only a regular file of bounded size (a link to a device is refused).
    document, problems = read_yaml_file(path)
    if document is not None:
        schema, problems = validate_schema(_LocalesSchema, document, path)
        if schema is not None:
            problems = [
                Problem(
                    Location(path, document.line_of(("locales", index, "language")), 1),
                    "E012",
                    f"unknown language '{x.language}': CLDR has no data for it (text direction, name)",
                )
                for index, x in enumerate(schema.locales)
                if not _known_language(x.language)
            ]
            if not problems:
                return tuple(Locale(x.id, x.language, x.country) for x in schema.locales)
    raise LessonkitError("\n".join(str(p) for p in problems) or f"{path}: cannot read locales")


def _known_language(language: str) -> bool:
    try:
        CldrLocale.parse(language)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def find_locale(root: Path, locale_id: str) -> Locale:
    """One declared locale by id, or a user-facing error naming the known ones."""
    locales = load_locales(root)
    for locale in locales:
        if locale.id == locale_id:
            return locale
    raise LessonkitError(f"unknown locale '{locale_id}'; known: {', '.join(x.id for x in locales)}")


LOCALE_ID = re.compile(r"^(?P<language>[a-z]{2,3})-(?P<country>[A-Z]{2})$")


def parse_locale_id(locale_id: str, country: str | None = None) -> Locale:
    """A locale from its id (`es-ES`) and, when given, its pack's country (`ar-DE` may print the DE pack)."""
    match = LOCALE_ID.match(locale_id)
    if match is None:
        raise LessonkitError(f"'{locale_id}' is not a locale id: a language and a country, e.g. es-ES or ar-DE")
    chosen = (country or match["country"]).upper()
    if not re.fullmatch(r"[A-Z]{2}", chosen):
        raise LessonkitError(f"'{country}' is not a country code: two letters, e.g. ES")
    if not _known_language(match["language"]):
        raise LessonkitError(f"unknown language '{match['language']}': CLDR has no data for it (text direction, name)")
    return Locale(locale_id, match["language"], chosen)


def add_locale(root: Path, locale: Locale) -> bool:
    """Append the locale to `locales/locales.yml` (its comments and order kept); False when it is there already.

    The file is read back afterwards; if it no longer loads, the old text is restored and the
    error raised, so a failed add never leaves a broken locales file behind.
    """
    path = root / LOCALES_FILE
    known = load_locales(root)
    for existing in known:
        if existing.id == locale.id:
            if existing.country != locale.country:
                raise LessonkitError(
                    f"{path}: {locale.id} is already declared with the {existing.country} pack, not {locale.country}"
                )
            return False
    text = path.read_text(encoding="utf-8")
    entry = f"  - id: {locale.id}\n    language: {locale.language}\n    country: {locale.country}\n"
    path.write_text(text + ("" if text.endswith("\n") else "\n") + entry, encoding="utf-8")
    try:
        load_locales(root)
    except LessonkitError:
        path.write_text(text, encoding="utf-8")
        raise
    return True
