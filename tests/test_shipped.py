"""`lessonkit.shipped` in a source checkout, and a project's own rules before the shipped ones.

tests/test_wheel_install.py covers the other half: the same names found inside an installed wheel.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from typing import get_args

import pytest

from conftest import ROOT, run_cli
from lessonkit.check.run import rulebook_for
from lessonkit.document_kinds import BY_ID
from lessonkit.i18n.rule_data import rule_languages
from lessonkit.i18n.ui import translator
from lessonkit.load.curriculum import load_curriculum
from lessonkit.locale.country_pack import require_country_pack
from lessonkit.locale.locales import find_locale
from lessonkit.render.html.documents import render_lesson_html
from lessonkit.render.settings import RenderSettings
from lessonkit.shipped import SHIPPED, ShippedName, default_cache_dir, is_installed, project_or_shipped, shipped
from print_project import example_lessons, make_project
from test_materials import CARDS

LESSON = "example-helpers-4-7"


def _setup_py_names() -> tuple[str, ...]:
    spec = importlib.util.spec_from_file_location("lessonkit_setup", ROOT / "setup.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # setup() runs only as __main__, so this just reads the names
    names: tuple[str, ...] = module.SHIPPED
    return names


def test_the_three_lists_of_shipped_names_agree() -> None:
    assert SHIPPED == get_args(ShippedName) == _setup_py_names()


def test_a_checkout_reads_its_own_folders() -> None:
    assert not is_installed()
    for name in SHIPPED:
        assert shipped(name) == ROOT / name
        assert shipped(name).exists(), name
    assert default_cache_dir() == ROOT / ".lessonkit-cache"


def test_a_project_with_rules_uses_them_and_without_gets_the_shipped_ones(tmp_path: Path) -> None:
    own = tmp_path / "own"
    shutil.copytree(ROOT / "rules" / "common", own / "rules" / "common")
    shutil.copytree(ROOT / "rules" / "en", own / "rules" / "en")
    assert rule_languages(own) == {"en"}
    assert rulebook_for(own).languages == ("en",)
    bare = tmp_path / "bare"
    bare.mkdir()
    assert rule_languages(bare) == {"ar", "de", "en", "es"}
    assert rulebook_for(None).languages == ("ar", "de", "en", "es")


# --- handouts and site theme: a project's own folder, else lessonkit's (issue 17 item 5) ------------------


def test_a_project_folder_replaces_the_shipped_one_whole(tmp_path: Path) -> None:
    assert project_or_shipped(tmp_path, "handouts") == shipped("handouts")
    assert project_or_shipped(None, "site-theme") == shipped("site-theme")
    (tmp_path / "handouts").mkdir()
    assert project_or_shipped(tmp_path, "handouts") == tmp_path / "handouts"
    assert project_or_shipped(tmp_path, "site-theme") == shipped("site-theme")  # per folder, not all or nothing


def _handout_html(root: Path) -> tuple[RenderSettings, str]:
    curriculum, problems = load_curriculum(root)
    assert curriculum is not None, problems
    lesson = curriculum.lesson(LESSON)
    assert lesson is not None
    locale = find_locale(root, "en-IE")
    ui = translator(root, locale.language)
    pack = require_country_pack(root, locale.country)
    settings = RenderSettings(curriculum.config, root)
    return settings, render_lesson_html("handout", lesson, locale, pack, ui, settings).html


def test_a_project_without_handouts_prints_with_the_shipped_templates(tmp_path: Path) -> None:
    own = make_project(tmp_path / "own", example_lessons())
    template = own / "handouts" / "templates" / "handout.html.j2"
    template.write_text("{#- the project's own -#}<!-- own template -->\n" + template.read_text(encoding="utf-8"))
    settings, html = _handout_html(own)
    assert settings.handouts == own / "handouts"
    assert "<!-- own template -->" in html
    # The project's own pictures keep their root-relative names: its documents are as before.
    assert 'src="handouts/pictures/' in html

    bare = make_project(tmp_path / "bare", example_lessons())
    shutil.rmtree(bare / "handouts")
    settings, html = _handout_html(bare)
    assert settings.handouts == shipped("handouts")
    assert "<!-- own template -->" not in html
    # Pictures outside the project are named by their file URL (the PDF resolves them against the root).
    assert f'src="{(shipped("handouts") / "pictures").resolve().as_uri()}/' in html
    assert 'src="handouts/' not in html


@pytest.fixture(scope="module")
def bare_and_own(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same lessons built twice: by a project of only lessons/ and locales/, and by one with its own handouts/."""
    folder = tmp_path_factory.mktemp("shipped")
    lessons = example_lessons()
    lessons["example.md"] += CARDS
    bare = make_project(folder / "bare", lessons)
    shutil.rmtree(bare / "handouts")
    own = make_project(folder / "own", lessons)
    for root in (bare, own):
        result = run_cli("build", "--no-site", "--locale", "en-IE", "--jobs", "2", "--quiet", "--project", str(root))
        assert result.code == 0, result.err
    return bare, own


@pytest.mark.slow
def test_a_project_of_lessons_and_locales_builds_the_same_documents(bare_and_own: tuple[Path, Path]) -> None:
    bare, own = bare_and_own
    assert sorted(p.name for p in bare.iterdir() if not p.name.startswith(".")) == ["lessons", "locales", "site"]
    built = sorted(p.relative_to(bare) for p in (bare / "site" / "downloads").rglob("*") if p.is_file())
    assert len(built) == len(BY_ID)  # every kind of document, the handbook included
    for path in built:
        if path.suffix == ".pdf":  # PDFs are byte-stable; a PPTX's zip entries carry the time it was written
            assert (bare / path).read_bytes() == (own / path).read_bytes(), path
        else:
            assert (bare / path).stat().st_size > 10_000, path
