"""The template catalogues (POT): one per lesson, one for interface strings, one for country packs."""

from __future__ import annotations

from pathlib import Path

import polib

from lessonkit.i18n.catalogue import FORMAT_FLAG, TEMPLATES_DIR, lesson_template, new_catalogue
from lessonkit.locale.country_pack import COUNTRIES_DIR, CountryPack, load_country_pack
from lessonkit.locale.ui_strings import UI_STRINGS
from lessonkit.model import Curriculum
from lessonkit.problems import LessonkitError

UI = "ui"
COUNTRIES = "countries"
PACK_FIELDS = ("description", "hours", "cost")


def template_path(root: Path, name: str) -> Path:
    """`locales/templates/<name>.pot`."""
    return root / TEMPLATES_DIR / f"{name}.pot"


def ui_template(curriculum: Curriculum) -> polib.POFile:
    """The interface strings' catalogue."""
    catalogue = new_catalogue(f"lessonkit {curriculum.config.version} ui", curriculum.config.updated)
    for text, note in UI_STRINGS:
        catalogue.append(
            polib.POEntry(msgid=text, msgstr="", comment=note, occurrences=[("src/lessonkit/locale/ui_strings.py", "")])
        )
    known = {text for text, _ in UI_STRINGS}
    for text, note in config_labels(curriculum):
        if text not in known:
            known.add(text)
            catalogue.append(
                polib.POEntry(msgid=text, msgstr="", comment=note, occurrences=[("lessons/curriculum.yml", "")])
            )
    return catalogue


def config_labels(curriculum: Curriculum) -> list[tuple[str, str]]:
    """The curriculum's own names that appear on every output: its title, band, audience and topic labels."""
    config = curriculum.config
    return [
        (config.title, "The curriculum's title (lessons/curriculum.yml)."),
        *((b.label, f"Name of the age band {b.id} (lessons/curriculum.yml).") for b in config.bands),
        *((a.label, f"Name of the audience '{a.id}' (lessons/curriculum.yml).") for a in config.audiences),
        *((t.title, f"Name of the topic '{t.id}' (lessons/curriculum.yml).") for t in config.topics),
        *(
            (
                s.summary,
                f"Summary of the source finding '{s.id}', printed in the Sources of plans (lessons/sources.yml).",
            )
            for s in config.sources
        ),
    ]


def country_packs(root: Path) -> list[CountryPack]:
    """Every country pack of the project, in country order."""
    packs = []
    for path in sorted((root / COUNTRIES_DIR).glob("*.yml")):
        pack, problems = load_country_pack(path)
        if pack is None:
            raise LessonkitError("\n".join(str(p) for p in problems))
        packs.append(pack)
    return packs


def pack_context(pack: CountryPack, token: str, number: int, field: str) -> str:
    """The msgctxt of one text of a country pack, e.g. `DE|child_helpline:1|hours`."""
    return f"{pack.country}|{token}:{number}|{field}"


def law_context(pack: CountryPack, topic: str) -> str:
    """The msgctxt of a pack's legal statement, e.g. `DE|law:fake_images|statement`."""
    return f"{pack.country}|law:{topic}|statement"


def countries_template(curriculum: Curriculum, root: Path) -> polib.POFile:
    """The descriptions, hours, costs and contact notes of every country pack."""
    catalogue = new_catalogue(f"lessonkit {curriculum.config.version} countries", curriculum.config.updated)
    for pack in country_packs(root):
        where = (pack.path.relative_to(root).as_posix(), "")
        for token, services in pack.services.items():
            for number, service in enumerate(services, start=1):
                note = (
                    f"Country pack {pack.country} ({pack.name}), written in '{pack.language}': {service.name}, {token}."
                )
                texts = [(field, getattr(service, field)) for field in PACK_FIELDS]
                texts += [(f"contact:{i}|note", c.note) for i, c in enumerate(service.contacts, start=1)]
                for field, text in texts:
                    if not text:
                        continue
                    entry = polib.POEntry(
                        msgctxt=pack_context(pack, token, number, field),
                        msgid=text,
                        msgstr="",
                        comment=note + " Never add or change a number or address.",
                        occurrences=[(where[0], str(pack.location(token).line))],
                    )
                    if "{" in text:
                        entry.flags.append(FORMAT_FLAG)
                    catalogue.append(entry)
        for topic, law in pack.laws.items():
            entry = polib.POEntry(
                msgctxt=law_context(pack, topic),
                msgid=law.statement,
                msgstr="",
                comment=f"Country pack {pack.country} ({pack.name}), written in '{pack.language}': what the law says "
                f"on {topic.replace('_', ' ')}. Translate exactly: do not add, soften or sharpen anything.",
                occurrences=[(where[0], str(pack.law_location(topic).line))],
            )
            if "{" in law.statement:
                entry.flags.append(FORMAT_FLAG)
            catalogue.append(entry)
    return catalogue


def all_templates(curriculum: Curriculum, root: Path) -> dict[str, polib.POFile]:
    """Every template catalogue by name (a lesson id, `ui` or `countries`)."""
    templates = {lesson.id: lesson_template(lesson, curriculum.config, root) for lesson in curriculum.lessons}
    templates[UI] = ui_template(curriculum)
    templates[COUNTRIES] = countries_template(curriculum, root)
    return templates
