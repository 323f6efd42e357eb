"""Adding a locale: per-pack catalogues, honest readiness, import by structure, numbers per locale,
`lessonkit locale add` and `lessonkit locale doctor` (issue 16)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import polib
import pytest

from conftest import ROOT, run_cli
from lessonkit.blocks import Origin
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


# --- Honest readiness -----------------------------------------------------------------------


def _entry_line(path: Path, msgid: str) -> int:
    entry = polib.pofile(str(path)).find(msgid)
    assert entry is not None, msgid
    return int(entry.linenum)


def test_status_is_not_ready_when_qa_fails_and_names_the_entry(small: Path) -> None:
    ui = small / "locales" / "de" / "ui.po"
    assert _rows(_status(small, "de"), "de")["ui"]["ready"]
    catalogue = polib.pofile(str(ui))
    entry = catalogue.find("Get help now")
    assert entry is not None
    entry.msgstr += " Oder ruf 0800 123 4567 an."  # complete, not fuzzy, placeholders intact: only QA sees it
    catalogue.save(str(ui))
    # The finding is about the translated text: at the msgstr's first character.
    start = Origin.of_entry(ui, ui.read_text(encoding="utf-8").split("\n"), _entry_line(ui, "Get help now")).location
    line = f"{start.line}:{start.column}"
    assert start.line > _entry_line(ui, "Get help now") and start.column == len('msgstr "') + 1
    row = _rows(_status(small, "de"), "de")["ui"]
    assert row["fuzzy"] == 0 and row["untranslated"] == 0 and row["broken"] == 0
    assert row["qa_errors"] == 1 and row["ready"] is False
    assert any(str(issue).startswith(f"locales/de/ui.po:{line}: error I101") for issue in row["issues"])  # type: ignore[union-attr]
    table = run_cli("i18n", "status", "--project", str(small), "-l", "de")
    assert re.search(r"^de +ui +.* NOT READY$", table.out, re.M), table.out
    assert f"locales/de/ui.po:{line}: error I101" in table.out


def test_every_fuzzy_entry_is_named_with_its_line(small: Path) -> None:
    ui = small / "locales" / "de" / "ui.po"
    catalogue = polib.pofile(str(ui))
    for msgid in ("Get help now", "Objectives"):
        entry = catalogue.find(msgid)
        assert entry is not None
        entry.flags.append("fuzzy")
    catalogue.save(str(ui))
    table = run_cli("i18n", "status", "--project", str(small), "-l", "de")
    for msgid in ("Get help now", "Objectives"):
        assert f'locales/de/ui.po:{_entry_line(ui, msgid)}: fuzzy: "{msgid}"' in table.out, table.out


def test_a_language_without_rule_data_gets_a_warning_in_check_and_build(small: Path) -> None:
    from lessonkit.build.localize import localize
    from lessonkit.load.curriculum import load_curriculum
    from lessonkit.locale.locales import Locale

    assert run_cli("i18n", "update", "--project", str(small), "-l", "fr").code == 0
    path = small / "locales" / "fr" / f"{LESSON_ID}.po"
    _fill(path)
    run = run_cli("check", str(path), cwd=small)
    expected = f"locales/fr/{LESSON_ID}.po:1:1: warning translation.rules I130 no rule data for 'fr'"
    assert expected in run.out, run.out
    assert "docs/translators.md" in run.out and "0 error(s), 1 warning(s)" in run.out
    # German has rules: no such warning.
    german = run_cli("check", str(small / "locales" / "de" / "ui.po"), cwd=small)
    assert "I130" not in german.out
    curriculum, _ = load_curriculum(small)
    assert curriculum is not None
    french = localize(curriculum, small, Locale("fr-IE", "fr", "IE"))
    assert [(w.code, w.severity) for w in french.warnings] == [("I130", "warning")]
    assert "rules/fr/" in french.warnings[0].message and "docs/translators.md" in french.warnings[0].message
    assert localize(curriculum, small, Locale("de-DE", "de", "DE")).warnings == ()


def test_checker_suggestions_at_a_po_entry_use_po_syntax(small: Path) -> None:
    from lessonkit.check.translations import to_catalogue
    from lessonkit.diagnostics import Diagnostic
    from lessonkit.i18n.apply import translate_lesson
    from lessonkit.i18n.store import po_path, read_po
    from lessonkit.load.curriculum import load_curriculum

    assert run_cli("i18n", "update", "--project", str(small), "-l", "de").code == 0
    _fill(small / "locales" / "de" / f"{LESSON_ID}.po")
    curriculum, _ = load_curriculum(small)
    assert curriculum is not None
    lesson = curriculum.lesson(LESSON_ID)
    assert lesson is not None
    # A finding on a translated block is at that block's msgstr already (its document is located there).
    catalogue = po_path(small, "de", LESSON_ID)
    lesson = translate_lesson(lesson, read_po(catalogue), catalogue)
    block = next(b for b in lesson.document.walk() if b.kind == "p" and b.pieces)
    finding = Diagnostic(
        block.location,
        "structure.help-ending",
        "ends without {{ help.child_helpline }}",
        "warning",
        "mit 'Erzähl es einer Vertrauensperson oder melde dich bei {{ help.child_helpline }}.' enden",
    )
    [moved] = to_catalogue([finding], lesson, "de", small)
    assert moved.location == block.location and moved.location.path == catalogue and moved.location.line > 1
    assert "{help.child_helpline}" in moved.suggestion and "{{" not in moved.suggestion
    assert "{{" not in moved.message


# --- Import by structure --------------------------------------------------------------------

HAND = "Each child draws around their hand and draws or writes a trusted adult on each finger.\n"
LIST = "- A parent or carer at home.\n- A teacher at school.\n- A doctor or nurse.\n"


@pytest.fixture
def listed(small: Path) -> Path:
    """The example lesson with a three-item list in its 'My helping hand' activity, and German catalogues."""
    lesson = small / "lessons" / "example.md"
    text = lesson.read_text(encoding="utf-8")
    assert HAND in text
    lesson.write_text(text.replace(HAND, f"{HAND}\n{LIST}"), encoding="utf-8")
    assert run_cli("validate", str(lesson)).code == 0
    assert run_cli("i18n", "update", "--project", str(small), "-l", "de").code == 0
    return small


def _copy(root: Path, tmp_path: Path, change: dict[str, str]) -> Path:
    """A translator's copy of the lessons folder with some text changed (`old` -> `new`)."""
    text = (root / "lessons" / "example.md").read_text(encoding="utf-8")
    for old, new in change.items():
        assert old in text, old
        text = text.replace(old, new)
    copy = tmp_path / "copy"
    copy.mkdir(exist_ok=True)
    (copy / "example.md").write_text(text, encoding="utf-8")
    return copy


def _msgstrs(root: Path, language: str = "de") -> dict[str, str]:
    catalogue = polib.pofile(str(root / "locales" / language / f"{LESSON_ID}.po"))
    return {str(e.msgctxt): e.msgstr for e in catalogue if not e.obsolete}


def test_an_import_that_lost_a_list_item_is_refused_and_fills_nothing_of_that_section(
    listed: Path, tmp_path: Path
) -> None:
    copy = _copy(
        listed,
        tmp_path,
        {
            "- A parent or carer at home.\n": "- Ein Elternteil zu Hause.\n",
            "- A teacher at school.\n": "",  # the lost bullet: the next one would shift onto its English
            "- A doctor or nurse.\n": "- Eine Ärztin oder ein Arzt.\n",
            'title="My helping hand"}': 'title="Meine helfende Hand"}',
            "Grown-ups who help us are everywhere.": "Überall gibt es Erwachsene, die uns helfen.",
        },
    )
    run = run_cli("i18n", "import", "--project", str(listed), "de", str(copy))
    assert run.code == 2
    # Located at the section's first line in the copy (its `:::` line, whose title is a unit).
    lines = (copy / "example.md").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if 'title="Meine helfende Hand"' in text)
    expected = (
        f'example.md:{line}:1: error I111 section activity:3 "My helping hand" differs from the English: '
        "a list has 2 item(s) in this copy and 3 in the English"
    )
    assert expected in run.out, run.out
    assert "none of its entries was filled" in run.out
    found = _msgstrs(listed)
    hand = {ctxt: text for ctxt, text in found.items() if "|activity:3|" in ctxt}
    assert len(hand) == 5 and set(hand.values()) == {""}  # title, paragraph, three items: nothing filled
    # The rest of the copy matched block for block and was imported.
    assert found[f"{LESSON_ID}|slide:1|p:1"] == "Überall gibt es Erwachsene, die uns helfen."
    assert "Ein Elternteil" not in "".join(found.values())


def test_an_import_with_a_lost_section_fills_none_of_that_kind(listed: Path, tmp_path: Path) -> None:
    text = (listed / "lessons" / "example.md").read_text(encoding="utf-8")
    start = text.index("::: notes")
    end = text.index(":::\n", start + 3) + 4
    copy = _copy(listed, tmp_path, {text[start:end]: ""})
    run = run_cli("i18n", "import", "--project", str(listed), "de", str(copy))
    assert run.code == 2
    assert "error I111 the English has 1 'notes' section(s), this copy has 0" in run.out, run.out
    assert _msgstrs(listed)[f"{LESSON_ID}|notes:1|p:1"] == ""


@pytest.mark.parametrize(
    ("number", "why"),
    [("1800 66 66 66", "phone number"), ("016", "service number"), ("911", "service number")],
)
def test_an_import_refuses_a_foreign_or_short_number(listed: Path, tmp_path: Path, number: str, why: str) -> None:
    english = "Grown-ups who help us are everywhere."
    copy = _copy(listed, tmp_path, {english: f"Hilfe gibt es unter {number}."})
    run = run_cli("i18n", "import", "--project", str(listed), "de", str(copy))
    assert run.code == 2
    assert re.search(rf"example\.md:\d+:1: error I101 slide:1\|p:1: {why} '{number}'", run.out), run.out
    assert _msgstrs(listed)[f"{LESSON_ID}|slide:1|p:1"] == ""


# --- Numbers and addresses per locale -------------------------------------------------------


def _qa(translation: str, english: str, allowed: set[str] | None = None) -> list[str]:
    from lessonkit.i18n import qa
    from lessonkit.problems import Location

    entry = polib.POEntry(msgid=english, msgstr=translation)
    contacts = (allowed or set(), set())
    return [p.message for p in qa.entry_problems(entry, Location(Path("de/x.po"), 3, 1), contacts) if p.code == "I101"]


@pytest.mark.parametrize("number", ["016", "911", "110", "112", "999", "000", "062"])
def test_a_short_service_number_is_refused(number: str) -> None:
    messages = _qa(f"Ruf sofort {number} an.", "Call {help.emergency} now.")
    assert messages == [f"service number '{number}' is not in the English text or {OWN}"]


def test_a_short_number_of_the_locales_own_pack_or_of_the_english_is_allowed() -> None:
    assert _qa("Ruf 110 an.", "Call {help.emergency} now.", allowed={"110"}) == []
    assert _qa("Im Jahr 911 gab es kein Internet.", "There was no internet in 911.") == []
    # A run of digits in the English counts only as itself: "1 in 10" is no 110.
    assert _qa("Ruf 110 an, 1 von 10.", "1 in 10 call {help.emergency}.") != []


@pytest.mark.parametrize("text", ["Kinder von 4-7 Jahren", "Im Jahr 2024", "3.5 Mal", "um 14:00 Uhr", "1.000 Kinder"])
def test_ordinary_numbers_are_not_service_numbers(text: str) -> None:
    assert _qa(text, "Children aged 4-7 in 2024, 3.5 times, at 2 pm, 1,000 children.") == []


OWN = "the country pack of one of this language's locales"


def test_another_countrys_pack_numbers_and_hosts_are_refused_until_a_locale_uses_that_pack(small: Path) -> None:
    from lessonkit.i18n.qa import check_translations
    from lessonkit.load.curriculum import load_curriculum

    assert run_cli("i18n", "update", "--project", str(small), "-l", "de").code == 0
    path = small / "locales" / "de" / f"{LESSON_ID}.po"
    _fill(path)
    catalogue = polib.pofile(str(path))
    entry = catalogue.find("Grown-ups who help us are everywhere.")
    assert entry is not None
    # Irish numbers and host, the Irish short emergency number: all published by the IE pack, none by DE.
    entry.msgstr = "Ruf 1800 66 66 66 oder 999 an, oder schau auf hotline.ie."
    catalogue.save(str(path))
    curriculum, _ = load_curriculum(small)
    assert curriculum is not None

    def refused() -> set[str]:
        return {
            p.message.split(" is not")[0] for p in check_translations(curriculum, small, ["de"]) if p.code == "I101"
        }

    assert refused() == {"phone number '1800 66 66 66'", "service number '999'", "address 'hotline.ie'"}
    run = run_cli("i18n", "check", "--project", str(small), "-l", "de")
    assert run.code == 2 and f"locales/de/{LESSON_ID}.po:" in run.out and "error I101" in run.out
    # German text for Ireland (a de-IE locale): the Irish pack's numbers are now its own.
    locales = small / "locales" / "locales.yml"
    locales.write_text(
        locales.read_text(encoding="utf-8") + "  - id: de-IE\n    language: de\n    country: IE\n", encoding="utf-8"
    )
    assert refused() == set()


# --- lessonkit locale add / doctor ----------------------------------------------------------


@pytest.fixture
def volunteer(small: Path) -> Path:
    """The small project as a volunteer finds it: no Spanish catalogues, rules only for en, de and ar."""
    import shutil

    shutil.rmtree(small / "locales" / "es", ignore_errors=True)
    (small / "locales" / "countries" / "ES.yml").unlink(missing_ok=True)
    for language in ("common", "en", "de", "ar"):
        shutil.copytree(ROOT / "rules" / language, small / "rules" / language)
    return small


def _line_of(path: Path, pattern: str, after: str = "") -> int:
    """The line number of the first line matching `pattern` after the first line containing `after`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, text in enumerate(lines) if after in text) if after else 0
    return next(i for i in range(start, len(lines)) if re.search(pattern, lines[i])) + 1


def test_locale_add_writes_the_entry_a_pack_stub_and_the_catalogues(volunteer: Path) -> None:
    from lessonkit.load.curriculum import load_curriculum

    before = _status(volunteer)
    run = run_cli("locale", "add", "es-ES", "--country", "ES", "--project", str(volunteer))
    assert run.code == 0, run.err
    assert "es-ES added" in run.err and "stub written" in run.err
    locales = (volunteer / "locales" / "locales.yml").read_text(encoding="utf-8")
    assert locales.count("id: es-ES") == 1 and "  - id: es-ES\n    language: es\n    country: ES\n" in locales
    assert locales.startswith("# The locales this curriculum ships")  # comments kept
    curriculum, _ = load_curriculum(volunteer)
    assert curriculum is not None
    stub = yaml_load(volunteer / "locales" / "countries" / "ES.yml")
    assert stub["country"] == "ES" and stub["language"] == "es" and stub["name"] == "España"
    assert list(stub["services"]) == list(curriculum.config.help_services)
    for entries in stub["services"].values():
        [entry] = entries
        assert entry["verified"] is False and entry["name"] == "" and entry["source"] == ""
        assert entry["contacts"] == [{"kind": "phone", "value": ""}]
    assert list(stub["law"]) == list(curriculum.config.law_topics)
    assert all(law == {"statement": "", "source": "", "verified": False} for law in stub["law"].values())
    spanish = volunteer / "locales" / "es"
    assert sorted(p.name for p in spanish.glob("*.po")) == sorted(
        [f"{LESSON_ID}.po", "guide-example.po", "ui.po"]
    )  # no pack catalogue: the Spanish pack is written in Spanish
    assert polib.pofile(str(spanish / "ui.po")).metadata["Language"] == "es"
    # The other languages did not change, and a second add changes nothing.
    for language in ("de", "ar"):
        assert _rows(_status(volunteer), language) == _rows(before, language)
    stub_text = (volunteer / "locales" / "countries" / "ES.yml").read_text(encoding="utf-8")
    again = run_cli("locale", "add", "es-ES", "--country", "ES", "--project", str(volunteer))
    assert again.code == 0 and "already declared" in again.err and "kept as it is" in again.err
    assert (volunteer / "locales" / "countries" / "ES.yml").read_text(encoding="utf-8") == stub_text


def test_locale_add_never_writes_through_a_link_at_the_packs_name(volunteer: Path, tmp_path: Path) -> None:
    # A contributed project can hold `locales/countries/IT.yml -> /somewhere/else.yml` pointing nowhere:
    # writing the stub through it created a file outside the project (REVIEW3, 2026-12-03).
    elsewhere = tmp_path / "outside" / "else.yml"
    elsewhere.parent.mkdir()
    link = volunteer / "locales" / "countries" / "IT.yml"
    link.symlink_to(elsewhere)
    run = run_cli("locale", "add", "it-IT", "--country", "IT", "--project", str(volunteer))
    assert run.code == 0, run.err
    assert "kept as it is" in run.err
    assert not elsewhere.exists()
    assert link.is_symlink()


def test_a_pack_stub_is_world_readable(volunteer: Path) -> None:
    run = run_cli("locale", "add", "es-ES", "--country", "ES", "--project", str(volunteer))
    assert run.code == 0, run.err
    assert (volunteer / "locales" / "countries" / "ES.yml").stat().st_mode & 0o777 == 0o644


def yaml_load(path: Path) -> dict[str, Any]:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_doctor_lists_every_step_in_order_with_file_and_line(volunteer: Path) -> None:
    assert run_cli("locale", "add", "es-ES", "--country", "ES", "--project", str(volunteer)).code == 0
    run = run_cli("locale", "doctor", "es-ES", "--project", str(volunteer))
    assert run.code == 1, run.out + run.err
    lines = [line.split(". ", 1)[1] for line in run.out.splitlines() if re.match(r"^ *\d+\. ", line)]
    pack = volunteer / "locales" / "countries" / "ES.yml"
    name_line = _line_of(pack, r'^    - name: ""', after="child_helpline:")
    assert lines[0] == f"locales/countries/ES.yml:{name_line}:1: fill in 'name' of child_helpline (entry 1)"
    statement = _line_of(pack, r'statement: ""', after="sexual_extortion:")
    assert f"locales/countries/ES.yml:{statement}:1: fill in 'statement' of law: sexual_extortion" in lines
    # In the order a volunteer works: the pack, the interface, the lessons, the rules.
    order = [
        next(i for i, line in enumerate(lines) if line.startswith(prefix))
        for prefix in ("locales/countries/ES.yml:", "locales/es/ui.po:", f"locales/es/{LESSON_ID}.po:", "rules/es:")
    ]
    assert order == sorted(order)
    assert any(re.match(rf"locales/es/{LESSON_ID}\.po:\d+:1: translate 3\d of 3\d entries$", line) for line in lines)
    assert "rules/es:1:1: add rule data: no rule data for 'es'" in run.out
    assert "build: es-ES would be refused (its country pack does not load yet)" in run.out
    assert run.out.rstrip().endswith(f"es-ES is not shippable yet: {len(lines)} item(s) to do")
    # The stub refuses es-ES only: the German locale still builds.
    from lessonkit.build.localize import localize
    from lessonkit.load.curriculum import load_curriculum
    from lessonkit.locale.locales import Locale

    curriculum, _ = load_curriculum(volunteer)
    assert curriculum is not None
    spanish = localize(curriculum, volunteer, Locale("es-ES", "es", "ES"))
    assert spanish.dropped and any(p.code == "E012" for p in spanish.refused)
    assert not localize(curriculum, volunteer, Locale("de-DE", "de", "DE")).dropped


def test_doctor_names_unconfirmed_entries_once_the_pack_is_filled(volunteer: Path) -> None:
    assert run_cli("locale", "add", "es-ES", "--country", "ES", "--project", str(volunteer)).code == 0
    pack = volunteer / "locales" / "countries" / "ES.yml"
    pack.write_text((ROOT / "locales" / "countries" / "ES.yml").read_text(encoding="utf-8"), encoding="utf-8")
    run = run_cli("locale", "doctor", "es-ES", "--project", str(volunteer))
    assert run.code == 1
    police = _line_of(pack, r"^  police:")
    assert (
        f"locales/countries/ES.yml:{police + 1}:1: service 'Policía Nacional y Guardia Civil' is not verified"
        in run.out
    )
    assert "fill in" not in run.out
    assert "build: es-ES would get 0 of 1 student lesson(s) and 0 of 1 guide(s)" in run.out


def test_doctor_passes_a_shippable_locale_and_refuses_a_bad_id(volunteer: Path) -> None:
    run = run_cli("locale", "doctor", "en-IE", "--project", str(volunteer))
    assert run.code == 0, run.out
    assert run.out.rstrip().endswith("en-IE is shippable")
    bad = run_cli("locale", "doctor", "spanish", "--project", str(volunteer))
    assert bad.code == 2 and "'spanish' is not a locale id" in bad.err and "Traceback" not in bad.err


def test_the_translator_guide_opens_with_the_checklist_and_names_real_commands() -> None:
    guide = (ROOT / "docs" / "translators.md").read_text(encoding="utf-8")
    checklist = guide.split("## The checklist", 1)[1].split("\n## ", 1)[0]
    steps = re.findall(r"^(\d+)\. \*\*", checklist, re.M)
    assert steps == [str(n) for n in range(1, len(steps) + 1)] and len(steps) >= 8
    for command in ("locale add", "locale doctor", "i18n status", "check", "build"):
        assert f"lessonkit {command}" in checklist, command
    block = guide.split("## The commands", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    commands = {tuple(line.split()[1:3]) for line in block.splitlines() if line.startswith("lessonkit ")}
    assert ("locale", "add") in commands and ("i18n", "import") in commands
    for group, name in sorted(commands):
        args = [group, "--help"] if name.startswith(("locales/", "-")) else [group, name, "--help"]
        assert run_cli(*args).code == 0, (group, name)


# --- Plural forms ---------------------------------------------------------------------------

SINGULAR, PLURAL = "{count} lesson of {minutes} minutes", "{count} lessons of {minutes} minutes"


def test_a_count_label_takes_the_plural_form_of_the_po_header() -> None:
    from lessonkit.i18n.ui import english_plural, plural_translator

    german = plural_translator(ROOT, "de")
    assert german(SINGULAR, PLURAL, 1) == "{count} Unterrichtsstunde, {minutes} Minuten"
    assert (
        german(SINGULAR, PLURAL, 2) == german(SINGULAR, PLURAL, 0) == "{count} Unterrichtsstunden, je {minutes} Minuten"
    )
    arabic = polib.pofile(str(ROOT / "locales" / "ar" / "ui.po"))
    assert arabic.metadata["Plural-Forms"].startswith("nplurals=6;")
    entry = arabic.find(SINGULAR)
    assert entry is not None and len(entry.msgstr_plural) == 6 and all(entry.msgstr_plural.values())
    assert english_plural(SINGULAR, PLURAL, 1) == SINGULAR and english_plural(SINGULAR, PLURAL, 3) == PLURAL


def test_plural_forms_follow_the_header_and_fall_back_safely(tmp_path: Path) -> None:
    from lessonkit.i18n.ui import plural_index, plural_translator

    rule = "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
    assert [plural_index(rule, n) for n in (0, 1, 2, 7, 11, 100)] == [0, 1, 2, 3, 4, 5]
    assert plural_index("nplurals=2; plural=(n != 1);", 1) == 0
    assert plural_index("plural=import os", 5) == 1  # not an expression: the English rule, nothing runs
    folder = tmp_path / "locales" / "xx"
    folder.mkdir(parents=True)
    catalogue = polib.POFile(wrapwidth=0)
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": "nplurals=2; plural=(n != 1);"}
    catalogue.append(polib.POEntry(msgid=PLURAL, msgstr="{count} leçons de {minutes} minutes"))
    catalogue.save(str(folder / "ui.po"))
    # No plural entry yet: the plain translation of the plural, as before the label had forms.
    assert plural_translator(tmp_path, "xx")(SINGULAR, PLURAL, 1) == "{count} leçons de {minutes} minutes"


def test_a_plural_entry_is_checked_form_by_form() -> None:
    from lessonkit.i18n import qa
    from lessonkit.i18n.status import usable
    from lessonkit.problems import Location

    entry = polib.POEntry(
        msgid=SINGULAR,
        msgid_plural=PLURAL,
        msgstr_plural={0: "{count} Stunde, {minutes} Minuten", 1: "{count} Stunden"},
    )
    problems = qa.entry_problems(entry, Location(Path("de/ui.po"), 9, 1), (set(), set()))
    assert [p.message for p in problems] == ["placeholder {minutes} is missing"]
    assert not usable(entry)
    entry.msgstr_plural[1] = "{count} Stunden, je {minutes} Minuten; Notruf 911"
    assert [p.code for p in qa.entry_problems(entry, Location(Path("de/ui.po"), 9, 1), (set(), set()))] == ["I101"]


@pytest.mark.parametrize(("language", "one", "two"), [("de", "1 Unterrichtsstunde, ", "2 Unterrichtsstunden, je ")])
def test_the_teachers_page_prints_the_form_for_each_bands_count(small: Path, language: str, one: str, two: str) -> None:
    """The example lesson is the only lesson of its band: "1 lesson", never "1 lessons"."""
    from lessonkit.build.localize import localize
    from lessonkit.load.curriculum import load_curriculum
    from lessonkit.locale.locales import Locale
    from lessonkit.render.site.context import LocaleContext
    from lessonkit.render.site.index_pages import teachers_markdown
    from lessonkit.render.site.layout import SitePlace

    (small / "lessons" / "second.md").write_text(
        (small / "lessons" / "example.md").read_text(encoding="utf-8").replace(f"id: {LESSON_ID}", "id: second-4-7"),
        encoding="utf-8",
    )
    assert run_cli("i18n", "update", "--project", str(small), "-l", language).code == 0
    for name in (LESSON_ID, "second-4-7"):
        _fill(small / "locales" / language / f"{name}.po")
    curriculum, _ = load_curriculum(small)
    assert curriculum is not None
    locale = Locale(f"{language}-DE", language, "DE")
    both = localize(curriculum, small, locale)
    assert both.curriculum.lesson("second-4-7") is not None
    page = teachers_markdown(LocaleContext(both, SitePlace(locale, ""), small))
    assert two in page and one not in page
    (small / "lessons" / "second.md").unlink()
    curriculum, _ = load_curriculum(small)
    assert curriculum is not None
    page = teachers_markdown(LocaleContext(localize(curriculum, small, locale), SitePlace(locale, ""), small))
    assert one in page and two not in page
