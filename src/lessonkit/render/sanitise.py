"""The one sanitising policy for every output (print HTML and the website): what untrusted text may become.

Lesson, translation and country-pack text comes from volunteers, so:

- raw HTML in it is never rendered (the Markdown parser has `html` off; it shows as text);
- a link keeps its target only when it is http(s), mailto or tel, or a `lesson:` link that the
  output resolves to one of its own pages; any other link becomes its text;
- an image is kept only when it is a file in the project's asset folder, else it becomes its
  alt text; nothing ever refers to another host (no `http:` image, no `//host/` address);
- the rendered HTML passes nh3 with the same URL schemes, and an nh3 filter that drops any
  image source that is not a relative path, so a slip before it cannot load a resource;
- plain text (titles, labels, interface strings) is escaped exactly once, by `escape_html`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nh3
from markdown_it.token import Token

from lessonkit.load.references import LESSON_LINK
from lessonkit.markdown import markdown
from lessonkit.problems import Location, Problem

LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# markdown-it silently prints links with these schemes as text; catch them to warn (others become link tokens).
_PARSER_REFUSES = frozenset({"javascript", "vbscript", "file", "data"})
_RAW_LINK = re.compile(r"\]\(\s*<?(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):", re.ASCII)
_SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):", re.ASCII)

# Maps a lesson id to the URL of its page in this output, or None (the link then becomes text).
LessonLinker = Callable[[str], str | None]


@dataclass(frozen=True)
class Assets:
    """Where images may come from (the project's asset folder) and how an output refers to one.

    `url` turns an accepted image file into the address the output uses; by default the path
    relative to `root`, the base of the print HTML.
    """

    root: Path
    folder: Path
    url: Callable[[Path], str] | None = None

    def address(self, image: Path) -> str:
        """The `src` of an accepted image file."""
        if self.url is not None:
            return self.url(image)
        return image.relative_to(self.root.resolve()).as_posix()


def render_tokens(
    text: str, tokens: list[Token], where: Location, assets: Assets, link_lesson: LessonLinker | None = None
) -> tuple[str, list[Problem]]:
    """Parsed lesson Markdown (`tokens` of `text`) as safe HTML, with warnings about what was refused."""
    warnings = vet_tokens(text, tokens, where, assets, link_lesson)
    return clean_html(markdown().renderer.render(tokens, markdown().options, {})), warnings


def vet_tokens(
    text: str, tokens: list[Token], where: Location, assets: Assets, link_lesson: LessonLinker | None = None
) -> list[Problem]:
    """Apply the link and image policy to parsed Markdown in place; the warnings say what was refused."""
    warnings = _raw_link_warnings(text, where)
    for block in tokens:
        if block.children:
            line = where.line + (block.map[0] if block.map else 0)
            block.children, found = _vet_inline(block.children, Location(where.path, line, 1), assets, link_lesson)
            warnings += found
    return warnings


def clean_html(fragment: str) -> str:
    """nh3 (ammonia) with the policy's link schemes; image sources must be relative paths."""
    return nh3.clean(fragment, url_schemes=set(LINK_SCHEMES), attribute_filter=_local_images_only)


_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment (tags dropped, entities decoded), for places that take no markup."""
    # Only ASCII white space is collapsed: the no-break spaces inside a phone number keep it on one line.
    return " ".join(_ASCII_SPACE.split(html.unescape(nh3.clean(fragment, tags=set())).strip(" \t\n\r\f\v")))


def link_target(url: str) -> str:
    """A configured address (licence, publication) if the policy allows links to it, else "" (no link)."""
    return url if _link_allowed(url.strip()) else ""


def escape_html(text: str) -> str:
    """Plain text for HTML text or a double-quoted attribute: the one escaping step."""
    return html.escape(text, quote=True)


def _local_images_only(element: str, attribute: str, value: str) -> str | None:
    if element == "img" and attribute == "src" and (_SCHEME.match(value) or value.startswith(("/", "\\"))):
        return None
    return value


def _raw_link_warnings(text: str, where: Location) -> list[Problem]:
    warnings = []
    for number, line in enumerate(text.split("\n")):
        for match in _RAW_LINK.finditer(line):
            scheme = match["scheme"].lower()
            if scheme in _PARSER_REFUSES:
                warnings.append(_refused(where, number, f"link with '{scheme}:' address refused"))
    return warnings


def _vet_inline(
    children: list[Token], where: Location, assets: Assets, link_lesson: LessonLinker | None
) -> tuple[list[Token], list[Problem]]:
    kept: list[Token] = []
    warnings: list[Problem] = []
    dropping: list[bool] = []
    for token in children:
        if token.type == "link_open":
            href = str(token.attrs.get("href", ""))
            allowed = _link_allowed(href)
            if href.startswith(LESSON_LINK):
                # The validator reports unknown ids; here an unresolved lesson link becomes its text.
                target = link_lesson(href[len(LESSON_LINK) :]) if link_lesson else None
                allowed = target is not None
                token.attrSet("href", target or "")
            elif not allowed:
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
    return match is not None and match["scheme"].lower() in LINK_SCHEMES


def _vet_image(token: Token, where: Location, assets: Assets) -> tuple[Token, Problem | None]:
    source = str(token.attrs.get("src", ""))
    target = None
    if source and not _SCHEME.match(source) and not source.startswith(("/", "\\")):
        candidate = (where.path.parent / source).resolve()
        if candidate.is_relative_to(assets.folder.resolve()) and candidate.is_file():
            target = candidate
    if target is None:
        alt = Token("text", "", 0, content=token.content)
        return alt, _refused(where, 0, f"image '{source}' refused: images must be files in lessons/assets/")
    token.attrs["src"] = assets.address(target)
    return token, None


def _refused(where: Location, offset: int, message: str) -> Problem:
    return Problem(Location(where.path, where.line + offset, 1), "W100", message, "warning")
