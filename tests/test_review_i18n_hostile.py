"""Review of `lessonkit i18n` with hostile catalogues: a Plural-Forms header is untrusted input too.

Before, `nplurals=250000` in a catalogue made `i18n update` exit 0 after writing an 8.8 MB
catalogue (a plural entry of that many forms; the size grows without bound with the number),
which every command then refused as too large; a rule that cannot be used was passed over.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from conftest import ROOT, run_cli
from lessonkit.i18n.merge import merge_catalogue
from lessonkit.i18n.store import MAX_PLURAL_FORMS, CatalogueError, parse_po

GOOD = "nplurals=2; plural=(n != 1);"


def _catalogue(forms: str) -> str:
    return (
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Plural-Forms: {forms}\\n"\n\nmsgid "One"\nmsgstr "Eins"\n'
    )


@pytest.mark.parametrize(
    ("forms", "why"),
    [
        ("nplurals=250000; plural=(n != 1);", "a language has 1 to 6 plural forms"),
        ("nplurals=0; plural=0;", "a language has 1 to 6 plural forms"),
        ("nplurals=99999999999999999999; plural=0;", "write it as"),
        ("nplurals=2; plural=" + "(" * 30 + "n" + ")" * 30 + ";", "too complex"),
        ("nplurals=2; plural=" + "n%7==1?0:" * 200 + "1;", "too long"),
        ("nplurals=2; plural=n%0;", "cannot be used"),
        ("nplurals=2; plural=__import__('os').getcwd();", "cannot be used"),
        ("nplurals=2; plural=n+5;", "chooses form"),
        ("two forms", "write it as"),
    ],
)
def test_a_hostile_plural_forms_header_is_a_located_error(forms: str, why: str) -> None:
    with pytest.raises(CatalogueError) as refused:
        parse_po(_catalogue(forms).encode("utf-8"), Path("de/ui.po"))
    problem = refused.value.problem
    assert (problem.code, problem.location.line, problem.location.column) == ("I107", 5, 2)
    assert why in problem.message


@pytest.mark.parametrize(
    "forms",
    [
        GOOD,
        "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
        "nplurals=1; plural=0;",
    ],
)
def test_usual_plural_forms_headers_are_read(forms: str) -> None:
    assert parse_po(_catalogue(forms).encode("utf-8"), Path("de/ui.po")).metadata["Plural-Forms"] == forms


def test_the_shipped_catalogues_plural_forms_are_read() -> None:
    for path in sorted((ROOT / "locales").glob("*/*.po")):
        parse_po(path.read_bytes(), path)


def test_merge_never_sizes_an_entry_by_an_impossible_count() -> None:
    """A catalogue made in memory is not read through parse_po: merge keeps two forms, not a million."""
    template = polib.POFile()
    template.append(polib.POEntry(msgid="{n} lesson", msgid_plural="{n} lessons", msgstr_plural={0: "", 1: ""}))
    old = polib.POFile()
    old.metadata["Plural-Forms"] = "nplurals=1000000; plural=(n != 1);"
    (entry,) = merge_catalogue(template, old, "de")
    assert len(entry.msgstr_plural) == 2 <= MAX_PLURAL_FORMS


def test_update_refuses_a_plural_forms_bomb_and_writes_nothing(project: Path) -> None:
    shutil.copy(ROOT / "locales" / "locales.yml", project / "locales.yml")
    (project / "locales" / "de").mkdir(parents=True)
    shutil.move(project / "locales.yml", project / "locales" / "locales.yml")
    catalogue = project / "locales" / "de" / "ui.po"
    catalogue.write_text(_catalogue("nplurals=250000; plural=(n != 1);"), encoding="utf-8")
    before = catalogue.read_bytes()
    run = run_cli("i18n", "update", "-l", "de", cwd=project)
    assert run.code == 2, run.err
    assert "locales/de/ui.po:5:2: error I107 Plural-Forms header: nplurals=250000" in run.err
    assert "Traceback" not in run.err
    assert catalogue.read_bytes() == before
