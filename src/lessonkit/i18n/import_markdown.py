"""Importing a translated copy of a lesson's Markdown file into its PO catalogue, block by block.

Some translators work on the Markdown files themselves. The copy is matched to the English by
structure, never by position alone: each section (`slide:3`, `quiz:1`; the body outside sections;
each front-matter list) is compared block for block by its structural path (paragraph, list and
list item, table cell, quiz question and option). A section whose structure differs from the
English (a bullet lost, a paragraph split, a quiz option added) is refused whole: it is named with
its line, and none of its entries is filled, because a shifted block would put a translation under
the wrong English (a 4-7 slot showing an 8-10 question). The other sections are imported.

Each imported text also passes the translation QA of its entry (placeholders, numbers and
addresses of the language's own locales' packs, raw HTML): a refused text leaves its entry as it was.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

import polib

from lessonkit.i18n.catalogue import context
from lessonkit.i18n.placeholders import placeholder_problems, to_message
from lessonkit.i18n.qa import SERVICE_NUMBERS, entry_problems
from lessonkit.i18n.units import Unit, lesson_units
from lessonkit.model import Lesson
from lessonkit.problems import Location, Problem

PLACEHOLDERS = "I110"
STRUCTURE = "I111"
_NO_CONTACTS: tuple[set[str], set[str]] = (set(), set())


@dataclass(frozen=True)
class _Block:
    """The units of one section (or front-matter list) of a lesson, and what to call it."""

    key: str
    units: tuple[Unit, ...]

    @property
    def shapes(self) -> tuple[str, ...]:
        return tuple(unit.shape or unit.place for unit in self.units)

    @property
    def kind(self) -> str:
        return self.key.split(":")[0]

    def name(self) -> str:
        """`section slide:3 "Who can help?"`, `the body`, or `front matter 'objectives'`."""
        if self.key == "body":
            return "the text outside sections"
        if ":" not in self.key:
            return f"front matter '{self.key}'"
        title = next((u.section_title for u in self.units if u.section_title), "")
        return f'section {self.key} "{title}"' if title else f"section {self.key}"


def import_translation(
    source: Lesson,
    translated: Lesson,
    catalogue: polib.POFile,
    contacts: tuple[set[str], set[str]] = _NO_CONTACTS,
    short_numbers: Collection[str] = SERVICE_NUMBERS,
) -> tuple[int, list[Problem]]:
    """Fill `catalogue` from the translated lesson; returns the number of entries filled and the problems.

    `contacts` are the numbers and hosts the language's locales' packs publish (the only ones a
    translation may add), `short_numbers` the short service numbers to refuse otherwise.
    """
    ours, theirs = _blocks(source), _blocks(translated)
    problems: list[Problem] = []
    matched: list[tuple[_Block, _Block]] = []
    refused_kinds = _section_counts(ours, theirs, translated, problems)
    for key, block in ours.items():
        other = theirs.get(key)
        if block.kind in refused_kinds:
            continue
        if other is None:
            problems.append(Problem(Location(translated.path), STRUCTURE, f"{block.name()} is missing in this copy"))
            continue
        difference = _difference(block, other)
        if difference:
            where = Location(translated.path, other.units[0].line if other.units else 1, 1)
            message = f"{block.name()} differs from the English: {difference}; none of its entries was filled"
            problems.append(Problem(where, STRUCTURE, message))
            continue
        matched.append((block, other))
    filled = 0
    for block, other in matched:
        for mine, yours in zip(block.units, other.units, strict=True):
            done, found = _fill(source, mine, yours, translated, catalogue, contacts, short_numbers)
            filled += done
            problems += found
    return filled, problems


def _blocks(lesson: Lesson) -> dict[str, _Block]:
    """The lesson's units grouped by section (`slide:3`, `body`) or front-matter field (`objectives`)."""
    groups: dict[str, list[Unit]] = {}
    for unit in lesson_units(lesson):
        # Front matter by field (`objectives`), the body by section (`slide:3`, `body`).
        key = unit.place.split("|")[0]
        key = key.split(":")[0] if unit.slot.kind == "field" else key
        groups.setdefault(key, []).append(unit)
    return {key: _Block(key, tuple(units)) for key, units in groups.items()}


def _section_counts(
    ours: dict[str, _Block], theirs: dict[str, _Block], translated: Lesson, problems: list[Problem]
) -> set[str]:
    """Section kinds whose number differs between the English and the copy: all of that kind are refused.

    Sections are numbered per kind (`slide:1`, `slide:2`...), so one slide fewer shifts every later
    slide onto the wrong English: none of them can be matched.
    """
    want = Counter(b.kind for b in ours.values() if ":" in b.key)
    have = Counter(b.kind for b in theirs.values() if ":" in b.key)
    refused = set()
    for kind in sorted(set(want) | set(have)):
        if want[kind] == have[kind]:
            continue
        refused.add(kind)
        first = next((b for b in theirs.values() if b.kind == kind and b.units), None)
        where = Location(translated.path, first.units[0].line if first is not None else 1, 1)
        message = (
            f"the English has {want[kind]} '{kind}' section(s), this copy has {have[kind]}; "
            f"none of the '{kind}' sections was filled"
        )
        problems.append(Problem(where, STRUCTURE, message))
    return refused


def _difference(block: _Block, other: _Block) -> str:
    """How the copy's block structure differs from the English one, in words ("" when it does not)."""
    mine, yours = block.shapes, other.shapes
    if mine == yours:
        return ""
    lists = _list_sizes(mine)
    theirs = _list_sizes(yours)
    for path in lists:
        if theirs.get(path, 0) != lists[path]:
            line = next(u.line for u in block.units if (u.shape or "").startswith(f"{path}/"))
            return (
                f"a list has {theirs.get(path, 0)} item(s) in this copy and {lists[path]} in the English "
                f"(English line {line})"
            )
    for index, (a, b) in enumerate(zip(mine, yours, strict=False)):
        if a != b:
            return (
                f"block {index + 1} is '{_plain(b)}' here and '{_plain(a)}' in the English "
                f"(English line {block.units[index].line})"
            )
    return f"this copy has {len(yours)} block(s), the English {len(mine)}"


def _list_sizes(shapes: tuple[str, ...]) -> dict[str, int]:
    """Each list (by its path) and how many items it has."""
    sizes: dict[str, set[str]] = {}
    for shape in shapes:
        parts = shape.split("/")
        for depth, part in enumerate(parts):
            if part.startswith("list_item") and depth > 0:
                sizes.setdefault("/".join(parts[:depth]), set()).add(part)
    return {path: len(items) for path, items in sizes.items()}


def _plain(shape: str) -> str:
    """`bullet_list1/list_item3/paragraph1` -> `list item 3, paragraph 1`."""
    words = []
    for part in shape.split("/"):
        name = part.rstrip("0123456789")
        number = part[len(name) :]
        if name in ("bullet_list", "ordered_list"):
            continue
        words.append(f"{name.replace('_', ' ')} {number}".strip())
    return ", ".join(words) or shape


def _fill(
    source: Lesson,
    mine: Unit,
    yours: Unit,
    translated: Lesson,
    catalogue: polib.POFile,
    contacts: tuple[set[str], set[str]],
    short_numbers: Collection[str],
) -> tuple[int, list[Problem]]:
    english = to_message(mine.raw).text
    entry = catalogue.find(english, msgctxt=context(source.id, mine.place))
    if entry is None or not english:
        return 0, []
    text = to_message(yours.raw).text
    where = Location(translated.path, yours.line, 1)
    wrong = placeholder_problems(english, text)
    if wrong:
        return 0, [Problem(where, PLACEHOLDERS, f"{mine.place}: {reason}") for reason in wrong]
    candidate = polib.POEntry(msgid=english, msgstr=text, comment=entry.comment)
    refused = [p for p in entry_problems(candidate, where, contacts, short_numbers) if p.severity == "error"]
    if refused:
        return 0, [Problem(p.location, p.code, f"{mine.place}: {p.message}") for p in refused]
    entry.msgstr = text
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    entry.previous_msgid = None
    entry.previous_msgctxt = None
    return 1, []
