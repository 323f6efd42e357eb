"""Translation QA: a volunteer's translation is untrusted input. Every finding names the PO file and line.

- I100 placeholders, help tokens and markup tags preserved (else the build would lose a helpline)
- I101 no phone number, web or e-mail address that is neither in the English text nor in a country pack
- I102 no raw HTML or script
- I103 same number of sections, activities, slides and quiz items as the English lesson after applying
- I104 `msgfmt -c` clean (GNU gettext)
- I105 translate-toolkit's pofilter checks urls, numbers, variables, xmltags, pythonbraceformat
- I106 slide text longer than its limit (warning)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import polib

from lessonkit.i18n.catalogue import LOCALES_DIR, slide_limit
from lessonkit.i18n.placeholders import PART, TAG_LIKE, URL, Message, placeholder_problems
from lessonkit.i18n.store import po_path, read_po
from lessonkit.load.sections import parse_quiz
from lessonkit.locale.country_pack import CountryPack
from lessonkit.model import Curriculum, Lesson
from lessonkit.problems import Location, Problem

POFILTER_CHECKS = ("urls", "numbers", "variables", "xmltags", "pythonbraceformat")
PHONE = re.compile(r"\+?\d[\d \-/.()\u00a0]{3,}\d")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
DOMAIN = re.compile(r"\b(?:[a-z0-9-]+\.)+(?:[a-z]{2,24})(?:/[^\s]*)?", re.IGNORECASE)
SCRIPTISH = re.compile(r"javascript:|on[a-z]+\s*=|&#|&lt;|<!--", re.IGNORECASE)
MIN_PHONE_DIGITS = 5


def _digits(text: str) -> str:
    # Arabic-Indic and other digits count as the numbers they are: a tampered number cannot hide in them.
    return "".join(str(unicodedata.digit(ch)) for ch in text if ch.isdigit())


def allowed_contacts(packs: Iterable[CountryPack]) -> tuple[set[str], set[str]]:
    """Digit strings and lower-case addresses that country packs publish (and so may appear anywhere)."""
    numbers: set[str] = set()
    hosts: set[str] = set()
    for pack in packs:
        for services in pack.services.values():
            for service in services:
                for contact in service.contacts:
                    if contact.kind in ("phone", "text"):
                        numbers.add(_digits(contact.value))
                    else:
                        hosts.add(_host(contact.value))
    return numbers, hosts


def _host(address: str) -> str:
    address = address.lower().removeprefix("mailto:")
    address = re.sub(r"^[a-z]+://", "", address).removeprefix("www.")
    return address.split("@")[-1].split("/")[0].rstrip(".")


def entry_problems(entry: polib.POEntry, where: Location, contacts: tuple[set[str], set[str]]) -> list[Problem]:
    """Everything wrong with one translated entry."""
    if not entry.msgstr or entry.obsolete:
        return []
    problems = [Problem(where, "I100", f"{text}") for text in placeholder_problems(entry.msgid, entry.msgstr)]
    numbers, hosts = contacts
    source_numbers = {_digits(m[0]) for m in PHONE.finditer(entry.msgid)} | {_digits(entry.msgid)}
    for match in PHONE.finditer(PART.sub(" ", entry.msgstr)):
        digits = _digits(match[0])
        if len(digits) >= MIN_PHONE_DIGITS and digits not in numbers and not any(digits in s for s in source_numbers):
            problems.append(
                Problem(
                    where, "I101", f"phone number '{match[0].strip()}' is not in the English text or a country pack"
                )
            )
    source_hosts = {
        _host(m[0]) for m in (*URL.finditer(entry.msgid), *EMAIL.finditer(entry.msgid), *DOMAIN.finditer(entry.msgid))
    }
    text = PART.sub(" ", entry.msgstr)
    for match in (*URL.finditer(text), *EMAIL.finditer(text), *DOMAIN.finditer(text)):
        host = _host(match[0])
        if "." in host and host not in hosts | source_hosts and not host.replace(".", "").isdigit():
            problems.append(
                Problem(where, "I101", f"address '{match[0]}' is not in the English text or a country pack")
            )
    raw = [m[0] for m in TAG_LIKE.finditer(entry.msgstr) if not PART.fullmatch(m[0])]
    if raw or SCRIPTISH.search(entry.msgstr):
        shown = raw[0] if raw else SCRIPTISH.search(entry.msgstr)[0]  # type: ignore[index]
        problems.append(Problem(where, "I102", f"raw HTML or script in the translation: '{shown}'"))
    if "Slide text: at most" in (entry.comment or "") and len(entry.msgstr) > slide_limit(Message(entry.msgid)):
        problems.append(
            Problem(
                where,
                "I106",
                f"slide text is {len(entry.msgstr)} characters; keep it under {slide_limit(Message(entry.msgid))}",
                "warning",
            )
        )
    return _dedupe(problems)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[str, str]] = set()
    out = []
    for problem in problems:
        if (problem.code, problem.message) not in seen:
            seen.add((problem.code, problem.message))
            out.append(problem)
    return out


def catalogue_problems(path: Path, contacts: tuple[set[str], set[str]]) -> list[Problem]:
    """I100-I102 and I106 for every entry of one PO file."""
    catalogue = read_po(path)
    if catalogue is None:
        return []
    return [p for e in catalogue for p in entry_problems(e, Location(path, e.linenum or 1, 1), contacts)]


MSGFMT_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<message>.*)$")


def msgfmt_problems(path: Path) -> list[Problem]:
    """I104: what `msgfmt -c` (GNU gettext) says about the file."""
    if shutil.which("msgfmt") is None:
        return [
            Problem(Location(path), "I104", "msgfmt (GNU gettext) is not installed; run scripts/install-system-deps.sh")
        ]
    run = subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True, check=False, timeout=60
    )
    problems = []
    for line in run.stderr.splitlines():
        match = MSGFMT_LINE.match(line)
        if match and "warning: header field" not in line:
            problems.append(Problem(Location(path, int(match["line"]), 1), "I104", f"msgfmt: {match['message']}"))
        elif line.strip() and not match and "fatal error" not in line:
            problems.append(Problem(Location(path), "I104", f"msgfmt: {line.strip()}"))
    if run.returncode and not problems:
        problems.append(Problem(Location(path), "I104", "msgfmt -c failed"))
    return problems


def pofilter_problems(path: Path) -> list[Problem]:
    """I105: translate-toolkit's pofilter checks on every translated entry."""
    from translate.filters import checks  # imported here: it is slow to import
    from translate.storage import factory

    catalogue = read_po(path)
    if catalogue is None:
        return []
    lines = {(e.msgctxt or "", e.msgid): e.linenum or 1 for e in catalogue}
    checker = checks.StandardChecker(limitfilters=list(POFILTER_CHECKS))
    problems = []
    for unit in factory.getobject(str(path)).units:
        if unit.isheader() or not unit.target or unit.isfuzzy() or unit.isobsolete():
            continue
        where = Location(path, lines.get((unit.getcontext() or "", unit.source), 1), 1)
        for name, failure in sorted(checker.run_filters(unit).items()):
            message = failure["message"] if isinstance(failure, dict) else str(failure)
            problems.append(Problem(where, "I105", f"pofilter {name}: {message}"))
    return problems


def structure_problems(source: Lesson, translated: Lesson, path: Path) -> list[Problem]:
    """I103: the translated lesson has the same sections, activities, slides and quiz items."""

    def shape(lesson: Lesson) -> dict[str, int]:
        quiz = sum(len(parse_quiz(s)[0]) for s in lesson.sections_of("quiz"))
        return {
            "sections": len(lesson.sections),
            "activities": len(lesson.sections_of("activity")),
            "slides": len(lesson.sections_of("slide")),
            "quiz items": quiz,
        }

    want, got = shape(source), shape(translated)
    return [
        Problem(Location(path), "I103", f"the translation has {got[name]} {name}; the English lesson has {want[name]}")
        for name in want
        if want[name] != got[name]
    ]


def check_translations(curriculum: Curriculum, root: Path, languages: Iterable[str]) -> list[Problem]:
    """Every QA finding for the languages' catalogues (the checker calls this for `lessonkit check`)."""
    from lessonkit.i18n.apply import translate_lesson
    from lessonkit.i18n.templates import country_packs

    contacts = allowed_contacts(country_packs(root))
    problems: list[Problem] = []
    for language in languages:
        if language == curriculum.config.source_language:
            continue
        for path in sorted((root / LOCALES_DIR / language).glob("*.po")):
            problems += catalogue_problems(path, contacts) + msgfmt_problems(path) + pofilter_problems(path)
        for lesson in curriculum.lessons:
            path = po_path(root, language, lesson.id)
            catalogue = read_po(path)
            if catalogue is not None:
                problems += structure_problems(lesson, translate_lesson(lesson, catalogue), path)
    return problems
