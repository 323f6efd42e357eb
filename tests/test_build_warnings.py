"""The build says so when it prints a help service whose entry is not yet verified."""

from __future__ import annotations

from conftest import ROOT
from lessonkit.build.localize import localize
from lessonkit.build.pipeline import unverified_services
from lessonkit.load.curriculum import load_curriculum
from lessonkit.locale.locales import find_locale


def test_unverified_help_services_are_reported_at_their_pack_entry() -> None:
    curriculum, _ = load_curriculum(ROOT)
    assert curriculum is not None
    item = localize(curriculum, ROOT, find_locale(ROOT, "en-IE"))
    unconfirmed = [s.name for services in item.pack.services.values() for s in services if s.verified is False]
    warnings = unverified_services([item], ROOT)
    assert len(warnings) == len(unconfirmed) > 0
    assert all(w.code == "W201" and w.severity == "warning" for w in warnings)
    assert str(warnings[0].location.path) == "locales/countries/IE.yml"
    assert warnings[0].location.line > 1
