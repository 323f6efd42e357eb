"""A student lesson's page: what a teacher reads on screen before and during the lesson."""

from __future__ import annotations

import base64

from lessonkit.frameworks import curriculum_links
from lessonkit.load.cards import CardSet
from lessonkit.load.quiz import ORDER, Question, QuizOption, lesson_questions, shown_order
from lessonkit.locale.adaptations import adaptations
from lessonkit.model import Lesson, Section
from lessonkit.pictures import picture_file
from lessonkit.render.settings import HANDOUTS_DIR
from lessonkit.render.site import layout
from lessonkit.render.site.context import LocaleContext
from lessonkit.render.site.downloads import lesson_downloads, slide_previews
from lessonkit.render.site.text import escape, front_matter, heading, raw_block
from lessonkit.shipped import project_or_shipped

STAGE_LABELS = {"starter": "Starter", "main": "Main activity", "plenary": "Plenary"}
# Lessons for children up to this age show their handout with a "Read aloud" button.
READ_ALOUD_UP_TO_AGE = 7


def lesson_markdown(ctx: LocaleContext, lesson: Lesson) -> str:
    """The Markdown of one lesson page."""
    page = layout.lesson_page(lesson)
    t = ctx.t
    parts = [
        _front_matter(ctx, lesson),
        heading(1, lesson.title, lesson.id),
        _pictures(ctx, lesson),
        _facts(ctx, lesson, page),
    ]
    if lesson.summary:
        parts.append(raw_block(ctx.html(lesson.summary, page, lesson), "lk-summary"))
    parts.append(ctx.heading(2, "Materials"))
    parts.append(raw_block(lesson_downloads(ctx, lesson, page), "lk-download-block"))
    previews = slide_previews(ctx, lesson, page)
    if previews:
        parts.append(
            raw_block(f'<p class="lk-previews-title">{escape(t("First slides"))}</p>\n{previews}', "lk-preview-block")
        )
    parts.append(ctx.heading(2, "Learning objectives"))
    parts.append(raw_block("<ul>\n" + "".join(f"<li>{escape(o)}</li>\n" for o in lesson.objectives) + "</ul>"))
    parts.append(_curriculum_links(ctx, lesson))
    if lesson.vocabulary:
        parts.append(ctx.heading(2, "Vocabulary"))
        terms = "".join(f"<dt>{escape(k)}</dt>\n<dd>{escape(v)}</dd>\n" for k, v in lesson.vocabulary.items())
        parts.append(raw_block(f'<dl class="lk-vocabulary">\n{terms}</dl>'))
    for section in lesson.sections_of("safeguarding"):
        parts.append(_admonition(ctx, lesson, "warning lk-safeguarding", t("Safeguarding"), section, page))
    parts.append(_plan(ctx, lesson, page))
    parts.append(_cards(ctx, lesson, page))
    parts.append(_adaptations(ctx, lesson))
    for section in lesson.sections_of("teacher-note"):
        parts.append(_admonition(ctx, lesson, "info", t("Background for the teacher"), section, page))
    parts.append(_quiz(ctx, lesson, page))
    if lesson.key_messages:
        parts.append(ctx.heading(2, "Key messages"))
        parts.append(raw_block("<ul>\n" + "".join(f"<li>{escape(m)}</li>\n" for m in lesson.key_messages) + "</ul>"))
    parts.append(_read_aloud(ctx, lesson, page))
    for section in lesson.sections_of("family"):
        parts.append(ctx.heading(2, "For families"))
        parts.append(raw_block(ctx.html(section.text, page, lesson)))
    for section in lesson.sections_of("help"):
        parts.append(_admonition(ctx, lesson, "tip lk-help", t("Where to get help"), section, page))
    parts.append(_sources(ctx, lesson))
    return "\n".join(parts)


def _front_matter(ctx: LocaleContext, lesson: Lesson) -> str:
    # The description feeds <meta name="description" content="...">, which the theme prints as it
    # is: the summary's words, escaped here once (the YAML dumper takes care of the YAML).
    return front_matter({"description": escape(ctx.plain(lesson.summary, lesson))} if lesson.summary else {})


def _pictures(ctx: LocaleContext, lesson: Lesson) -> str:
    """The lesson's pictures with their translated alt text, and the credit their licence asks for.

    Inline `data:` SVGs: a page carries its own few kilobytes of pictures, and the bundled set
    needs no copy in the site's assets.
    """
    if not lesson.pictures:
        return ""
    images = "".join(
        f'<img src="data:image/svg+xml;base64,{_svg_base64(ctx, p.name)}" alt="{escape(p.alt)}" width="96" height="96">'
        for p in lesson.pictures
    )
    credit = ctx.t(
        "Pictures designed by OpenMoji, the open-source emoji and icon project (openmoji.org). Licence: CC BY-SA 4.0."
    )
    return raw_block(f'<p class="lk-pictures">{images}</p>\n<p class="lk-credit"><small>{escape(credit)}</small></p>')


def _svg_base64(ctx: LocaleContext, name: str) -> str:
    folder = project_or_shipped(ctx.root, HANDOUTS_DIR)
    return base64.b64encode((folder / picture_file(name)).read_bytes()).decode("ascii")


def _minutes(ctx: LocaleContext, minutes: int) -> str:
    """A length in minutes in the plural form the number needs (Arabic: 5 دقائق, 12 دقيقة)."""
    return ctx.localized.plural("{minutes} minute", "{minutes} minutes", minutes).format(minutes=ctx.number(minutes))


def _facts(ctx: LocaleContext, lesson: Lesson, page: str) -> str:
    t = ctx.t
    band_href = layout.html_link(layout.band_page(lesson.band or ""), page)
    topic_href = layout.html_link(layout.TOPICS, page) + f"#topic-{lesson.topic}"
    rows = [
        (t("Age band"), f'<a href="{band_href}">{escape(ctx.band_label(lesson.band))}</a>'),
        (t("Topic"), f'<a href="{topic_href}">{escape(ctx.topic_title(lesson.topic))}</a>'),
        (t("Duration"), escape(_minutes(ctx, lesson.duration or 0))),
    ]
    items = "".join(f"<div><dt>{escape(label)}</dt><dd>{value}</dd></div>\n" for label, value in rows)
    return raw_block(f'<dl class="lk-facts">\n{items}</dl>')


def _admonition(ctx: LocaleContext, lesson: Lesson, kind: str, title: str, section: Section, page: str) -> str:
    body = ctx.html(section.text, page, lesson)
    return raw_block(
        f'<div class="admonition {kind}">\n<p class="admonition-title">{escape(title)}</p>\n{body}</div>', "lk-box"
    )


def _curriculum_links(ctx: LocaleContext, lesson: Lesson) -> str:
    """The framework outcomes the lesson covers, under the objectives, as in the printed plan."""
    links = curriculum_links(lesson.frameworks)
    if not links:
        return ""
    rows = "".join(f"<li>{escape(link.framework)}: {escape('; '.join(link.outcomes))}</li>\n" for link in links)
    return ctx.heading(3, "Curriculum links") + raw_block(f'<ul class="lk-curriculum-links">\n{rows}</ul>')


def _adaptations(ctx: LocaleContext, lesson: Lesson) -> str:
    """The plan's SEND/EAL box, for the teacher preparing on screen (the same advice as the printed plan)."""
    box = adaptations(lesson.band, ctx.t)
    if box is None:
        return ""

    def column(heading: str, advice: tuple[str, ...]) -> str:
        items = "".join(f"<li>{escape(a)}</li>\n" for a in advice)
        return f'<p class="lk-adapt-heading"><strong>{escape(heading)}</strong></p>\n<ul>\n{items}</ul>\n'

    body = column(box.send_heading, box.send) + column(box.eal_heading, box.eal)
    return raw_block(
        f'<details class="admonition note lk-adapt">\n<summary>{escape(box.heading)}</summary>\n{body}</details>',
        "lk-box",
    )


def _plan(ctx: LocaleContext, lesson: Lesson, page: str) -> str:
    t = ctx.t
    out = [ctx.heading(2, "Lesson plan")]
    for section in lesson.sections_of("ground-rules"):
        out.append(ctx.heading(3, "Ground rules"))
        out.append(raw_block(ctx.html(section.text, page, lesson)))
    activities = lesson.sections_of("activity")
    rows = []
    start = 0
    for number, activity in enumerate(activities, start=1):
        end = start + activity.minutes
        stage = t(STAGE_LABELS.get(activity.stage, activity.stage))
        when = t("{start}–{end} min").format(start=ctx.number(start), end=ctx.number(end))
        rows.append(
            f'<tr><td>{escape(when)}</td><td>{escape(stage)}</td><td><a href="#activity-{number}">'
            f"{escape(activity.title)}</a></td><td>{activity.minutes}</td></tr>\n"
        )
        start = end
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in (t("Time"), t("Stage"), t("Activity"), t("Minutes")))
    out.append(
        raw_block(
            f'<table class="lk-plan">\n<caption>{escape(t("Timed plan"))}</caption>\n'
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n{''.join(rows)}</tbody>\n</table>"
        )
    )
    for number, activity in enumerate(activities, start=1):
        stage = t(STAGE_LABELS.get(activity.stage, activity.stage))
        minutes = _minutes(ctx, activity.minutes)
        out.append(heading(3, activity.title, f"activity-{number}"))
        out.append(raw_block(f'<p class="lk-stage">{escape(stage)} · {escape(minutes)}</p>', "lk-meta"))
        out.append(raw_block(ctx.html(activity.text, page, lesson)))
    return "\n".join(out)


def _cards(ctx: LocaleContext, lesson: Lesson, page: str) -> str:
    """The lesson's cut-out cards, as the sheet prints them, for the teacher preparing on screen.

    Each set: its title, instructions and cards in the sheet's order (an ordering task's cards
    shuffled and numbered as printed), and the answer key that only the teacher's plan prints,
    folded away as the quiz answers are: the page is the teacher's, and a class looking at a
    projected page does not see the answers unless the teacher opens them. Card text goes
    through the same sanitiser as all lesson text; the PDF stays the thing to print.
    """
    t = ctx.t
    sets = [(s, c) for s, c in zip(lesson.sections_of("cards"), lesson.document.card_sets, strict=True) if c]
    if not sets:
        return ""
    out = [ctx.heading(2, "Cut-out cards")]
    for number, (section, card_set) in enumerate(sets, start=1):
        out.append(heading(3, card_set.title or section.title or t("Cut-out cards"), f"cards-{number}"))
        order = card_set.sheet_order()
        items = []
        for place, index in enumerate(order, start=1):
            label = f'<span class="lk-card-number">{ctx.number(place)}</span> ' if card_set.ordered else ""
            items.append(
                f'<li class="lk-cutout">{label}{_inline(ctx, card_set.cards[index].text, page, lesson)}</li>\n'
            )
        body = [ctx.html(card_set.instructions, page, lesson) if card_set.instructions else ""]
        body.append(f'<ul class="lk-cutouts">\n{"".join(items)}</ul>')
        body.append(_card_answers(ctx, lesson, page, card_set, order))
        out.append(raw_block("\n".join(part for part in body if part), "lk-card-set"))
    return "\n".join(out)


def _card_answers(ctx: LocaleContext, lesson: Lesson, page: str, card_set: CardSet, order: tuple[int, ...]) -> str:
    """The answer key of a card set, as the teacher's plan prints it, in a disclosure ("" without one)."""
    t = ctx.t
    answered = any(card.answer for card in card_set.cards)
    if not (card_set.ordered or answered):
        return ""
    parts = []
    if card_set.ordered:
        position = {index: place for place, index in enumerate(order, start=1)}
        right = ", ".join(ctx.number(position[index]) for index in range(len(card_set.cards)))
        parts.append(f"<p>{escape(t('The right order of the numbered cards: {order}').format(order=right))}</p>")
    if answered:
        rows = []
        for place, index in enumerate(order, start=1):
            card = card_set.cards[index]
            label = f'<span class="lk-card-number">{ctx.number(place)}</span> ' if card_set.ordered else ""
            answer = f" – {_inline(ctx, card.answer, page, lesson)}" if card.answer else ""
            rows.append(f"<li>{label}{_inline(ctx, card.text, page, lesson)}{answer}</li>\n")
        parts.append(f'<ul class="lk-card-answers">\n{"".join(rows)}</ul>')
    return f'<details class="lk-card-key"><summary>{escape(t("Answer key"))}</summary>\n{"".join(parts)}\n</details>'


def _inline(ctx: LocaleContext, text: str, page: str, lesson: Lesson) -> str:
    """A short piece of lesson Markdown (a card) as sanitised inline HTML: its one paragraph unwrapped."""
    html = ctx.html(text, page, lesson).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


def _quiz(ctx: LocaleContext, lesson: Lesson, page: str) -> str:
    """The quiz: every question with its answer to unfold.

    A question with options is also a small form (radio buttons, tick boxes or step numbers) that
    lessonkit.js checks, showing the feedback the lesson gives for each choice in a live region.
    Without JavaScript the form has no button and the answer stays in "Show the answer".
    """
    t = ctx.t
    questions = lesson_questions(lesson)
    if not questions:
        return ""

    def asked(question: Question) -> str:
        return _question_form(ctx, lesson, question) if question.structured else ctx.html(question.prompt, page, lesson)

    entries = "".join(
        f"<li>{asked(question)}<details><summary>{escape(t('Show the answer'))}</summary>"
        f"{ctx.html(question.answer_key(), page, lesson)}</details></li>\n"
        for question in questions
    )
    return ctx.heading(2, "Quiz") + raw_block(f'<ol class="lk-quiz">\n{entries}</ol>')


def _question_form(ctx: LocaleContext, lesson: Lesson, question: Question) -> str:
    t = ctx.t
    # The radio group's name: the lesson and the question (`q2`). An option's id already names its
    # question (`q2-o1`), so its element id is the lesson's id and the option's, once each: unique
    # on the page, and unlike any heading id (those are words or `activity-N`).
    name = f"{lesson.id}-{question.id}"

    def element_id(option: QuizOption) -> str:
        return f"{lesson.id}-{option.id}"

    def words(text: str) -> str:
        return escape(ctx.plain(text, lesson))

    options = []
    if question.kind == ORDER:
        # Shown in an order of their own (the same in every build and language), numbered by the learner.
        steps = [(index + 1, question.options[index]) for index in shown_order(lesson.id, question)]
        numbers = "".join(f'<option value="{n}">{ctx.number(n)}</option>' for n in range(1, len(steps) + 1))
        for place, option in steps:
            options.append(
                f'<div class="lk-option lk-step"><select id="{element_id(option)}" data-place="{place}">'
                f'<option value="">–</option>{numbers}</select>'
                f'<label for="{element_id(option)}">{words(option.text)}</label>'
                f'<p class="lk-feedback" hidden>{words(option.feedback)}</p></div>'
            )
    else:
        kind = "checkbox" if question.multiple else "radio"
        for option in question.options:
            options.append(
                f'<div class="lk-option"><input type="{kind}" id="{element_id(option)}" name="{name}" '
                f'data-correct="{"true" if option.correct else "false"}">'
                f'<label for="{element_id(option)}">{words(option.text)}</label>'
                f'<p class="lk-feedback" hidden>{words(option.feedback)}</p></div>'
            )
    return (
        f'<fieldset class="lk-quiz-item" data-lk-quiz data-kind="{question.kind}" '
        f'data-right="{escape(t("Right!"))}" data-wrong="{escape(t("Not quite."))}" '
        f'data-empty="{escape(t("Choose an answer first."))}">\n'
        f"<legend>{words(question.prompt)}</legend>\n"
        + "\n".join(options)
        + f'\n<p class="lk-quiz-actions lk-needs-js"><button type="button" class="md-button" data-lk-check>'
        f"{escape(t('Check the answer'))}</button></p>\n"
        '<div class="lk-quiz-result" role="status" aria-live="polite"></div>\n</fieldset>'
    )


def _sources(ctx: LocaleContext, lesson: Lesson) -> str:
    config = ctx.curriculum.config
    found = [s for s in config.sources if s.id in lesson.sources]
    if not found:
        return ""
    items = "".join(f"<li>{escape(s.summary)}</li>\n" for s in found)
    intro = ctx.t("This lesson answers these findings and recommendations of {report}.").format(
        report=config.report.title
    )
    return ctx.heading(2, "Why this lesson") + raw_block(f"<p>{escape(intro)}</p>\n<ul>\n{items}</ul>")


def _read_aloud(ctx: LocaleContext, lesson: Lesson, page: str) -> str:
    """The handout's words for the youngest, with buttons that read them aloud; "" for older bands.

    The text is what the printed handout says (its title, "Remember", the handout section, the
    words to know). lessonkit.js shows the buttons only where the device has a voice of its own
    (no network) for the page's language, and reads with the browser's speech synthesis.
    """
    band = ctx.curriculum.config.band(lesson.band or "")
    handouts = lesson.sections_of("handout")
    if band is None or band.ages[1] > READ_ALOUD_UP_TO_AGE or not (handouts or lesson.key_messages):
        return ""
    t = ctx.t
    title = handouts[0].title if handouts and handouts[0].title else lesson.title
    text = [f"<h3>{escape(title)}</h3>"]
    if lesson.key_messages:
        items = "".join(f"<li>{escape(m)}</li>" for m in lesson.key_messages)
        text.append(f"<p><strong>{escape(t('Remember'))}</strong></p>\n<ul>{items}</ul>")
    if handouts:
        text.append(ctx.html(handouts[0].text, page, lesson))
    if lesson.vocabulary:
        terms = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in lesson.vocabulary.items())
        text.append(f'<p><strong>{escape(t("Words to know"))}</strong></p>\n<dl class="lk-vocabulary">{terms}</dl>')
    controls = (
        '<p class="lk-read-controls">'
        f'<button type="button" class="md-button md-button--primary" data-lk-read-start hidden>'
        f"{escape(t('Read aloud'))}</button> "
        f'<button type="button" class="md-button" data-lk-read-stop hidden>{escape(t("Stop reading"))}</button></p>'
    )
    note = escape(t("The device reads the handout with its own voice: nothing is sent over the internet."))
    return ctx.heading(2, "The handout, to read aloud", "read-aloud") + raw_block(
        f'<div class="lk-read-aloud" data-lk-read>\n{controls}\n<p class="lk-read-note" hidden>{note}</p>\n'
        f'<div class="lk-read-text">\n{"".join(text)}\n</div>\n</div>'
    )
