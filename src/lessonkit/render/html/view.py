"""A lesson prepared for the templates: every piece of Markdown turned into safe HTML, in document order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from lessonkit.document_kinds import CARDS, PRINTABLES, download_paths
from lessonkit.frameworks import CurriculumLink, curriculum_links
from lessonkit.load.cards import CardSet
from lessonkit.load.quiz import CHOICE, ORDER, SHORT, TRUE_FALSE, Question, lesson_questions, shown_order
from lessonkit.locale.adaptations import Adaptations, adaptations
from lessonkit.locale.country_pack import CountryPack
from lessonkit.locale.help_tokens import help_tokens_in
from lessonkit.locale.locales import Locale
from lessonkit.model import Config, Lesson, Section, Source
from lessonkit.pictures import picture_file
from lessonkit.problems import Location, Problem
from lessonkit.render.help.entries import ADULT_HELP, STUDENT_HELP, HelpEntry, help_entries
from lessonkit.render.help.slides import HelpSlide, deck_help_lines, help_slides
from lessonkit.render.html.markup import Assets, render_inline, render_markdown
from lessonkit.render.settings import RenderSettings
from lessonkit.render.slides.fit import BODY_SIZE, SlidePart, band_slide_parts
from lessonkit.render.slides.style import BandLook, band_look
from lessonkit.render.slides.text import plain_lines


@dataclass(frozen=True)
class Block:
    """One rendered section: an activity, a slide with its notes, the handout text..."""

    title: str
    html: Markup
    minutes: int = 0
    stage: str = ""
    notes: Markup = field(default_factory=Markup)
    # For a slide: the body's font size in points at which its text fits (render/slides/fit.py),
    # and the slides it is shown as (more than one when it holds more text than its band allows).
    size: int = BODY_SIZE
    parts: tuple[SlidePart, ...] = ()
    # For a handout: how many empty boxes it prints for drawing (`draw` attribute).
    draw: int = 0


@dataclass(frozen=True)
class PictureView:
    """A lesson's picture as the templates print it: its file (relative to the project root) and its alt text."""

    name: str
    src: str
    alt: str


@dataclass(frozen=True)
class CardView:
    """One card as printed: the number it carries on the sheet, its text and its answer for the teacher."""

    number: int
    html: Markup
    answer: Markup


@dataclass(frozen=True)
class CardSetView:
    """A `cards` section: its sheet (cards in sheet order) and its answer key."""

    title: str
    instructions: Markup
    cards: tuple[CardView, ...]
    ordered: bool
    # For an ordering task: the sheet numbers of the cards in the right order.
    right_order: tuple[int, ...]

    @property
    def has_answers(self) -> bool:
        """True when at least one card has an answer for the teacher."""
        return any(card.answer for card in self.cards)


@dataclass(frozen=True)
class QuizOptionView:
    """One option of a quiz item as printed: its text, whether it is right, and the feedback that teaches.

    `place` is a step's number in the right order (ordering items; 0 for other items).
    """

    html: Markup
    correct: bool
    feedback: Markup
    place: int = 0


@dataclass(frozen=True)
class QuizView:
    """One quiz question as the handout (options, no answers) and the plan's answer key print it.

    `options` are in the order the student's sheet prints them: as written for choice and
    true-false items, in a fixed shuffled order for ordering items (never the right one).
    """

    kind: str
    prompt: Markup
    answer: Markup = field(default_factory=Markup)
    options: tuple[QuizOptionView, ...] = ()
    multiple: bool = False
    scenario: bool = False

    @property
    def structured(self) -> bool:
        """True for an item with options (everything but a short answer)."""
        return self.kind != SHORT

    @property
    def right_order(self) -> tuple[QuizOptionView, ...]:
        """An ordering item's steps in their right order (the answer key lists them so)."""
        return tuple(sorted(self.options, key=lambda option: option.place))


@dataclass(frozen=True)
class Printable:
    """A document the teacher prints for the lesson, by its label and its file name."""

    label: str
    file: str


@dataclass(frozen=True)
class LessonView:
    """Everything a template shows about one lesson, already escaped or sanitised."""

    id: str
    title: str
    lang: str
    dir: str
    group_label: str
    topic: str
    duration: int | None
    summary: str
    objectives: tuple[Markup, ...]
    vocabulary: tuple[tuple[str, Markup], ...]
    key_messages: tuple[Markup, ...]
    ground_rules: Markup
    activities: tuple[Block, ...]
    slides: tuple[Block, ...]
    teacher_notes: tuple[Markup, ...]
    safeguarding: Markup
    quiz: tuple[QuizView, ...]
    handout: Block | None
    family: Markup
    help: Markup
    student_help: tuple[HelpEntry, ...]
    adult_help: tuple[HelpEntry, ...]
    help_slides: tuple[HelpSlide, ...]
    sources: tuple[str, ...]
    prose: Markup
    pictures: tuple[PictureView, ...] = ()
    cards: tuple[CardSetView, ...] = ()
    # The plan's at-a-glance box: what the teacher needs, and the documents to print.
    needs: tuple[str, ...] = ()
    printables: tuple[Printable, ...] = ()
    # The plan's SEND/EAL box (None for guides).
    adaptations: Adaptations | None = None
    # The framework outcomes the lesson covers (its `frameworks`).
    curriculum_links: tuple[CurriculumLink, ...] = ()
    warnings: tuple[Problem, ...] = field(default=())


class _Renderer:
    """Collects warnings while turning the lesson's pieces into HTML."""

    def __init__(self, lesson: Lesson, pack: CountryPack, settings: RenderSettings) -> None:
        self.lesson = lesson
        self.pack = pack
        self.assets = Assets(settings.root, settings.assets)
        self.warnings: list[Problem] = []

    def block(self, text: str, where: Location | None = None) -> Markup:
        html, found = render_markdown(text, self.pack, where or self.lesson.location(), self.assets)
        self.warnings += found
        return Markup(html)

    def inline(self, text: str, where: Location | None = None) -> Markup:
        html, found = render_inline(text, self.pack, where or self.lesson.location(), self.assets)
        self.warnings += found
        return Markup(html)

    def section(self, kind: str) -> Markup:
        return Markup("").join(self.block(s.text, _inside(s)) for s in self.lesson.sections_of(kind))


def build_view(
    lesson: Lesson, locale: Locale, pack: CountryPack, ui: Callable[[str], str], settings: RenderSettings
) -> LessonView:
    """The lesson as the templates see it, for one locale."""
    r = _Renderer(lesson, pack, settings)
    config = settings.config
    band = config.band(lesson.band) if lesson.band else None
    audience = next((a for a in config.audiences if a.id == lesson.audience), None)
    group_label = ui(band.label) if band else ui(audience.label if audience else lesson.audience)
    help_sections = lesson.sections_of("help")
    handouts = lesson.sections_of("handout")
    sources = {s.id: s for s in config.sources}
    used_tokens = tuple(help_tokens_in(s.text for s in help_sections))
    student_help = help_entries(pack, used_tokens + STUDENT_HELP, ui)
    handout = _block(r, handouts[0]) if handouts else None
    parsed = zip(lesson.sections_of("cards"), lesson.document.card_sets, strict=True)
    cards = tuple(view for view in (_cards(r, s, c) for s, c in parsed) if view is not None)
    return LessonView(
        id=lesson.id,
        title=lesson.title,
        lang=locale.language,
        dir=locale.direction,
        group_label=group_label,
        topic=ui(topic.title) if (topic := config.topic(lesson.topic)) else lesson.topic,
        duration=lesson.duration,
        summary=lesson.summary,
        objectives=tuple(r.inline(o, lesson.location("objectives")) for o in lesson.objectives),
        vocabulary=tuple((t, r.inline(d, lesson.location("vocabulary"))) for t, d in lesson.vocabulary.items()),
        key_messages=tuple(r.inline(m, lesson.location("key_messages")) for m in lesson.key_messages),
        ground_rules=r.section("ground-rules"),
        activities=tuple(_block(r, s) for s in lesson.sections_of("activity")),
        slides=_slides(r, lesson.sections, band_look(band)),
        teacher_notes=tuple(r.block(s.text, _inside(s)) for s in lesson.sections_of("teacher-note")),
        safeguarding=r.section("safeguarding"),
        quiz=tuple(_quiz(r, lesson.id, question) for question in lesson_questions(lesson)),
        handout=handout,
        family=r.section("family"),
        help=r.section("help"),
        student_help=student_help,
        adult_help=help_entries(pack, used_tokens + ADULT_HELP, ui),
        help_slides=tuple(help_slides(deck_help_lines(lesson, pack), student_help, ui)),
        sources=tuple(_source(config, sources[s], ui) for s in lesson.sources if s in sources),
        prose=r.block(prose_outside_sections(lesson), Location(lesson.path, lesson.body_line, 1)),
        pictures=tuple(
            PictureView(p.name, settings.handouts_url(picture_file(p.name)), p.alt) for p in lesson.pictures
        ),
        cards=cards,
        needs=_needs(lesson, handout, cards, ui),
        printables=_printables(lesson, locale, cards, ui),
        adaptations=adaptations(lesson.band, ui) if lesson.is_student_lesson else None,
        curriculum_links=curriculum_links(lesson.frameworks),
        warnings=tuple(r.warnings),
    )


def _cards(r: _Renderer, section: Section, card_set: CardSet | None) -> CardSetView | None:
    """A cards section as its sheet and answer key (None if it does not parse: the loader reported it)."""
    if card_set is None:
        return None
    where = _inside(section)
    order = card_set.sheet_order()
    position = {card: number for number, card in enumerate(order, start=1)}
    views = tuple(
        CardView(number, r.inline(card_set.cards[index].text, where), r.inline(card_set.cards[index].answer, where))
        for number, index in enumerate(order, start=1)
    )
    right = tuple(position[index] for index in range(len(card_set.cards))) if card_set.ordered else ()
    return CardSetView(card_set.title, r.block(card_set.instructions, where), views, card_set.ordered, right)


def _quiz(r: _Renderer, lesson_id: str, question: Question) -> QuizView:
    """A question with its text through the one inline renderer (help tokens filled in, HTML sanitised)."""
    where = question.location
    if question.kind == SHORT:
        return QuizView(SHORT, r.inline(question.prompt, where), r.inline(question.answer, where))
    options = [
        QuizOptionView(
            r.inline(option.text, option.location),
            option.correct,
            r.inline(option.feedback, option.location) if option.feedback else Markup(""),
            place if question.kind == ORDER else 0,
        )
        for place, option in enumerate(question.options, start=1)
    ]
    if question.kind == ORDER:
        options = [options[index] for index in shown_order(lesson_id, question)]
    kind = question.kind if question.kind in (CHOICE, TRUE_FALSE, ORDER) else CHOICE
    return QuizView(
        kind,
        r.inline(question.prompt, where),
        options=tuple(options),
        multiple=question.multiple,
        scenario=question.scenario,
    )


def _needs(
    lesson: Lesson, handout: Block | None, cards: tuple[CardSetView, ...], ui: Callable[[str], str]
) -> tuple[str, ...]:
    """What the teacher needs for the lesson, from what the lesson uses."""
    if not lesson.is_student_lesson:
        return ()
    needs = []
    if lesson.sections_of("slide"):
        needs.append(ui("The slides (PowerPoint or PDF) and a screen to show them"))
    if handout is not None:
        needs.append(ui("A handout for each child (large print where needed)"))
        if handout.draw:
            needs.append(ui("Pencils and crayons for drawing"))
    needs += [ui("One set of cut-out cards for each group: {title}").format(title=c.title) for c in cards]
    if lesson.sections_of("family"):
        needs.append(ui("A family sheet for each child to take home"))
    return tuple(needs)


def _printables(
    lesson: Lesson, locale: Locale, cards: tuple[CardSetView, ...], ui: Callable[[str], str]
) -> tuple[Printable, ...]:
    """The lesson's documents to print, with the file names the build gives them."""
    files = download_paths(lesson, locale.id)
    return tuple(
        Printable(ui(kind.title_label), files[kind.id].name)
        for kind in PRINTABLES
        if kind.id in files and (kind.id != CARDS or cards)
    )


def _source(config: Config, source: Source, ui: Callable[[str], str]) -> str:
    """A finding as the plan's Sources list prints it: translated, with its publication and year."""
    publication = config.publication(source.publication) if source.publication else None
    name = (publication.cite or publication.publisher) if publication else ""
    cited = ", ".join(str(part) for part in (name, source.year or "") if part)
    return f"{ui(source.summary)} ({cited})" if cited else ui(source.summary)


def _inside(section: Section) -> Location:
    # Section text starts on the line after its `:::` fence.
    return Location(section.location.path, section.location.line + 1, 1)


def _block(r: _Renderer, section: Section) -> Block:
    draw = int(section.attrs.get("draw", "0"))
    return Block(section.title, r.block(section.text, _inside(section)), section.minutes, section.stage, draw=draw)


def _slides(r: _Renderer, sections: tuple[Section, ...], look: BandLook) -> tuple[Block, ...]:
    slides: list[Block] = []
    for index, section in enumerate(sections):
        if section.kind != "slide":
            continue
        following = sections[index + 1] if index + 1 < len(sections) else None
        notes = r.block(following.text, _inside(following)) if following and following.kind == "notes" else Markup("")
        parts = tuple(band_slide_parts(plain_lines(section.text, r.pack), section.title, look))
        html = r.block(section.text, _inside(section))
        slides.append(Block(section.title, html, notes=notes, size=parts[0].size, parts=parts))
    return tuple(slides)


def prose_outside_sections(lesson: Lesson) -> str:
    """The body's Markdown without its `:::` sections (a guide's text, a plan's introduction).

    The lesson document holds that text as runs of lines between blank lines.
    """
    return "\n\n".join(run.text for run in lesson.document.of_kind("text"))
