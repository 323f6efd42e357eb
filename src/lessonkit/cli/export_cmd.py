"""`lessonkit export`: quizzes and lessons for classroom platforms (Moodle, Canvas and others)."""

from __future__ import annotations

from pathlib import Path

import click

from lessonkit.cli.output import DIAGNOSTICS_FORMAT_OPTION, TEXT, echo_diagnostics, refuse
from lessonkit.diagnostics import UnusableInputError
from lessonkit.load.curriculum import find_root


@click.command("export")
@click.option(
    "--format",
    "export_format",
    type=click.Choice(["imscc", "gift", "qti"]),
    required=True,
    help="imscc: an IMS Common Cartridge 1.3 per locale and band; gift: Moodle GIFT; qti: QTI 1.2 assessments.",
)
@DIAGNOSTICS_FORMAT_OPTION
@click.option("--locale", "locale_ids", multiple=True, metavar="ID", help="Export this locale (repeatable).")
@click.option(
    "--out",
    "output",
    type=click.Path(path_type=Path),
    default=Path("site"),
    show_default=True,
    help="The build's output folder: exports go to OUT/exports/FORMAT/LOCALE/; cartridges take built files from it.",
)
@click.option(
    "--project",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Project folder (default: found from the current folder).",
)
def export_command(
    export_format: str, fmt: str, locale_ids: tuple[str, ...], output: Path, project: Path | None
) -> None:
    """Export the quizzes (and, as a cartridge, the lessons) of every ready student lesson.

    One file set per locale and age band: `gift` writes a Moodle GIFT file per band (a question
    category per lesson) and one per lesson; `qti` a QTI 1.2 assessment per lesson; `imscc` an IMS
    Common Cartridge 1.3 per band with a page, the built PDFs and slides (run `lessonkit build`
    first to include them) and the quiz of every lesson. A student lesson whose translation is not
    ready is left out of that locale and listed. Exit status: 0 when written, 2 on unusable input.
    With --diagnostics-format json, github or sarif what was left out (and refused input) goes to
    stdout in that format, the files written to stderr.
    See docs/export.md for importing into Moodle, Canvas, Teams and Google Classroom.
    """
    from lessonkit.export.run import export

    root = find_root(project or Path.cwd())
    target = output if output.is_absolute() else root / output
    try:
        report = export(root, target, export_format, locale_ids)
    except UnusableInputError as err:
        refuse(err, fmt)
    echo_diagnostics(report.left_out, fmt)
    for locale, lessons in report.lessons.items():
        click.echo(f"{locale}: {len(lessons)} lesson(s) exported", err=True)
    for path in report.written:
        click.echo(str(path), err=fmt != TEXT)
