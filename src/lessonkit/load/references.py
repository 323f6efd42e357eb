"""Checks of what a lesson body points at: images, lesson links, help tokens and vocabulary."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from pathlib import Path

from markdown_it.token import Token

from lessonkit.linear_re import scanner
from lessonkit.markdown import markdown
from lessonkit.problems import Location, Problem

# `{{ help.NAME }}` names a help service and `{{ law.NAME }}` a legal statement; both come from the
# locale's country pack, so lesson text never holds a number, an address or a country's law.
TOKEN = re.compile(r"\{\{\s*(?P<kind>help|law)\.(?P<name>[a-z][a-z0-9_]*)\s*\}\}")
HELP_TOKEN = re.compile(r"\{\{\s*help\.(?P<name>[a-z][a-z0-9_]*)\s*\}\}")
ANY_TOKEN = re.compile(r"\{\{(?P<inner>.*?)\}\}")
# The same on RE2: with Python's engine a line of unclosed "{{" costs time quadratic in its length.
_ANY_TOKEN_LINEAR = scanner(ANY_TOKEN.pattern)
LESSON_LINK = "lesson:"


def inline_tokens(body: str) -> Iterator[tuple[Token, int]]:
    """Every inline child token of the body with its 0-based source line."""
    for block in markdown().parse(body):
        if block.type == "inline" and block.children and block.map:
            for child in block.children:
                yield child, block.map[0]


def image_and_link_problems(
    body: str, path: Path, first_line: int, lesson_ids: Collection[str], assets_dir: Path
) -> list[Problem]:
    """Images need alt text and an existing file; `lesson:` links need a known lesson id."""
    problems = []
    for token, line in inline_tokens(body):
        where = Location(path, line + first_line, 1)
        if token.type == "image":
            source = str(token.attrs.get("src", ""))
            if not token.content.strip():
                problems.append(Problem(where, "E041", f"image '{source}' has no alt text; describe what it shows"))
            if not _asset_exists(path.parent, source, assets_dir):
                problems.append(Problem(where, "E042", f"image file not found in lessons/assets/: '{source}'"))
        elif token.type == "link_open":
            href = str(token.attrs.get("href", ""))
            if href.startswith(LESSON_LINK) and href[len(LESSON_LINK) :] not in lesson_ids:
                problems.append(Problem(where, "E043", f"link to unknown lesson '{href[len(LESSON_LINK) :]}'"))
    return problems


def _asset_exists(lesson_dir: Path, source: str, assets_dir: Path) -> bool:
    if not source or "://" in source or source.startswith(("/", "data:")):
        return False
    target = (lesson_dir / source).resolve()
    return target.is_relative_to(assets_dir.resolve()) and target.is_file()


def help_token_problems(
    text: str, path: Path, first_line: int, known: Collection[str], laws: Collection[str] = ()
) -> list[Problem]:
    """Every `{{ ... }}` must be a help token or a law token the curriculum declares."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=first_line):
        for match in _ANY_TOKEN_LINEAR.finditer(line):
            where = Location(path, number, match.start + 1)
            token = TOKEN.fullmatch(match.text)
            if token is None:
                problems.append(
                    Problem(
                        where,
                        "E044",
                        f"'{match.text}' is not a token; write {{{{ help.NAME }}}} or {{{{ law.NAME }}}}",
                    )
                )
                continue
            names = known if token["kind"] == "help" else laws
            if token["name"] not in names:
                problems.append(
                    Problem(
                        where,
                        "E044",
                        f"unknown {token['kind']} token '{token['name']}'; known: {', '.join(names) or 'none'}",
                    )
                )
    return problems


def unused_vocabulary(vocabulary: Collection[str], body: str) -> list[str]:
    """Vocabulary terms that never appear in the lesson body (case-insensitive)."""
    folded = body.casefold()
    return [term for term in vocabulary if term.casefold() not in folded]
