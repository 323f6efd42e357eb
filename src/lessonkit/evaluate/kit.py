"""The pre/post questionnaire of one age band: knowledge items from the lessons, confidence and help-seeking.

Knowledge items are the band's structured quiz items (one-answer choice and true-false items, at
most one per lesson) and then its key messages as "Is this true?" statements, up to eight items.
The English curriculum decides which items a band's kit has, so every language asks the same
questions under the same ids (`k1`, `c1`, `h1`) and results from many classes and countries pool.
The kit's `version` is a hash of where each item comes from: a changed kit is never mixed up with
an older one in a report.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from lessonkit.export.text import plain
from lessonkit.load.quiz import CHOICE, TRUE_FALSE, Question, lesson_questions
from lessonkit.locale.country_pack import CountryPack
from lessonkit.model import Curriculum, Lesson

KNOWLEDGE = "knowledge"
CONFIDENCE = "confidence"
HELP = "help"
MEASURES = (KNOWLEDGE, CONFIDENCE, HELP)
MAX_KNOWLEDGE = 8
MAX_FROM_QUIZZES = 4
SCALE = (1, 2, 3, 4)
# CSV columns besides the items; nothing in a kit's CSV identifies a learner.
META_COLUMNS = ("kit", "band", "locale", "phase")
PHASES = ("pre", "post")


@dataclass(frozen=True)
class KitOption:
    """One answer of a knowledge item."""

    text: str
    correct: bool


@dataclass(frozen=True)
class KitItem:
    """One question of the kit: `measure` is knowledge, confidence or help."""

    id: str
    measure: str
    text: str
    options: tuple[KitOption, ...] = ()
    source: str = ""  # where it comes from, e.g. `online-friends-8-10 q5` or `... key_messages:2`


@dataclass(frozen=True)
class Kit:
    """A band's questionnaire in one locale."""

    band: str
    locale: str
    language: str
    direction: str
    version: str
    items: tuple[KitItem, ...]

    @property
    def id(self) -> str:
        """`lessonkit-<band>-<version>`: what the CSV's `kit` column holds."""
        return f"lessonkit-{self.band}-{self.version}"

    def of(self, measure: str) -> tuple[KitItem, ...]:
        """The items of one measure, in order."""
        return tuple(item for item in self.items if item.measure == measure)

    @property
    def columns(self) -> tuple[str, ...]:
        """The CSV header the offline form writes."""
        return (*META_COLUMNS, *(item.id for item in self.items))


@dataclass(frozen=True)
class Source:
    """Where a knowledge item comes from: a lesson's quiz question or one of its key messages."""

    lesson_id: str
    question: str = ""  # quiz question id
    message: int = 0  # key message number (from 1)

    @property
    def label(self) -> str:
        """A stable name for the item's origin (used in the kit's version hash)."""
        return f"{self.lesson_id} {self.question}" if self.question else f"{self.lesson_id} key_messages:{self.message}"


def _usable(question: Question) -> bool:
    return question.kind == TRUE_FALSE or (question.kind == CHOICE and not question.multiple)


def plan_sources(curriculum: Curriculum, band: str) -> tuple[Source, ...]:
    """Which quiz items and key messages become the band's knowledge items (decided on the English lessons)."""
    lessons = [x for x in curriculum.lessons if x.is_student_lesson and x.band == band]
    chosen: list[Source] = []
    for lesson in lessons:
        usable = [q for q in lesson_questions(lesson) if _usable(q)]
        if usable and len(chosen) < MAX_FROM_QUIZZES:
            chosen.append(Source(lesson.id, question=usable[0].id))
    depth = 0
    while len(chosen) < MAX_KNOWLEDGE and any(len(x.key_messages) > depth for x in lessons):
        for lesson in lessons:
            if len(chosen) < MAX_KNOWLEDGE and len(lesson.key_messages) > depth:
                chosen.append(Source(lesson.id, message=depth + 1))
        depth += 1
    return tuple(chosen)


def build_kit(
    sources: tuple[Source, ...],
    lessons: dict[str, Lesson],
    band: str,
    locale_id: str,
    language: str,
    direction: str,
    pack: CountryPack,
    statements: dict[str, tuple[str, ...]] | None,
    labels: tuple[str, str, str],
    statement_prompt: str,
) -> Kit:
    """The kit in one locale, from the (translated) lessons; `labels` are true, false and not sure."""
    items: list[KitItem] = []
    for number, source in enumerate(sources, start=1):
        lesson = lessons[source.lesson_id]
        where = lesson.location()
        if source.question:
            question = next(q for q in lesson_questions(lesson) if q.id == source.question)
            options = tuple(KitOption(plain(o.text, pack, question.location), o.correct) for o in question.options)
            text = plain(question.prompt, pack, question.location)
        else:
            message = lesson.key_messages[source.message - 1]
            true, false, unsure = labels
            text = f"{statement_prompt} {plain(message, pack, where)}"
            options = (KitOption(true, True), KitOption(false, False), KitOption(unsure, False))
        items.append(KitItem(f"k{number}", KNOWLEDGE, text, options, source.label))
    for measure, prefix in ((CONFIDENCE, "c"), (HELP, "h")):
        for number, text in enumerate((statements or {}).get(measure, ()), start=1):
            items.append(KitItem(f"{prefix}{number}", measure, text, source=f"{band} {measure}:{number}"))
    version = kit_version(band, [item.source for item in items])
    return Kit(band, locale_id, language, direction, version, tuple(items))


def kit_version(band: str, sources: list[str]) -> str:
    """A short hash of the band and the origin of each item, the same in every language."""
    return hashlib.sha256("\n".join([band, *sources]).encode("utf-8")).hexdigest()[:8]
