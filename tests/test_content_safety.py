"""Content rules of the 2026 curriculum (issue 13): crisis support where harm is taught, law only by pack token."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from lessonkit.load.curriculum import load_curriculum
from lessonkit.model import Curriculum

# A lesson teaches sexual extortion or image abuse when its topic or its sources are about them.
HARM_TOPICS = {
    "say-no",
    "fake-images",
    "take-down",
    "group-chats",
    "unsolicited-images",
    "harmful-behaviour",
    "my-body-my-pictures",
}
HARM_SOURCES = {"threats-escalate", "financial-extortion", "sextortion-boys-2024", "sextortion-rising-2025"}
# Statements of law as if it held everywhere; law lives in the country packs (`{{ law.NAME }}`).
UNIVERSAL_LAW = re.compile(
    r"\b(?:is|are|it's|it is)\s+(?:against the law|illegal|a crime|a criminal offence)\b"
    r"|\bbreaking the law\b",
    re.IGNORECASE,
)
# Sentences that talk about the law without stating it are fine ("the law protects children").
ALLOWED = re.compile(r"threat\w*|blackmail\w*|extort\w*|what they are doing|the person (?:doing|making)", re.I)


@pytest.fixture(scope="module")
def curriculum() -> Curriculum:
    loaded, problems = load_curriculum(ROOT)
    assert loaded is not None, problems
    return loaded


def _teaches_harm(lesson_topic: str, sources: tuple[str, ...], band: str | None) -> bool:
    # Under 11 the picture lessons teach privacy, not image abuse: help goes through a trusted adult.
    young = band in ("4-7", "8-10")
    return not young and (lesson_topic in HARM_TOPICS or bool(HARM_SOURCES & set(sources)))


def test_every_student_lesson_on_extortion_or_image_abuse_prints_crisis_support(curriculum: Curriculum) -> None:
    missing = [
        lesson.id
        for lesson in curriculum.lessons
        if lesson.is_student_lesson
        and _teaches_harm(lesson.topic, lesson.sources, lesson.band)
        and not any("{{ help.crisis_support }}" in s.text for s in lesson.sections_of("help"))
    ]
    taught = [x.id for x in curriculum.lessons if x.is_student_lesson and _teaches_harm(x.topic, x.sources, x.band)]
    assert len(taught) >= 10, taught
    assert missing == [], f"no crisis support in the help section of: {missing}"


def test_no_lesson_states_a_law_as_universal(curriculum: Curriculum) -> None:
    found = []
    for lesson in curriculum.lessons:
        for number, line in enumerate(lesson.body.split("\n"), start=lesson.body_line):
            for sentence in re.split(r"(?<=[.!?])\s+", line):
                if UNIVERSAL_LAW.search(sentence) and not ALLOWED.search(sentence):
                    found.append(f"{lesson.path.relative_to(ROOT)}:{number}: {sentence.strip()}")
    assert found == [], "\n".join(found)


def test_the_detector_finds_the_claims_the_curriculum_used_to_make() -> None:
    assert UNIVERSAL_LAW.search("Making or sharing a nude image of anyone under eighteen is against the law.")
    assert UNIVERSAL_LAW.search("Sharing these pictures is illegal.")
    assert not UNIVERSAL_LAW.search("The law protects children and young people.")
