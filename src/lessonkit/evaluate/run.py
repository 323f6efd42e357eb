"""`lessonkit evaluate kit`: write each band's questionnaire (HTML, PDF) and offline form for every locale.

The files sit with the band's other downloads: `OUT/downloads/<locale>/<band>/`
`evaluation-questionnaire-<band>-<locale>.html|.pdf` and `evaluation-form-<band>-<locale>.html`.
A band whose lessons are not all ready in a locale gets no kit in it (its questions would be
partly English), and the command says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lessonkit.build.localize import localize
from lessonkit.build.output import safe_output
from lessonkit.build.pipeline import load_stage, select_locales
from lessonkit.build.staging import output_lock
from lessonkit.document_kinds import DOWNLOADS
from lessonkit.evaluate.kit import Kit, build_kit, plan_sources
from lessonkit.evaluate.pages import form_html, printable_html
from lessonkit.evaluate.texts import items_for, words_for
from lessonkit.export.run import open_output
from lessonkit.export.text import plain
from lessonkit.load.curriculum import LESSONS_DIR
from lessonkit.problems import Location, Problem


@dataclass
class KitReport:
    """The files written and what was left out."""

    written: list[Path] = field(default_factory=list)
    left_out: list[Problem] = field(default_factory=list)
    kits: list[Kit] = field(default_factory=list)


def write_kits(root: Path, output: Path, locale_ids: Sequence[str], pdf: bool = True) -> KitReport:
    """Every band's kit in every requested locale (default: all), into the output's downloads."""
    curriculum = load_stage(root)
    target = safe_output(root, output)
    locales = select_locales(root, curriculum, locale_ids)
    report = KitReport()
    config = curriculum.config
    where = Location(root / LESSONS_DIR / "curriculum.yml")
    with output_lock(open_output(target)):
        for locale in locales:
            localized = localize(curriculum, root, locale)
            words, found = words_for(locale.language)
            if not found:
                report.left_out.append(
                    Problem(where, "X002", f"no kit wording in '{locale.language}': English is used", "warning")
                )
            lessons = {lesson.id: lesson for lesson in localized.curriculum.lessons}
            for band in config.bands:
                sources = plan_sources(curriculum, band.id)
                if not sources:
                    continue
                missing = sorted({s.lesson_id for s in sources if s.lesson_id not in lessons})
                if missing:
                    report.left_out.append(
                        Problem(
                            where,
                            "X003",
                            f"no {band.id} kit in {locale.id}: not ready there: {', '.join(missing)}",
                            "warning",
                        )
                    )
                    continue
                statements = items_for(locale.language, band.id)
                labels = (words.true, words.false, words.not_sure)
                kit = build_kit(
                    sources,
                    lessons,
                    band.id,
                    locale.id,
                    locale.language,
                    locale.direction,
                    localized.pack,
                    statements,
                    labels,
                    words.statement,
                )
                report.kits.append(kit)
                help_line = plain(words.help_line, localized.pack, where)
                label = localized.ui(band.label)
                folder = target / DOWNLOADS / locale.id / band.id
                folder.mkdir(parents=True, exist_ok=True)
                stem = f"{band.id}-{locale.id}"
                printable = printable_html(kit, words, label, help_line, f"{config.licence}")
                files = {
                    f"evaluation-questionnaire-{stem}.html": printable.encode("utf-8"),
                    f"evaluation-form-{stem}.html": form_html(kit, words, label, help_line).encode("utf-8"),
                }
                if pdf:
                    files[f"evaluation-questionnaire-{stem}.pdf"] = _pdf(printable, root)
                for name, data in files.items():
                    path = folder / name
                    path.write_bytes(data)
                    path.chmod(0o644)
                    report.written.append(path)
    return report


def _pdf(html: str, root: Path) -> bytes:
    """The printable questionnaire through the project's print pipeline (bundled fonts, PDF/UA-1)."""
    from lessonkit.render.pdf.write import write_pdf

    handouts = root / "handouts"
    return write_pdf(html, root, (root / LESSONS_DIR / "assets", handouts), handouts / "css").data
