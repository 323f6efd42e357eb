"""Print HTML for each kind of document, from the templates in `handouts/templates/`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2

from lessonkit import __version__
from lessonkit.document_kinds import EASY_READ, HANDBOOK, kind_of
from lessonkit.locale.country_pack import CountryPack
from lessonkit.locale.locales import Locale
from lessonkit.model import Lesson
from lessonkit.pictures import CHARACTERS
from lessonkit.problems import Problem
from lessonkit.render.html.easy_read import build_easy_read
from lessonkit.render.html.view import build_view
from lessonkit.render.settings import RenderSettings
from lessonkit.render.slides.style import band_classes


@dataclass(frozen=True)
class HtmlDocument:
    """The HTML fed to WeasyPrint, with its title and the warnings met while rendering it."""

    kind: str
    title: str
    lang: str
    html: str
    warnings: tuple[Problem, ...]


@cache
def environment(templates: Path) -> jinja2.Environment:
    """The template environment: autoescaping on, undefined names are errors."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_lesson_html(
    kind: str,
    lesson: Lesson,
    locale: Locale,
    pack: CountryPack,
    ui: Callable[[str], str],
    settings: RenderSettings,
) -> HtmlDocument:
    """One lesson's document of the given kind (a row of `document_kinds.KINDS` drawn from a template)."""
    row = kind_of(kind)
    view = build_view(lesson, locale, pack, ui, settings)
    title = f"{lesson.title}: {ui(row.title_label)}"
    band = settings.config.band(lesson.band) if lesson.band else None
    body_class = f"{row.body_class} {band_classes(band)}"
    extra: dict[str, object] = {}
    warnings = view.warnings
    if kind == EASY_READ:
        easy = build_easy_read(lesson, locale, pack, ui, settings, view.pictures)
        # Its lines are the handout's own text again: each warning is said once.
        warnings += tuple(w for w in easy.warnings if w not in warnings)
        extra["easy"] = easy
    html = _render(row.template, settings, ui, title, locale, body_class, view=view, **extra)
    return HtmlDocument(kind, title, locale.language, html, warnings)


def render_handbook_html(
    band_id: str,
    lessons: Sequence[Lesson],
    locale: Locale,
    pack: CountryPack,
    ui: Callable[[str], str],
    settings: RenderSettings,
) -> HtmlDocument:
    """The handbook of one band: every lesson plan of the band, with a table of contents."""
    views = [build_view(lesson, locale, pack, ui, settings) for lesson in lessons]
    band = settings.config.band(band_id)
    handbook = kind_of(HANDBOOK)
    title = f"{ui(handbook.title_label)}: {ui(band.label) if band else band_id}"
    # The cover shows the band's characters, each once; the services are printed once, at the end.
    characters = list({p.name: p for v in views for p in v.pictures if p.name in CHARACTERS}.values())
    services = list({entry.name: entry for v in views for entry in v.student_help}.values())
    html = _render(
        handbook.template,
        settings,
        ui,
        title,
        locale,
        f"{handbook.body_class} {band_classes(band)}",
        views=views,
        characters=characters,
        services=services,
    )
    warnings = tuple(w for v in views for w in v.warnings)
    return HtmlDocument(HANDBOOK, title, locale.language, html, warnings)


def _isolated(text: str, direction: str) -> str:
    """`text` between LRI and PDI in right-to-left documents (WeasyPrint honours the characters, not CSS)."""
    return f"\u2066{text}\u2069" if direction == "rtl" else text


def _render(
    template: str,
    settings: RenderSettings,
    ui: Callable[[str], str],
    title: str,
    locale: Locale,
    body_class: str,
    **values: object,
) -> str:
    config = settings.config
    report = config.report
    meta = {
        "curriculum": ui(config.title),
        "version": config.version,
        "updated": config.updated.isoformat(),
        # Version and date as one left-to-right run: after Arabic text the bidi algorithm would
        # read their digits as Arabic numbers and print "(30-11-2026)".
        "edition": _isolated(f"{config.version} ({config.updated.isoformat()})", locale.direction),
        "licence": config.licence,
        "licence_url": config.licence_url,
        "generator": __version__,
        "description": title,
        "keywords": f"{config.title}; version {config.version}",
        "report": f"{report.publisher}, {report.title} ({report.year}), {report.chapter}. {report.url}",
        # Every document shows OpenMoji pictures (at least the icons of its boxes): credit them as OpenMoji asks.
        "pictures_credit": ui(
            "Pictures designed by OpenMoji, the open-source emoji and icon project (openmoji.org). "
            "Licence: CC BY-SA 4.0."
        ),
    }
    return (
        environment(settings.handouts / "templates")
        .get_template(template)
        .render(
            _=ui,
            doc_title=title,
            view_lang=locale.language,
            view_dir=locale.direction,
            body_class=body_class,
            meta=meta,
            **values,
        )
    )
