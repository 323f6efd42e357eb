"""The one Markdown parser configuration every stage shares (loader, checker, renderers, i18n)."""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore, normalize
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

SECTION = "section"
SECTION_OPEN = f"container_{SECTION}_open"
SECTION_CLOSE = f"container_{SECTION}_close"


def _any_section(params: str, *_: object) -> bool:
    # Accept every `::: name` so that unknown kinds reach the validator and get a clear error.
    return bool(params.strip())


@cache
def markdown() -> MarkdownIt:
    """A CommonMark parser with tables and `:::` fenced sections; raw HTML is not rendered."""
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.use(container_plugin, name=SECTION, marker=":", validate=_any_section)
    return md


def block_tokens(text: str) -> list[Token]:
    """The block structure (sections, paragraphs, lists, headings), without the inline pass.

    Finding `:::` sections needs no emphasis or links; skipping inline parsing takes about 40%
    off parsing a large file, which the checker and the loader do for every file they read.
    """
    md = markdown()
    state = StateCore(text, md, {})
    normalize(state)  # the same line-ending and NUL clean-up as a full parse
    md.block.parse(state.src, md, state.env, state.tokens)
    return state.tokens
