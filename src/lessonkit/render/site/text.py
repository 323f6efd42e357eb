"""Text for the website: lesson Markdown through the one sanitising policy, plain text escaped exactly once.

Lesson text is CommonMark (markdown-it-py); mkdocs speaks Python-Markdown, which parses lists and
emphasis differently. Each piece of lesson text is therefore rendered here, vetted and cleaned by
`lessonkit.render.sanitise` (the policy the print uses) and handed to mkdocs as a raw HTML block.

Plain text (titles, labels, summaries shown as text, interface strings, pack fields) goes
through `escape` once, at the place it is written into a page: the result is safe both in HTML
and in the Python-Markdown that mkdocs reads (headings, list items, link texts), and the
templates print it as it is (see `site-theme/overrides/`), so nothing is escaped twice.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence

import yaml
from markdown_it.token import Token

from lessonkit.locale.country_pack import CountryPack
from lessonkit.locale.help_tokens import fill_help_tokens
from lessonkit.markdown import SECTION_CLOSE, SECTION_OPEN, markdown
from lessonkit.problems import Location
from lessonkit.render.sanitise import Assets, LessonLinker, clean_html, plain_text, render_tokens, vet_tokens

__all__ = [
    "LessonLinker",
    "anchor",
    "escape",
    "front_matter",
    "heading",
    "heading_words",
    "raw_block",
    "render_body",
    "render_plain",
    "render_text",
]

# One pass, each character to one entity: a replacement can never be replaced again. HTML's five
# special characters, then what Python-Markdown would read as syntax in a heading, list item or
# link text (emphasis, code, links, attribute lists `{ }`, closing `#`s, table cells, escapes).
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
_ESCAPES = str.maketrans({**_ENTITIES, **{char: f"&#{ord(char)};" for char in "\\`*_[]{}#|"}, "\n": " ", "\r": " "})


def escape(text: str) -> str:
    """Plain text made safe for HTML text, a double-quoted attribute, and Python-Markdown inline syntax."""
    return text.translate(_ESCAPES)


def inert(html: str) -> str:
    """Sanitised HTML of lesson text, with no `{` left for Python-Markdown or the page's heading-id pass to read.

    The page's own headings carry their ids as `{ #id }` (attribute lists, `heading`), and
    `lessonkit.render.site.pages.unique_anchors` renumbers those lines; a code block in a lesson
    holding such a line must not become one of them. `&#123;` shows the same brace in the browser.
    """
    return html.replace("{", "&#123;")


def anchor(source_words: str, fallback: str) -> str:
    """A heading's id from its words in the source language: `Lesson plan` -> `lesson-plan`.

    Python-Markdown's own slug of those words, so English pages keep the anchors they had, and
    every translation of the page gets the same ones (the table of contents, in-page links and
    links shared between languages all use them). Python-Markdown's slug drops every letter
    outside Latin: a heading with no Latin letter gets `fallback`.
    """
    # Python-Markdown's `toc.slugify` (its module has no type stubs), step for step.
    ascii_words = unicodedata.normalize("NFKD", source_words).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", ascii_words).strip().lower())
    return slug or fallback


def heading(level: int, words: str, anchor_id: str) -> str:
    """A Markdown heading with its explicit id (attr_list); `words` are escaped here."""
    return f"{'#' * level} {escape(words)} {{ #{anchor_id} }}\n"


def heading_words(body: str) -> list[str]:
    """The words of a body's top-level headings (outside `:::` sections), in order, as `render_body` sees them."""
    words = []
    depth = 0
    tokens = markdown().parse(body)
    for index, token in enumerate(tokens):
        if token.type in (SECTION_OPEN, SECTION_CLOSE):
            depth += 1 if token.type == SECTION_OPEN else -1
        elif token.type == "heading_open" and depth == 0:
            words.append(_words(tokens[index + 1]))
    return words


def _words(inline: Token) -> str:
    return "".join(c.content for c in inline.children or () if c.type in ("text", "code_inline"))


def render_text(text: str, pack: CountryPack, where: Location, assets: Assets, link_lesson: LessonLinker) -> str:
    """One piece of lesson Markdown as safe HTML, help tokens filled and lesson links resolved.

    `where` is the lesson file (images resolve relative to it). What the policy refuses becomes
    text; the print build reports the same refusals as located warnings for the same text.
    """
    filled = fill_help_tokens(text, pack)
    html, _ = render_tokens(filled, markdown().parse(filled), where, assets, link_lesson)
    return html


def render_plain(text: str, pack: CountryPack, where: Location, assets: Assets) -> str:
    """The words of a piece of lesson Markdown (a summary), unescaped, for places that take no markup."""
    return plain_text(render_text(text, pack, where, assets, lambda _: None))


def render_body(
    text: str,
    pack: CountryPack,
    where: Location,
    assets: Assets,
    link_lesson: LessonLinker,
    section_html: Callable[[str], str],
    anchors: Sequence[str] = (),
) -> str:
    """A guide's whole body as page Markdown, each `::: kind` section opened by `section_html(kind)`.

    Top-level headings stay Markdown (so they reach the table of contents), the n-th with the id
    `anchors[n]` (see `anchor`); the rest becomes raw HTML blocks. Only the lesson's own tokens go
    through nh3; the section wrappers are ours.
    """
    filled = fill_help_tokens(text, pack)
    tokens = markdown().parse(filled)
    vet_tokens(filled, tokens, where, assets, link_lesson)
    out: list[str] = []
    chunk: list[str | list[Token]] = []
    depth = 0
    index = 0
    headings = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type in (SECTION_OPEN, SECTION_CLOSE):
            depth += 1 if token.type == SECTION_OPEN else -1
            kind = token.info.strip().split(" ")[0].split("{")[0]
            chunk.append(section_html(kind) if token.type == SECTION_OPEN else "</div>\n")
        elif token.type == "heading_open" and depth == 0:
            out.append(_flush(chunk))
            chunk = []
            level = min(int(token.tag[1]) + 1, 6) if token.tag == "h1" else int(token.tag[1])
            words = _words(tokens[index + 1])
            headings += 1
            given = anchors[headings - 1] if headings <= len(anchors) else ""
            out.append(heading(level, words, given) if given else f"{'#' * level} {escape(words)}\n")
            index += 3  # heading_open, inline, heading_close
            continue
        else:
            if not chunk or isinstance(chunk[-1], str):
                chunk.append([])
            last = chunk[-1]
            assert isinstance(last, list)
            last.append(token)
        index += 1
    out.append(_flush(chunk))
    return "\n".join(part for part in out if part)


def _flush(chunk: list[str | list[Token]]) -> str:
    html = "".join(
        part if isinstance(part, str) else inert(clean_html(markdown().renderer.render(part, markdown().options, {})))
        for part in chunk
    )
    return raw_block(html) if html.strip() else ""


def front_matter(data: Mapping[str, object]) -> str:
    """A page's YAML front matter, written by the YAML dumper (no value can break out of it)."""
    if not data:
        return ""
    return "---\n" + yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False) + "---\n"


def raw_block(inner_html: str, css_class: str = "lk-text") -> str:
    """A raw HTML block that Python-Markdown passes through untouched (blank lines around it)."""
    return f'\n<div class="{css_class}" markdown="0">\n{inner_html.strip()}\n</div>\n\n'
