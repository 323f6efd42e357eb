"""`lessonkit locale doctor`: everything a locale still needs, as one ordered to-do list with file and line.

A command, so it lives in cli/: it drives the checker, the translation QA and the build's
localisation step, which all sit above `lessonkit.locale` (they read the locales and packs), so
the package graph stays acyclic. The checks themselves stay where they belong (`locale.pack_stub`,
`i18n.status`, `i18n.qa`, `check.country_packs`, `build.localize`); this module only orders them.

It runs what the other commands run (pack completeness and verification, catalogue readiness,
translation QA, the checker with the language's rules, and the build's localisation step without
rendering) and orders the findings the way a volunteer works: declare the locale, fill and confirm
the country pack, translate the pack's texts and the interface, translate the lessons, add rule
data for the language, fix what the checker finds, and what the build would still refuse.

A locale is shippable when no item blocks it. Blocking: anything the build refuses, an unconfirmed
or stale pack entry, a catalogue that is not ready, a missing rule set, a checker error. Checker
warnings are listed but do not block.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polib

from lessonkit.i18n.qa import check_translations
from lessonkit.i18n.rule_data import RULES_DIR, RULES_RULE, no_rules_message, rule_languages
from lessonkit.i18n.status import fuzzy_entries, has_translation
from lessonkit.i18n.store import CatalogueError, po_path, read_po
from lessonkit.i18n.templates import language_templates, pack_country
from lessonkit.load.curriculum import relative
from lessonkit.locale.country_pack import load_country_pack, pack_path
from lessonkit.locale.locales import LOCALES_FILE, Locale, load_locales
from lessonkit.locale.pack_coverage import needed_services
from lessonkit.locale.pack_stub import empty_fields
from lessonkit.model import Curriculum
from lessonkit.problems import Location, Problem

REFUSED = "the build would refuse this: "


@dataclass(frozen=True)
class Item:
    """One thing to do, where to do it, and whether the locale can ship before it is done."""

    location: Location
    text: str
    blocking: bool = True

    def shown(self, root: Path) -> str:
        """`path:line:col: text`, the path relative to the project."""
        where = Location(relative(self.location.path, root), self.location.line, self.location.column)
        return f"{where}: {self.text}" + ("" if self.blocking else " (does not block)")


@dataclass
class Diagnosis:
    """The to-do list of one locale and what a build would make of it now."""

    locale: Locale
    declared: bool
    items: list[Item] = field(default_factory=list)
    plan: list[str] = field(default_factory=list)

    @property
    def shippable(self) -> bool:
        """Nothing blocks the locale."""
        return not any(item.blocking for item in self.items)


def diagnose(curriculum: Curriculum, root: Path, locale: Locale, today: date | None = None) -> Diagnosis:
    """Every item the locale still needs, in the order a volunteer works through them."""
    today = today or date.today()
    declared = any(x.id == locale.id and x.country == locale.country for x in load_locales(root))
    result = Diagnosis(locale, declared)
    if not declared:
        result.items.append(
            Item(
                Location(root / LOCALES_FILE),
                f"declare {locale.id}: lessonkit locale add {locale.id} --country {locale.country}",
            )
        )
    result.items += pack_items(curriculum, root, locale, today)
    source = curriculum.config.source_language
    if locale.language != source:
        result.items += catalogue_items(curriculum, root, locale.language)
        if locale.language not in rule_languages(root):
            result.items.append(
                Item(
                    Location(root / RULES_DIR / locale.language), f"add rule data: {no_rules_message(locale.language)}"
                )
            )
    built = _dry_build(curriculum, root, locale, result)
    if locale.language != source and built is not None and locale.language in rule_languages(root):
        result.items += checker_items(curriculum, root, built, locale.language)
    return _deduplicated(result)


def pack_items(curriculum: Curriculum, root: Path, locale: Locale, today: date) -> list[Item]:
    """The country pack: present, every field filled, every needed service there, every entry confirmed."""
    from lessonkit.check.country_packs import check_country_pack
    from lessonkit.check.run import rulebook_for

    path = pack_path(root, locale.country)
    if not path.is_file():
        return [
            Item(
                Location(path),
                f"write the {locale.country} pack: lessonkit locale add {locale.id} --country {locale.country} "
                "writes a stub with every service to fill",
            )
        ]
    blanks = empty_fields(path)
    blank_lines = {where.line for where, _, _ in blanks}
    # An entry still being filled in: after its fields, one item says to confirm it when complete.
    unfinished: dict[int, list[Item]] = {}
    for where, what, entry in blanks:
        unfinished.setdefault(entry, []).append(Item(where, f"fill in {what}"))
    items: list[Item] = []
    for entry, fills in unfinished.items():
        confirm = "then confirm the entry at its source and set `verified:` to that date"
        items += [*fills, Item(Location(path, entry, 1), confirm)]
    rules = rulebook_for(root).for_language("common")
    for finding in sorted(check_country_pack(path, rules, today, needed_services(curriculum.lessons))):
        if finding.code == "pack.source" and blanks:
            continue  # an empty source is already an item of its own
        if finding.code == "pack.schema" and finding.location.line in blank_lines:
            continue
        if finding.code == "pack.verified" and finding.location.line in unfinished:
            continue
        text = finding.message
        if finding.code == "pack.verified":
            text += "; record the address and date in docs/help-services.md"
            if "law:" in finding.message:
                text += " (or delete the topic: the build then prints a general sentence)"
        elif finding.suggestion:
            text += f" [{finding.suggestion}]"
        items.append(Item(finding.location, text))
    return items


def catalogue_items(curriculum: Curriculum, root: Path, language: str) -> list[Item]:
    """Each catalogue the language needs: created, translated, nothing fuzzy, QA-clean.

    In order: the pack catalogues, the interface, the student lessons, then the guides.
    """
    templates = language_templates(curriculum, root, language)
    students = {lesson.id for lesson in curriculum.lessons if lesson.is_student_lesson}
    order = sorted(templates, key=lambda n: 0 if pack_country(n) else 1 if n == "ui" else 2 if n in students else 3)
    errors: dict[Path, list[Problem]] = {}
    for problem in check_translations(curriculum, root, [language]):
        if problem.severity == "error":
            errors.setdefault(problem.location.path.resolve(), []).append(problem)
    items: list[Item] = []
    missing = [name for name in order if not po_path(root, language, name).is_file()]
    if missing:
        first = po_path(root, language, missing[0])
        items.append(
            Item(
                Location(first),
                f"create {len(missing)} catalogue(s) of '{language}' (e.g. {first.name}): "
                f"lessonkit i18n update -l {language}",
            )
        )
    for name in order:
        path = po_path(root, language, name)
        if name in missing:
            continue
        try:
            catalogue = read_po(path)
        except CatalogueError as err:
            items.append(Item(err.problem.location, err.problem.message))
            continue
        items += _catalogue_items(path, templates[name], catalogue)
        items += [Item(p.location, f"{p.code} {p.message}") for p in errors.pop(path.resolve(), [])]
    # QA errors in a catalogue the language does not need (another pack's) still need fixing.
    items += [Item(p.location, f"{p.code} {p.message}") for found in errors.values() for p in found]
    return items


def _catalogue_items(path: Path, template: polib.POFile, catalogue: polib.POFile | None) -> list[Item]:
    if catalogue is None:
        return []
    have = {(e.msgctxt, e.msgid): e for e in catalogue if not e.obsolete}
    todo = [have.get((t.msgctxt, t.msgid)) for t in template]
    untranslated = [e for e in todo if e is None or not has_translation(e)]
    items = []
    if untranslated:
        first = next((e.linenum for e in untranslated if e is not None and e.linenum), 1)
        items.append(Item(Location(path, first or 1, 1), f"translate {len(untranslated)} of {len(template)} entries"))
    items += [
        Item(Location(path, entry.linenum or 1, 1), "review the fuzzy entry (its English changed), then unmark it")
        for entry in fuzzy_entries(template, catalogue)
    ]
    return items


def _dry_build(curriculum: Curriculum, root: Path, locale: Locale, result: Diagnosis) -> Curriculum | None:
    """What `lessonkit build --locale ID` would make now (nothing is rendered); refusals become items."""
    from lessonkit.build.localize import localize

    pack = pack_path(root, locale.country)
    if not pack.is_file() or load_country_pack(pack)[0] is None:
        result.plan.append(f"build: {locale.id} would be refused (its country pack does not load yet)")
        return None
    localized = localize(curriculum, root, locale)
    result.items += [Item(p.location, f"{REFUSED}{p.code} {p.message}") for p in localized.refused]
    if localized.dropped:
        result.plan.append(f"build: {locale.id} would be refused whole; nothing of it would be published")
        return None
    built = {lesson.id for lesson in localized.curriculum.lessons}
    students = [x for x in curriculum.lessons if x.is_student_lesson]
    guides = [x for x in curriculum.lessons if not x.is_student_lesson]
    result.plan.append(
        f"build: {locale.id} would get {sum(x.id in built for x in students)} of {len(students)} student lesson(s) "
        f"and {sum(x.id in built for x in guides)} of {len(guides)} guide(s), with the help services of "
        f"{localized.pack.name}"
    )
    left_out = [x.id for x in students if x.id not in built]
    if left_out:
        shown = ", ".join(left_out[:6]) + (f" and {len(left_out) - 6} more" if len(left_out) > 6 else "")
        result.plan.append(f"build: left out until translated: {shown}")
    return localized.curriculum


def checker_items(curriculum: Curriculum, root: Path, translated: Curriculum, language: str) -> list[Item]:
    """What the checker finds in the translated lessons with the language's rules (at their PO entries)."""
    from lessonkit.check.resources import use_cache_dir
    from lessonkit.check.run import Options, check_lessons, rulebook_for
    from lessonkit.shipped import CACHE_DIR

    if not translated.lessons:
        return []
    use_cache_dir(root / CACHE_DIR)
    report = check_lessons([(x, language) for x in translated.lessons], rulebook_for(root), Options(), curriculum)
    return [
        Item(
            f.location, f"{f.code} {f.message}" + (f" [{f.suggestion}]" if f.suggestion else ""), f.severity == "error"
        )
        for f in sorted(report.findings)
        if f.code != RULES_RULE
    ]


def _hint(suggestion: str) -> str:
    return f" [{suggestion}]" if suggestion else ""


def _deduplicated(result: Diagnosis) -> Diagnosis:
    """One item per place for what the build would refuse: the earlier item at that line says it already."""
    places: set[tuple[Path, int]] = set()
    items = []
    for item in result.items:
        place = (item.location.path.resolve(), item.location.line)
        if item.text.startswith(REFUSED) and place in places:
            continue
        places.add(place)
        items.append(item)
    result.items = items
    return result


def shown_items(items: Iterable[Item], root: Path) -> list[str]:
    """The numbered to-do lines."""
    return [f"{number:>3}. {item.shown(root)}" for number, item in enumerate(items, start=1)]
