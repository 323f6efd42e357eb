"""Blanking Markdown markup with spaces, so that words keep their real line and column."""

from __future__ import annotations

import re

from lessonkit.linear_re import Hit, scanner

# `{{ ... }}` tokens: the pattern of `load.references.ANY_TOKEN`, repeated here because importing
# that module loads markdown-it, which a plain text never needs (a test holds the two equal).
ANY_TOKEN = re.compile(r"\{\{(?P<inner>.*?)\}\}")

# These four scan ahead for a closing mark, which with Python's engine costs time quadratic in
# a line of unclosed openings ("<!--<!--...", "](](..."): they run on RE2 (linear time).
_COMMENT = scanner(r"<!--.*?-->", re.S)
_TOKEN = scanner(ANY_TOKEN.pattern, ANY_TOKEN.flags)
# Markup that is not read aloud: link targets, image sources, emphasis, list and heading
# markers, quiz prefixes (with structured items' `Type:` lines and `[x]` boxes), table pipes. Each is
# replaced by spaces of the same length.
_LINK_TARGET = scanner(r"\]\([^)\n]*\)")
_IMAGE = scanner(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINE_MARKER = re.compile(
    r"^(?P<m>[ \t]*(?:[-*+][ \t]+(?:\[[ xX]\][ \t]+)?|\d+[.)][ \t]+|#{1,6}[ \t]+|>[ \t]*|[QA]:[ \t]*"
    r"|(?i:Type:[ \t]*(?:choice|scenario|true-false|truefalse|true/false|multiple-choice|order|ordering))[ \t]*$))",
    re.M,
)
_INLINE_MARKUP = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`|\[|\||\\")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def _spaces(match: Hit | re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match[0] or "")


def blank_comments(text: str) -> str:
    """The text with HTML comments (suppressions, notes to translators) blanked out."""
    return _COMMENT.sub(_spaces, text)


def plain_text(text: str) -> str:
    """The words a reader sees, at the same offsets as in `text`."""
    text = _IMAGE.sub(_spaces, text)
    text = _TOKEN.sub(_spaces, text)
    text = _LINK_TARGET.sub(_spaces, text)
    text = _LINE_MARKER.sub(_spaces, text)
    text = _INLINE_MARKUP.sub(_spaces, text)
    return text.translate(_APOSTROPHES)
