"""The build graph (issue 17 item 4): packages import one way, and one table names every document kind.

The import graph is read from the source (ast), not from what happens to be imported at run time,
so an import inside a function or under TYPE_CHECKING counts too.
"""

from __future__ import annotations

import ast
import graphlib
import re
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from lessonkit.document_kinds import BY_ID, KINDS, STYLESHEETS, download_paths, handbook_path
from lessonkit.load.curriculum import load_curriculum
from print_project import example_lessons, make_project
from test_materials import CARDS

PACKAGE = ROOT / "src" / "lessonkit"
TABLE = PACKAGE / "document_kinds.py"
# Imports that still close a cycle, each with the reason it is tolerated. The list may only shrink:
# test_every_tolerated_import_still_exists fails once an entry is no longer needed.
TOLERATED: dict[tuple[str, str], str] = {
    # The model names the loader's card and quiz types (under TYPE_CHECKING), and a lesson made
    # by `dataclasses.replace` rebuilds its document with `load.document.refreshed` (the
    # structured document of issue 17 item 1, still being moved).
    ("lessonkit.model", "load"): "card and quiz types, and the document of a replaced lesson",
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _node(module: str) -> str:
    """The graph node of a module: its subpackage, or the top-level module itself."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "(package)"


def _imports(path: Path) -> set[str]:
    """Every lessonkit module or name imported by the file, wherever the import statement is."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.ImportFrom) and node.level:
            pytest.fail(f"{path}:{node.lineno}: relative import; the graph test reads absolute ones only")
    return {name for name in found if name.startswith("lessonkit.")}


def module_imports() -> dict[str, set[str]]:
    """Module -> the lessonkit modules it imports."""
    return {_module_name(path): _imports(path) for path in sorted(PACKAGE.rglob("*.py"))}


def package_graph(tolerated: bool) -> dict[str, set[str]]:
    """Node -> the nodes it imports (without the tolerated imports when `tolerated` is False)."""
    graph: dict[str, set[str]] = {}
    for module, imported in module_imports().items():
        source = _node(module)
        graph.setdefault(source, set())
        for name in imported:
            target = _node(name)
            if target != source and (tolerated or (module, target) not in TOLERATED):
                graph[source].add(target)
    return graph


def test_the_graph_reader_sees_known_edges() -> None:
    # A reader that found nothing would pass every test below.
    graph = package_graph(tolerated=True)
    assert {"render", "locale", "model", "document_kinds"} <= graph["build"]
    assert "document_kinds" in graph["render"]
    assert "load" in graph["model"]  # a tolerated edge is seen
    assert {"build", "check", "i18n", "locale"} <= graph["cli"]


def test_locale_doctor_is_a_command() -> None:
    # `locale doctor` drives the checker, the translation QA and the build: those sit above
    # locale/, so the command lives in cli/ and locale/ imports none of them.
    imports = module_imports()
    assert "lessonkit.locale.doctor" not in imports
    assert {"lessonkit.check.run", "lessonkit.build.localize", "lessonkit.i18n.qa"} <= imports["lessonkit.cli.doctor"]
    locale = {_node(name) for module, names in imports.items() if _node(module) == "locale" for name in names}
    assert not locale & {"build", "check", "i18n", "cli"}


def test_render_never_imports_build() -> None:
    offenders = {
        module: sorted(name for name in imported if _node(name) == "build")
        for module, imported in module_imports().items()
        if _node(module) == "render"
    }
    assert {module: names for module, names in offenders.items() if names} == {}


def test_the_package_graph_is_acyclic() -> None:
    graph = package_graph(tolerated=False)
    try:
        order = list(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as err:
        pytest.fail(f"import cycle between packages: {' -> '.join(err.args[1])}")
    # The shared values sit below both the renderers and the build.
    assert order.index("document_kinds") < order.index("render") < order.index("build")
    assert order.index("localized") < order.index("render")


def test_every_tolerated_import_still_exists() -> None:
    imports = module_imports()
    for module, target in TOLERATED:
        assert any(_node(name) == target for name in imports[module]), (module, target)


def _names_imported_from(module: str, folders: list[Path]) -> dict[str, set[str]]:
    """File -> the names it imports from `module`, over every Python file of the folders."""
    found: dict[str, set[str]] = {}
    for folder in folders:
        for path in sorted(folder.rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
                if isinstance(node, ast.ImportFrom) and node.module == module:
                    found.setdefault(str(path.relative_to(ROOT)), set()).update(a.name for a in node.names)
    return found


def test_moved_names_are_imported_from_their_modules() -> None:
    # build/paths.py re-exported the table's names and build/localize.py the `Localized` type,
    # after they moved below render/; the shims are gone, so nobody imports them from build/.
    folders = [PACKAGE, ROOT / "tests", ROOT / "scripts"]
    assert not (PACKAGE / "build" / "paths.py").exists()
    assert _names_imported_from("lessonkit.build.paths", folders) == {}
    from_localize = _names_imported_from("lessonkit.build.localize", folders)
    assert from_localize  # the scan sees the real importers of `localize`
    assert {name for names in from_localize.values() for name in names} <= {"localize", "localize_pack"}
    assert "Localized" in _names_imported_from("lessonkit.localized", folders)["src/lessonkit/build/pipeline.py"]


# Packages that handle built documents: a kind id there is a document kind. Elsewhere the same
# words name other things (section kinds in load/ and check/, picture names in pictures.py).
DOCUMENT_PACKAGES = ("build", "render", "export", "evaluate", "cli")
# Calls whose argument is a section kind ("handout", "family" and "cards" are both).
SECTION_CALLS = {"sections_of", "section"}


def _kind_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    section_arguments = {
        id(arg)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute | ast.Name)
        and (node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id) in SECTION_CALLS
        for arg in node.args
    }
    return [
        f"{path.relative_to(next(p for p in path.parents if p.name == 'src'))}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value in BY_ID and id(node) not in section_arguments
    ]


def test_no_kind_is_named_outside_the_table() -> None:
    files = [p for name in DOCUMENT_PACKAGES for p in sorted((PACKAGE / name).rglob("*.py"))]
    files += [p for p in sorted(PACKAGE.glob("*.py")) if p.name not in {"document_kinds.py", "pictures.py"}]
    assert len(files) > 50
    assert [hit for path in files for hit in _kind_literals(path)] == []


def test_the_literal_scan_finds_a_kind(tmp_path: Path) -> None:
    # The scan above must be able to fail: a planted kind id is found, a section kind argument is not.
    planted = tmp_path / "src" / "lessonkit" / "planted.py"
    planted.parent.mkdir(parents=True)
    planted.write_text('STYLE = {"handout-large": 1}\nx = lesson.sections_of("handout")\n', encoding="utf-8")
    assert _kind_literals(planted) == ["lessonkit/planted.py:1: 'handout-large'"]


def test_the_table_is_consistent() -> None:
    assert len(BY_ID) == len(KINDS)
    suffixes = [kind.suffix for kind in KINDS if kind.scope == "lesson"]
    assert len(suffixes) == len(set(suffixes))
    templates = ROOT / "handouts" / "templates"
    css = ROOT / "handouts" / "css"
    for kind in KINDS:
        if kind.renderer == "pdf":
            assert (templates / kind.template).is_file(), kind.id
            assert all((css / name).is_file() for name in kind.stylesheets), kind.id
        else:
            assert not kind.template, kind.id
    assert {kind.style for kind in KINDS if kind.renderer == "pdf"} == set(STYLESHEETS)


def test_the_architecture_page_lists_the_table() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    lines = re.findall(r"^\| `[a-z-]+` \| `.*\|$", text, re.M)  # the kind rows: a kind, then a file name
    rows = [[cell.strip().strip("`") for cell in line.split("|")[1:6]] for line in lines]
    expected = [
        (
            kind.id,
            f"<lesson>-{kind.suffix}" if kind.scope == "lesson" else "handbook-<band>-<locale>.pdf",
            kind.renderer,
            kind.template,
            kind.style if kind.renderer == "pdf" else "",
        )
        for kind in KINDS
    ]
    assert [tuple(row) for row in rows] == expected


@pytest.mark.slow
def test_a_build_makes_every_kind_of_the_table_and_nothing_else(tmp_path: Path) -> None:
    lessons = example_lessons()
    lessons["example.md"] += CARDS  # the cut-out cards come only with a `cards` section
    root = make_project(tmp_path / "project", lessons)
    result = run_cli("build", "--no-site", "--locale", "en-IE", "--jobs", "2", "--quiet", "--project", str(root))
    assert result.code == 0, result.err
    curriculum, _ = load_curriculum(root)
    assert curriculum is not None
    expected = {str(path): kind for x in curriculum.lessons for kind, path in download_paths(x, "en-IE").items()}
    expected |= {str(handbook_path(band, "en-IE")): "handbook" for band in {x.band for x in curriculum.lessons} if band}
    built = {p.relative_to(root / "site").as_posix() for p in (root / "site" / "downloads").rglob("*") if p.is_file()}
    assert built == set(expected)
    assert set(expected.values()) == set(BY_ID)
    for path in built:
        assert (root / "site" / path).stat().st_size > 1000, path
