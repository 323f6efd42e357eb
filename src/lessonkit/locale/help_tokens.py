"""Filling `{{ help.NAME }}` tokens in lesson text from a country pack."""

from __future__ import annotations

import re

from lessonkit.load.references import HELP_TOKEN
from lessonkit.locale.country_pack import CountryPack, Service


def short_form(service: Service) -> str:
    """How a service reads inside a sentence: its name and first contact."""
    first = service.contacts[0]
    return f"{service.name} ({first.value})"


def fill_help_tokens(text: str, pack: CountryPack) -> str:
    """Replace every help token with the country's service (several are joined with ' or ')."""

    def replace(match: re.Match[str]) -> str:
        services = pack.services.get(match["name"], ())
        return " or ".join(short_form(s) for s in services) if services else match[0]

    return HELP_TOKEN.sub(replace, text)
