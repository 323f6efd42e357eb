"""Moodle GIFT: one plain-text file of questions per lesson (and one per band with a category per lesson).

The mapping:

- a short question (`Q:`/`A:`) becomes an essay question whose general feedback is the model answer
  (`{####...}`); an automatic short-answer match would mark good answers in other words wrong;
- a choice or scenario item becomes multiple choice: `{=right#feedback ~wrong#feedback}`, or with
  several right options `{~%50%right#feedback ~%-100%wrong#feedback}` (weights from Moodle's list);
- a true-false item becomes `{TRUE#feedback if answered wrongly#feedback if answered rightly}`;
- an ordering item becomes matching: each step is matched to its position (`=Stop -> 1`); Moodle's
  matching has no per-answer feedback, so the steps' feedback goes into the general feedback.

The characters ~ = # { } : and the backslash are escaped with a backslash wherever text goes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lessonkit.export.quizzes import LessonQuiz
from lessonkit.load.quiz import CHOICE, ORDER, SHORT, TRUE_FALSE, Question

SPECIAL = "\\~=#{}:"
# Every white space but the no-break ones: a phone number's no-break spaces keep it on one line in the LMS too.
_BREAKING_SPACE = re.compile(r"[^\S\u00a0\u2007\u202f]+")


def escape(text: str) -> str:
    """Text safe inside a GIFT question: special characters escaped, on one line."""
    one_line = " ".join(_BREAKING_SPACE.split(text.strip()))
    out = "".join(f"\\{c}" if c in SPECIAL else c for c in one_line)
    # "->" separates a matching pair; inside text it would split one, so the '>' is kept apart.
    return out.replace("->", "- >")


def weight(count: int) -> str:
    """100 / count as Moodle writes grade fractions (50, 33.33333, 12.5)."""
    return f"{100 / count:.5f}".rstrip("0").rstrip(".")


def question_gift(quiz: LessonQuiz, question: Question) -> str:
    """One question in GIFT, titled `lesson-id q2` so that re-imports and reports can find it."""
    title = f"::{escape(f'{quiz.id} {question.id}')}::"
    prompt = escape(question.prompt)
    return f"{title}{prompt} {{{_answers(question)}}}"


def _answers(question: Question) -> str:
    if question.kind == SHORT:
        return f"####{escape(question.answer)}"
    if question.kind == TRUE_FALSE:
        true, false = question.options
        right, wrong = (true, false) if question.truth else (false, true)
        return f"{'TRUE' if question.truth else 'FALSE'}#{escape(wrong.feedback)}#{escape(right.feedback)}"
    if question.kind == ORDER:
        pairs = " ".join(f"={escape(step.text)} -> {number}" for number, step in enumerate(question.options, 1))
        notes = " ".join(f"{n}. {escape(s.feedback)}" for n, s in enumerate(question.options, 1) if s.feedback)
        return f"\n{pairs}\n####{notes}" if notes else f"\n{pairs}\n"
    assert question.kind == CHOICE
    lines = []
    rights = len(question.right)
    wrongs = len(question.options) - rights
    for option in question.options:
        feedback = f"#{escape(option.feedback)}" if option.feedback else ""
        if not question.multiple:
            mark = "=" if option.correct else "~"
        elif option.correct:
            mark = f"~%{weight(rights)}%"
        else:
            mark = f"~%-{weight(wrongs)}%"
        lines.append(f"{mark}{escape(option.text)}{feedback}")
    return "\n" + "\n".join(lines) + "\n"


def gift_file(quizzes: Iterable[LessonQuiz], heading: str, category: str | None = None) -> str:
    """A GIFT file: a comment line, then each lesson's questions (under a category per lesson if given)."""
    parts = [f"// {' '.join(heading.split())}", ""]
    for quiz in quizzes:
        if category is not None:
            parts += [f"$CATEGORY: $course$/top/{category}/{quiz.id}", ""]
        parts.append(f"// {' '.join(quiz.title.split())}")
        for question in quiz.questions:
            parts += [question_gift(quiz, question), ""]
    return "\n".join(parts)
