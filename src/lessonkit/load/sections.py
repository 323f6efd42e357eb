"""Parsing a lesson body into its fenced sections and checking each one's kind and attributes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from markdown_it.token import Token

from lessonkit.closest_name import closest_name
from lessonkit.markdown import SECTION_CLOSE, SECTION_OPEN, block_tokens
from lessonkit.model import Section
from lessonkit.problems import Location, Problem


@dataclass(frozen=True)
class AttrSpec:
    """What a section kind accepts in its `{...}` attributes."""

    required: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()


KINDS: dict[str, AttrSpec] = {
    "ground-rules": AttrSpec(),
    "activity": AttrSpec(required=frozenset({"stage", "minutes", "title"})),
    "slide": AttrSpec(required=frozenset({"title"})),
    "notes": AttrSpec(),
    # `draw=N`: the handout asks children to draw, and prints N empty boxes (1 to 4) to draw in.
    "handout": AttrSpec(optional=frozenset({"title", "draw"})),
    "teacher-note": AttrSpec(),
    "safeguarding": AttrSpec(),
    "family": AttrSpec(),
    "quiz": AttrSpec(),
    "help": AttrSpec(),
    # Cards, slips and ordering tasks to cut out (load/cards.py); `answer=order` for an ordering task.
    "cards": AttrSpec(required=frozenset({"title"}), optional=frozenset({"answer"})),
}
STAGES = ("starter", "main", "plenary")
DRAW_BOXES = ("1", "2", "3", "4")

_INFO = re.compile(r"^\s*(?P<kind>[^\s{]+)\s*(?:\{(?P<attrs>.*)\})?\s*$")
_ATTR = re.compile(r'\s*(?P<key>[A-Za-z][\w-]*)=(?:"(?P<quoted>[^"]*)"|(?P<bare>[^\s"}]+))\s*')


def parse_sections(
    body: str, path: Path, first_line: int, tokens: list[Token] | None = None
) -> tuple[tuple[Section, ...], list[Problem]]:
    """Every `::: kind` section of the body, in order, with the problems found in them.

    `tokens` are the body's block tokens when the caller has them (the loader parses a body once).
    """
    lines = body.split("\n")
    sections: list[Section] = []
    problems: list[Problem] = []
    depth = 0
    open_at: list[int] = []
    for token in block_tokens(body) if tokens is None else tokens:
        if token.type == SECTION_OPEN and token.map:
            start, end = token.map
            where = Location(path, start + first_line, 1)
            if depth:
                problems.append(
                    Problem(
                        Location(path, open_at[-1] + first_line, 1),
                        "E031",
                        f"section is not closed before the next one opens on line {where.line}; sections do not nest",
                    )
                )
            depth += 1
            open_at.append(start)
            section, found = _section(token.info, "\n".join(lines[start + 1 : end]), where)
            problems += found
            if section is not None:
                sections.append(section)
        elif token.type == SECTION_CLOSE:
            depth -= 1
            start = open_at.pop()
            if not token.markup and not depth:
                problems.append(
                    Problem(Location(path, start + first_line, 1), "E031", "section is never closed with a ':::' line")
                )
    problems += _notes_follow_slides(sections)
    return tuple(sections), problems


def _section(info: str, text: str, where: Location) -> tuple[Section | None, list[Problem]]:
    match = _INFO.match(info)
    if not match:
        return None, [Problem(where, "E032", f"cannot read section header '::: {info.strip()}'")]
    kind = match["kind"]
    spec = KINDS.get(kind)
    if spec is None:
        guess = closest_name(kind, KINDS)
        hint = f"; did you mean '{guess}'?" if guess else f"; known kinds: {', '.join(KINDS)}"
        return None, [Problem(where, "E030", f"unknown section kind '{kind}'{hint}")]
    attrs, problems = _attributes(match["attrs"] or "", kind, spec, where)
    return Section(kind, MappingProxyType(attrs), text, where), problems


def _attributes(raw: str, kind: str, spec: AttrSpec, where: Location) -> tuple[dict[str, str], list[Problem]]:
    attrs: dict[str, str] = {}
    problems: list[Problem] = []
    position = 0
    while position < len(raw.rstrip()):
        match = _ATTR.match(raw, position)
        if not match:
            problems.append(
                Problem(where, "E032", f"cannot read attributes '{{{raw}}}'; write key=value or key=\"value\"")
            )
            break
        key = match["key"]
        value = match["quoted"] if match["quoted"] is not None else match["bare"]
        if key not in spec.required | spec.optional:
            problems.append(Problem(where, "E032", f"'{kind}' sections take no attribute '{key}'"))
        attrs[key] = value
        position = match.end()
    for key in sorted(spec.required - attrs.keys()):
        problems.append(Problem(where, "E032", f"'{kind}' section needs the attribute '{key}'"))
    if "minutes" in attrs and not (attrs["minutes"].isdigit() and 0 < int(attrs["minutes"]) <= 240):
        problems.append(
            Problem(where, "E032", f"minutes must be a whole number from 1 to 240, not '{attrs['minutes']}'")
        )
        attrs.pop("minutes")
    if "draw" in attrs and attrs["draw"] not in DRAW_BOXES:
        problems.append(Problem(where, "E032", f"draw must be a number of boxes from 1 to 4, not '{attrs['draw']}'"))
        attrs.pop("draw")
    if "answer" in attrs and attrs["answer"] != "order":
        message = f"answer can only be 'order' (an ordering task), not '{attrs['answer']}'"
        problems.append(Problem(where, "E032", message))
        attrs.pop("answer")
    if "stage" in attrs and attrs["stage"] not in STAGES:
        problems.append(Problem(where, "E032", f"stage must be one of {', '.join(STAGES)}, not '{attrs['stage']}'"))
    return attrs, problems


def _notes_follow_slides(sections: list[Section]) -> list[Problem]:
    problems = []
    for index, section in enumerate(sections):
        if section.kind == "notes" and (index == 0 or sections[index - 1].kind != "slide"):
            problems.append(
                Problem(section.location, "E035", "'notes' must come directly after the 'slide' it belongs to")
            )
    return problems
