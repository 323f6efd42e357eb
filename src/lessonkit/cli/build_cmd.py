"""`lessonkit build`: print-ready PDFs and editable slide decks for every lesson and locale."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from lessonkit.build.pipeline import BuildOptions, BuildReport, build
from lessonkit.cli.output import FORMAT_OPTION, TEXT, echo_machine, refuse
from lessonkit.diagnostics import UnusableInputError
from lessonkit.exit_status import ExitStatus
from lessonkit.load.curriculum import find_root
from lessonkit.render.settings import PAPER_SIZES


@click.command("build")
@click.option("--locale", "locale_ids", multiple=True, metavar="ID", help="Build this locale (repeatable).")
@click.option(
    "--out",
    "output",
    type=click.Path(path_type=Path),
    default=Path("site"),
    show_default=True,
    help=(
        "Output folder (relative to the project root); replaced atomically. It must be new, empty or an "
        "earlier lessonkit output, and may not be or hold the project or its inputs."
    ),
)
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, help="Worker processes (default: CPU cores).")
@click.option("--paper", type=click.Choice(PAPER_SIZES, case_sensitive=False), default="A4", show_default=True)
@click.option(
    "--time-limit",
    type=click.IntRange(min=1),
    default=120,
    show_default=True,
    help="Processor seconds for one document (4x on the clock).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary (for CI).")
@click.option(
    "--no-site",
    is_flag=True,
    help="Build the documents only; a website already in OUT, and other locales' documents, are kept.",
)
@click.option(
    "--fallback-guides",
    is_flag=True,
    help="Build parents' and educators' guides whose translation is incomplete, in English with a notice.",
)
@FORMAT_OPTION
@click.option(
    "--project",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Project folder (default: found from the current folder).",
)
def build_command(
    locale_ids: tuple[str, ...],
    output: Path,
    jobs: int,
    paper: str,
    time_limit: int,
    quiet: bool,
    no_site: bool,
    fallback_guides: bool,
    fmt: str,
    project: Path | None,
) -> None:
    """Build the website and every lesson's plan, handouts, family sheet, slides and guides.

    Documents go to OUT/downloads/<locale>/<band or audience>/<lesson-id>/, one handbook per band
    beside them, and the website (one site per locale) to OUT. Unchanged documents are reused
    from .lessonkit-cache/. The default is every locale of locales/locales.yml; a student lesson
    whose translation is incomplete or fuzzy is not built for that locale and is reported.
    A second build into the same OUT waits until the first has finished.
    Exit status: 0 when everything was built, 1 when some document failed (all failures are
    listed, located to the lesson file), 2 on unusable input or an unsafe OUT. With --format
    json, github or sarif the build's diagnostics (and refused input) go to stdout in that format.
    """
    root = find_root(project or Path.cwd())
    paper = "letter" if paper.lower() == "letter" else "A4"
    target = output if output.is_absolute() else root / output
    options = BuildOptions(root, target, locale_ids, jobs, paper, time_limit, quiet, not no_site, fallback_guides)
    try:
        report = build(options)
    except UnusableInputError as err:
        refuse(err, fmt)
    found = [*report.not_ready, *report.warnings, *report.failures]
    if fmt == TEXT:
        for problem in found:
            click.echo(str(problem), err=True)
    echo_machine(found, fmt, report.documents)
    if not quiet or report.failures:
        click.echo(_summary(report, target), err=True)
    if report.failures:
        sys.exit(ExitStatus.PROBLEMS)


def _summary(report: BuildReport, target: Path) -> str:
    # A refused translation or a site that could not be written fails the build too, but it is not
    # a document: counted among the documents, it printed "built -1 of 0 document(s)".
    failed = f", {report.failed} FAILED" if report.failed else ""
    others = len(report.failures) - report.failed
    stopped = f"; {others} other problem(s) fail the build" if others else ""
    return (
        f"built {report.documents - report.failed} of {report.documents} document(s) for "
        f"{', '.join(report.locales)} into {target} ({report.rendered} rendered, {report.reused} unchanged{failed}) "
        f"in {report.seconds:.1f} s{stopped}"
    )
