"""Lesson text to HTML with the project's one Markdown parser, so the site reads exactly like the print.

Lesson text is CommonMark (markdown-it-py); mkdocs speaks Python-Markdown, which parses lists and
emphasis differently. Each piece of lesson text is therefore rendered here and handed to mkdocs as a
raw HTML block. Raw HTML in lesson text is escaped (the parser has `html` off).
"""

from __future__ import annotations

import html
from collections.abc import Callable

from markdown_it.token import Token

from lessonkit.load.references import LESSON_LINK
from lessonkit.locale.country_pack import CountryPack
from lessonkit.locale.help_tokens import fill_help_tokens
from lessonkit.markdown import SECTION_CLOSE, SECTION_OPEN, markdown

# Maps a lesson id to the URL of its page relative to the page being written, or None.
LessonLinker = Callable[[str], str | None]


def render_text(text: str, pack: CountryPack, link_lesson: LessonLinker) -> str:
    """One piece of lesson Markdown as HTML, with help tokens filled and lesson links resolved."""
    tokens = markdown().parse(fill_help_tokens(text, pack))
    _rewrite_links(tokens, link_lesson)
    return str(markdown().renderer.render(tokens, markdown().options, {}))


def render_body(text: str, pack: CountryPack, link_lesson: LessonLinker, section_html: Callable[[str], str]) -> str:
    """A guide's whole body as page Markdown, each `::: kind` section opened by `section_html(kind)`.

    Headings stay Markdown (so they reach the table of contents); the rest becomes raw HTML blocks.
    """
    tokens = markdown().parse(fill_help_tokens(text, pack))
    _rewrite_links(tokens, link_lesson)
    out: list[str] = []
    chunk: list[Token] = []
    depth = 0
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type in (SECTION_OPEN, SECTION_CLOSE):
            depth += 1 if token.type == SECTION_OPEN else -1
            replacement = Token("html_block", "", 0)
            kind = token.info.strip().split(" ")[0].split("{")[0]
            replacement.content = section_html(kind) if token.type == SECTION_OPEN else "</div>\n"
            chunk.append(replacement)
        elif token.type == "heading_open" and depth == 0:
            out.append(_flush(chunk))
            chunk = []
            level = min(int(token.tag[1]) + 1, 6) if token.tag == "h1" else int(token.tag[1])
            inline = tokens[index + 1]
            words = "".join(c.content for c in inline.children or () if c.type in ("text", "code_inline"))
            out.append(f"{'#' * level} {escape(words)}\n")
            index += 3  # heading_open, inline, heading_close
            continue
        else:
            chunk.append(token)
        index += 1
    out.append(_flush(chunk))
    return "\n".join(part for part in out if part)


def _flush(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    return raw_block(str(markdown().renderer.render(tokens, markdown().options, {})))


def raw_block(inner_html: str, css_class: str = "lk-text") -> str:
    """A raw HTML block that Python-Markdown passes through untouched (blank lines around it)."""
    return f'\n<div class="{css_class}" markdown="0">\n{inner_html.strip()}\n</div>\n\n'


def _rewrite_links(tokens: list[Token], link_lesson: LessonLinker) -> None:
    for block in tokens:
        for token in block.children or ():
            if token.type != "link_open":
                continue
            href = str(token.attrGet("href") or "")
            if href.startswith(LESSON_LINK):
                target = link_lesson(href[len(LESSON_LINK) :])
                # The validator reports unknown ids; an unknown one here becomes plain text's anchor.
                token.attrSet("href", target or "#")


def escape(text: str) -> str:
    """Plain text made safe for both HTML and Markdown inline syntax."""
    escaped = html.escape(text, quote=True)
    for char in "\\`*_[]#|":
        escaped = escaped.replace(char, "&#" + str(ord(char)) + ";")
    return escaped
