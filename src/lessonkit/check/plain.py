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
# A structured quiz's wrong option with its feedback ("- [ ] It's your own fault ... :: Not true. ..."). The option is a
# misconception the item sets up for its feedback to correct (docs/authoring.md, "Quiz items"): the same as a myth
# quoted to be refuted, so its plain text is marked as a quotation (`check/quotation.py`), which the rules that skip
# quotations do not judge. The marks are the single guillemets, which no quiz text in the four languages uses; they
# take the place of the blank before the option and of the first colon of " :: ", so offsets stay the same.
_WRONG_OPTION = re.compile(r"^[ \t]*[-*+][ \t]+\[ \][ \t]+(?P<option>\S[^\n]*?)[ \t]::(?=[ \t])", re.M)
_WRONG_BOX = "[ ]"
_OPEN_MISCONCEPTION = "\u2039"
_CLOSE_MISCONCEPTION = "\u203a"


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
    """The words a reader sees, at the same offsets as in `text` (a wrong quiz option marked as quoted)."""
    raw = text
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
    text = text if text.isascii() else text.translate(_APOSTROPHES)
    return _quote_wrong_options(raw, text) if _WRONG_BOX in raw else text


def _quote_wrong_options(raw: str, text: str) -> str:
    """`text` (the plain view of `raw`) with each wrong quiz option marked as a quotation (see `_WRONG_OPTION`)."""
    chars = list(text)
    for found in _WRONG_OPTION.finditer(raw):
        start, end = found.span("option")
        chars[start - 1] = _OPEN_MISCONCEPTION  # the last blank of the blanked "- [ ] "
        # The first colon of " :: ", not the space before it: the option's last sentence still ends at its
        # full stop and a space, so sentence lengths and readability read the option and its feedback apart.
        chars[end + 1] = _CLOSE_MISCONCEPTION
    return "".join(chars)
