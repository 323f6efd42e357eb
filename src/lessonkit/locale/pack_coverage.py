"""Whether a country pack can fill every help token the curriculum prints: a missing one refuses the locale."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from lessonkit.locale.country_pack import CountryPack
from lessonkit.locale.help_tokens import help_tokens_in
from lessonkit.model import Lesson
from lessonkit.problems import Location, Problem

# Services the documents print in their help boxes, help slide and help page whatever the lesson says.
ALWAYS_PRINTED = ("child_helpline", "parent_helpline", "report_abuse_images", "emergency")


def needed_services(lessons: Iterable[Lesson]) -> dict[str, tuple[str, ...]]:
    """Each help service the documents print, with the lessons that name it (none for the always-printed)."""
    needed: dict[str, list[str]] = {token: [] for token in ALWAYS_PRINTED}
    for lesson in lessons:
        for token in help_tokens_in([lesson.body]):
            needed.setdefault(token, []).append(lesson.id)
    return {token: tuple(ids) for token, ids in needed.items()}


def missing_services(pack: CountryPack, needed: Mapping[str, tuple[str, ...]]) -> list[Problem]:
    """An error, located in the pack, for every needed service the pack does not have."""
    problems = []
    for token, lesson_ids in needed.items():
        if pack.services.get(token):
            continue
        users = ", ".join(lesson_ids[:5]) + (f" and {len(lesson_ids) - 5} more" if len(lesson_ids) > 5 else "")
        why = f"lessons name it: {users}" if lesson_ids else "every handout, deck and help page prints it"
        problems.append(
            Problem(
                Location(pack.path, pack.services_line, 1),
                "E060",
                f"the {pack.country} pack has no '{token}' service ({why}); add an entry under services",
            )
        )
    return problems
