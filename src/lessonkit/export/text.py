"""Lesson Markdown as exports need it: safe inline HTML, or plain text, with help tokens filled in.

Exports go to other people's platforms, so they take the same sanitising policy as print and the
website; images are left out (their alt text stays), because a quiz file cannot carry them.
"""

from __future__ import annotations

from pathlib import Path

from lessonkit.locale.country_pack import CountryPack
from lessonkit.problems import Location
from lessonkit.render.html.markup import render_inline, render_markdown
from lessonkit.render.sanitise import Assets, plain_text

# No image is ever a file inside this folder, so every image becomes its alt text.
_NO_IMAGES = Assets(root=Path("/nonexistent-lessonkit-assets"), folder=Path("/nonexistent-lessonkit-assets"))


def inline_html(text: str, pack: CountryPack, where: Location) -> str:
    """One line of lesson Markdown as sanitised inline HTML."""
    return render_inline(text, pack, where, _NO_IMAGES)[0]


def block_html(text: str, pack: CountryPack, where: Location) -> str:
    """A block of lesson Markdown (paragraphs, lists) as sanitised HTML."""
    return render_markdown(text, pack, where, _NO_IMAGES)[0]


def plain(text: str, pack: CountryPack, where: Location) -> str:
    """One line of lesson Markdown as plain text: markup dropped, help tokens filled in."""
    return plain_text(inline_html(text, pack, where))
