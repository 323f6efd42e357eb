"""Country packs: every help token of the curriculum is filled, every entry names a public source."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import ROOT
from lessonkit.i18n.templates import country_packs
from lessonkit.load.curriculum import load_curriculum

PACKS = country_packs(ROOT)
# help-services.md: numbers that must never be printed until confirmed on the service's own site.
DO_NOT_PRINT = ("1890927277", "1800555222", "1850555222", "08003050750")


def test_shipped_packs_are_ie_de_and_es() -> None:
    # ES (issue 16) is in place before es-ES is declared: its own catalogue concerns no other language.
    assert {p.country for p in PACKS} == {"IE", "DE", "ES"}


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.country)
def test_pack_fills_every_help_token(pack) -> None:  # type: ignore[no-untyped-def]
    curriculum, _ = load_curriculum(ROOT)
    assert curriculum is not None
    missing = set(curriculum.config.help_services) - set(pack.services)
    assert not missing, f"{pack.path}: no entry for {sorted(missing)}"


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.country)
def test_every_entry_has_a_web_source_and_a_sane_date(pack) -> None:  # type: ignore[no-untyped-def]
    for services in pack.services.values():
        for service in services:
            assert service.source.startswith(("https://", "http://")), service.name
            if service.verified is not False:
                assert date(2000, 1, 1) <= service.verified <= date.today(), service.name  # never a future date
            for contact in service.contacts:
                digits = "".join(ch for ch in contact.value if ch.isdigit())
                assert digits not in DO_NOT_PRINT, f"{service.name}: {contact.value} is marked do-not-print"
