"""The framework outcomes a lesson covers (`frameworks` in its front matter) reach the teacher: in the
printed plan under the objectives and on the lesson's web page, cited by the framework's full name.
"""

from __future__ import annotations

import re

from conftest import ROOT
from lessonkit.frameworks import KNOWN, curriculum_links
from lessonkit.i18n.ui import translator
from lessonkit.load.curriculum import load_curriculum
from lessonkit.locale.country_pack import require_country_pack
from lessonkit.locale.locales import find_locale
from lessonkit.render.html.documents import render_lesson_html
from lessonkit.render.settings import RenderSettings

UKCIS = "Education for a Connected World (UK Council for Internet Safety, 2020)"
# The framework's own strands and age groups (2020 edition).
STRANDS = (
    "Self-image and identity",
    "Online relationships",
    "Online reputation",
    "Online bullying",
    "Managing online information",
    "Health, well-being and lifestyle",
    "Privacy and security",
    "Copyright and ownership",
)
AGE_GROUP = {"4-7": "4-7", "8-10": "7-11", "11-13": "11-14", "14-18": "14-18"}


def test_unknown_frameworks_keep_their_name_and_empty_ones_are_left_out() -> None:
    links = curriculum_links({"ukcis": ("Online relationships 4-7",), "local-plan": ("Unit 3",), "empty": ()})
    assert [(x.framework, x.outcomes) for x in links] == [
        (UKCIS, ("Online relationships 4-7",)),
        ("local-plan", ("Unit 3",)),
    ]
    assert KNOWN["ukcis"].citation == UKCIS


def test_every_student_lessons_outcomes_are_real_strands_of_its_age_group_and_printed_in_its_plan() -> None:
    curriculum, problems = load_curriculum(ROOT)
    assert curriculum is not None and not problems
    settings = RenderSettings(curriculum.config, ROOT)
    locale, pack, ui = find_locale(ROOT, "en-IE"), require_country_pack(ROOT, "IE"), translator(ROOT, "en")
    students = [x for x in curriculum.lessons if x.is_student_lesson]
    assert len(students) >= 30
    for lesson in students:
        outcomes = lesson.frameworks.get("ukcis", ())
        assert outcomes, lesson.id
        for outcome in outcomes:
            strand, _, ages = outcome.rpartition(" ")
            assert strand in STRANDS and ages == AGE_GROUP[lesson.band or ""], (lesson.id, outcome)
        html = render_lesson_html("plan", lesson, locale, pack, ui, settings).html
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
        assert "Curriculum links" in text and UKCIS in text, lesson.id
        assert "; ".join(outcomes) in text, lesson.id
        # Under the objectives, before the key messages.
        assert text.index("Objectives") < text.index("Curriculum links") < text.index("Key messages"), lesson.id
