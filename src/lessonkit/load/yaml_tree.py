"""Safe YAML loading that keeps the line of every key, refuses aliases and duplicate keys.

PyYAML's SafeLoader is used for tokens and scalars; the mapping walk is ours so that each
value's line survives into error messages and so anchors (the "billion laughs" bomb) and
duplicate keys are reported instead of silently expanded or overwritten. A scalar PyYAML
cannot turn into a value (an impossible date such as 2026-13-45, an integer of thousands of
digits) is a located E003, not an exception.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from lessonkit.load.source_file import bidi_control, read_text
from lessonkit.problems import Location, Problem

KeyPath = tuple[str | int, ...]


class YamlDocument:
    """Plain Python data from a YAML document plus the line of each key path."""

    def __init__(
        self,
        data: Any,
        lines: dict[KeyPath, int],
        starts: dict[KeyPath, tuple[int, int]] | None = None,
        key_starts: dict[KeyPath, tuple[int, int]] | None = None,
    ) -> None:
        self.data = data
        self.lines = lines
        # (line, column) of the first character of each scalar value's (and key's) text, past a
        # quote or a block indicator: the lesson document (load/document.py) locates its items by them.
        self.starts = starts or {}
        self.key_starts = key_starts or {}

    def line_of(self, key_path: KeyPath, default: int = 1) -> int:
        """The line of the deepest known prefix of `key_path`."""
        for end in range(len(key_path), 0, -1):
            if key_path[:end] in self.lines:
                return self.lines[key_path[:end]]
        return default


def load_yaml(text: str, path: Path, first_line: int = 1) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse `text` (which starts at `first_line` of `path`) into a YamlDocument."""
    offset = first_line - 1
    tabs = _tab_problems(text, path, offset)
    if tabs:
        return None, tabs
    try:
        problems = _alias_problems(text, path, offset)
        if problems:
            return None, problems
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return YamlDocument({}, {}), []
            walker = _Walker(loader, path, offset, text.split("\n"))
            data = walker.convert(node, ())
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = (mark.line + 1 + offset) if mark else first_line
        column = (mark.column + 1) if mark else 1
        reason = " ".join(p for p in (err.context, err.problem) if p) or "invalid YAML"
        return None, [Problem(Location(path, line, column), "E003", f"YAML syntax error: {reason}")]
    except yaml.YAMLError as err:
        return None, [Problem(Location(path, first_line, 1), "E003", f"YAML syntax error: {err}")]
    except RecursionError:
        return None, [Problem(Location(path, first_line, 1), "E003", "YAML is nested too deeply")]
    if walker.problems:
        return None, walker.problems
    return YamlDocument(data, walker.lines, walker.starts, walker.key_starts), []


def _tab_problems(text: str, path: Path, offset: int) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(
                Problem(
                    Location(path, number + offset, indent.index("\t") + 1),
                    "E004",
                    "tab used for indentation; YAML needs spaces",
                )
            )
    return problems


# Deeper than any pack, front matter or configuration needs. PyYAML's scanner re-checks every open
# flow level at every token, so a value of 10,000 nested brackets took minutes: stop at this depth.
MAX_DEPTH = 64


def _alias_problems(text: str, path: Path, offset: int) -> list[Problem]:
    problems = []
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                line, column = (mark.line + 1 + offset, mark.column + 1) if mark else (offset + 1, 1)
                return [Problem(Location(path, line, column), "E003", "YAML is nested too deeply")]
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent) or (anchor is not None and not isinstance(event, yaml.AliasEvent)):
            mark = event.start_mark
            if mark is None:
                continue
            problems.append(
                Problem(
                    Location(path, mark.line + 1 + offset, mark.column + 1),
                    "E006",
                    "YAML anchors and aliases (& and *) are not allowed; write the value out",
                )
            )
    return problems


class _Walker:
    """Converts a composed node tree to Python data, recording lines and duplicate keys."""

    def __init__(self, loader: yaml.SafeLoader, path: Path, offset: int, source: list[str]) -> None:
        self.loader = loader
        self.path = path
        self.offset = offset
        self.source = source
        self.lines: dict[KeyPath, int] = {}
        self.starts: dict[KeyPath, tuple[int, int]] = {}
        self.key_starts: dict[KeyPath, tuple[int, int]] = {}
        self.problems: list[Problem] = []

    def convert(self, node: yaml.Node, key_path: KeyPath) -> Any:
        self.lines.setdefault(key_path, node.start_mark.line + 1 + self.offset)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self._construct(key_node)
                self._refuse_bidi(key, key_node)
                if not isinstance(key, (str, int)) or isinstance(key, bool):
                    key = str(key)
                where = Location(self.path, key_node.start_mark.line + 1 + self.offset, key_node.start_mark.column + 1)
                if key in result:
                    self.problems.append(Problem(where, "E005", f"duplicate key '{key}'"))
                    continue
                self.lines[(*key_path, key)] = where.line
                if isinstance(key_node, yaml.ScalarNode):
                    self.key_starts[(*key_path, key)] = self._text_start(key_node)
                result[key] = self.convert(value_node, (*key_path, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*key_path, index)) for index, item in enumerate(node.value)]
        self.starts[key_path] = self._text_start(node)
        value = self._construct(node)
        self._refuse_bidi(value, node)
        return value

    def _refuse_bidi(self, value: Any, node: yaml.Node) -> None:
        r"""E007 for a string whose YAML escapes spell a bidi embedding or override.

        `read_text` refuses those characters written as such, but a double-quoted scalar can
        write them as `"\u202E"`: the raw text holds only ASCII, the value the renderer prints
        holds the override (a pack's helpline number displayed reversed).
        """
        found = bidi_control(value, self.path) if isinstance(value, str) else None
        if found is not None:
            mark = node.start_mark
            where = Location(self.path, mark.line + 1 + self.offset, mark.column + 1)
            self.problems.append(Problem(where, found.code, found.message))

    def _text_start(self, node: yaml.Node) -> tuple[int, int]:
        """Where a scalar's text begins: after its opening quote, or on the line after `|` / `>`."""
        mark = node.start_mark
        line, column = mark.line, mark.column
        style = getattr(node, "style", None)
        if style in ('"', "'"):
            column += 1
        elif style in ("|", ">") and line + 1 < len(self.source):
            line += 1
            text = self.source[line]
            column = len(text) - len(text.lstrip(" "))
        return line + 1 + self.offset, column + 1

    def _construct(self, node: yaml.Node) -> Any:
        """PyYAML's value for a node; a value its constructors reject becomes a problem (and None)."""
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, ArithmeticError, TypeError, AttributeError, LookupError) as err:
            # PyYAML's constructors fail in these ways on values an explicit tag forces on them
            # (`!!timestamp nope` is an AttributeError inside PyYAML).
            mark = node.start_mark
            where = Location(self.path, mark.line + 1 + self.offset, mark.column + 1)
            self.problems.append(Problem(where, "E003", f"YAML value cannot be read: {_reason(node, err)}"))
            return None


def _reason(node: yaml.Node, err: Exception) -> str:
    shown = str(node.value)[:40] if isinstance(node, yaml.ScalarNode) else "this value"
    if node.tag.endswith(":timestamp"):
        return f"'{shown}' is not a real date or time ({err})"
    if node.tag.endswith(":int"):
        return f"integer with {len(str(node.value))} characters is too large"
    return f"'{shown}': {err}"


def read_yaml_file(path: Path) -> tuple[YamlDocument | None, list[Problem]]:
    """Read a YAML file defensively (size, encoding, binary) and parse it with lines kept."""
    text, problems = read_text(path)
    if text is None:
        return None, problems
    return load_yaml(text, path)
