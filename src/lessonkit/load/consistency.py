"""Checks of a lesson against the configuration and the rest of the curriculum."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from lessonkit.load.references import help_token_problems, image_and_link_problems, unused_vocabulary
from lessonkit.model import Config, Lesson
from lessonkit.problems import Location, Problem

STUDENT_SECTIONS = ("ground-rules", "slide", "safeguarding", "quiz", "handout", "family", "help")
GUIDE_SECTIONS = ("help",)


def lesson_problems(lesson: Lesson, config: Config, lesson_ids: Collection[str], assets_dir: Path) -> list[Problem]:
    """Everything wrong with one lesson that needs the configuration or the other lessons to see."""
    return [
        *_reference_problems(lesson, config),
        *_audience_problems(lesson, config),
        *_section_problems(lesson),
        *[
            Problem(lesson.location("vocabulary"), "E040", f"vocabulary term '{term}' is not used in the lesson text")
            for term in unused_vocabulary(lesson.vocabulary, lesson.body)
        ],
        *help_token_problems(lesson.body, lesson.path, lesson.body_line, config.help_services, config.law_topics),
        *image_and_link_problems(lesson.body, lesson.path, lesson.body_line, lesson_ids, assets_dir),
    ]


def _reference_problems(lesson: Lesson, config: Config) -> list[Problem]:
    problems = []
    if config.topic(lesson.topic) is None:
        problems.append(Problem(lesson.location("topic"), "E020", f"unknown topic '{lesson.topic}'"))
    if lesson.audience not in {a.id for a in config.audiences}:
        known = ", ".join(a.id for a in config.audiences)
        problems.append(
            Problem(lesson.location("audience"), "E020", f"unknown audience '{lesson.audience}'; known: {known}")
        )
    known_sources = {s.id for s in config.sources}
    problems += [
        Problem(lesson.location("sources"), "E020", f"unknown source id '{source}' (see lessons/sources.yml)")
        for source in lesson.sources
        if source not in known_sources
    ]
    return problems


def _audience_problems(lesson: Lesson, config: Config) -> list[Problem]:
    if not lesson.is_student_lesson:
        if lesson.band is not None:
            return [
                Problem(lesson.location("band"), "E022", "only student lessons have a band; remove it from this guide")
            ]
        return []
    problems = []
    if lesson.band is None:
        problems.append(Problem(lesson.location(), "E022", "student lessons need a 'band'"))
    elif config.band(lesson.band) is None:
        known = ", ".join(b.id for b in config.bands)
        problems.append(Problem(lesson.location("band"), "E020", f"unknown band '{lesson.band}'; known: {known}"))
    for name, value in (
        ("duration", lesson.duration),
        ("objectives", lesson.objectives),
        ("key_messages", lesson.key_messages),
    ):
        if not value:
            problems.append(Problem(lesson.location(), "E011", f"student lessons need '{name}'"))
    return problems


def _section_problems(lesson: Lesson) -> list[Problem]:
    problems = []
    kinds = {s.kind for s in lesson.sections}
    required = STUDENT_SECTIONS if lesson.is_student_lesson else GUIDE_SECTIONS
    # The body's last line: its final newline ends that line, it does not start another one.
    end = Location(lesson.path, lesson.body_line + lesson.body.rstrip("\n").count("\n"), 1)
    problems += [
        Problem(end, "E034", f"a {lesson.audience} piece needs a '{kind}' section")
        for kind in required
        if kind not in kinds
    ]
    activities = lesson.sections_of("activity")
    if lesson.is_student_lesson:
        stages = {a.stage for a in activities}
        problems += [
            Problem(end, "E034", f"a student lesson needs an activity with stage={stage}")
            for stage in ("starter", "main", "plenary")
            if stage not in stages
        ]
    if lesson.duration and activities and all(a.minutes for a in activities):
        total = sum(a.minutes for a in activities)
        if total != lesson.duration:
            problems.append(
                Problem(
                    lesson.location("duration"),
                    "E033",
                    f"activities add up to {total} minutes but the duration is {lesson.duration}",
                )
            )
    return problems
