"""The build says so when it prints a help service whose entry is not yet verified."""

from __future__ import annotations

from pathlib import Path

from lessonkit.build.localize import localize
from lessonkit.build.pipeline import unverified_services
from lessonkit.load.curriculum import load_curriculum
from lessonkit.locale.locales import find_locale
from print_project import example_lessons, make_project


def test_unverified_help_services_are_reported_at_their_pack_entry(tmp_path: Path) -> None:
    root = make_project(tmp_path, example_lessons())
    pack = root / "locales" / "countries" / "IE.yml"
    text = pack.read_text(encoding="utf-8")
    # Un-verify the first service of the real pack, as an entry waiting for its check would be.
    first = text.index("      verified: ")
    end = text.index("\n", first)
    pack.write_text(text[:first] + "      verified: false" + text[end:], encoding="utf-8")
    line = text[:first].count("\n") + 1
    curriculum, _ = load_curriculum(root)
    assert curriculum is not None
    item = localize(curriculum, root, find_locale(root, "en-IE"))
    unconfirmed = [s.name for services in item.pack.services.values() for s in services if s.verified is False]
    warnings = unverified_services([item], root)
    assert len(warnings) == len(unconfirmed) == 1
    assert warnings[0].code == "W201" and warnings[0].severity == "warning"
    assert str(warnings[0].location.path) == "locales/countries/IE.yml"
    assert 1 < warnings[0].location.line < line  # the entry's first line, above its `verified:`
    assert unconfirmed[0] in warnings[0].message
