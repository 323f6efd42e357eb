"""Finding the interface strings the renderers actually use, so none is missing from the catalogue.

Python code passes labels to a translator named `t`, `ui` or `_` (also as `ctx.t`), or keeps them in
dictionaries named `*_LABELS`; Jinja templates call `_()`.
The test suite compares what is used here with `UI_STRINGS`.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from pathlib import Path

TRANSLATORS = frozenset({"t", "ui", "_"})
_TEMPLATE_CALL = re.compile(r"""\b_\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*\)""")


def python_strings(path: Path) -> set[str]:
    """Constant strings passed to t(...), ui(...) or _(...), and the values of `*_LABELS` dictionaries."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        found |= _label_values(node)
        if (
            isinstance(node, ast.Call)
            and _translator_name(node.func) in TRANSLATORS
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value)
    return found


def _translator_name(func: ast.expr) -> str:
    """`t` for `t(...)` and for `ctx.t(...)`."""
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


def _label_values(node: ast.AST) -> set[str]:
    # Labels chosen by a key (a document kind, an activity stage) live in dictionaries named *_LABELS.
    targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
    value = getattr(node, "value", None)
    if not any(isinstance(t, ast.Name) and t.id.endswith("LABELS") for t in targets) or not isinstance(value, ast.Dict):
        return set()
    return {v.value for v in value.values if isinstance(v, ast.Constant) and isinstance(v.value, str)}


def template_strings(path: Path) -> set[str]:
    """Strings of `_("...")` calls in a Jinja template."""
    return {m[1] or m[2] for m in _TEMPLATE_CALL.finditer(path.read_text(encoding="utf-8"))}


def used_strings(python_files: Iterable[Path], templates: Iterable[Path]) -> dict[str, Path]:
    """Every interface string in use, with one file that uses it."""
    used: dict[str, Path] = {}
    for path in python_files:
        for text in python_strings(path):
            used.setdefault(text, path)
    for path in templates:
        for text in template_strings(path):
            used.setdefault(text, path)
    return used
