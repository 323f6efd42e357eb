"""The quizzes of the lessons ready in one locale, as plain text with help tokens filled in.

Every export format reads these values, so a GIFT file, a QTI assessment and a cartridge of the
same locale carry exactly the same questions, options and feedback.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass

from lessonkit.export.text import plain
from lessonkit.load.quiz import ORDER, Question, QuizOption, lesson_questions
from lessonkit.locale.country_pack import CountryPack
from lessonkit.model import Lesson


@dataclass(frozen=True)
class LessonQuiz:
    """One lesson's quiz for one locale: its id, title, band and questions in plain text."""

    lesson: Lesson
    title: str
    questions: tuple[Question, ...]

    @property
    def id(self) -> str:
        """The lesson id."""
        return self.lesson.id


def lesson_quiz(lesson: Lesson, pack: CountryPack) -> LessonQuiz:
    """The lesson's questions with every text as plain text in the locale (help tokens filled in)."""

    def text(value: str, question: Question) -> str:
        return plain(value, pack, question.location) if value else ""

    def option(value: QuizOption, question: Question) -> QuizOption:
        return dataclasses.replace(value, text=text(value.text, question), feedback=text(value.feedback, question))

    questions = tuple(
        dataclasses.replace(
            q,
            prompt=text(q.prompt, q),
            answer=text(q.answer, q),
            options=tuple(option(o, q) for o in q.options),
        )
        for q in lesson_questions(lesson)
    )
    return LessonQuiz(lesson, plain(lesson.title, pack, lesson.location("title")), questions)


def shuffled(question: Question) -> tuple[QuizOption, ...]:
    """The steps of an ordering item in a fixed order that is not the right one (same on every export).

    Sorting by a hash of the text is stable across runs and machines (unlike `random` without a seed
    shared by every tool), so a teacher's printed copy matches the imported quiz.
    """
    steps = question.options
    if question.kind != ORDER or len(steps) < 2:
        return steps
    order = tuple(sorted(steps, key=lambda o: hashlib.sha256(f"{question.id}|{o.text}".encode()).hexdigest()))
    if order == steps:
        order = (*steps[1:], steps[0])
    return order
