"""One checker run: find what to check (lessons, texts, catalogues, country packs), check it, collect a Report.

`check_curriculum` takes (lesson, language) pairs: the source lessons in the curriculum's
language today, and the translated lessons that the i18n stage produces (the same Lesson
model in another language) checked with that language's rules, through `translations`.
"""

from __future__ import annotations

import dataclasses
import gc
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from lessonkit.check.document import Document
from lessonkit.check.documents import capitalised_words, lesson_document, text_document
from lessonkit.check.engine import apply_suppressions, check_document
from lessonkit.check.report import Report
from lessonkit.check.resources import CACHE_ENV, cache_dir, use_cache_dir
from lessonkit.check.rulebook import KINDS, PACKS, RULES_DIR, Rulebook, load_rulebook, rule_ids, runner
from lessonkit.check.suppress import KnownRules
from lessonkit.diagnostics import Diagnostic, LessonkitError, UnusableInputError, printable_path, sort_key
from lessonkit.load.source_file import read_bytes, read_text
from lessonkit.shipped import CACHE_DIR, default_cache_dir, shipped

if TYPE_CHECKING:
    from lessonkit.model import Curriculum, Lesson

# Checking one plain text must not import the curriculum loader, the i18n stage or the country
# pack models (pydantic, markdown-it, polib: most of start-up), so those modules are imported
# where they are used, and these names are repeated from them (a test holds them equal).
LESSONS_DIR = "lessons"  # lessonkit.load.curriculum.LESSONS_DIR
CONFIG_FILE = "curriculum.yml"  # lessonkit.load.config.CONFIG_FILE
COUNTRIES_DIR = Path("locales") / "countries"  # lessonkit.locale.country_pack.COUNTRIES_DIR

TEXT_SUFFIXES = (".md", ".markdown", ".txt")
CATALOGUE = ".po"


@dataclass(frozen=True)
class Options:
    """Metadata supplied or overridden on the command line, and the date packs are judged on."""

    band: str | None = None
    audience: str | None = None
    language: str | None = None
    today: date = dataclasses.field(default_factory=date.today)


def project_root(start: Path) -> Path | None:
    """The project folder around `start`, or None for a file outside any project.

    The search of `lessonkit.load.curriculum.find_root`, without importing the loader.
    """
    start = start.resolve()
    return next((folder for folder in (start, *start.parents) if (folder / LESSONS_DIR / CONFIG_FILE).is_file()), None)


def known_rules(book: Rulebook) -> KnownRules:
    """The rule ids a suppression may name: every language's, read only when a comment needs them."""
    return KnownRules(lambda: rule_ids(book.rules))


def rulebook_for(root: Path | None) -> Rulebook:
    """The project's own `rules/`, or lessonkit's shipped rules for texts outside a project."""
    folder = root / RULES_DIR if root is not None and (root / RULES_DIR).is_dir() else shipped("rules")
    return load_rulebook(folder, cache_dir())


def check_curriculum(
    curriculum: Curriculum,
    book: Rulebook,
    options: Options,
    translations: Iterable[tuple[Lesson, str]] = (),
) -> Report:
    """Check every lesson (source language, then translations) and every country pack."""
    from lessonkit.locale.pack_coverage import needed_services

    language = curriculum.config.source_language
    pairs = [(lesson, language) for lesson in curriculum.lessons] + list(translations)
    report = check_lessons(pairs, book, options, curriculum)
    packs = sorted((curriculum.root / COUNTRIES_DIR).glob("*.yml"))
    report.findings += check_packs(packs, book, options, needed_services(curriculum.lessons))
    report.files += len(packs)
    report.findings.sort(key=sort_key)
    return report


def check_lessons(
    pairs: Iterable[tuple[Lesson, str]], book: Rulebook, options: Options, curriculum: Curriculum | None = None
) -> Report:
    """Check lessons, each with the rules of its language; translations report at their PO entries."""
    from lessonkit.check.translations import to_catalogue

    report = Report()
    source_names: dict[str, frozenset[str]] = {}  # lesson id -> the capitalised words of its source
    for lesson, language in pairs:
        document = _override(lesson_document(lesson, language), options)
        if curriculum is not None and language == curriculum.config.source_language:
            source_names[lesson.id] = capitalised_words(document)  # the source lessons come first
        elif lesson.id in source_names:
            document = dataclasses.replace(document, names=source_names[lesson.id])
        before = len(report.findings)
        _add(report, document, book)
        if curriculum is not None and language != curriculum.config.source_language:
            moved = to_catalogue(report.findings[before:], lesson, language, curriculum.root)
            report.findings[before:] = _catalogue_suppressions(report, moved, lesson, language, curriculum.root, book)
    return report


def _catalogue_suppressions(
    report: Report, findings: list[Diagnostic], lesson: Lesson, language: str, root: Path, book: Rulebook
) -> list[Diagnostic]:
    """A translation's findings left after the translator comments of its catalogue that suppress some."""
    from lessonkit.i18n.store import MAX_PO_BYTES, po_path

    path = po_path(root, language, lesson.id)
    source, _ = read_text(path, MAX_PO_BYTES)  # the catalogue's own limit: past 2 MB its comments were not read
    if source is None:
        return findings
    kept, used = apply_suppressions(findings, source, path, known_rules(book), catalogue=True)
    report.suppressions += used
    return kept


def check_packs(
    paths: Iterable[Path], book: Rulebook, options: Options, needed: Mapping[str, tuple[str, ...]] | None = None
) -> list[Diagnostic]:
    """Findings for country packs (common rules only: packs hold no prose to judge)."""
    if not paths:
        return []
    common = book.for_language("common")
    kinds = {rule.spec.kind for rule in common if KINDS[rule.spec.kind].reads == PACKS}
    # Each kind that reads packs runs over every pack with its rules (today: `country-pack`).
    return [
        f
        for kind in sorted(kinds)
        for path in paths
        for f in runner(kind)(path, tuple(r for r in common if r.spec.kind == kind), options.today, needed)
    ]


def check_paths(paths: list[Path], options: Options) -> tuple[Report, Path | None]:
    """Check files and folders (or, with none, the whole curriculum of the current project)."""
    # A caller that froze objects itself manages its own collector: then nothing is frozen, thawed or set here.
    ours = gc.get_freeze_count() == 0
    threshold = gc.get_threshold()
    try:
        return _check_paths(paths, options, freeze=ours)
    finally:
        if ours:
            # Thawed after the run, so that a process that goes on (tests, a library user) collects
            # what it leaves as usual; nothing is lost, only walked again. Frozen once more first: that
            # moves what the run made out of the youngest generation without a walk, so that restoring its
            # threshold does not make the next object start a collection of all of it (75 ms on a megabyte).
            gc.freeze()
            gc.unfreeze()
            gc.set_threshold(*threshold)


# A run over plain text files alone (no lesson, catalogue or country pack) keeps what it makes of each part to
# the end (sentences, words, index entries, read by rule after rule) and makes almost no cycle: on the bench's
# megabyte of prose the collections at the command's threshold (100,000 objects) freed 0 and 1,195 objects and
# walked those caches each time, 6% of the run's CPU. Such a run collects after two objects per byte of its
# files instead, at most this many, so that a megabyte is never walked; a run that also loads lessons or
# catalogues (the whole curriculum's collections free 465,000 objects) keeps the command's threshold.
_PLAIN_RUN_YOUNG_OBJECTS = 4 * 1024 * 1024


def _young_objects_for_plain_text(files: list[Path]) -> None:
    """Raise the youngest generation's threshold for a run of plain text files (above; `check_paths` restores it)."""
    size = sum(path.stat().st_size for path in files)
    young, *older = gc.get_threshold()
    gc.set_threshold(max(young, min(2 * size, _PLAIN_RUN_YOUNG_OBJECTS)), *older)


def _check_paths(paths: list[Path], options: Options, *, freeze: bool) -> tuple[Report, Path | None]:
    targets = [p.resolve() for p in paths]
    for target in targets:
        if not target.exists():
            raise LessonkitError(f"{printable_path(target)}: no such file or folder")
    for given, target in zip(paths, targets, strict=True):
        if not target.is_dir() and not target.is_file():
            # A device, pipe or socket (or a link to one): never read, and never "0 files checked".
            raise LessonkitError(f"{printable_path(given)}: not a regular file or a folder")
    start = targets[0] if targets else Path.cwd()
    root = project_root(start if start.is_dir() else start.parent)
    if root is not None:
        use_cache_dir(root / CACHE_DIR)
    elif not os.environ.get(CACHE_ENV):
        use_cache_dir(default_cache_dir())
    book = rulebook_for(root)
    # Everything alive now (modules, the rulebook) lives until the run ends: frozen for the run
    # (see check_paths), so that the full collections a long run triggers do not walk it again
    # each time (about 0.1 s of a megabyte of prose, the same peak memory).
    if freeze:
        gc.freeze()
    if options.band and root is not None:
        _known_band(root, options.band)
    if not targets:
        if root is None:
            where = printable_path(Path.cwd())
            raise LessonkitError(f"{where}: not inside a lessonkit project; name the files to check")
        from lessonkit.check.translations import locale_catalogues, qa_findings, translated_lessons
        from lessonkit.i18n.rule_data import no_rules_findings

        curriculum = _load(root, [])
        report = check_curriculum(curriculum, book, options, translated_lessons(curriculum, root))
        report.findings += qa_findings(curriculum, root)
        report.findings += no_rules_findings(locale_catalogues(curriculum, root), book.languages)
        report.findings.sort(key=sort_key)
        return report, root
    files = _expand(targets)
    packs = [f for f in files if f.suffix in (".yml", ".yaml") and COUNTRIES_DIR.as_posix() in f.as_posix()]
    texts = [f for f in files if f.suffix in TEXT_SUFFIXES]
    catalogues = [f for f in files if f.suffix == CATALOGUE]
    for unknown in (f for f in targets if f.is_file() and f not in packs + texts + catalogues):
        # Saying "0 files checked" would look like a clean result.
        raise LessonkitError(
            f"{unknown}: not a lesson, a Markdown or text file, a translation catalogue or a country pack "
            f"(country packs are read from {COUNTRIES_DIR.as_posix()}/)"
        )
    lessons = [f for f in texts if _has_front_matter(f)]
    if freeze and texts and not lessons and not packs and not catalogues:
        _young_objects_for_plain_text(texts)
    report = Report()
    if lessons:
        if root is None:
            raise LessonkitError(f"{printable_path(lessons[0])}: a lesson file must be inside a lessonkit project")
        curriculum = _load(root, lessons)
        chosen = [x for x in curriculum.lessons if x.path.resolve() in set(lessons)]
        report = check_lessons([(x, curriculum.config.source_language) for x in chosen], book, options)
    for path in (f for f in texts if f not in lessons):
        _add(report, _plain(path, options), book)
    report.findings += check_packs(packs, book, options)
    report.files += len(packs)
    if catalogues:
        if root is None:
            where = printable_path(catalogues[0])
            raise LessonkitError(f"{where}: a translation catalogue must be inside a lessonkit project")
        checked = check_catalogues(_load(root, []), root, catalogues, book, options)
        report.findings += checked.findings
        report.suppressions += checked.suppressions
        report.files += len(catalogues)
    report.findings.sort(key=sort_key)
    return report, root


def check_catalogues(
    curriculum: Curriculum, root: Path, catalogues: list[Path], book: Rulebook, options: Options
) -> Report:
    """Findings for named PO files: their translated lessons with the language's rules, and the QA.

    This is what a pre-commit hook runs on a translator's changed catalogues.
    """
    from lessonkit.check.translations import catalogue_language, qa_findings, translated_lessons
    from lessonkit.i18n.rule_data import no_rules_findings
    from lessonkit.i18n.store import po_path

    named = {path.resolve() for path in catalogues}
    languages = {language for path in catalogues if (language := catalogue_language(path, root))}
    outside = [path for path in catalogues if catalogue_language(path, root) is None]
    if outside:
        where = printable_path(outside[0])
        raise LessonkitError(f"{where}: translation catalogues are read from locales/<language>/*.po")
    pairs = [
        (lesson, language)
        for lesson, language in translated_lessons(curriculum, root, languages)
        if po_path(root, language, lesson.id).resolve() in named
    ]
    report = check_lessons(pairs, book, options, curriculum)  # with the suppressions of the catalogues
    qa = qa_findings(curriculum, root, languages)
    unruled = no_rules_findings([(path, str(catalogue_language(path, root))) for path in catalogues], book.languages)
    report.findings += [f for f in qa if (root / f.location.path).resolve() in named] + unruled
    return report


def _add(report: Report, document: Document, book: Rulebook) -> None:
    rules = book.for_language(document.language)
    findings = check_document(document, rules)
    source, _ = read_text(document.path)
    if source is not None:
        findings, used = apply_suppressions(findings, source, document.path, known_rules(book))
        report.suppressions += used
    report.findings += findings
    report.files += 1


def _override(document: Document, options: Options) -> Document:
    return dataclasses.replace(
        document,
        band=options.band or document.band,
        audience=options.audience or document.audience,
        language=options.language or document.language,
    )


def _plain(path: Path, options: Options) -> Document:
    text, problems = read_text(path)
    if text is None:
        raise UnusableInputError(problems)
    return text_document(path, text, options.language or "en", options.audience, options.band)


def _load(root: Path, files: list[Path]) -> Curriculum:
    from lessonkit.load.curriculum import load_curriculum, relocate

    curriculum, problems = load_curriculum(root, [f for f in files if not f.is_relative_to(root / LESSONS_DIR)])
    wanted = set(files)
    relevant = [p for p in problems if not files or p.location.path.resolve() in wanted or p.code == "E050"]
    if curriculum is None or relevant:
        raise UnusableInputError([relocate(p, root) for p in relevant or problems])
    return curriculum


def _known_band(root: Path, band: str) -> None:
    from lessonkit.load.config import load_config

    config, _ = load_config(root / LESSONS_DIR)
    if config is not None and config.band(band) is None:
        known = ", ".join(b.id for b in config.bands)
        raise LessonkitError(f"unknown band '{band}'; known: {known}")


def _expand(targets: list[Path]) -> list[Path]:
    files: list[Path] = []
    for target in targets:
        if target.is_dir():
            files += sorted(
                p
                for p in target.rglob("*")
                if p.is_file() and (p.suffix in (*TEXT_SUFFIXES, CATALOGUE) or p.parent.name == COUNTRIES_DIR.name)
            )
        else:
            files.append(target)
    return list(dict.fromkeys(files))


def _has_front_matter(path: Path) -> bool:
    # read_bytes: a regular file of bounded size only (a pipe would block, a device never end).
    try:
        first = read_bytes(path).split(b"\n", 1)[0]
    except OSError:
        return False
    return first.decode("utf-8", errors="replace").rstrip() == "---"
