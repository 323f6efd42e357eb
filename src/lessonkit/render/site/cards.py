"""Lesson cards (title, age band, duration and topic badges, summary) and the band and topic filters.

The cards are plain HTML and every one of them is on the page: without JavaScript a teacher sees
all of them and can open the page of an age band or a topic. The filter form shows only where
scripts run (`lk-needs-js`); `lessonkit.js` hides the cards that do not match, says how many
are shown, and keeps the choice in the address (`#band=8-10&topic=privacy`). Nothing is loaded.
"""

from __future__ import annotations

from collections.abc import Sequence

from lessonkit.model import Lesson
from lessonkit.render.site import layout
from lessonkit.render.site.context import LocaleContext
from lessonkit.render.site.text import escape


def lesson_cards(ctx: LocaleContext, lessons: Sequence[Lesson], page: str, heading: str = "h3") -> str:
    """A list of cards, one per lesson, linking to the lesson pages from `page`."""
    bands = [band.id for band in ctx.curriculum.config.bands]
    cards = []
    for lesson in lessons:
        href = layout.html_link(layout.lesson_page(lesson), page)
        band = f"lk-band-{bands.index(lesson.band) + 1}" if lesson.band in bands else "lk-band-0"
        badges = []
        if lesson.band:
            badges.append(f'<span class="lk-badge lk-badge--band {band}">{escape(ctx.band_label(lesson.band))}</span>')
        if lesson.duration:
            minutes = ctx.localized.plural("{minutes} minute", "{minutes} minutes", lesson.duration).format(
                minutes=ctx.number(lesson.duration)
            )
            badges.append(f'<span class="lk-badge lk-badge--time">{escape(minutes)}</span>')
        badges.append(f'<span class="lk-badge lk-badge--topic">{escape(ctx.topic_title(lesson.topic))}</span>')
        words = ctx.plain(lesson.summary, lesson) if lesson.summary else ""
        summary = f'<p class="lk-card__summary">{escape(words)}</p>\n' if words else ""
        cards.append(
            f'<li class="lk-card" data-band="{escape(lesson.band or "")}" data-topic="{escape(lesson.topic)}">\n'
            f'<{heading} class="lk-card__title"><a href="{escape(href)}">{escape(lesson.title)}</a></{heading}>\n'
            f'<p class="lk-badges">{" ".join(badges)}</p>\n{summary}</li>\n'
        )
    return f'<ul class="lk-cards" data-lk-cards>\n{"".join(cards)}</ul>'


def lesson_filters(ctx: LocaleContext, lessons: Sequence[Lesson]) -> str:
    """The form that filters the cards of the page by age band and topic (shown where scripts run)."""
    t = ctx.t
    config = ctx.curriculum.config
    bands = [b for b in config.bands if any(x.band == b.id for x in lessons)]
    topics = [topic for topic in config.topics if any(x.topic == topic.id for x in lessons)]
    band_options = "".join(f'<option value="{escape(b.id)}">{escape(ctx.band_label(b.id))}</option>' for b in bands)
    topic_options = "".join(
        f'<option value="{escape(topic.id)}">{escape(ctx.topic_title(topic.id))}</option>' for topic in topics
    )
    count = t("Lessons shown: {shown} of {total}")
    none = t("No lesson matches this choice. Choose another age band or topic.")
    return (
        f'<form class="lk-filters lk-needs-js" data-lk-filters aria-label="{escape(t("Filter lessons"))}">\n'
        f'<div class="lk-filter"><label for="lk-filter-band">{escape(t("Age band"))}</label>'
        f'<select id="lk-filter-band" name="band"><option value="">{escape(t("All age bands"))}</option>'
        f"{band_options}</select></div>\n"
        f'<div class="lk-filter"><label for="lk-filter-topic">{escape(t("Topic"))}</label>'
        f'<select id="lk-filter-topic" name="topic"><option value="">{escape(t("All topics"))}</option>'
        f"{topic_options}</select></div>\n"
        f'<p class="lk-filter-count" role="status" aria-live="polite" data-template="{escape(count)}">'
        f"{escape(count.format(shown=ctx.number(len(lessons)), total=ctx.number(len(lessons))))}</p>\n"
        f"</form>\n"
        f'<p class="lk-filter-none" hidden>{escape(none)}</p>'
    )
