"""Refused translations fail closed: a tampered interface or pack catalogue publishes nothing of its locale.

`lessonkit build` on a small project (English, German, Arabic): a `ui.po` with raw HTML or a
`countries-DE.po` (the Arabic texts of the German pack, which ar-DE prints) with a number that is
in no country pack makes the build exit 1 with the located
finding; no page or document carries the payload, and what an earlier build published of the
locale's site stays as it was.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from conftest import ROOT, Run, run_cli
from lessonkit.blocks import Origin
from print_project import example_lessons, make_project

SCRIPT = "<script>alert(1)</script>"
FAKE_NUMBER = "030 9876 5432 1"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("refused"), example_lessons())
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "site-theme", root / "site-theme")
    # Only the interface and pack catalogues: this project's lessons have no translation yet.
    for catalogue in (root / "locales").glob("*/*.po"):
        if catalogue.stem != "ui" and not catalogue.stem.startswith("countries-"):
            catalogue.unlink()
    return root


def _build(root: Path, out: str, first: str = "en-IE", second: str = "de-DE") -> Run:
    locales = ["--locale", first, "--locale", second]
    return run_cli("build", *locales, "--jobs", "1", "--quiet", "--out", out, "--project", str(root))


def _tamper(catalogue: Path, change: Callable[[polib.POEntry], bool]) -> tuple[str, str]:
    """Change the first entry `change` accepts; returns the catalogue's original text and where its msgstr starts.

    The QA finding is about the translated text, so it is at the msgstr's first character (`line:column`).
    """
    original = catalogue.read_text(encoding="utf-8")
    po = polib.pofile(str(catalogue))
    entry = next(e for e in po if change(e))
    po.save(str(catalogue))
    first = polib.pofile(str(catalogue)).find(entry.msgid, msgctxt=entry.msgctxt).linenum
    start = Origin.of_entry(catalogue, catalogue.read_text(encoding="utf-8").split("\n"), first).location
    return original, f"{start.line}:{start.column}"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _published_text(folder: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*") if p.is_file())


def _raw_html(entry: polib.POEntry) -> bool:
    if entry.msgid != "Get help now":
        return False
    entry.msgstr = f"Jetzt Hilfe holen {SCRIPT}"
    return True


def _fake_number(entry: polib.POEntry) -> bool:
    if not (entry.msgctxt or "").endswith("|description") or not entry.msgstr:
        return False
    entry.msgstr += f" Oder ruf {FAKE_NUMBER} an."
    return True


@pytest.mark.parametrize(
    ("locale", "catalogue", "tamper", "payload", "code"),
    [
        ("de-DE", "de/ui.po", _raw_html, SCRIPT, "I102"),
        ("ar-DE", "ar/countries-DE.po", _fake_number, FAKE_NUMBER, "I101"),
    ],
)
def test_a_refused_catalogue_publishes_nothing_of_its_locale(
    project: Path, locale: str, catalogue: str, tamper: Callable[[polib.POEntry], bool], payload: str, code: str
) -> None:
    out = project / f"site-{code}"
    first = _build(project, out.name, second=locale)
    assert first.code == 0, first.err
    earlier = _files(out / locale)
    assert earlier and "index.html" in earlier
    path = project / "locales" / catalogue
    original, line = _tamper(path, tamper)
    try:
        second = _build(project, out.name, second=locale)
        # A fresh output: the refused locale is simply not there.
        fresh = _build(project, f"fresh-{code}", second=locale)
    finally:
        path.write_text(original, encoding="utf-8")
    for run in (second, fresh):
        assert run.code == 1, run.err
        # The refusal is a problem, not a document that failed: every planned document is built.
        counts = re.search(r"built (\d+) of (\d+) document\(s\)", run.err)
        assert counts is not None and counts[1] == counts[2] and int(counts[2]) > 0, run.err
        assert "FAILED" not in run.err and re.search(r"; [1-9]\d* other problem\(s\) fail the build", run.err)
        assert f"locales/{catalogue}:{line}: error {code}" in run.err, run.err
        assert "Traceback" not in run.err
    # The locale's earlier site stays exactly as it was, and nothing published carries the payload.
    assert _files(out / locale) == earlier
    assert payload not in _published_text(out)
    assert (out / "index.html").is_file() and (out / "downloads" / "en-IE").is_dir()
    fresh_out = project / f"fresh-{code}"
    assert (fresh_out / "index.html").is_file()
    assert not (fresh_out / locale).exists() and not (fresh_out / "downloads" / locale).exists()
    assert payload not in _published_text(fresh_out)


def test_a_refused_root_locale_keeps_the_whole_earlier_site(project: Path) -> None:
    # German first: its pages are the site's root, so the site is not rebuilt without it.
    out = project / "site-root"
    assert _build(project, out.name, "de-DE", "en-IE").code == 0
    site = {k: v for k, v in _files(out).items() if not k.startswith(("downloads/", ".lessonkit"))}
    assert 'lang="de"' in site["index.html"].decode()
    path = project / "locales" / "de" / "ui.po"
    original, _ = _tamper(path, _raw_html)
    try:
        run = _build(project, out.name, "de-DE", "en-IE")
    finally:
        path.write_text(original, encoding="utf-8")
    assert run.code == 1 and "ui.po" in run.err and "I102" in run.err, run.err
    assert {k: v for k, v in _files(out).items() if not k.startswith(("downloads/", ".lessonkit"))} == site
    assert SCRIPT not in _published_text(out)
    assert (out / "downloads" / "en-IE").is_dir()


def test_the_site_command_leaves_a_refused_locale_out_and_exits_1(project: Path) -> None:
    path = project / "locales" / "ar" / "countries-DE.po"
    original, line = _tamper(path, _fake_number)
    try:
        run = run_cli("site", "--out", "preview", "--locale", "en-IE", "--locale", "ar-DE", cwd=project)
    finally:
        path.write_text(original, encoding="utf-8")
    assert run.code == 1, run.err
    assert f"locales/ar/countries-DE.po:{line}: error I101" in run.err and "Traceback" not in run.err
    assert (project / "preview" / "index.html").is_file() and not (project / "preview" / "ar-DE").exists()
    assert FAKE_NUMBER not in _published_text(project / "preview")
