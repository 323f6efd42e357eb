"""The one Markdown parser configuration every stage shares (loader, checker, renderers, i18n)."""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
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
