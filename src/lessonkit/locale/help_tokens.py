"""Filling `{{ help.NAME }}` and `{{ law.NAME }}` tokens in lesson text from a locale's country pack."""

from __future__ import annotations

import re
from collections.abc import Iterable

from lessonkit.load.references import TOKEN
from lessonkit.locale.country_pack import CountryPack, Service
from lessonkit.problems import LessonkitError


class MissingHelpServiceError(LessonkitError):
    """A lesson names a help service its locale's pack does not have: nothing may print a raw token."""


def short_form(service: Service, pack: CountryPack) -> str:
    """How a service reads inside a sentence: its name and first contact, marked if still unconfirmed."""
    wording = pack.wording
    first = service.contacts[0]
    details = [wording.contact(first.value, first.kind)]
    if service.verified is False:
        details.append(wording.not_confirmed)
    return f"{wording.name(service.name)} ({', '.join(details)})"


def fill_help_tokens(text: str, pack: CountryPack) -> str:
    """Replace every token with the country's services (joined per the language) or its legal statement."""

    def replace(match: re.Match[str]) -> str:
        name = match["name"]
        if match["kind"] == "law":
            # A legal statement nobody has confirmed at its source is never printed as fact.
            law = pack.laws.get(name)
            confirmed = law is not None and law.verified is not False
            return law.statement if law is not None and confirmed else pack.wording.law_fallback
        services = pack.services.get(name, ())
        if not services:
            raise MissingHelpServiceError(f"{pack.path}: the {pack.country} pack has no '{name}' service ({match[0]})")
        return pack.wording.any_of([short_form(s, pack) for s in services])

    return TOKEN.sub(replace, text)


def help_tokens_in(texts: Iterable[str]) -> list[str]:
    """The help services named in some texts, in order of first use."""
    return list(dict.fromkeys(m["name"] for text in texts for m in TOKEN.finditer(text) if m["kind"] == "help"))
