"""A guide's page (parents and carers, educators): the body as written, help sections as boxes."""

from __future__ import annotations

from lessonkit.model import Lesson
from lessonkit.render.site import layout
from lessonkit.render.site.context import LocaleContext
from lessonkit.render.site.downloads import lesson_downloads
from lessonkit.render.site.text import escape, front_matter, heading, raw_block

# How each section kind that may appear in a guide is shown; others become plain blocks.
BOXES = {"help": ("tip lk-help", "Where to get help"), "safeguarding": ("warning lk-safeguarding", "Safeguarding")}


def guide_markdown(ctx: LocaleContext, lesson: Lesson) -> str:
    """The Markdown of one guide page."""
    page = layout.lesson_page(lesson)

    def section_html(kind: str) -> str:
        css, title = BOXES.get(kind, ("note", ""))
        heading = f'<p class="admonition-title">{escape(ctx.t(title))}</p>\n' if title else ""
        return f'<div class="admonition {css}">\n{heading}'

    description = escape(ctx.plain(lesson.summary, lesson)) if lesson.summary else ""
    parts = [front_matter({"description": description} if description else {}), heading(1, lesson.title, lesson.id)]
    if lesson.summary:
        parts.append(raw_block(ctx.html(lesson.summary, page, lesson), "lk-summary"))
    parts.append(raw_block(_help_now(ctx, page), "lk-help-callout"))
    parts.append(ctx.body_html(lesson, page, section_html))
    if lesson.key_messages:
        parts.append(ctx.heading(2, "Key messages"))
        parts.append(raw_block("<ul>\n" + "".join(f"<li>{escape(m)}</li>\n" for m in lesson.key_messages) + "</ul>"))
    parts.append(ctx.heading(2, "Download"))
    parts.append(raw_block(lesson_downloads(ctx, lesson, page), "lk-download-block"))
    return "\n".join(parts)


def _help_now(ctx: LocaleContext, page: str) -> str:
    href = layout.html_link(layout.HELP, page)
    text = ctx.t("Worried about a child right now? See who can help in {country}.").format(country=ctx.pack.name)
    return f'<p class="lk-callout"><a href="{href}">{escape(text)}</a></p>'
