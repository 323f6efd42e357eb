"""One locale's inputs for every renderer: the translated curriculum, the translated country pack, the labels."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lessonkit.i18n.apply import Readiness, translate_country_pack, translate_curriculum
from lessonkit.locale.country_pack import CountryPack, require_country_pack
from lessonkit.locale.locales import Locale
from lessonkit.locale.ui import translator
from lessonkit.model import Curriculum


@dataclass(frozen=True)
class Localized:
    """A locale with its curriculum (ready lessons only), its help services and its interface strings."""

    locale: Locale
    curriculum: Curriculum
    pack: CountryPack
    ui: Callable[[str], str]
    readiness: Readiness


def localize(curriculum: Curriculum, root: Path, locale: Locale, *, allow_fallback: bool = False) -> Localized:
    """Translate the curriculum and the country pack into the locale's language."""
    translated, readiness = translate_curriculum(curriculum, root, locale, allow_fallback=allow_fallback)
    pack = translate_country_pack(require_country_pack(root, locale.country), root, locale.language)
    return Localized(locale, translated, pack, translator(root, locale.language), readiness)
