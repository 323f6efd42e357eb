"""The pages people arrive on: home with three doors, and the listings by band, topic and audience."""

from __future__ import annotations

from pathlib import PurePosixPath

from lessonkit.model import Lesson
from lessonkit.render.sanitise import link_target
from lessonkit.render.site import layout
from lessonkit.render.site.cards import lesson_cards, lesson_filters
from lessonkit.render.site.context import LocaleContext
from lessonkit.render.site.downloads import handbook_download
from lessonkit.render.site.text import escape, front_matter, heading, raw_block


def _p(text: str) -> str:
    return raw_block(f"<p>{escape(text)}</p>", "lk-summary")


def _item(ctx: LocaleContext, lesson: Lesson, from_page: str) -> str:
    href = layout.link(layout.lesson_page(lesson), from_page)
    length = ctx.localized.plural("{minutes} minute", "{minutes} minutes", lesson.duration or 0)
    minutes = f" · {length.format(minutes=ctx.number(lesson.duration))}" if lesson.duration else ""
    # The summary's words only; in a <span> so that no summary can start a Markdown list or quote.
    words = ctx.plain(lesson.summary, lesson) if lesson.summary else ""
    summary = f'  \n    <span class="lk-item-summary">{escape(words)}</span>' if words else ""
    return f"-   [{escape(lesson.title)}]({href}){escape(minutes)}{summary}\n"


def home_markdown(ctx: LocaleContext) -> str:
    """Home: what this is, who it is for, its licence, and a door for each kind of visitor."""
    t = ctx.t
    config = ctx.curriculum.config
    ages = f"{config.bands[0].ages[0]}–{config.bands[-1].ages[1]}" if config.bands else ""
    doors = [
        (t("Teachers"), t("Lesson plans, slides and handouts for every age band, ready to teach."), layout.TEACHERS),
        (
            t("Parents and carers"),
            t("Short guides on talking with your child and what to do if something happens."),
            layout.PARENTS,
        ),
        (
            t("NGOs and translators"),
            t("Adapt, translate and share the curriculum; see what it covers."),
            layout.NGOS,
        ),
    ]
    cards = "".join(
        f"-   **[{escape(title)}]({layout.link(target, layout.HOME)})**\n\n    ---\n\n    {escape(text)}\n\n"
        for title, text, target in doors
    )
    licence = t("Free to use, adapt and share under {licence}.").format(licence=config.licence)
    return "\n".join(
        [
            front_matter({"hide": ["navigation", "toc"]}),
            ctx.heading(1, config.title),
            _p(
                t(
                    "Lessons that help children and young people aged {ages} stay safe online: how to spot "
                    "tricks and pressure, say no, and get help. With guides for parents, carers and educators."
                ).format(ages=ages)
            ),
            f'<div class="grid cards lk-doors" markdown>\n\n{cards}</div>\n',
            f"[{escape(t('Get help now'))}]({layout.link(layout.HELP, layout.HOME)}){{ .md-button .lk-help-button }}\n",
            raw_block(
                f'<p>{escape(licence)} <a href="{escape(link_target(config.licence_url))}" rel="license">'
                f"{escape(t('Read the licence'))}</a></p>",
                "lk-meta",
            ),
        ]
    )


def teachers_markdown(ctx: LocaleContext) -> str:
    """Teachers' door: every lesson as a card, filtered by age band and topic; the guides; the bands."""
    t = ctx.t
    page = layout.TEACHERS
    lessons = [x for x in ctx.curriculum.lessons if x.is_student_lesson]

    def band_line(band_id: str, duration: int) -> str:
        count = _count(ctx, band_id)
        text = _lessons(ctx, count).format(count=ctx.number(count), minutes=ctx.number(duration))
        href = layout.link(layout.band_page(band_id), page)
        return f"-   [{escape(ctx.band_label(band_id))}]({href}) · {escape(text)}\n"

    bands = "".join(band_line(b.id, b.duration) for b in ctx.curriculum.config.bands)
    return "\n".join(
        [
            ctx.heading(1, "For teachers"),
            _p(
                t(
                    "Every lesson has a timed plan, slides, a student handout (also in large print), a family "
                    "sheet to take home, and a safeguarding box. Read the guide for educators before the first lesson."
                )
            ),
            ctx.heading(2, "Find a lesson"),
            raw_block(lesson_filters(ctx, lessons) + "\n" + lesson_cards(ctx, lessons, page), "lk-catalogue"),
            ctx.heading(2, "Before you teach"),
            *[_item(ctx, x, page) for x in ctx.curriculum.lessons if x.audience == "educators"],
            ctx.heading(2, "Browse by age band"),
            bands,
            ctx.heading(2, "Browse by topic"),
            f"[{escape(t('All topics'))}]({layout.link(layout.TOPICS, page)})\n",
        ]
    )


def _lessons(ctx: LocaleContext, count: int) -> str:
    # The form for the count in the locale's language ("1 lesson", "2 lessons"; six forms in Arabic).
    return ctx.localized.plural("{count} lesson of {minutes} minutes", "{count} lessons of {minutes} minutes", count)


def _count(ctx: LocaleContext, band_id: str) -> int:
    return sum(1 for x in ctx.curriculum.lessons if x.is_student_lesson and x.band == band_id)


def band_markdown(ctx: LocaleContext, band_id: str) -> str:
    """One age band: its lessons and its handbook."""
    page = layout.band_page(band_id)
    lessons = [x for x in ctx.curriculum.lessons if x.is_student_lesson and x.band == band_id]
    title = heading(1, ctx.band_label(band_id), f"ages-{band_id}")
    if not lessons:
        return "\n".join([title, raw_block(_no_lessons(ctx, band_id, page), "lk-box")])
    return "\n".join(
        [
            title,
            raw_block(handbook_download(ctx, band_id, page), "lk-download-block"),
            raw_block(lesson_cards(ctx, lessons, page, "h2"), "lk-catalogue"),
        ]
    )


def _no_lessons(ctx: LocaleContext, band_id: str, page: str) -> str:
    """What a band page says when the band has no lesson in this language yet.

    The page stays, in the navigation too: every language's site keeps the same pages, so the
    language switcher and links shared between languages never lead nowhere, and a teacher sees
    that the age group exists rather than wondering whether it was forgotten. No handbook is
    offered (the print build makes none for an empty band). Where the source language's site
    has lessons for the band, the page links to its band page.
    """
    t = ctx.t
    source = ctx.source
    if source is None or band_id not in source.bands:
        none = t("No lessons for this age group yet.")
        return f'<div class="admonition note lk-no-lessons">\n<p>{escape(none)}</p>\n</div>'
    href = ctx.place.to_output(page, PurePosixPath(source.place.page_url(page)))
    language = ctx.language_label(source.place.locale.language)
    text = t("See the lessons for this age group in {language}").format(language=language)
    return (
        '<div class="admonition note lk-no-lessons">\n'
        f"<p>{escape(t('No lessons for this age group in this language yet.'))}</p>\n"
        f'<p><a href="{escape(href)}" hreflang="{escape(source.place.locale.language)}">{escape(text)}</a></p>\n'
        "</div>"
    )


def topics_markdown(ctx: LocaleContext) -> str:
    """Every topic with its lessons across the bands."""
    t = ctx.t
    page = layout.TOPICS
    parts = [ctx.heading(1, "Browse by topic")]
    for topic in ctx.curriculum.config.topics:
        lessons = [x for x in ctx.curriculum.lessons if x.topic == topic.id]
        if not lessons:
            continue
        parts.append(heading(2, ctx.topic_title(topic.id), f"topic-{topic.id}"))
        students = [x for x in lessons if x.is_student_lesson]
        if students:
            parts.append(raw_block(lesson_cards(ctx, students, page), "lk-catalogue"))
        for lesson in lessons:
            if not lesson.is_student_lesson:
                label = t(_audience_label(ctx, lesson.audience))
                href = layout.link(layout.lesson_page(lesson), page)
                parts.append(f"-   [{escape(lesson.title)}]({href}) · {escape(label)}\n")
    return "\n".join(parts)


def _audience_label(ctx: LocaleContext, audience_id: str) -> str:
    return next((a.label for a in ctx.curriculum.config.audiences if a.id == audience_id), audience_id)


def audience_markdown(ctx: LocaleContext, audience: str) -> str:
    """The list page of the parents' or educators' guides."""
    t = ctx.t
    page = layout.PARENTS if audience == "parents" else layout.EDUCATORS
    title = t("For parents and carers") if audience == "parents" else t("For educators")
    intro = (
        t("Short guides on talking with your child about life online, and on what to do if something happens.")
        if audience == "parents"
        else t("How to run these lessons safely and how to respond when a child tells you something.")
    )
    help_link = f"[{escape(t('Get help now'))}]({layout.link(layout.HELP, page)}){{ .md-button .lk-help-button }}\n"
    items = [_item(ctx, x, page) for x in ctx.curriculum.lessons if x.audience == audience]
    return "\n".join([heading(1, title, audience), _p(intro), *items, help_link])


def ngos_markdown(ctx: LocaleContext) -> str:
    """For NGOs and translators: the licence, adapting and translating, offline use, coverage."""
    t = ctx.t
    config = ctx.curriculum.config
    page = layout.NGOS
    steps = [
        t("Change the age bands and topics in lessons/curriculum.yml to fit your school system."),
        t("Add your country's help services in locales/countries/, checked against each service's own website."),
        t("Translate the lessons and the interface with any PO editor (Weblate, Poedit, Crowdin)."),
        t("Run make build: the site, handouts and slides are built for every language."),
    ]
    licence = t(
        "The lessons are licensed under {licence}: you may copy, adapt and translate them, also for your own "
        "programmes, as long as you credit the source and share your version under the same licence."
    ).format(licence=config.licence)
    offline = t(
        "The site works without internet: copy the built site folder to a USB stick and open index.html in any "
        "browser. It loads nothing from other websites and does not track its visitors."
    )
    return "\n".join(
        [
            ctx.heading(1, "For NGOs and translators"),
            _p(licence),
            ctx.heading(2, "What the curriculum covers"),
            f"[{escape(t('Coverage of the report'))}]({layout.link(layout.COVERAGE, page)})\n",
            ctx.heading(2, "Adapt and translate"),
            "".join(f"1.  {escape(step)}\n" for step in steps),
            ctx.heading(2, "Use it offline"),
            _p(offline),
            raw_block(
                f'<p><a href="{escape(link_target(config.licence_url))}" rel="license">'
                f"{escape(t('Read the licence'))}</a></p>",
                "lk-meta",
            ),
        ]
    )


def not_found_markdown(ctx: LocaleContext) -> str:
    """The locale's 404 page: where to go instead (the start page, help). Not in the navigation or search."""
    t = ctx.t
    page = layout.NOT_FOUND
    return "\n".join(
        [
            front_matter({"hide": ["navigation", "toc"], "search": {"exclude": True}}),
            heading(1, "404", "404"),
            f"[{escape(t('Home'))}]({layout.link(layout.HOME, page)}){{ .md-button }}\n"
            f"[{escape(t('Get help now'))}]({layout.link(layout.HELP, page)}){{ .md-button .lk-help-button }}\n",
        ]
    )
