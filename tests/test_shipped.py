"""`lessonkit.shipped` in a source checkout, and a project's own rules before the shipped ones.

tests/test_wheel_install.py covers the other half: the same names found inside an installed wheel.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from typing import get_args

from conftest import ROOT
from lessonkit.check.run import rulebook_for
from lessonkit.i18n.rule_data import rule_languages
from lessonkit.shipped import SHIPPED, ShippedName, default_cache_dir, is_installed, shipped


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
