"""The template catalogues (POT): one per lesson, one for interface strings, one per country pack.

Each country pack's descriptions, hours, costs, notes and legal statements have a catalogue of
their own, `countries-<CC>` (`locales/templates/countries-DE.pot` -> `locales/<lang>/countries-DE.po`),
so that adding a country never changes another language's readiness. A language needs the
catalogue of a pack only when one of its locales (`locales/locales.yml`) uses that pack and the
pack is written in another language: `ar-DE` needs `countries-DE`, `de-DE` and `es-ES` need none.
"""

from __future__ import annotations

from pathlib import Path

import polib

from lessonkit.i18n.catalogue import FORMAT_FLAG, TEMPLATES_DIR, lesson_template, new_catalogue
from lessonkit.locale.country_pack import COUNTRIES_DIR, CountryPack, load_country_pack
from lessonkit.locale.locales import load_locales
from lessonkit.locale.ui_plurals import UI_PLURALS
from lessonkit.locale.ui_strings import UI_STRINGS
from lessonkit.model import Curriculum
from lessonkit.problems import LessonkitError, Problem

UI = "ui"
# The one catalogue that held every pack's texts before each pack had its own; `i18n update`
# moves what a language still has there into the pack catalogues (`split_legacy_countries`).
COUNTRIES = "countries"
PACK_PREFIX = "countries-"
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
    for singular, plural, note in UI_PLURALS:
        entry = polib.POEntry(
            msgid=singular,
            msgid_plural=plural,
            msgstr_plural={0: "", 1: ""},
            comment=note,
            occurrences=[("src/lessonkit/locale/ui_plurals.py", "")],
        )
        if "{" in singular + plural:
            entry.flags.append(FORMAT_FLAG)
        catalogue.append(entry)
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


def pack_catalogue(country: str) -> str:
    """The catalogue name of a country pack's texts, e.g. `countries-DE`."""
    return f"{PACK_PREFIX}{country.upper()}"


def pack_country(name: str) -> str | None:
    """The country of a pack catalogue's name (`countries-DE` -> `DE`), or None for other catalogues."""
    country = name.removeprefix(PACK_PREFIX)
    return country if name.startswith(PACK_PREFIX) and len(country) == 2 and country.isupper() else None


def country_packs(root: Path) -> list[CountryPack]:
    """Every country pack of the project, in country order; an unusable pack raises LessonkitError."""
    packs, problems = loadable_packs(root)
    if problems:
        raise LessonkitError("\n".join(str(p) for p in problems))
    return packs


def loadable_packs(root: Path) -> tuple[list[CountryPack], list[Problem]]:
    """The packs that load, and the problems of those that do not (a stub still being filled in)."""
    packs: list[CountryPack] = []
    problems: list[Problem] = []
    for path in sorted((root / COUNTRIES_DIR).glob("*.yml")):
        pack, found = load_country_pack(path)
        if pack is None:
            problems += found
        else:
            packs.append(pack)
    return packs, problems


def language_countries(root: Path, language: str) -> list[str]:
    """The countries of the language's locales (`ar` -> `DE`), in the order of locales.yml."""
    return list(dict.fromkeys(x.country for x in load_locales(root) if x.language == language))


def needed_pack_catalogues(root: Path, language: str, packs: list[CountryPack] | None = None) -> list[str]:
    """The pack catalogues the language needs: its locales' packs that are written in another language."""
    packs = loadable_packs(root)[0] if packs is None else packs
    written = {pack.country: pack.language for pack in packs}
    return [
        pack_catalogue(country)
        for country in language_countries(root, language)
        if country in written and written[country] != language
    ]


def pack_context(pack: CountryPack, token: str, number: int, field: str) -> str:
    """The msgctxt of one text of a country pack, e.g. `DE|child_helpline:1|hours`."""
    return f"{pack.country}|{token}:{number}|{field}"


def law_context(pack: CountryPack, topic: str) -> str:
    """The msgctxt of a pack's legal statement, e.g. `DE|law:fake_images|statement`."""
    return f"{pack.country}|law:{topic}|statement"


def pack_template(curriculum: Curriculum, root: Path, pack: CountryPack) -> polib.POFile:
    """The descriptions, hours, costs, contact notes and legal statements of one country pack."""
    catalogue = new_catalogue(
        f"lessonkit {curriculum.config.version} {pack_catalogue(pack.country)}", curriculum.config.updated
    )
    where = (pack.path.relative_to(root).as_posix(), "")
    for token, services in pack.services.items():
        for number, service in enumerate(services, start=1):
            note = f"Country pack {pack.country} ({pack.name}), written in '{pack.language}': {service.name}, {token}."
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
    """Every template catalogue by name (a lesson id, `ui` or `countries-<CC>` for each pack that loads)."""
    templates = {lesson.id: lesson_template(lesson, curriculum.config, root) for lesson in curriculum.lessons}
    templates[UI] = ui_template(curriculum)
    for pack in loadable_packs(root)[0]:
        templates[pack_catalogue(pack.country)] = pack_template(curriculum, root, pack)
    return templates


def language_templates(
    curriculum: Curriculum, root: Path, language: str, templates: dict[str, polib.POFile] | None = None
) -> dict[str, polib.POFile]:
    """The templates whose catalogues a language needs: every lesson, the interface and its locales' packs."""
    templates = all_templates(curriculum, root) if templates is None else templates
    needed = set(needed_pack_catalogues(root, language))
    return {name: t for name, t in templates.items() if pack_country(name) is None or name in needed}


def split_legacy_countries(legacy: polib.POFile, templates: dict[str, polib.POFile]) -> dict[str, polib.POFile]:
    """The entries of an old shared `countries.po`, sorted into one catalogue per pack by their context.

    An entry's context starts with its pack's country (`DE|child_helpline:1|hours`); entries keep
    their msgctxt, msgid, msgstr, flags and comments, so merging them into the pack templates keeps
    every translation exactly as it was (nothing becomes fuzzy that was not).
    """
    split: dict[str, polib.POFile] = {}
    for entry in legacy:
        country = (entry.msgctxt or "").split("|", 1)[0]
        name = pack_catalogue(country) if len(country) == 2 and country.isupper() else None
        if name is None:
            continue
        if name not in split:
            template = templates.get(name)
            split[name] = polib.POFile(wrapwidth=0)
            split[name].metadata = dict(legacy.metadata)
            if template is not None:
                split[name].metadata["Project-Id-Version"] = template.metadata.get("Project-Id-Version", "")
        split[name].append(entry)
    return split
