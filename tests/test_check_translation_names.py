"""A translation's names come from its source lesson: the rare-word rule skips them in German.

German capitalises every noun, so `vocabulary.unfamiliar` cannot skip capitalised words there and
reported the characters' names of every translated lesson ("Wolfie", "Arjun") as rare words. A
word written with a capital letter in the source lesson is now taken as a name in its
translations; a rare word that the source does not hold is still reported.
"""

from __future__ import annotations

import dataclasses

from checker_support import ROOT, rulebook
from lessonkit.check.run import Options, check_curriculum
from lessonkit.load.curriculum import load_curriculum
from lessonkit.model import Curriculum, Lesson

NAME = "Zorblaxine"  # a made-up name: wordfreq has never counted it


def _with_text(lesson: Lesson, text: str) -> Lesson:
    sections = tuple(dataclasses.replace(s, text=text) if s.kind == "slide" else s for s in lesson.sections)
    assert sections != lesson.sections, "the lesson needs a slide"
    return dataclasses.replace(lesson, sections=sections)


def _curriculum() -> tuple[Curriculum, Lesson]:
    curriculum, _ = load_curriculum(ROOT / "tests" / "regression" / "good")
    assert curriculum is not None
    lesson = next(x for x in curriculum.lessons if x.audience == "students" and x.band == "4-7")
    source = _with_text(lesson, f"{NAME} plays a game online. {NAME}'s friend helps.")
    lessons = tuple(source if x is lesson else x for x in curriculum.lessons)
    return dataclasses.replace(curriculum, lessons=lessons), source


def _rare_words(german: str) -> list[str]:
    curriculum, source = _curriculum()
    translated = _with_text(source, german)
    report = check_curriculum(curriculum, rulebook(), Options(), translations=[(translated, "de")])
    return [f.message for f in report.findings if f.code == "vocabulary.unfamiliar" and "[de]" in f.message]


def test_a_name_of_the_source_lesson_is_not_a_rare_word_in_its_translation() -> None:
    found = _rare_words(f"{NAME} spielt online. {NAME}s Freundin hilft.")
    assert not any(NAME in message for message in found), found


def test_a_rare_word_the_source_does_not_hold_is_still_reported() -> None:
    found = _rare_words("Der Täter nutzte Verschleierungstaktiken.")
    assert any("Verschleierungstaktiken" in message for message in found), found
