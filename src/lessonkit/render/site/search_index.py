"""One search index per locale, read from the built pages, loaded by the browser only when a search starts.

The theme's search put every language into one index of several megabytes and loaded it on every
first visit. Here each locale gets `<locale>/search/index.js`: the page sections of that locale
alone (title, page, words), and the words that put the help page first in that language. It is a
script (not JSON) so that it also loads from `file://`, where browsers refuse to fetch files;
`assets/javascripts/lessonkit.js` adds it to the page when the visitor opens the search.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from lessonkit.render.site import layout
from lessonkit.render.site.context import LocaleContext

INDEX = "search/index.js"
# Words of a section kept for the search; the rest of a very long section adds weight, not hits.
MAX_SECTION_CHARS = 4000
# Blocks that repeat on every page of a kind (download buttons, the quick-exit note is kept).
_SKIPPED_CLASSES = frozenset({"lk-downloads", "lk-previews", "lk-materials", "lk-filters"})
_HEADINGS = frozenset({"h1", "h2", "h3"})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "source", "wbr", "area", "col", "embed", "track"})
_BLOCKS = frozenset({"p", "li", "dt", "dd", "td", "th", "div", "section", "tr", "summary", "caption", "figcaption"})


@dataclass
class _Section:
    anchor: str
    title: str
    words: list[str] = field(default_factory=list)


class _Sections(HTMLParser):
    """The article of a built page, split at its headings into sections of plain text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[_Section] = []
        self._depth = 0  # inside <article> when > 0
        self._skip: list[int] = []  # depths of skipped elements
        self._heading: tuple[str, str] | None = None  # (tag, id) of the heading being read
        self._heading_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if self._depth == 0:
            if tag == "article" and "md-content__inner" in (found.get("class") or ""):
                self._depth = 1
            return
        if tag in _VOID:
            return
        self._depth += 1
        classes = set((found.get("class") or "").split())
        if self._skip or tag in ("script", "style", "template") or classes & _SKIPPED_CLASSES:
            self._skip.append(self._depth)
            return
        # A section starts at the page's h1 and at every h2 or h3 a result can link to (with an
        # id); other headings (a lesson card's title) are text of the section they are in.
        if tag in _HEADINGS and (tag == "h1" or found.get("id")):
            self._heading = (tag, found.get("id") or "")
            self._heading_text = []
        elif tag in _BLOCKS or tag in _HEADINGS:
            self._text(" ")

    def handle_endtag(self, tag: str) -> None:
        if self._depth == 0 or tag in _VOID:
            return
        if self._skip and self._skip[-1] == self._depth:
            self._skip.pop()
        elif self._heading and tag == self._heading[0]:
            title = " ".join("".join(self._heading_text).split())
            self.sections.append(_Section("" if tag == "h1" else self._heading[1], title))
            self._heading = None
        self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth and not self._skip:
            self._text(data)

    def _text(self, data: str) -> None:
        if self._heading:
            self._heading_text.append(data)
        elif self.sections:
            self.sections[-1].words.append(data)


def page_sections(html: str) -> list[_Section]:
    """The sections of a built page: the page's own text first (under its h1), then one per h2/h3."""
    parser = _Sections()
    parser.feed(html)
    return parser.sections


def write_search_indexes(site: Path, contexts: Sequence[LocaleContext]) -> None:
    """Write `<locale>/search/index.js` for every locale of the built `site`."""
    nested = {c.place.prefix.rstrip("/") for c in contexts if c.place.prefix}
    for ctx in contexts:
        folder = site / ctx.place.prefix if ctx.place.prefix else site
        pages: list[list[str]] = []
        docs: list[list[object]] = []
        for path in sorted(folder.rglob("*.html")):
            relative = path.relative_to(folder)
            top = relative.parts[0]
            if top in nested or top in ("assets", "search", "downloads") or relative.as_posix() == "404.html":
                continue
            sections = [s for s in page_sections(path.read_text(encoding="utf-8")) if s.title]
            if not sections:
                continue
            number = len(pages)
            pages.append([relative.as_posix(), sections[0].title])
            for section in sections:
                text = " ".join("".join(section.words).split())[:MAX_SECTION_CHARS]
                docs.append([number, section.anchor, section.title, text])
        data = {
            "lang": ctx.language,
            "help": {"page": layout.html_path(layout.HELP), "words": help_words(ctx)},
            "pages": pages,
            "docs": docs,
        }
        target = folder / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        # A call, not a variable: the script tag that loads it hands the index to lessonkit.js.
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        target.write_text(f"lessonkitSearchIndex({payload});\n", encoding="utf-8")


def help_words(ctx: LocaleContext) -> list[str]:
    """The words that put the help page first in this language's search (translated, comma-separated)."""
    english = ctx.t("help, helpline, emergency, danger, scared, worried, abuse, report, police, call, support, advice")
    return sorted({word.strip().lower() for word in english.split(",") if word.strip()})
