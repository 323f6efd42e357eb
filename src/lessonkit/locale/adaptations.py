"""The SEND/EAL box of every lesson plan: adapting the lesson for learners with SEND and for learners of its language.

Why band by band and not lesson by lesson: the advice that makes these lessons reachable (one instruction at a
time, other ways to answer, the words for telling practised) holds for every lesson of a band, and a plan
repeats it where the teacher reads it, next to the timings. The points follow the safeguarding duties
schools work under: Keeping Children Safe in Education (DfE, 2025) names communication barriers and difficulty
in reporting as added risks for children with SEND, which is why telling is practised, and a disclosure is
never interpreted by a classmate or relative. The sentences were written for lessonkit (2026-12-02); each is
an interface string (`locale/ui_strings.py`), so translators meet them in `ui.po` with the other labels.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# Long sentences stay on one line so that they match the translators' catalogue exactly.
# ruff: noqa: E501

HEADING = "Adapting the lesson: SEND and EAL"
SEND_HEADING = "Learners with special educational needs or disabilities (SEND)"
EAL_HEADING = "Learners still learning the language of the lesson (EAL)"

SEND = (
    "Before the lesson, tell learners with SEND what will happen and in what order; a picture timetable of the activities helps.",
    "Give one instruction at a time and show what you mean; check understanding by asking the learner to show you or to say it back in their own words.",
    "Offer other ways to answer: pointing to a picture, sorting cards, drawing, or holding up a card instead of speaking or writing.",
    "Agree a quiet signal and a calm place to go with a named adult before the lesson, and check in afterwards with anyone who left the room.",
    "Some learners find it harder to notice a trick or to put what happened into words: practise the exact words for telling a trusted adult more than once.",
)
EAL = (
    "Teach the key words before the lesson with pictures and gestures, and give them in the learner's home language where you can.",
    "If this lesson exists in a learner's home language, print that handout as well, and send the family sheet in the language the family reads.",
    "Sit the learner next to a supportive classmate and offer sentence starters such as \u201cI would tell\u2026\u201d and \u201cI can\u2026\u201d.",
    "Never ask a classmate or a family member to interpret when a child tells you something worrying: ask your safeguarding lead for a professional interpreter.",
)
# Advice that belongs to one band's age and way of working, printed first under SEND.
BY_BAND: dict[str, tuple[str, ...]] = {
    "4-7": (
        "Keep each step short, say the key message in the same words every time, and let children show feelings with picture cards or colours.",
    ),
    "8-10": (
        "Break each task into numbered steps on the board, and let learners work in pairs: one reads, the other writes.",
    ),
    "11-13": (
        "Offer a way to ask questions without speaking in front of the group, such as an anonymous question box, and answer them in the next lesson.",
    ),
    "14-18": (
        "Offer a way to ask questions without speaking in front of the group, such as an anonymous question box, and answer them in the next lesson.",
        "Check that the scenarios do not assume one kind of family, culture or relationship, and invite learners to change names and places.",
    ),
}
NOTE = "Plan, box 'Adapting the lesson: SEND and EAL': one piece of advice for teachers."


def strings() -> tuple[tuple[str, str], ...]:
    """Every English sentence of the box with its note for translators, without repeats, in reading order."""
    texts = [HEADING, SEND_HEADING, EAL_HEADING]
    for band in BY_BAND.values():
        texts += band
    texts += SEND + EAL
    unique = dict.fromkeys(texts)
    notes = {
        HEADING: "Heading of the box in a teacher's plan on adapting the lesson for learners with special needs and for learners of the lesson's language.",
        SEND_HEADING: "Plan, SEND/EAL box: heading of the advice for learners with special educational needs or disabilities; use your school system's term.",
        EAL_HEADING: "Plan, SEND/EAL box: heading of the advice for learners still learning the language the lesson is taught in (in German lessons, German).",
    }
    return tuple((text, notes.get(text, NOTE)) for text in unique)


@dataclass(frozen=True)
class Adaptations:
    """The box as a plan shows it, translated."""

    heading: str
    send_heading: str
    send: tuple[str, ...]
    eal_heading: str
    eal: tuple[str, ...]


def adaptations(band: str | None, ui: Callable[[str], str]) -> Adaptations | None:
    """The box for a lesson of this band (None for guides, which have no band and no plan)."""
    if band is None:
        return None
    send = BY_BAND.get(band, ()) + SEND
    return Adaptations(
        ui(HEADING), ui(SEND_HEADING), tuple(ui(s) for s in send), ui(EAL_HEADING), tuple(ui(s) for s in EAL)
    )
