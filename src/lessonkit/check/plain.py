"""Blanking Markdown markup with spaces, so that words keep their real line and column."""

from __future__ import annotations

import re

from lessonkit.lazy_re import LazyPattern
from lessonkit.linear_re import Hit, scanner

# `{{ ... }}` tokens: the pattern of `load.references.ANY_TOKEN`, repeated here because importing
# that module loads markdown-it, which a plain text never needs (a test holds the two equal).
ANY_TOKEN = LazyPattern(r"\{\{(?P<inner>.*?)\}\}")

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
_INLINE_MARKUP = LazyPattern(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`|\[|\||\\")
# The characters every inline markup match starts with: one search for them is much cheaper than
# the substitution trying its lookarounds at every character of a text that has none of them.
_INLINE_START = re.compile(r"[*_`\[|\\]")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


_NOT_NEWLINE = LazyPattern(r"[^\n]")


def _spaces(match: Hit | re.Match[str]) -> str:
    found = match[0] or ""
    # Only a comment can span lines: other markup becomes as many spaces, without a regex per match.
    return _NOT_NEWLINE.sub(" ", found) if "\n" in found else " " * len(found)


# Every match of a scanner below begins with these characters. A text without them is returned
# as it is, which is what the scan would return: most prose has no comment, image, token or link
# target, and a scan costs a call into RE2 and its offset bookkeeping even when it finds nothing.
_COMMENT_START = "<!--"
_IMAGE_START = "!["
_TOKEN_START = "{{"
_LINK_TARGET_START = "]("


def blank_comments(text: str) -> str:
    """The text with HTML comments (suppressions, notes to translators) blanked out."""
    return _COMMENT.sub(_spaces, text) if _COMMENT_START in text else text


def plain_text(text: str) -> str:
    """The words a reader sees, at the same offsets as in `text`."""
    if _IMAGE_START in text:
        text = _IMAGE.sub(_spaces, text)
    if _TOKEN_START in text:
        text = _TOKEN.sub(_spaces, text)
    if _LINK_TARGET_START in text:
        text = _LINK_TARGET.sub(_spaces, text)
    text = _LINE_MARKER.sub(_spaces, text)
    if _INLINE_START.search(text):
        text = _INLINE_MARKUP.sub(_spaces, text)
    # The typographic quotes are not ASCII, so an ASCII text has none to straighten.
    return text if text.isascii() else text.translate(_APOSTROPHES)
