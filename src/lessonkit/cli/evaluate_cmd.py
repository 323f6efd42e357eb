"""`lessonkit evaluate`: the pre/post questionnaire of each band, and the report pooling its results."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from lessonkit.cli.output import FORMAT_OPTION, TEXT, echo_diagnostics, refuse
from lessonkit.diagnostics import UnusableInputError
from lessonkit.exit_status import ExitStatus
from lessonkit.load.curriculum import find_root, relocate


@click.group("evaluate")
def evaluate_command() -> None:
    """Evaluate the lessons: questionnaires before and after, and a report of the change.

    `kit` writes each band's questionnaire (printable HTML and PDF, and an offline form that
    saves answers only to a CSV file the teacher downloads); `report` pools any number of those
    CSV files. Nothing asks for or stores a learner's name. See docs/evaluation.md.
    """


@evaluate_command.command("kit")
@click.option("--locale", "locale_ids", multiple=True, metavar="ID", help="Write this locale's kits (repeatable).")
@click.option(
    "--out",
    "output",
    type=click.Path(path_type=Path),
    default=Path("site"),
    show_default=True,
    help="The build's output folder: kits go to OUT/downloads/LOCALE/BAND/ beside the band's other files.",
)
@click.option("--no-pdf", is_flag=True, help="Write the HTML files only (faster).")
@FORMAT_OPTION
@click.option(
    "--project",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Project folder (default: found from the current folder).",
)
def kit_command(locale_ids: tuple[str, ...], output: Path, no_pdf: bool, fmt: str, project: Path | None) -> None:
    """Write every band's pre/post questionnaire for each locale.

    Files: evaluation-questionnaire-BAND-LOCALE.html and .pdf (to print) and
    evaluation-form-BAND-LOCALE.html (to fill in on a device, offline). Knowledge items come from
    the band's quiz items and key messages; confidence and help-seeking items are phrased for the
    band. Exit status: 0 when written, 2 on unusable input. With --format json, github or sarif
    what was left out (and refused input) goes to stdout in that format, the files written to stderr.
    """
    from lessonkit.evaluate.run import write_kits

    root = find_root(project or Path.cwd())
    target = output if output.is_absolute() else root / output
    try:
        report = write_kits(root, target, locale_ids, pdf=not no_pdf)
    except UnusableInputError as err:
        refuse(err, fmt)
    # The text lines keep the paths as they were; the machine formats give them from the project.
    echo_diagnostics(report.left_out if fmt == TEXT else [relocate(p, root) for p in report.left_out], fmt)
    for path in report.written:
        click.echo(str(path), err=fmt != TEXT)


@evaluate_command.command("report")
@click.argument("results", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="The report as text, JSON or a self-contained HTML page; with json, refused files are JSON diagnostics.",
)
@click.option(
    "--min-group",
    type=click.IntRange(min=2),
    default=10,
    show_default=True,
    help="Figures of a group with fewer answers than this (before or after) are not shown.",
)
@click.option("--out", "output", type=click.Path(path_type=Path), default=None, help="Write to this file.")
def report_command(results: tuple[Path, ...], fmt: str, min_group: int, output: Path | None) -> None:
    """Pool the CSV files of the offline forms into a report of the change before and after the lessons.

    Per band and per item: the mean before, the mean after, and the change with its 95%
    confidence interval. A file with a column that looks like a name or an e-mail address, any
    column the kit does not write, or a bad value is refused (each problem as path:line:col;
    exit 2; with --format json the problems are the JSON diagnostics of docs/diagnostics.md, on
    stdout). Groups smaller than --min-group are not shown.
    """
    from lessonkit.evaluate.output import as_html, as_json, as_text
    from lessonkit.evaluate.report import aggregate, read_results

    responses, problems = read_results(results)
    if problems:
        # A JSON report's reader gets JSON either way; the HTML page has no place for them.
        echo_diagnostics(problems, "json" if fmt == "json" else TEXT, len(results))
        click.echo(f"{len(problems)} problem(s); no report was made", err=True)
        sys.exit(ExitStatus.UNUSABLE)
    reports = aggregate(responses, min_group)
    render = {"text": as_text, "json": as_json, "html": as_html}[fmt]
    text = render(reports, min_group, len(results))
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
