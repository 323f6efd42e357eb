"""One locale's inputs for every renderer (made by `lessonkit.build.localize.localize`).

The type sits below `render/` and `build/`: the website renders a `Localized` without importing the build.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lessonkit.i18n.apply import Readiness
from lessonkit.i18n.ui import Plural, english_plural
from lessonkit.locale.country_pack import CountryPack
from lessonkit.locale.locales import Locale
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
    # Labels with a count ("1 lesson", "2 lessons") in the locale's language and plural form.
    plural: Plural = english_plural
    # Said in the build's output: e.g. that the language has no rule data for the checker.
    warnings: tuple[Problem, ...] = ()
