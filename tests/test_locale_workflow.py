"""Adding a locale: per-pack catalogues, honest readiness, import by structure, numbers per locale,
`lessonkit locale add` and `lessonkit locale doctor` (issue 16)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import polib
import pytest

from conftest import ROOT, run_cli
from print_project import example_lessons, make_project

LESSON_ID = "example-helpers-4-7"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A project with the example lesson and guide, the real locales, packs and interface catalogues.

    The real lessons' catalogues are removed: this project has other lessons, and checking forty
    catalogues it does not use would only slow the tests down.
    """
    root = make_project(tmp_path / "project", example_lessons())
    for catalogue in (root / "locales").glob("*/*.po"):
        if catalogue.stem != "ui" and not catalogue.stem.startswith("countries"):
            catalogue.unlink()
    return root


def _status(root: Path, *languages: str) -> list[dict[str, object]]:
    chosen = [arg for language in languages for arg in ("-l", language)]
    run = run_cli("i18n", "status", "--project", str(root), "--format", "json", *chosen)
    assert run.code == 0, run.err
    rows: list[dict[str, object]] = json.loads(run.out)
    return rows


def _rows(rows: list[dict[str, object]], language: str) -> dict[str, dict[str, object]]:
    return {str(r["catalogue"]): r for r in rows if r["language"] == language}


def _fill(path: Path) -> None:
    """Translate every entry with its own English (a complete, QA-clean catalogue)."""
    catalogue = polib.pofile(str(path))
    for entry in catalogue:
        entry.msgstr = entry.msgid
        if entry.fuzzy:
            entry.flags.remove("fuzzy")
    catalogue.save(str(path))


# --- Catalogues that do not interfere -------------------------------------------------------


def test_each_pack_has_its_own_catalogue_and_a_language_needs_only_its_locales_packs(small: Path) -> None:
    assert run_cli("i18n", "update", "--project", str(small)).code == 0
    templates = small / "locales" / "templates"
    assert (templates / "countries-DE.pot").is_file() and (templates / "countries-IE.pot").is_file()
    assert not (templates / "countries.pot").exists()
    rows = _status(small)
    # ar-DE prints the German pack in Arabic; de-DE prints it as written; nobody here needs the Irish one.
    assert "countries-DE" in _rows(rows, "ar") and "countries-IE" not in _rows(rows, "ar")
    assert not any(name.startswith("countries") for name in _rows(rows, "de"))
    assert not any(name.startswith("countries") for name in _rows(rows, "en"))


def test_adding_a_pack_leaves_other_languages_readiness_unchanged(small: Path) -> None:
    assert run_cli("i18n", "update", "--project", str(small)).code == 0
    before = _status(small)
    pack = (small / "locales" / "countries" / "IE.yml").read_text(encoding="utf-8")
    pack = pack.replace("country: IE", "country: FR").replace("name: Ireland", "name: France")
    (small / "locales" / "countries" / "FR.yml").write_text(pack, encoding="utf-8")
    assert run_cli("i18n", "update", "--project", str(small)).code == 0
    assert (small / "locales" / "templates" / "countries-FR.pot").is_file()
    assert not (small / "locales" / "de" / "countries-FR.po").exists()
    after = _status(small)
    for language in ("de", "ar"):
        assert _rows(after, language) == _rows(before, language), language


def test_an_old_shared_countries_catalogue_is_split_without_losing_a_translation(small: Path) -> None:
    """The migration path of a fork that still has `locales/<lang>/countries.po`."""
    folder = small / "locales" / "ar"
    legacy = polib.POFile(wrapwidth=0)
    parts = [polib.pofile(str(folder / f"countries-{cc}.po")) for cc in ("DE", "IE")]
    legacy.metadata = dict(parts[0].metadata)
    for part in parts:
        for entry in part:
            legacy.append(entry)
    expected = {(e.msgctxt, e.msgid): e.msgstr for e in legacy if e.msgstr and not e.obsolete}
    assert len(expected) > 50
    legacy.save(str(folder / "countries.po"))
    for cc in ("DE", "IE"):
        (folder / f"countries-{cc}.po").unlink()

    run = run_cli("i18n", "update", "--project", str(small), "-l", "ar", "-c", "ui")
    assert run.code == 0, run.err
    assert "moved from countries.po to countries-DE.po" in run.err
    assert not (folder / "countries.po").exists()
    after = {}
    for cc in ("DE", "IE"):
        for entry in polib.pofile(str(folder / f"countries-{cc}.po")):
            assert not entry.fuzzy and not entry.obsolete
            after[(entry.msgctxt, entry.msgid)] = entry.msgstr
    assert after == expected


def test_new_catalogues_carry_the_languages_plural_forms_from_cldr(small: Path) -> None:
    assert run_cli("i18n", "update", "--project", str(small), "-l", "ar", "-l", "es").code == 0
    arabic = polib.pofile(str(small / "locales" / "ar" / f"{LESSON_ID}.po"))
    assert arabic.metadata["Plural-Forms"].startswith("nplurals=6;")
    spanish = polib.pofile(str(small / "locales" / "es" / f"{LESSON_ID}.po"))
    assert re.match(r"nplurals=\d; plural=", spanish.metadata["Plural-Forms"])


def test_the_real_project_keeps_every_pack_translation() -> None:
    """The shipped catalogues after the migration: Arabic has the German pack's texts, all translated."""
    for language in ("de", "ar"):
        assert not (ROOT / "locales" / language / "countries.po").exists()
    german_pack = polib.pofile(str(ROOT / "locales" / "ar" / "countries-DE.po"))
    template = polib.pofile(str(ROOT / "locales" / "templates" / "countries-DE.pot"))
    done = {(e.msgctxt, e.msgid) for e in german_pack if e.msgstr and not e.fuzzy and not e.obsolete}
    assert {(e.msgctxt, e.msgid) for e in template} <= done
