"""The quizzes of the lessons ready in one locale, as plain text with help tokens filled in.

Every export format reads these values, so a GIFT file, a QTI assessment and a cartridge of the
same locale carry exactly the same questions, options and feedback.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from lessonkit.export.text import plain
from lessonkit.load.quiz import Question, QuizOption, lesson_questions, shown_order
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


def shuffled(lesson_id: str, question: Question) -> tuple[QuizOption, ...]:
    """The options in the order learners see them (an ordering item's steps never in the right order).

    The same order as the printed handout and the website (`shown_order`), so a teacher's printed
    copy matches the imported quiz.
    """
    return tuple(question.options[index] for index in shown_order(lesson_id, question))
