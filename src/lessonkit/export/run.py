"""`lessonkit export`: the quizzes of every locale and band as GIFT, QTI or an IMS Common Cartridge.

Files go to `OUT/exports/<format>/<locale>/`, which each run replaces; OUT is the build's output
folder (default `site/`), where the cartridge also finds the built PDFs and slide decks. Only
student lessons that are ready in a locale are exported in it.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lessonkit.build.localize import localize
from lessonkit.build.output import safe_output
from lessonkit.build.pipeline import load_stage, select_locales
from lessonkit.build.staging import MARKER, MARKER_TEXT, output_lock, publish_modes
from lessonkit.export.cartridge import CartridgeLesson, built_files, write_cartridge
from lessonkit.export.gift import gift_file
from lessonkit.export.qti import assessment_xml
from lessonkit.export.quizzes import LessonQuiz, lesson_quiz
from lessonkit.load.curriculum import relocate
from lessonkit.localized import Localized
from lessonkit.model import Lesson
from lessonkit.problems import Location, Problem

FORMATS = ("imscc", "gift", "qti")
EXPORTS = "exports"


@dataclass
class ExportReport:
    """What an export wrote, and what it left out (lessons not ready, refused locales)."""

    written: list[Path] = field(default_factory=list)
    left_out: list[Problem] = field(default_factory=list)
    lessons: dict[str, list[str]] = field(default_factory=dict)  # locale -> exported lesson ids


def export(root: Path, output: Path, fmt: str, locale_ids: Sequence[str]) -> ExportReport:
    """Export every ready student lesson's quiz of each locale in `fmt` into `output/exports/fmt/`."""
    curriculum = load_stage(root)
    target = safe_output(root, output)
    report = ExportReport()
    locales = select_locales(root, curriculum, locale_ids)
    with output_lock(open_output(target)):
        for locale in locales:
            localized = localize(curriculum, root, locale)
            report.left_out += [relocate(p, root) for p in localized.refused]
            for readiness in localized.readiness.not_ready():
                if readiness.audience == "students":
                    lesson = curriculum.lesson(readiness.lesson_id)
                    where = Location(lesson.path if lesson else root)
                    report.left_out.append(
                        relocate(
                            Problem(where, "X001", f"not exported in {locale.id}: translation not ready", "warning"),
                            root,
                        )
                    )
            folder = target / EXPORTS / fmt / locale.id
            _replace(folder, lambda stage, loc=localized: _write(stage, fmt, loc, target, report))  # type: ignore[misc]
            report.written += sorted(p for p in folder.rglob("*") if p.is_file())
    return report


def open_output(target: Path) -> Path:
    """The output folder, created and marked as a lessonkit output if new (a later build may replace it)."""
    target.mkdir(parents=True, exist_ok=True)
    if not (target / MARKER).exists():
        (target / MARKER).write_text(MARKER_TEXT.format(token=secrets.token_hex(16)), encoding="utf-8")
    return target


def _replace(folder: Path, fill: Callable[[Path], None]) -> None:
    """Write into a fresh folder beside `folder`, then put it in `folder`'s place."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        fill(stage)
        publish_modes(stage)
        if folder.exists():
            shutil.rmtree(folder)
        stage.rename(folder)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def ready_student_lessons(localized: Localized) -> dict[str, list[Lesson]]:
    """The locale's ready student lessons by band, in the curriculum's band order."""
    config = localized.curriculum.config
    bands: dict[str, list[Lesson]] = {band.id: [] for band in config.bands}
    for lesson in localized.curriculum.lessons:
        if lesson.is_student_lesson and lesson.band in bands:
            bands[lesson.band].append(lesson)
    return {band: lessons for band, lessons in bands.items() if lessons}


def _write(stage: Path, fmt: str, localized: Localized, output: Path, report: ExportReport) -> None:
    locale = localized.locale
    config = localized.curriculum.config
    ui = localized.ui
    exported = report.lessons.setdefault(locale.id, [])
    for band, lessons in ready_student_lessons(localized).items():
        quizzes = [lesson_quiz(lesson, localized.pack) for lesson in lessons]
        quizzes = [q for q in quizzes if q.questions]
        exported += [q.id for q in quizzes]
        found = config.band(band)
        label = ui(found.label) if found else band
        title = f"{ui(config.title)}: {label}"
        name = f"lessonkit-{band}-{locale.id}"
        if fmt == "gift":
            _gift(stage, band, name, title, quizzes)
        elif fmt == "qti":
            for quiz in quizzes:
                path = stage / band / f"{quiz.id}.qti.xml"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(assessment_xml(quiz, locale.language))
        else:
            lessons_in = [CartridgeLesson(q, built_files(q, locale, output)) for q in quizzes]
            licence = f"{config.licence} {config.licence_url}".strip()
            write_cartridge(stage / f"{name}.imscc", name, title, locale, lessons_in, localized.pack, ui, licence)


def _gift(stage: Path, band: str, name: str, title: str, quizzes: list[LessonQuiz]) -> None:
    heading = f"{title} (lessonkit)"
    (stage / f"{name}.gift.txt").write_text(gift_file(quizzes, heading, f"lessonkit/{band}"), encoding="utf-8")
    for quiz in quizzes:
        path = stage / band / f"{quiz.id}.gift.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(gift_file([quiz], f"{quiz.title} (lessonkit)"), encoding="utf-8")
