"""Everything a page generator needs for one locale: the curriculum, help services and labels."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path, PurePosixPath

from babel import Locale as CldrLocale
from babel import UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal
from babel.units import format_unit

from lessonkit.load.lesson_file import load_lesson
from lessonkit.locale.country_pack import CountryPack
from lessonkit.localized import Localized
from lessonkit.model import Curriculum, Lesson
from lessonkit.problems import Location
from lessonkit.render.sanitise import Assets
from lessonkit.render.site import layout
from lessonkit.render.site.layout import LESSON_ASSETS, SitePlace
from lessonkit.render.site.materials import LessonFiles
from lessonkit.render.site.text import (
    LessonLinker,
    anchor,
    heading_words,
    inert,
    render_body,
    render_plain,
    render_text,
)
from lessonkit.render.site.text import heading as markdown_heading


@dataclass(frozen=True)
class SourceSite:
    """The site of the curriculum's source language, built beside another locale's."""

    place: SitePlace
    # The age bands with at least one student lesson in the source language.
    bands: frozenset[str]


@dataclass(frozen=True)
class LocaleContext:
    """One locale's inputs (translated curriculum, country pack, labels) and where its pages go."""

    localized: Localized
    place: SitePlace
    root: Path
    # The output folder, where the print build's files are (None: sizes are not known).
    output: Path | None = None
    # The ZIP and slide pictures made for each lesson, by lesson id.
    materials: Mapping[str, LessonFiles] = field(default_factory=dict)
    # The source language's site when it is built too and is not this one (an age band with no
    # lesson in this language points there); None otherwise.
    source: SourceSite | None = None

    @property
    def curriculum(self) -> Curriculum:
        """The curriculum in the locale's language."""
        return self.localized.curriculum

    @property
    def pack(self) -> CountryPack:
        """The country's help services, described in the locale's language."""
        return self.localized.pack

    @property
    def t(self) -> Callable[[str], str]:
        """The interface-string translator of the locale's language."""
        return self.localized.ui

    @property
    def language(self) -> str:
        """The locale's language code, e.g. `ar`."""
        return self.place.locale.language

    @cached_property
    def cldr(self) -> CldrLocale:
        """CLDR's data for the locale (en-IE: day before month), or for its language when CLDR has no such locale."""
        try:
            return CldrLocale.parse(self.place.locale.id, sep="-")
        except (UnknownLocaleError, ValueError):
            return CldrLocale.parse(self.language)

    def date(self, value: date) -> str:
        """A date written the way the locale writes it: en-IE "1 December 2026", de-DE "1. Dezember 2026"."""
        return format_date(value, format="long", locale=self.cldr)

    def number(self, value: int) -> str:
        """A whole number written the way the locale writes it (digits, grouping)."""
        return format_decimal(value, locale=self.cldr)

    def file_size(self, size: int) -> str:
        """A file's size as people of the locale write it: "340 kB", "1,2 MB"."""
        return file_size(size, self.cldr)

    def size(self, path: PurePosixPath) -> int | None:
        """The size of a built file (relative to the output root), None when it was not built."""
        if self.output is None:
            return None
        file = self.output / path
        return file.stat().st_size if file.is_file() and not file.is_symlink() else None

    def lesson_files(self, lesson: Lesson) -> LessonFiles:
        """What the print build wrote for `lesson` in this locale (nothing known: an empty record)."""
        return self.materials.get(lesson.id) or LessonFiles()

    def linker(self, from_page: str) -> LessonLinker:
        """Resolves `lesson:ID` links in text on `from_page` to relative URLs of lesson pages."""

        def resolve(lesson_id: str) -> str | None:
            target = self.curriculum.lesson(lesson_id)
            return layout.html_link(layout.lesson_page(target), from_page) if target else None

        return resolve

    def assets(self, from_page: str) -> Assets:
        """Where lesson images may come from, and their address from `from_page` (copied by the site build)."""
        folder = self.root / layout.LESSON_ASSETS_SOURCE

        def url(image: Path) -> str:
            relative = image.relative_to(folder.resolve()).as_posix()
            return self.place.to_output(from_page, PurePosixPath(LESSON_ASSETS, relative))

        return Assets(self.root, folder, url)

    def html(self, text: str, from_page: str, lesson: Lesson) -> str:
        """A piece of `lesson`'s Markdown as sanitised HTML for a page."""
        html = render_text(text, self.pack, Location(lesson.path), self.assets(from_page), self.linker(from_page))
        return inert(html)

    def plain(self, text: str, lesson: Lesson) -> str:
        """The words of a piece of `lesson`'s Markdown, unescaped (escape them where they are written)."""
        return render_plain(text, self.pack, Location(lesson.path), self.assets(""))

    def body_html(self, lesson: Lesson, from_page: str, section_html: Callable[[str], str]) -> str:
        """A guide's body as HTML, sections wrapped by `section_html`."""
        where = Location(lesson.path, lesson.body_line)
        anchors = body_anchors(lesson)
        return render_body(
            lesson.body, self.pack, where, self.assets(from_page), self.linker(from_page), section_html, anchors
        )

    def heading(self, level: int, msgid: str, anchor_id: str = "") -> str:
        """A heading of an interface string in this locale's words, its id from the source words (`anchor`)."""
        return markdown_heading(level, self.t(msgid), anchor_id or anchor(msgid, "section"))

    def language_label(self, language: str) -> str:
        """A language's name in this locale's language (in Arabic, English is الإنجليزية)."""
        return str(self.cldr.languages.get(language) or language)

    def band_label(self, band_id: str | None) -> str:
        """An age band's label in this locale."""
        band = self.curriculum.config.band(band_id or "")
        return self.t(band.label) if band else ""

    def topic_title(self, topic_id: str) -> str:
        """A topic's title in this locale."""
        topic = self.curriculum.config.topic(topic_id)
        return self.t(topic.title) if topic else topic_id


def body_anchors(lesson: Lesson) -> list[str]:
    """The ids of a guide body's top-level headings: the slugs of the source file's headings.

    A translated guide is the source file with other words and the same structure, so its n-th
    heading is the source's n-th: a link to a section is the same in every language and does not
    move when a section is added. The source is read again from the lesson's file (a guide has a
    few headings; only translated guides pay for it). Should the structure differ after all, or
    a heading have no Latin letter, the heading is numbered (`section-3`). Repeated ids are
    numbered for the whole page (`lessonkit.render.site.pages.unique_anchors`).
    """
    words = heading_words(lesson.body)
    if lesson.document.translated:
        source, _ = load_lesson(lesson.path)
        source_words = heading_words(source.body) if source is not None else []
        words = source_words if len(source_words) == len(words) else ["" for _ in words]
    return [anchor(text, f"section-{number}") for number, text in enumerate(words, start=1)]


def file_size(size: int, locale: CldrLocale) -> str:
    """`size` bytes in kB (whole) or MB (one decimal), in decimal units, written the locale's way."""
    if size < 1_000_000:
        return str(format_unit(max(1, round(size / 1000)), "digital-kilobyte", length="short", locale=locale))
    return str(format_unit(round(size / 1_000_000, 1), "digital-megabyte", length="short", locale=locale))
