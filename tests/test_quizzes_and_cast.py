"""The real curriculum's quizzes teach (issue 19) and its characters belong to one age band each (issue 13)."""

from __future__ import annotations

import re
from collections import defaultdict

from conftest import ROOT
from lessonkit.load.curriculum import load_curriculum
from lessonkit.load.quiz import CHOICE, lesson_questions
from lessonkit.model import Curriculum, Lesson

# Capitalised words inside a sentence that are not characters: organisations, months, days, titles.
# A new one used in two bands goes here; a character's name never does.
NOT_CHARACTERS = frozenset(
    {
        "April",
        "June",
        "March",
        "Monday",
        "Friday",
        "Saturday",
        "Mr",
        "Mrs",
        "Ms",
        "Europe",
        "European",
        "Europol",
        "Foundation",
        "Internet",
        "Watch",
        "Childline",
        "Center",
        "Missing",
        "Exploited",
    }
)


def _students() -> list[Lesson]:
    curriculum: Curriculum | None
    curriculum, problems = load_curriculum(ROOT)
    assert curriculum is not None and not problems, problems
    return [lesson for lesson in curriculum.lessons if lesson.audience == "students"]


def test_every_student_quiz_has_three_choice_or_scenario_items_that_teach() -> None:
    short_of_items = []
    for lesson in _students():
        items = [q for q in lesson_questions(lesson) if q.kind == CHOICE]
        if len(items) < 3:
            short_of_items.append(f"{lesson.id}: {len(items)}")
        for item in items:
            where = f"{lesson.id} {item.id}"
            assert item.right, f"{where}: no right option"
            assert any(not o.correct for o in item.options), f"{where}: no distractor"
            assert all(o.feedback.strip() for o in item.options), f"{where}: an option without feedback"
    assert short_of_items == [], "lessons with fewer than three choice or scenario items"


def test_no_character_name_is_used_in_two_age_bands() -> None:
    texts = {lesson.id: (lesson.band or "", lesson.path.read_text(encoding="utf-8")) for lesson in _students()}
    everything = "\n".join(text for _, text in texts.values())
    lower_case_words = set(re.findall(r"\b[a-z]{2,}\b", everything))
    # A name: capitalised after a lower-case word or a comma, and never written in lower case.
    names = {
        word
        for _, text in texts.values()
        for word in re.findall(r"(?<=[a-z,;:] )([A-Z][a-z]+)\b", text)
        if word.lower() not in lower_case_words and word not in NOT_CHARACTERS
    }
    assert {"Posy", "Soraya", "Deepa"} <= names  # the heuristic sees characters of three bands
    bands: defaultdict[str, set[str]] = defaultdict(set)
    for band, text in texts.values():
        for name in names:
            if re.search(rf"\b{name}\b", text):
                bands[name].add(band)
    shared = {name: sorted(found) for name, found in bands.items() if len(found) > 1}
    assert shared == {}, f"names used in more than one age band: {shared}"
