"""Translation QA: a volunteer's translation is untrusted input. Every finding names the PO file and line.

- I100 placeholders, help tokens and markup tags preserved (else the build would lose a helpline)
- I101 no phone number, web or e-mail address that is neither in the English text nor in the pack of one
  of the language's own locales (`locales/locales.yml`: `ar-DE` may print German numbers, not Irish
  ones); short service numbers count (016, 110, 911: see `short_number_problems`)
- I102 no raw HTML or script
- I103 same number of sections, activities, slides and quiz items as the English lesson after applying
- I104 `msgfmt -c` clean (GNU gettext)
- I105 translate-toolkit's pofilter checks urls, numbers, variables, xmltags, pythonbraceformat
- I106 slide text longer than its limit (warning)
- I107 the catalogue cannot be read (not a regular file, too large, not UTF-8, malformed)

Numbers and addresses are looked for in a normalised copy of the text (`normalise`): NFKC (which
turns fullwidth, superscript and other compatibility forms into plain digits, letters, dots and
slashes), every Unicode dash, dot, slash and space variant folded to its ASCII form, and the
invisible format characters (zero-width spaces, soft hyphens, direction marks) dropped. So
"116–111", "116.111", and 116 111 written with a no-break or a thin space are all the number
116111. An address is any dotted host name, including internationalised (Unicode) and punycode
(`xn--`) names, any `http(s)://` or `www.` address (whatever its host) and any numeric IP
address. Any `<` followed by a letter, `/`, `!` or `?` that is not a protected tag (`<b>`,
`<a1>`...) is raw markup.

The patterns run on RE2 (`lessonkit.linear_re`), so a crafted entry cannot stall the check.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path

import polib

from lessonkit.blocks import Origin
from lessonkit.i18n.catalogue import LOCALES_DIR, slide_limit
from lessonkit.i18n.placeholders import PART, URL, Message, placeholder_problems
from lessonkit.i18n.store import CatalogueError, catalogue_lines, po_path, read_po
from lessonkit.linear_re import DIGIT, SPACE, WORD, Hit, Scanner, scanner
from lessonkit.locale.country_pack import CountryPack
from lessonkit.model import Curriculum, Lesson
from lessonkit.problems import Location, Problem

POFILTER_CHECKS = ("urls", "numbers", "variables", "xmltags", "pythonbraceformat")
# Separators a reader skips when dialling: spaces, dashes, dots, slashes, brackets, commas, apostrophes.
PHONE = scanner(r"\+?\d[\d \-/.(),'_]{3,}\d")
EMAIL = scanner(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URLS = scanner(URL.pattern, URL.flags)
# A host: labels of letters, combining marks, digits, `_` and `-` (so Unicode names, whose
# marks belong to their letters), then a top-level label of letters or punycode (`xn--...`).
# The Python form is the fallback only; it reads marks as separators, which RE2's form does not.
_LABEL = rf"[{WORD}\p{{M}}-]+"
_TOP = r"(?:[\p{L}\p{M}]{2,63}|[xX][nN]--[a-zA-Z0-9-]+)"
DOMAIN = Scanner(
    r"(?<![\w.-])(?:[\w-]+\.)+(?:[^\W\d_]{2,63}|[xX][nN]--[a-zA-Z0-9-]+)(?:/\S*)?",
    re2_pattern=rf"(?:^|[^{WORD}\p{{M}}.-])(?P<m>(?:{_LABEL}\.)+{_TOP}(?:/[^{SPACE}]*)?)",
)
IP_ADDRESS = Scanner(
    r"(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])|\[[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\]",
    re2_pattern=(
        rf"(?:^|[^{DIGIT}.])(?P<m>{DIGIT}{{1,3}}(?:\.{DIGIT}{{1,3}}){{3}})(?:[^{DIGIT}.]|$)"
        r"|(?P<m2>\[[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\])"
    ),
)
SCRIPTISH = scanner(r"javascript:|on[a-z]+\s*=|&#|&lt;|<!--", re.IGNORECASE)
MIN_PHONE_DIGITS = 5
DIGIT_RUN = scanner(r"\d+")
# Short numbers that reach an emergency or help service in some country, printed nowhere in a
# lesson's English (help tokens carry every number): 000 (Australia), 110 (police in Germany,
# China, Japan...), 112 (EU), 119, 911 (North America), 999 (UK, Ireland). Every pack's own
# short contacts (016, 017, 024, 062, 091...) are added where the packs are known.
SERVICE_NUMBERS = frozenset({"000", "110", "112", "119", "911", "999"})
SHORT_DIGITS = (3, 4)
OWN_PACKS = "the country pack of one of this language's locales"
# What NFKC leaves alone but a reader (or a browser, for host names) reads as a dot, a slash or a dash.
_DOTS = "\u00b7\u0387\u066b\u066c\u06d4\u2024\u2027\u2e31\u3002\u30fb\uff61\uff65"
_SLASHES = "\u2044\u2215\u29f8\u2571"
_DASHES = "\u2212\u2043\u2796\ufe63\uff0d"
_FOLD = str.maketrans({**dict.fromkeys(_DOTS, "."), **dict.fromkeys(_SLASHES, "/"), **dict.fromkeys(_DASHES, "-")})


class _Reading(dict[int, str | None]):
    """A `str.translate` table filled on demand: each character's reading, worked out once."""

    def __init__(self, *, drop_marks: bool) -> None:
        super().__init__(_FOLD)
        self.drop_marks = drop_marks

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        category = unicodedata.category(char)
        reading: str | None = char
        if category == "Pd":
            reading = "-"
        elif category == "Cf" or (self.drop_marks and category in ("Mn", "Me")):
            reading = None  # invisible: zero-width spaces, soft hyphens, direction marks, keycap marks
        elif category == "Zs" or (not char.isascii() and char.isspace()):
            reading = " "
        self[code] = reading
        return reading


_FOR_NUMBERS = _Reading(drop_marks=True)
_FOR_HOSTS = _Reading(drop_marks=False)  # marks belong to the letters of a Unicode host name


def normalise(text: str, *, numbers: bool = True) -> str:
    """The text as a reader dials or types it (see the module's docstring); `numbers=False` keeps marks."""
    return unicodedata.normalize("NFKC", text).translate(_FOR_NUMBERS if numbers else _FOR_HOSTS)


def _digits(text: str) -> str:
    # Arabic-Indic and other digits count as the numbers they are: a tampered number cannot hide in them.
    return "".join(str(unicodedata.digit(ch)) for ch in text if ch.isdigit())


def allowed_contacts(packs: Iterable[CountryPack]) -> tuple[set[str], set[str]]:
    """Digit strings and canonical addresses that country packs publish (and so may appear anywhere)."""
    numbers: set[str] = set()
    hosts: set[str] = set()
    for pack in packs:
        for services in pack.services.values():
            for service in services:
                for contact in service.contacts:
                    if contact.kind in ("phone", "text"):
                        numbers.add(_digits(normalise(contact.value)))
                    else:
                        hosts.add(_host(normalise(contact.value, numbers=False)))
    return numbers, hosts


def short_pack_numbers(packs: Iterable[CountryPack]) -> frozenset[str]:
    """Every short phone or text number (under `MIN_PHONE_DIGITS` digits) that any pack publishes."""
    numbers, _ = allowed_contacts(packs)
    return frozenset(n for n in numbers if len(n) < MIN_PHONE_DIGITS)


def language_packs(root: Path, language: str, packs: Iterable[CountryPack]) -> list[CountryPack]:
    """The packs of the language's locales (`locales/locales.yml`), the only ones its text may cite."""
    from lessonkit.i18n.templates import language_countries

    countries = set(language_countries(root, language))
    return [pack for pack in packs if pack.country in countries]


def _host(address: str) -> str:
    """The host an address leads to, in one form: lower case, punycode for Unicode names."""
    address = address.casefold().removeprefix("mailto:")
    address = re.sub(r"^[a-z][a-z0-9+.-]*://", "", address).removeprefix("www.")
    host = address.split("@")[-1].split("/")[0].split("?")[0].rstrip(".")
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host  # not a valid IDNA name: compared as written (and so not a pack's host)


def _addresses(text: str) -> Iterator[Hit]:
    """Every web or e-mail address, host name and numeric IP address in the (normalised) text."""
    for pattern in (URLS, EMAIL, DOMAIN, IP_ADDRESS):
        yield from pattern.finditer(text)


def raw_markup(text: str) -> str | None:
    """The first `<` that opens markup (a letter, `/`, `!` or `?` follows) and is not a protected tag."""
    position = text.find("<")
    while position >= 0:
        following = text[position + 1 : position + 2]
        if following and (following.isalpha() or following in "/!?") and PART.match(text, position) is None:
            end = text.find(">", position, position + 40)
            return text[position : end + 1 if end >= 0 else position + 30]
        position = text.find("<", position + 1)
    return None


def entry_problems(
    entry: polib.POEntry,
    where: Location,
    contacts: tuple[set[str], set[str]],
    short_numbers: Collection[str] = SERVICE_NUMBERS,
) -> list[Problem]:
    """Everything wrong with one translated entry, at `where` (the msgstr's text, see `catalogue_problems`).

    `contacts` holds the numbers and hosts the translation may cite (its locales' packs);
    `short_numbers` the short service numbers it may not cite unless they are among them.
    """
    if entry.msgid_plural and not entry.obsolete:
        # Each plural form is a translation of the English plural, checked like any other.
        forms = [
            polib.POEntry(msgid=entry.msgid_plural, msgstr=form, comment=entry.comment)
            for form in entry.msgstr_plural.values()
        ]
        return _dedupe([p for form in forms for p in entry_problems(form, where, contacts, short_numbers)])
    if not entry.msgstr or entry.obsolete:
        return []
    problems = [Problem(where, "I100", f"{text}") for text in placeholder_problems(entry.msgid, entry.msgstr)]
    numbers, hosts = contacts
    english = normalise(entry.msgid)
    source_numbers = {_digits(m.text) for m in PHONE.finditer(english)} | {_digits(english)}
    translation = normalise(PART.sub(" ", entry.msgstr))
    for match in PHONE.finditer(translation):
        digits = _digits(match.text)
        if len(digits) >= MIN_PHONE_DIGITS and digits not in numbers and not any(digits in s for s in source_numbers):
            problems.append(
                Problem(where, "I101", f"phone number '{match.text.strip()}' is not in the English text or {OWN_PACKS}")
            )
    problems += short_number_problems(english, translation, numbers, short_numbers, where)
    source_hosts = {_host(m.text) for m in _addresses(normalise(entry.msgid, numbers=False))}
    for match in _addresses(normalise(PART.sub(" ", entry.msgstr), numbers=False)):
        if _host(match.text) not in hosts | source_hosts:
            problems.append(Problem(where, "I101", f"address '{match.text}' is not in the English text or {OWN_PACKS}"))
    script = SCRIPTISH.search(entry.msgstr)
    shown = raw_markup(entry.msgstr) or (script.text if script else None)
    if shown is not None:
        problems.append(Problem(where, "I102", f"raw HTML or script in the translation: '{shown}'"))
    # Both slide comments ("Slide text: at most N", "Slide title: at most N") promise the same limit.
    slide = re.search(r"Slide (text|title): at most", entry.comment or "")
    if slide is not None and len(entry.msgstr) > slide_limit(Message(entry.msgid)):
        problems.append(
            Problem(
                where,
                "I106",
                f"slide {slide.group(1)} is {len(entry.msgstr)} characters;"
                f" keep it under {slide_limit(Message(entry.msgid))}",
                "warning",
            )
        )
    return _dedupe(problems)


def short_number_problems(
    english: str, translation: str, allowed: Collection[str], known: Collection[str], where: Location
) -> list[Problem]:
    """I101 for a short service number in the (normalised) translation: 016, 110, 911...

    A run of 3 or 4 digits is a service number when it is a known one (`known`: `SERVICE_NUMBERS`
    and the packs' short contacts) or has 3 digits starting with 0 (how Spain, Italy and others
    write theirs: 016, 091). It is refused unless the English has the same number on its own (a
    substring does not count: "1 in 10" is no 110) or the language's own packs publish it. Digits
    inside a longer phone-like run are left to the phone-number check.
    """
    inside = [(m.start, m.end) for m in PHONE.finditer(translation)]
    source = {_digits(m.text) for m in DIGIT_RUN.finditer(english)}
    problems = []
    for run in DIGIT_RUN.finditer(translation):
        digits = _digits(run.text)
        if len(digits) not in SHORT_DIGITS or any(start <= run.start < end for start, end in inside):
            continue
        service = digits in known or (len(digits) == 3 and digits.startswith("0"))
        if service and digits not in source and digits not in allowed:
            problems.append(
                Problem(
                    where,
                    "I101",
                    f"service number '{run.text}' is not in the English text or {OWN_PACKS}",
                )
            )
    return problems


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[str, str]] = set()
    out = []
    for problem in problems:
        if (problem.code, problem.message) not in seen:
            seen.add((problem.code, problem.message))
            out.append(problem)
    return out


def catalogue_problems(
    path: Path, contacts: tuple[set[str], set[str]], short_numbers: Collection[str] = SERVICE_NUMBERS
) -> list[Problem]:
    """I100-I102 and I106 for every entry of one PO file, where its msgstr's text starts.

    Every one of them is about the translated text, so the translator is taken to it: the line
    and column of its first character (the entry's first line for a plural entry).
    """
    catalogue = read_po(path)
    if catalogue is None:
        return []
    lines = catalogue_lines(path)
    return [
        p
        for e in catalogue
        for p in entry_problems(e, Origin.of_entry(path, lines, e.linenum or 1).location, contacts, short_numbers)
    ]


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


# The longest shipped translation is about 1,200 characters; a unit many times that is a mistake or an attack.
POFILTER_MAX_CHARS = 20_000


def pofilter_problems(path: Path) -> list[Problem]:
    """I105: translate-toolkit's pofilter checks on every translated entry."""
    from translate.filters import checks  # imported here: it is slow to import
    from translate.storage import factory

    catalogue = read_po(path)
    if catalogue is None:
        return []
    # Each check is about the translation: at the msgstr's first character.
    text = catalogue_lines(path)
    places = {(e.msgctxt or "", e.msgid): Origin.of_entry(path, text, e.linenum or 1).location for e in catalogue}
    checker = checks.StandardChecker(limitfilters=list(POFILTER_CHECKS))
    problems = []
    try:
        units = factory.getobject(str(path)).units
    except Exception as err:  # translate-toolkit's parser raises many types; polib read the file already
        return [Problem(Location(path), "I105", f"pofilter cannot read the catalogue: {err}")]
    for unit in units:
        if unit.isheader() or not unit.target or unit.isfuzzy() or unit.isobsolete():
            continue
        where = places.get((unit.getcontext() or "", unit.source), Location(path, 1, 1))
        if len(unit.target) > POFILTER_MAX_CHARS:
            # pofilter's checks are quadratic on some text: 3.5 MB of '{help.' ran for hours.
            message = f"translation is {len(unit.target)} characters, too long to check (at most {POFILTER_MAX_CHARS})"
            problems.append(Problem(where, "I105", f"pofilter: {message}"))
            continue
        for name, failure in sorted(checker.run_filters(unit).items()):
            message = failure["message"] if isinstance(failure, dict) else str(failure)
            problems.append(Problem(where, "I105", f"pofilter {name}: {message}"))
    return problems


def structure_problems(source: Lesson, translated: Lesson, path: Path) -> list[Problem]:
    """I103: the translated lesson has the same sections, activities, slides and quiz items."""

    def shape(lesson: Lesson) -> dict[str, int]:
        quiz = len(lesson.document.questions)
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
    from lessonkit.i18n.templates import loadable_packs

    packs, _ = loadable_packs(root)  # a pack that does not load is reported by `check`, not here
    known = SERVICE_NUMBERS | short_pack_numbers(packs)
    problems: list[Problem] = []
    for language in languages:
        if language == curriculum.config.source_language:
            continue
        # Only the language's own locales' packs: another country's number is wrong in this text.
        contacts = allowed_contacts(language_packs(root, language, packs))
        unreadable: set[Path] = set()
        for path in sorted((root / LOCALES_DIR / language).glob("*.po")):
            try:
                problems += catalogue_problems(path, contacts, known)
            except CatalogueError as err:
                # Located (I107); msgfmt and pofilter would only repeat it less clearly.
                problems.append(err.problem)
                unreadable.add(path)
                continue
            problems += msgfmt_problems(path) + pofilter_problems(path)
        for lesson in curriculum.lessons:
            path = po_path(root, language, lesson.id)
            catalogue = None if path in unreadable else read_po(path)
            if catalogue is not None:
                problems += structure_problems(lesson, translate_lesson(lesson, catalogue), path)
    return problems
