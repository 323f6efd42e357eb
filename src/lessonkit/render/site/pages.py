"""All Markdown pages of one locale, by their path inside the locale's docs folder."""

from __future__ import annotations

import re

from lessonkit.render.site import layout
from lessonkit.render.site.context import LocaleContext
from lessonkit.render.site.coverage_page import coverage_markdown
from lessonkit.render.site.guide_page import guide_markdown
from lessonkit.render.site.help_page import help_markdown
from lessonkit.render.site.index_pages import (
    audience_markdown,
    band_markdown,
    home_markdown,
    ngos_markdown,
    not_found_markdown,
    teachers_markdown,
    topics_markdown,
)
from lessonkit.render.site.lesson_page import lesson_markdown
from lessonkit.render.site.text import escape


def locale_pages(ctx: LocaleContext) -> dict[str, str]:
    """Every page of the locale's site: path -> Markdown."""
    curriculum = ctx.curriculum
    pages = {
        layout.HOME: home_markdown(ctx),
        layout.TEACHERS: teachers_markdown(ctx),
        layout.TOPICS: topics_markdown(ctx),
        layout.PARENTS: audience_markdown(ctx, "parents"),
        layout.EDUCATORS: audience_markdown(ctx, "educators"),
        layout.NGOS: ngos_markdown(ctx),
        layout.COVERAGE: coverage_markdown(ctx),
        layout.HELP: help_markdown(ctx),
        layout.NOT_FOUND: not_found_markdown(ctx),
    }
    for band in curriculum.config.bands:
        pages[layout.band_page(band.id)] = band_markdown(ctx, band.id)
    for lesson in curriculum.lessons:
        markdown = lesson_markdown(ctx, lesson) if lesson.is_student_lesson else guide_markdown(ctx, lesson)
        pages[layout.lesson_page(lesson)] = markdown
    return {path: unique_anchors(markdown) for path, markdown in pages.items()}


# A heading written by `lessonkit.render.site.text.heading`: its words, then its explicit id.
_HEADING_ID = re.compile(r"^(#{1,6} .*) \{ #([A-Za-z0-9_-]+) \}$", re.M)


def unique_anchors(markdown: str) -> str:
    """The page with every heading id unique: a repeated one gets `-2`, `-3`, in page order.

    Explicit ids (attr_list) are kept as they are by the table of contents, which numbers only
    the ids it makes itself; a guide heading that reads like one of the page's own ("Key
    messages") would otherwise give two elements one id.
    """
    used: set[str] = set()

    def renamed(match: re.Match[str]) -> str:
        name = new = match[2]
        number = 1
        while new in used:
            number += 1
            new = f"{name}-{number}"
        used.add(new)
        return match[0] if new == name else f"{match[1]} {{ #{new} }}"

    return _HEADING_ID.sub(renamed, markdown)


def locale_nav(ctx: LocaleContext) -> list[object]:
    """The navigation of the locale's site, titles in its language (mkdocs `nav` format).

    mkdocs and the theme print nav titles as HTML, as they are: every title is escaped here, once.
    """

    def t(text: str) -> str:
        return escape(ctx.t(text))

    curriculum = ctx.curriculum
    teachers: list[object] = [{t("Overview"): layout.TEACHERS}]
    for band in curriculum.config.bands:
        lessons = [x for x in curriculum.lessons if x.is_student_lesson and x.band == band.id]
        teachers.append(
            {
                escape(ctx.band_label(band.id)): [
                    layout.band_page(band.id),
                    *({escape(x.title): layout.lesson_page(x)} for x in lessons),
                ]
            }
        )
    teachers.append({t("Browse by topic"): layout.TOPICS})

    def guides(audience: str, index: str) -> list[object]:
        found = [{escape(x.title): layout.lesson_page(x)} for x in curriculum.lessons if x.audience == audience]
        return [{t("Overview"): index}, *found]

    return [
        {t("Home"): layout.HOME},
        {t("Teachers"): teachers},
        {t("Parents and carers"): guides("parents", layout.PARENTS)},
        {t("Educators"): guides("educators", layout.EDUCATORS)},
        {t("NGOs and translators"): [{t("Overview"): layout.NGOS}, {t("Coverage of the report"): layout.COVERAGE}]},
        {t("Get help now"): layout.HELP},
    ]
