"""The questions of a `::: quiz` section: short answers, and structured items with options and feedback.

A quiz section holds questions, each starting with a `Q:` line. A question is either

- a short-answer question: the next line is `A:` and the model answer (the original form), or
- a structured item: an optional `Type:` line, then its options, one per line:

      Q: Sam gets a friend request from someone he does not know. What should Sam do next?
      Type: scenario
      - [ ] Accept it: it is rude to say no. :: Being kind matters, and Sam can still say no to strangers online.
      - [x] Ask a trusted adult before he answers. :: Yes. A grown-up can help Sam check who it is.

  `- [x]` marks a right option and `- [ ]` a wrong one; the text after ` :: ` is the feedback the
  learner sees after choosing that option. An ordering item lists its steps as a numbered list in
  the right order (`1. Stop :: ...`); exports and the website shuffle them.

`Type:` is one of `choice` (the default for `- [ ]` options: one or several right), `scenario`
(a choice item that tells a short story), `true-false` (two options, true first, then false) and
`order` (the default for numbered steps). The parsed questions are plain frozen dataclasses with
stable ids (`q1`, `q1-o2`) that any renderer (print, site, exports) can use.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lessonkit.closest_name import closest_name
from lessonkit.problems import Location, Problem

if TYPE_CHECKING:
    from lessonkit.model import Lesson, Section

SHORT = "short"
CHOICE = "choice"
TRUE_FALSE = "true-false"
ORDER = "order"
SCENARIO = "scenario"
# What a `Type:` line may say, and the kind of item it makes.
TYPES: dict[str, str] = {
    CHOICE: CHOICE,
    SCENARIO: SCENARIO,
    TRUE_FALSE: TRUE_FALSE,
    ORDER: ORDER,
    # Spellings teachers use for the same types.
    "multiple-choice": CHOICE,
    "true/false": TRUE_FALSE,
    "truefalse": TRUE_FALSE,
    "ordering": ORDER,
}
# Between an option and its feedback; spaces around it so that "::" inside a word is text.
SEPARATOR = re.compile(r"\s::(?:\s+|$)")

_QUESTION = re.compile(r"^(?P<lead>\s*)Q:\s*(?P<text>.*?)\s*$")
_ANSWER = re.compile(r"^(?P<lead>\s*)A:\s*(?P<text>.*?)\s*$")
_TYPE = re.compile(r"^(?P<lead>\s*)Type:\s*(?P<text>.*?)\s*$", re.IGNORECASE)
_CHECKBOX = re.compile(r"^(?P<prefix>\s*[-*+]\s+\[(?P<mark>[ xX])\]\s+)(?P<rest>.*?)\s*$")
_STEP = re.compile(r"^(?P<prefix>\s*(?P<number>\d+)[.)]\s+)(?P<rest>.*?)\s*$")
# A line that looks like an option but is not written the way options are.
_NEAR_OPTION = re.compile(r"^\s*(?:[-*+]\s*\[|[-*+]\s*\(|\[[ xX]?\])")


@dataclass(frozen=True)
class QuizOption:
    """One option of a structured item: its text, whether it is right, and the feedback that teaches."""

    id: str
    text: str
    correct: bool
    feedback: str
    location: Location
    # Column (from 1) of the feedback on the option's line; 0 when there is none.
    feedback_column: int = 0


@dataclass(frozen=True)
class OptionLine:
    """Where an option line's text and feedback are (0-based offsets; `feedback_at` is -1 without feedback)."""

    text_at: int
    text: str
    feedback_at: int
    feedback: str


def option_line(raw: str) -> OptionLine | None:
    """The text and feedback of a `- [x] text :: feedback` or `1. text :: feedback` line, or None.

    The translation units (`lessonkit.i18n.units`) use the same offsets to put translations back.
    """
    match = _CHECKBOX.match(raw) or _STEP.match(raw)
    if match is None:
        return None
    start = len(match["prefix"])
    rest = match["rest"]
    split = SEPARATOR.search(rest)
    if split is None:
        return OptionLine(start, rest.strip(), -1, "")
    feedback = rest[split.end() :].strip()
    return OptionLine(start, rest[: split.start()].rstrip(), start + split.end() if feedback else -1, feedback)


@dataclass(frozen=True)
class Question:
    """One quiz question: `kind` is short, choice, true-false or order.

    A short question has a model `answer`; the others have `options` (for `order`, the steps in
    their right order). `scenario` marks a choice item that tells a short story.
    """

    id: str
    kind: str
    prompt: str
    location: Location
    answer: str = ""
    options: tuple[QuizOption, ...] = ()
    scenario: bool = False
    # Where the question's text and a short question's answer start (after `Q:` and `A:`).
    prompt_location: Location | None = field(default=None, compare=False)
    answer_location: Location | None = field(default=None, compare=False)

    @property
    def structured(self) -> bool:
        """True for an item with options (everything but a short answer)."""
        return self.kind != SHORT

    @property
    def right(self) -> tuple[QuizOption, ...]:
        """The right options (for `order`, every step, in order)."""
        return self.options if self.kind == ORDER else tuple(o for o in self.options if o.correct)

    @property
    def multiple(self) -> bool:
        """True for a choice item with several right options (learners tick all that apply)."""
        return self.kind == CHOICE and len(self.right) > 1

    @property
    def truth(self) -> bool:
        """For a true-false item: whether the statement is true (its first option, "true", is marked)."""
        return bool(self.options) and self.options[0].correct

    def answer_key(self) -> str:
        """The answer as one line of Markdown, for printed answer keys."""
        if self.kind == SHORT:
            return self.answer
        if self.kind == ORDER:
            return " · ".join(f"({number}) {step.text}" for number, step in enumerate(self.options, start=1))
        return " / ".join(option.text for option in self.right)


@dataclass
class _Draft:
    """A question being read: its lines so far."""

    number: int
    prompt: str
    location: Location
    type_name: str = ""
    type_location: Location | None = None
    answer: str | None = None
    prompt_location: Location | None = None
    answer_location: Location | None = None
    checkboxes: list[tuple[QuizOption, Location]] | None = None
    steps: list[tuple[QuizOption, int, Location]] | None = None


def parse_questions(section: Section, first: int = 1) -> tuple[tuple[Question, ...], list[Problem]]:
    """The questions of one quiz section, numbered from `first`, and every problem in it (E036, E037)."""
    reader = _Reader(section, first)
    for offset, raw in enumerate(section.text.split("\n"), start=1):
        reader.line(raw, section.location.line + offset)
    reader.finish()
    return tuple(reader.questions), reader.problems


def lesson_questions(lesson: Lesson) -> tuple[Question, ...]:
    """Every question of the lesson's quiz sections, numbered through the lesson (`q1`, `q2`, ...).

    They were parsed once, when the lesson was loaded (`lessonkit.load.document`).
    """
    return lesson.document.questions


def sections_questions(sections: Iterable[Section]) -> tuple[tuple[Question, ...], list[Problem]]:
    """The questions of these quiz sections, numbered through them, and every problem in them."""
    questions: list[Question] = []
    problems: list[Problem] = []
    for section in sections:
        found, wrong = parse_questions(section, len(questions) + 1)
        questions += found
        problems += wrong
    return tuple(questions), problems


def structured_count(questions: Iterable[Question]) -> int:
    """How many of the questions have options (multiple choice, scenario, true-false, ordering)."""
    return sum(1 for q in questions if q.structured)


class _Reader:
    def __init__(self, section: Section, first: int) -> None:
        self.path = section.location.path
        self.next_number = first
        self.draft: _Draft | None = None
        self.questions: list[Question] = []
        self.problems: list[Problem] = []

    def error(self, line: int, column: int, code: str, message: str) -> None:
        self.problems.append(Problem(Location(self.path, line, column), code, message))

    def line(self, raw: str, number: int) -> None:
        if not raw.strip():
            return
        if match := _QUESTION.match(raw):
            self.finish()
            where = Location(self.path, number, len(match["lead"]) + 1)
            self.draft = _Draft(self.next_number, match["text"], where)
            self.draft.prompt_location = Location(self.path, number, match.start("text") + 1)
            self.next_number += 1
        elif match := _ANSWER.match(raw):
            self._answer(match, number)
        elif match := _TYPE.match(raw):
            self._type(match, number)
        elif match := _CHECKBOX.match(raw):
            self._checkbox(match, number)
        elif match := _STEP.match(raw):
            self._step(match, number)
        elif _NEAR_OPTION.match(raw) and self.draft is not None:
            column = len(raw) - len(raw.lstrip()) + 1
            self.error(
                number,
                column,
                "E037",
                "cannot read this option; write '- [x] right option :: feedback' or '- [ ] wrong option :: feedback'",
            )
        else:
            column = len(raw) - len(raw.lstrip()) + 1
            self.error(
                number,
                column,
                "E036",
                "quiz lines start with 'Q:' (a question), 'A:' (its answer), 'Type:', "
                "'- [x]' / '- [ ]' (options) or '1.' (steps of an ordering item)",
            )

    def _answer(self, match: re.Match[str], number: int) -> None:
        draft = self.draft
        column = len(match["lead"]) + 1
        if draft is None or draft.answer is not None:
            self.error(number, column, "E036", "an 'A:' answer line must follow its 'Q:' question")
            return
        if draft.checkboxes is not None or draft.steps is not None or draft.type_name:
            self.error(
                number, column, "E037", "a question has either an 'A:' answer or options (after 'Type:'), not both"
            )
            return
        draft.answer = match["text"]
        draft.answer_location = Location(self.path, number, match.start("text") + 1)

    def _type(self, match: re.Match[str], number: int) -> None:
        draft = self.draft
        column = len(match["lead"]) + 1
        if draft is None:
            self.error(number, column, "E037", "'Type:' belongs right after the 'Q:' line of its question")
            return
        if draft.type_name or draft.checkboxes is not None or draft.steps is not None or draft.answer is not None:
            self.error(number, column, "E037", "'Type:' comes once, right after the 'Q:' line, before the options")
            return
        name = match["text"].strip().lower()
        if name not in TYPES:
            guess = closest_name(name, TYPES)
            known = ", ".join(dict.fromkeys(TYPES.values()))
            hint = f"; did you mean '{guess}'?" if guess else f"; use one of {known}"
            self.error(number, match.start("text") + 1, "E037", f"unknown quiz item type '{name}'{hint}")
        draft.type_name = TYPES.get(name, "?")
        draft.type_location = Location(self.path, number, column)

    def _checkbox(self, match: re.Match[str], number: int) -> None:
        draft = self.draft
        column = len(match["prefix"]) - len(match["prefix"].lstrip()) + 1
        if draft is None:
            self.error(number, column, "E037", "an option must follow its 'Q:' question")
            return
        if draft.answer is not None or draft.steps is not None:
            self.error(number, column, "E037", "a question has either an 'A:' answer, options or steps, not a mix")
            return
        parts = option_line(match.group(0))
        assert parts is not None
        if draft.checkboxes is None:
            draft.checkboxes = []
        option_id = f"q{draft.number}-o{len(draft.checkboxes) + 1}"
        where = Location(self.path, number, len(match["prefix"]) + 1)
        option = QuizOption(option_id, parts.text, match["mark"] in "xX", parts.feedback, where, parts.feedback_at + 1)
        draft.checkboxes.append((option, Location(self.path, number, column)))

    def _step(self, match: re.Match[str], number: int) -> None:
        draft = self.draft
        column = len(match["prefix"]) - len(match["prefix"].lstrip()) + 1
        if draft is None:
            self.error(number, column, "E037", "a step must follow its 'Q:' question")
            return
        if draft.answer is not None or draft.checkboxes is not None:
            self.error(number, column, "E037", "a question has either an 'A:' answer, options or steps, not a mix")
            return
        parts = option_line(match.group(0))
        assert parts is not None
        if draft.steps is None:
            draft.steps = []
        option_id = f"q{draft.number}-o{len(draft.steps) + 1}"
        where = Location(self.path, number, len(match["prefix"]) + 1)
        option = QuizOption(option_id, parts.text, True, parts.feedback, where, parts.feedback_at + 1)
        draft.steps.append((option, int(match["number"]), Location(self.path, number, column)))

    def finish(self) -> None:
        draft, self.draft = self.draft, None
        if draft is None:
            return
        question_id = f"q{draft.number}"
        if not draft.prompt:
            self.error(draft.location.line, draft.location.column, "E036", "the 'Q:' line has no question")
        if draft.answer is not None:
            self.questions.append(
                Question(
                    question_id,
                    SHORT,
                    draft.prompt,
                    draft.location,
                    answer=draft.answer,
                    prompt_location=draft.prompt_location,
                    answer_location=draft.answer_location,
                )
            )
            return
        if draft.checkboxes is None and draft.steps is None:
            at = draft.type_location or draft.location
            self.error(at.line, at.column, "E036", "quiz question has no 'A:' answer line")
            return
        if draft.type_name == "?":
            return  # the unknown type is reported already
        if draft.steps is not None:
            self._finish_order(draft, question_id, draft.steps)
        else:
            assert draft.checkboxes is not None
            self._finish_choice(draft, question_id, draft.checkboxes)

    def _finish_order(self, draft: _Draft, question_id: str, steps: list[tuple[QuizOption, int, Location]]) -> None:
        if draft.type_name not in ("", ORDER):
            self.error(
                steps[0][2].line,
                steps[0][2].column,
                "E037",
                f"a '{draft.type_name}' item has '- [x]' / '- [ ]' options; numbered steps are for 'order' items",
            )
            return
        ok = True
        if len(steps) < 3:
            self.error(draft.location.line, draft.location.column, "E037", "an ordering item needs at least 3 steps")
            ok = False
        for expected, (option, written, where) in enumerate(steps, start=1):
            if written != expected:
                self.error(
                    where.line,
                    where.column,
                    "E037",
                    f"steps are numbered 1, 2, 3 ... in the right order; expected {expected}, found {written}",
                )
                ok = False
            ok = self._check_option(option, need_feedback=False) and ok
        ok = self._check_duplicates([s[0] for s in steps]) and ok
        if ok:
            options = tuple(s[0] for s in steps)
            self.questions.append(
                Question(
                    question_id,
                    ORDER,
                    draft.prompt,
                    draft.location,
                    options=options,
                    prompt_location=draft.prompt_location,
                )
            )

    def _finish_choice(self, draft: _Draft, question_id: str, boxes: list[tuple[QuizOption, Location]]) -> None:
        name = draft.type_name or CHOICE
        options = [b[0] for b in boxes]
        where = draft.location
        if name == ORDER:
            self.error(
                boxes[0][1].line,
                boxes[0][1].column,
                "E037",
                "an 'order' item lists its steps as '1. ...', '2. ...' in the right order, not as '- [ ]' options",
            )
            return
        ok = all([self._check_option(option, need_feedback=True) for option, _ in boxes])
        right = sum(1 for o in options if o.correct)
        if name == TRUE_FALSE:
            if len(options) != 2 or right != 1:
                self.error(
                    where.line,
                    where.column,
                    "E037",
                    "a true-false item has two options, true first and false second, and exactly one is marked [x]",
                )
                ok = False
        else:
            if len(options) < 2:
                self.error(where.line, where.column, "E037", "a choice item needs at least 2 options")
                ok = False
            if right == 0:
                self.error(where.line, where.column, "E037", "no option is marked right: mark it '- [x]'")
                ok = False
            elif right == len(options) and len(options) > 1:
                self.error(where.line, where.column, "E037", "every option is marked right; add a wrong option")
                ok = False
        ok = self._check_duplicates(options) and ok
        if ok:
            kind = TRUE_FALSE if name == TRUE_FALSE else CHOICE
            self.questions.append(
                Question(
                    question_id,
                    kind,
                    draft.prompt,
                    where,
                    options=tuple(options),
                    scenario=name == SCENARIO,
                    prompt_location=draft.prompt_location,
                )
            )

    def _check_option(self, option: QuizOption, *, need_feedback: bool) -> bool:
        where = option.location
        if not option.text:
            self.error(where.line, where.column, "E037", "the option has no text")
            return False
        if need_feedback and not option.feedback:
            self.error(
                where.line,
                where.column + len(option.text),
                "E037",
                "the option has no feedback; add ' :: ' and a sentence that explains (kindly) why it is right or not",
            )
            return False
        return True

    def _check_duplicates(self, options: list[QuizOption]) -> bool:
        seen: set[str] = set()
        ok = True
        for option in options:
            key = " ".join(option.text.casefold().split())
            if key in seen:
                self.error(option.location.line, option.location.column, "E037", "the same option appears twice")
                ok = False
            seen.add(key)
        return ok


def shown_order(lesson_id: str, question: Question) -> tuple[int, ...]:
    """The indexes of an item's options in the order learners see them.

    An ordering item's steps are shuffled (never into the right order); other items keep the
    written order. Seeded by the lesson and question ids, not the text, so the printed handout, the website and
    the exports show one order in every build and every language.
    """
    right = list(range(len(question.options)))
    if question.kind != ORDER or len(right) < 2:
        return tuple(right)
    order = list(right)
    random.Random(f"{lesson_id}-{question.id}").shuffle(order)  # a fixed order for a worksheet, not security
    if order == right:
        order = [*right[1:], right[0]]
    return tuple(order)
