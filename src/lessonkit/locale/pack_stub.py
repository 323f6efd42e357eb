"""A country pack stub (`lessonkit locale add`): every service and legal topic the curriculum needs, to fill in.

Every field a volunteer must find at the service's own site is left empty and every entry is
`verified: false`. An empty field does not pass the pack schema, so the stub does not load until it
is filled: the build refuses the locales that use it (and only those), and `lessonkit locale doctor`
names each empty field with its line. Nothing half-filled can reach a handout.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from babel import Locale as CldrLocale

from lessonkit.load.yaml_tree import YamlDocument, read_yaml_file
from lessonkit.problems import Location

# What each help token of the curriculum means (docs/authoring.md, "Help tokens"), as a hint in the stub.
SERVICE_HINTS = {
    "child_helpline": "the national helpline for children and young people (see Child Helpline International)",
    "parent_helpline": "a helpline for parents and carers worried about a child",
    "report_abuse_images": "the national hotline for reporting sexual images of children (INHOPE lists members)",
    "police": "how to report a crime to the police (online, at a station; not the emergency number)",
    "emergency": "the emergency number (police, ambulance) for someone in danger right now",
    "take_down": "services that help remove a young person's intimate image (e.g. Take It Down, NCMEC)",
    "crisis_support": "a crisis line for anyone in distress or thinking about suicide, open to young people",
}
LAW_HINTS = {
    "images_of_under_18s": "making, having or sharing sexual images of under-18s",
    "fake_images": "AI-made or altered ('nudified') sexual images of real people",
    "sexual_extortion": "threatening to share intimate images to get more images or money",
}
# The fields of a service a volunteer fills in; `hours` and `cost` may stay empty (then not printed).
REQUIRED_SERVICE_FIELDS = ("name", "description", "source")
REQUIRED_LAW_FIELDS = ("statement", "source")


def country_name(country: str, language: str) -> str:
    """The country's name in the pack's language (CLDR), e.g. `España`; the code when CLDR has none."""
    try:
        return str(CldrLocale.parse(language).territories.get(country, country))
    except (ValueError, LookupError):
        return country


def stub_text(country: str, language: str, services: Iterable[str], laws: Iterable[str], today: date) -> str:
    """The YAML text of a pack stub for `country`, written in `language`."""
    name = country_name(country, language)
    lines = [
        f"# Country pack for {name} ({country}): a stub written by `lessonkit locale add` on {today.isoformat()}.",
        "# Fill in every empty field from the service's own website or a government page, and set",
        "# `verified:` to the date you confirmed the entry there (keep `verified: false` until then).",
        "# Until every empty field is filled this pack does not load: the build refuses the locales that",
        "# use it (no other locale is affected). `lessonkit locale doctor <id>` lists what is left, by line.",
        "# Fields: name; description (one sentence: who it is for, what it does); contacts (kind: phone,",
        "# text, web or email; value: the number or address exactly as dialled or typed; note: optional,",
        "# e.g. 'WhatsApp'); hours and cost (only what the source confirms; leave empty otherwise);",
        "# languages; source (the public page you checked); verified (a date, or false).",
        "# Several services for one need: add more entries under the same name. Record what you checked,",
        "# where and when in docs/help-services.md. Guide: docs/translators.md.",
        f"country: {country}",
        f"name: {json.dumps(name, ensure_ascii=False)}",
        f"language: {language}",
        "services:",
    ]
    for token in services:
        lines += [
            f"  # {SERVICE_HINTS.get(token, 'see docs/authoring.md, help tokens')}",
            f"  {token}:",
            '    - name: ""',
            '      description: ""',
            "      contacts:",
            "        - kind: phone",
            '          value: ""',
            '      hours: ""',
            '      cost: ""',
            f"      languages: [{language}]",
            '      source: ""',
            "      verified: false",
        ]
    topics = list(laws)
    if topics:
        lines += [
            "# One or two calm sentences per topic, exactly what the law says (no penalties), checked in the",
            "# statute or at an official page. Delete a topic you cannot confirm: the build then prints a",
            "# general sentence that holds everywhere.",
            "law:",
        ]
        for topic in topics:
            lines += [
                f"  # {LAW_HINTS.get(topic, 'see docs/authoring.md, law tokens')}",
                f"  {topic}:",
                '    statement: ""',
                '    source: ""',
                "    verified: false",
            ]
    return "\n".join(lines) + "\n"


def empty_fields(path: Path) -> list[tuple[Location, str, int]]:
    """Each required field of the pack that is still empty: its place, what it is, and its entry's line.

    Read from the YAML itself (the schema would only say "at least 1 character"), so that each
    item of a to-do list can say which service or topic the field belongs to. In file order.
    """
    document, _ = read_yaml_file(path)
    if document is None or not isinstance(document.data, dict):
        return []
    found: list[tuple[Location, str, int]] = []
    services = document.data.get("services")
    for token, entries in services.items() if isinstance(services, dict) else ():
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            if not isinstance(entry, dict):
                continue
            base = ("services", token, index)
            line = document.line_of(base)
            for name in REQUIRED_SERVICE_FIELDS:
                if _blank(entry.get(name)):
                    found.append((_at(document, path, (*base, name)), f"'{name}' of {token} (entry {index + 1})", line))
            contacts = entry.get("contacts")
            for number, contact in enumerate(contacts if isinstance(contacts, list) else []):
                if isinstance(contact, dict) and _blank(contact.get("value")):
                    where = _at(document, path, (*base, "contacts", number, "value"))
                    kind = contact.get("kind", "phone")
                    found.append((where, f"contact {number + 1} ('{kind}') of {token}", line))
    laws = document.data.get("law")
    for topic, entry in laws.items() if isinstance(laws, dict) else ():
        if isinstance(entry, dict):
            line = document.line_of(("law", topic))
            for name in REQUIRED_LAW_FIELDS:
                if _blank(entry.get(name)):
                    found.append((_at(document, path, ("law", topic, name)), f"'{name}' of law: {topic}", line))
    return sorted(found, key=lambda item: item[0].line)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _at(document: YamlDocument, path: Path, key: tuple[str | int, ...]) -> Location:
    return Location(path, document.line_of(key), 1)
