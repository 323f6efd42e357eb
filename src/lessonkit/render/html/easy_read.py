"""The easy-read handout: the student text as short lines, one idea each, with a symbol beside each line.

Built from the same source as the ordinary handout: the key messages first (each already one
idea), then the `handout` section split into its list items and sentences, and the `help`
section split the same way for the help box (the services under it are the ordinary handout's).
A question that leads into its answer ("Feeling worried? Tell someone.") stays one line. A line
that repeats a whole key message, or an earlier line, is left out. Each line gets a symbol: the
lesson's character when the line names it, else the one the reviewed table in
`lessonkit.pictures` gives, else a neutral bullet that is decoration only (drawn by CSS, so the
PDF marks it as an artifact and screen readers skip it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from lessonkit.locale.country_pack import CountryPack
from lessonkit.locale.locales import Locale
from lessonkit.model import Lesson
from lessonkit.pictures import CHARACTERS, SYMBOL_LABELS, line_symbol, picture_file
from lessonkit.problems import Location, Problem
from lessonkit.render.html.markup import Assets, render_inline
from lessonkit.render.html.view import PictureView
from lessonkit.render.settings import RenderSettings


@dataclass(frozen=True)
class EasyLine:
    """One line as printed: its text, and its symbol (None: a neutral bullet)."""

    html: Markup
    symbol: PictureView | None


@dataclass(frozen=True)
class EasyReadView:
    """What the easy-read template prints besides the ordinary handout's title, help box and credits."""

    key_lines: tuple[EasyLine, ...]
    lines: tuple[EasyLine, ...]
    draw: int
    # The help section's text as lines too (its help tokens filled as in every other document).
    help_lines: tuple[EasyLine, ...]
    warnings: tuple[Problem, ...]


# The end of a sentence: a full stop, question or exclamation mark (Arabic ones too), maybe a
# closing quotation mark or bracket, then a space.
_SENTENCE_END = re.compile(r"(?<=[.!?؟…])\s+|(?<=[.!?؟…][\"“”»’)])\s+")
_QUESTION = re.compile(r"[?؟][\"“”»’)]*$")
# Short forms whose full stop ends no sentence ("z. B.", "Dr.").
_ABBREVIATIONS = frozenset(
    {"z", "b", "d", "h", "u", "dr", "mr", "mrs", "ms", "nr", "st", "bzw", "usw", "ca", "sr", "sra"}
)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences; a question followed by its answer stays one line."""
    parts: list[str] = []
    for piece in _SENTENCE_END.split(paragraph.strip()):
        last_word = re.findall(r"(\w+)\.$", parts[-1]) if parts else []
        # No break after a short form, inside quotation marks, or before a small letter (the mark
        # ended a quotation inside the sentence: "«¡oh, oh!» es un temblor").
        short_form = bool(last_word) and last_word[0].lower() in _ABBREVIATIONS
        if parts and (short_form or _open_quote(parts[-1]) or piece[:1].islower()):
            parts[-1] = f"{parts[-1]} {piece}"
        elif piece:
            parts.append(piece)
    joined: list[str] = []
    index = 0
    while index < len(parts):
        if _QUESTION.search(parts[index]) and index + 1 < len(parts) and not _QUESTION.search(parts[index + 1]):
            joined.append(f"{parts[index]} {parts[index + 1]}")
            index += 2
        else:
            joined.append(parts[index])
            index += 1
    return joined


def _open_quote(text: str) -> bool:
    """True when `text` ends inside a quotation (« », „ “, “ ”, or straight quotes)."""
    if text.count("«") > text.count("»") or text.count('"') % 2:
        return True
    if "„" in text:  # German: „ opens and “ closes
        return text.count("„") > text.count("“")
    return text.count("“") > text.count("”")


def source_lines(markdown: str) -> list[str]:
    """The section's Markdown as lines of one idea: list items whole, paragraphs by sentence."""
    lines: list[str] = []
    paragraph: list[str] = []
    item: list[str] = []

    def flush() -> None:
        if item:
            lines.append(" ".join(item))
            item.clear()
        if paragraph:
            lines.extend(sentences(" ".join(paragraph)))
            paragraph.clear()

    for raw in markdown.splitlines():
        text = raw.strip()
        if not text:
            flush()
        elif _LIST_ITEM.match(raw):
            flush()
            item.append(_LIST_ITEM.sub("", raw).strip())
        elif text.startswith("#"):
            flush()
            lines.append(text.lstrip("#").strip())
        elif item:
            item.append(text)
        else:
            paragraph.append(text)
    flush()
    return [line for line in lines if line]


def _same(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def build_easy_read(
    lesson: Lesson,
    locale: Locale,
    pack: CountryPack,
    ui: Callable[[str], str],
    settings: RenderSettings,
    pictures: tuple[PictureView, ...],
) -> EasyReadView:
    """The lesson's easy-read lines in the locale's language, each with its symbol."""
    assets = Assets(settings.root, settings.assets)
    warnings: list[Problem] = []
    own = {p.name: p for p in pictures}
    # A character is named in the text by the capitalised word its alt text starts with, or, in
    # a script without capitals, by the alt text's word that is not the article's noun.
    characters = {name: _character_names(p.alt, locale.language) for name, p in own.items() if name in CHARACTERS}

    def symbol(text: str) -> PictureView | None:
        words = set(re.findall(r"\w+", _plain(text)))
        for name, names in characters.items():
            if names & words:
                return own[name]
        found = line_symbol(text, locale.language)
        if found is None:
            return None
        if found in own:  # the lesson's own picture, with the alt text translated with the lesson
            return own[found]
        return PictureView(found, settings.handouts_url(picture_file(found)), ui(SYMBOL_LABELS[found]))

    def line(text: str, where: Location) -> EasyLine:
        html, found = render_inline(text, pack, where, assets)
        warnings.extend(found)
        return EasyLine(Markup(html), symbol(text))

    key_lines = tuple(line(m, lesson.location("key_messages")) for m in lesson.key_messages)
    # Only a whole key message is left out: a sentence of one may be a step of the handout's list.
    said = {_same(m) for m in lesson.key_messages}
    sections = lesson.sections_of("handout")
    lines: list[EasyLine] = []
    draw = 0
    if sections:
        section = sections[0]
        where = Location(section.location.path, section.location.line + 1, 1)
        draw = int(section.attrs.get("draw", "0"))
        for text in source_lines(section.text):
            if _same(text) not in said:
                said.add(_same(text))
                lines.append(line(text, where))
    help_lines = tuple(
        line(text, Location(s.location.path, s.location.line + 1, 1))
        for s in lesson.sections_of("help")
        for text in source_lines(s.text)
    )
    return EasyReadView(key_lines, tuple(lines), draw, help_lines, tuple(warnings))


def _plain(text: str) -> str:
    return re.sub("[\u064b-\u065f\u0670\u0640]", "", text)


def _character_names(alt: str, language: str) -> set[str]:
    words = re.findall(r"\w+", _plain(alt))
    if language.startswith("ar"):
        # "الدبّ بنّي يبتسم", "السنجاب سامي": the name is the word without the article "ال".
        return {w for w in words[:2] if not w.startswith("ال") and len(w) >= 3}
    return {words[0]} if words and words[0][:1].isupper() and len(words[0]) >= 3 else set()
