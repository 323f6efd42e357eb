"""One locale's inputs for every renderer: the translated curriculum, the translated country pack, the labels.

A translation that fails its QA (a changed helpline number, a foreign link, raw HTML, broken
placeholders) is refused here: its lesson is not built in that language, and a broken interface
catalogue or a broken catalogue of the locale's own pack (`countries-<CC>.po`) refuses the whole
locale (documents and website), because it would reach every handout and page. Another pack's
catalogue does not concern the locale.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from babel import Locale as BabelLocale

from lessonkit.i18n.apply import translate_country_pack, translate_curriculum
from lessonkit.i18n.qa import check_translations
from lessonkit.i18n.rule_data import no_rules_problem, rule_languages
from lessonkit.i18n.templates import UI, pack_catalogue, pack_country
from lessonkit.i18n.ui import english_plural, plural_translator, translator
from lessonkit.locale.country_pack import CountryPack, load_country_pack, pack_path
from lessonkit.locale.help_wording import wording_for
from lessonkit.locale.locales import Locale
from lessonkit.locale.pack_coverage import missing_services, needed_services
from lessonkit.localized import Localized
from lessonkit.model import Curriculum
from lessonkit.problems import Location, Problem

__all__ = ["localize", "localize_pack", "pack_country_of"]


def localize(curriculum: Curriculum, root: Path, locale: Locale, *, allow_fallback: bool = False) -> Localized:
    """Translate the curriculum and the country pack into the locale's language, refusing tampered text.

    Translation QA runs first, and a refused interface or pack catalogue is not even read
    (English takes its place), so no text of it reaches anything built from the result.
    """
    refused = tuple(p for p in check_translations(curriculum, root, [locale.language]) if p.severity == "error")
    bad = {p.location.path.stem for p in refused}
    own_pack = pack_catalogue(locale.country)
    # Only the catalogues this locale reads count: another pack's catalogue is not printed here.
    refused = tuple(p for p in refused if p.location.path.stem == own_pack or pack_country_of(p) is None)
    ui = _english if UI in bad else translator(root, locale.language)
    english, unusable = _pack(root, locale)
    pack = english if own_pack in bad else translate_country_pack(english, root, locale.language)
    pack = localize_pack(pack, locale, ui)
    translated, readiness = translate_curriculum(curriculum, root, locale, allow_fallback=allow_fallback)
    # A pack that cannot fill a token the documents print refuses the locale: no output shows a raw token.
    missing = unusable or tuple(missing_services(pack, needed_services(curriculum.lessons)))
    refused += missing
    dropped = bool(missing or bad & {UI, own_pack})
    if dropped:
        translated = dataclasses.replace(translated, lessons=())
    elif bad:
        translated = dataclasses.replace(translated, lessons=tuple(x for x in translated.lessons if x.id not in bad))
    plural = english_plural if UI in bad else plural_translator(root, locale.language)
    # The checker could judge this language's text for structure and numbers only: say so.
    source = curriculum.config.source_language
    unruled = locale.language != source and locale.language not in rule_languages(root)
    warnings = (no_rules_problem(root, locale.language),) if unruled else ()
    return Localized(locale, translated, pack, ui, readiness, refused, dropped, plural, warnings)


def _pack(root: Path, locale: Locale) -> tuple[CountryPack, tuple[Problem, ...]]:
    """The locale's pack, or an empty one and the located reasons why it cannot be used.

    A pack stub still being filled in (`lessonkit locale add`) refuses its own locale only: the
    other locales of the build go on.
    """
    path = pack_path(root, locale.country)
    if not path.is_file():
        return _empty_pack(locale, path), (Problem(Location(path), "E060", f"no country pack for '{locale.country}'"),)
    pack, problems = load_country_pack(path)
    if pack is None:
        return _empty_pack(locale, path), tuple(problems)
    return pack, ()


def _empty_pack(locale: Locale, path: Path) -> CountryPack:
    return CountryPack(locale.country, locale.country, {}, path, {})


def pack_country_of(problem: Problem) -> str | None:
    """The country whose pack catalogue a problem is in (`countries-DE.po` -> `DE`), or None."""
    return pack_country(problem.location.path.stem)


def _english(text: str) -> str:
    return text


def localize_pack(pack: CountryPack, locale: Locale, ui: Callable[[str], str]) -> CountryPack:
    """The pack as printed in the locale: its country's name in the language, and the help wording."""
    name = BabelLocale.parse(locale.language).territories.get(pack.country, pack.name)
    return dataclasses.replace(pack, name=name, wording=wording_for(locale.language, locale.direction, ui))
