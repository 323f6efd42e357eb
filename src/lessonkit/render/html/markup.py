"""Untrusted lesson Markdown to safe HTML for print: help tokens filled, then the one sanitising policy.

Lesson and translation text comes from volunteers, so the HTML fed to WeasyPrint must never
point at anything but the project's own assets or ordinary web, mail and phone addresses. The
policy itself (links, images, nh3) lives in `lessonkit.render.sanitise`, shared with the website.
"""

from __future__ import annotations

from lessonkit.locale.country_pack import CountryPack
from lessonkit.locale.help_tokens import fill_help_tokens
from lessonkit.markdown import markdown
from lessonkit.problems import Location, Problem
from lessonkit.render.sanitise import LINK_SCHEMES, Assets, render_tokens

__all__ = ["LINK_SCHEMES", "Assets", "render_inline", "render_markdown"]


def render_markdown(text: str, pack: CountryPack, where: Location, assets: Assets) -> tuple[str, list[Problem]]:
    """Block HTML for a piece of lesson Markdown, with the warnings about what was refused."""
    filled = fill_help_tokens(text, pack)
    return render_tokens(filled, markdown().parse(filled), where, assets)


def render_inline(text: str, pack: CountryPack, where: Location, assets: Assets) -> tuple[str, list[Problem]]:
    """Like `render_markdown`, without the enclosing paragraph (for list items and titles)."""
    html, warnings = render_markdown(text, pack, where, assets)
    stripped = html.strip()
    if stripped.startswith("<p>") and stripped.endswith("</p>") and stripped.count("<p>") == 1:
        stripped = stripped[3:-4]
    return stripped, warnings
