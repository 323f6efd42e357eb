"""The shipping rule for help services: a declared locale prints only confirmed entries, and every
entry still unconfirmed says in its pack why (issue 16: es-ES must not ship with guessed help)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from lessonkit.i18n.templates import country_packs
from lessonkit.locale.country_pack import pack_path
from lessonkit.locale.locales import load_locales

PACKS = country_packs(ROOT)


def _unconfirmed(country: str) -> list[str]:
    """Every service and law topic of the country's pack whose `verified` is still false."""
    pack = next(p for p in PACKS if p.country == country)
    names = [s.name for services in pack.services.values() for s in services if s.verified is False]
    return names + [f"law: {topic}" for topic, law in pack.laws.items() if law.verified is False]


@pytest.mark.parametrize("locale", load_locales(ROOT), ids=lambda loc: loc.id)
def test_a_declared_locale_has_every_pack_entry_confirmed(locale) -> None:  # type: ignore[no-untyped-def]
    # A child reads these numbers: a locale is declared in locales.yml only when its whole pack is
    # confirmed at an official source (the same rule `lessonkit locale doctor` blocks on).
    assert pack_path(ROOT, locale.country).is_file(), locale.id
    assert _unconfirmed(locale.country) == [], f"{locale.id} ships unconfirmed help: {_unconfirmed(locale.country)}"


def _entries(path: Path) -> list[tuple[int, list[str]]]:
    """Each service entry (`- name:`) and law topic of a pack, as (first line number, its lines)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = [
        i for i, line in enumerate(lines) if re.match(r"^\s+- name:", line) or re.match(r"^  [a-z_0-9]+:\s*$", line)
    ]
    ends = [*starts[1:], len(lines)]
    return [(start + 1, lines[start:end]) for start, end in zip(starts, ends, strict=True)]


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.country)
def test_every_unconfirmed_entry_says_why(pack) -> None:  # type: ignore[no-untyped-def]
    # "verified: false" alone tells the next researcher nothing: the entry must carry a comment
    # naming what was searched or what is missing.
    for line, block in _entries(pack.path):
        if any(re.match(r"^\s+verified:\s*false\s*$", text) for text in block):
            assert any(text.strip().startswith("#") for text in block), (
                f"{pack.path}:{line}: unconfirmed without a reason"
            )


def test_the_entry_reader_sees_every_unconfirmed_entry() -> None:
    # Guards the text reader above: it must find as many unconfirmed entries as the loader does.
    for pack in PACKS:
        found = sum(
            any(re.match(r"^\s+verified:\s*false\s*$", text) for text in block) for _, block in _entries(pack.path)
        )
        assert found == len(_unconfirmed(pack.country)), pack.country
