"""One locale's inputs for every renderer: the translated curriculum, the translated country pack, the labels.

A translation that fails its QA (a changed helpline number, a foreign link, raw HTML, broken
placeholders) is refused here: its lesson is not built in that language, and a broken interface
or country-pack catalogue refuses the whole locale (documents and website), because it would reach
every handout and page.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from babel import Locale as BabelLocale

from lessonkit.i18n.apply import Readiness, translate_country_pack, translate_curriculum
from lessonkit.i18n.qa import check_translations
from lessonkit.i18n.templates import COUNTRIES, UI
from lessonkit.locale.country_pack import CountryPack, require_country_pack
from lessonkit.locale.help_wording import wording_for
from lessonkit.locale.locales import Locale
from lessonkit.locale.pack_coverage import missing_services, needed_services
from lessonkit.locale.ui import translator
from lessonkit.model import Curriculum
from lessonkit.problems import Problem


@dataclass(frozen=True)
class Localized:
    """A locale with its curriculum (ready lessons only), its help services and its interface strings."""

    locale: Locale
    curriculum: Curriculum
    pack: CountryPack
    ui: Callable[[str], str]
    readiness: Readiness
    refused: tuple[Problem, ...] = ()
    # The whole locale is refused (its interface or country-pack catalogue failed QA, or its pack
    # lacks a service): nothing of it is published, neither documents nor the website.
    dropped: bool = False


def localize(curriculum: Curriculum, root: Path, locale: Locale, *, allow_fallback: bool = False) -> Localized:
    """Translate the curriculum and the country pack into the locale's language, refusing tampered text.

    Translation QA runs first, and a refused interface or countries catalogue is not even read
    (English takes its place), so no text of it reaches anything built from the result.
    """
    refused = tuple(p for p in check_translations(curriculum, root, [locale.language]) if p.severity == "error")
    bad = {p.location.path.stem for p in refused}
    ui = _english if UI in bad else translator(root, locale.language)
    english = require_country_pack(root, locale.country)
    pack = english if COUNTRIES in bad else translate_country_pack(english, root, locale.language)
    pack = localize_pack(pack, locale, ui)
    translated, readiness = translate_curriculum(curriculum, root, locale, allow_fallback=allow_fallback)
    # A pack that cannot fill a token the documents print refuses the locale: no output shows a raw token.
    missing = tuple(missing_services(pack, needed_services(curriculum.lessons)))
    refused += missing
    dropped = bool(missing or bad & {UI, COUNTRIES})
    if dropped:
        translated = dataclasses.replace(translated, lessons=())
    elif bad:
        translated = dataclasses.replace(translated, lessons=tuple(x for x in translated.lessons if x.id not in bad))
    return Localized(locale, translated, pack, ui, readiness, refused, dropped)


def _english(text: str) -> str:
    return text


def localize_pack(pack: CountryPack, locale: Locale, ui: Callable[[str], str]) -> CountryPack:
    """The pack as printed in the locale: its country's name in the language, and the help wording."""
    name = BabelLocale.parse(locale.language).territories.get(pack.country, pack.name)
    return dataclasses.replace(pack, name=name, wording=wording_for(locale.language, locale.direction, ui))
