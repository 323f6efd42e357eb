"""Untrusted lesson Markdown to safe HTML: help tokens filled, links and images vetted, nh3 sanitising.

Lesson and translation text comes from volunteers, so the HTML fed to WeasyPrint must never
point at anything but the project's own assets or ordinary web, mail and phone addresses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nh3
from markdown_it.token import Token

from lessonkit.load.references import LESSON_LINK
from lessonkit.locale.country_pack import CountryPack
from lessonkit.locale.help_tokens import fill_help_tokens
from lessonkit.markdown import markdown
from lessonkit.problems import Location, Problem

LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# markdown-it silently prints links with these schemes as text; catch them to warn (others become link tokens).
_PARSER_REFUSES = frozenset({"javascript", "vbscript", "file", "data"})
_RAW_LINK = re.compile(r"\]\(\s*<?(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):", re.ASCII)
_SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):", re.ASCII)


@dataclass(frozen=True)
class Assets:
    """Where images may come from: the project root (the HTML's base) and its asset folder."""

    root: Path
    folder: Path


def render_markdown(text: str, pack: CountryPack, where: Location, assets: Assets) -> tuple[str, list[Problem]]:
    """Block HTML for a piece of lesson Markdown, with the warnings about what was refused."""
    filled = fill_help_tokens(text, pack)
    tokens = markdown().parse(filled)
    warnings = _raw_link_warnings(filled, where)
    for block in tokens:
        if block.children:
            line = where.line + (block.map[0] if block.map else 0)
            block.children, found = _vet_inline(block.children, Location(where.path, line, 1), assets)
            warnings += found
    html = markdown().renderer.render(tokens, markdown().options, {})
    return nh3.clean(html, url_schemes=set(LINK_SCHEMES)), warnings


def render_inline(text: str, pack: CountryPack, where: Location, assets: Assets) -> tuple[str, list[Problem]]:
    """Like `render_markdown`, without the enclosing paragraph (for list items and titles)."""
    html, warnings = render_markdown(text, pack, where, assets)
    stripped = html.strip()
    if stripped.startswith("<p>") and stripped.endswith("</p>") and stripped.count("<p>") == 1:
        stripped = stripped[3:-4]
    return stripped, warnings


def _raw_link_warnings(text: str, where: Location) -> list[Problem]:
    warnings = []
    for number, line in enumerate(text.split("\n")):
        for match in _RAW_LINK.finditer(line):
            scheme = match["scheme"].lower()
            if scheme in _PARSER_REFUSES:
                warnings.append(_refused(where, number, f"link with '{scheme}:' address refused"))
    return warnings


def _vet_inline(children: list[Token], where: Location, assets: Assets) -> tuple[list[Token], list[Problem]]:
    kept: list[Token] = []
    warnings: list[Problem] = []
    dropping: list[bool] = []
    for token in children:
        if token.type == "link_open":
            href = str(token.attrs.get("href", ""))
            allowed = _link_allowed(href)
            if not allowed and not href.startswith(LESSON_LINK):
                warnings.append(_refused(where, 0, f"link to '{href}' refused: only http(s), mailto and tel links"))
            dropping.append(not allowed)
            if allowed:
                kept.append(token)
        elif token.type == "link_close":
            if not (dropping and dropping.pop()):
                kept.append(token)
        elif token.type == "image":
            image, warning = _vet_image(token, where, assets)
            kept.append(image)
            warnings += [warning] if warning else []
        else:
            kept.append(token)
    return kept, warnings


def _link_allowed(href: str) -> bool:
    match = _SCHEME.match(href)
    return bool(match) and match is not None and match["scheme"].lower() in LINK_SCHEMES


def _vet_image(token: Token, where: Location, assets: Assets) -> tuple[Token, Problem | None]:
    source = str(token.attrs.get("src", ""))
    target = None
    if source and not _SCHEME.match(source) and not source.startswith("/"):
        candidate = (where.path.parent / source).resolve()
        if candidate.is_relative_to(assets.folder.resolve()) and candidate.is_file():
            target = candidate
    if target is None:
        alt = Token("text", "", 0, content=token.content)
        return alt, _refused(where, 0, f"image '{source}' refused: images must be files in lessons/assets/")
    token.attrs["src"] = target.relative_to(assets.root.resolve()).as_posix()
    return token, None


def _refused(where: Location, offset: int, message: str) -> Problem:
    return Problem(Location(where.path, where.line + offset, 1), "W100", message, "warning")
