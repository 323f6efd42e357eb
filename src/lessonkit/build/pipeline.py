"""`lessonkit build`, top to bottom: load -> localise -> plan documents -> render -> write documents -> site.

Each stage is a function over typed values; I/O happens only when loading and when writing the
staged output folder, which replaces the previous output in one step at the very end.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lessonkit.build.cache import DocumentCache
from lessonkit.build.fingerprint import Fingerprint
from lessonkit.build.jobs import DocumentJob, plan_documents
from lessonkit.build.localize import localize
from lessonkit.build.output import safe_output
from lessonkit.build.progress import progress_bar
from lessonkit.build.refused import keep_refused, site_root_refused
from lessonkit.build.staging import carry_over, clean_leftovers, output_lock, staged_output
from lessonkit.build.up_to_date import inputs_digest, last_build, remember
from lessonkit.build.worker import JobResult, render_job, start_worker
from lessonkit.diagnostics import UnusableInputError
from lessonkit.document_kinds import DOWNLOADS
from lessonkit.i18n.store import po_path
from lessonkit.load.curriculum import load_curriculum, relative, relocate
from lessonkit.locale.locales import Locale, find_locale, load_locales
from lessonkit.localized import Localized
from lessonkit.model import Curriculum
from lessonkit.problems import Location, Problem
from lessonkit.render.pdf.write import check_stylesheets
from lessonkit.render.settings import RenderSettings
from lessonkit.render.site import render_site
from lessonkit.shipped import project_or_shipped

NOT_BUILT = "E900"  # a document that could not be built; the build's other failures are about its inputs


@dataclass(frozen=True)
class BuildOptions:
    """What `lessonkit build` was asked to do."""

    root: Path
    output: Path
    locale_ids: tuple[str, ...] = ()
    jobs: int = 0
    paper: str = "A4"
    time_limit: int = 120
    quiet: bool = False
    site: bool = True
    fallback_guides: bool = False


@dataclass
class BuildReport:
    """What the build did: counts, timings and every problem, located to a file."""

    locales: tuple[str, ...] = ()
    documents: int = 0
    rendered: int = 0
    reused: int = 0
    failed: int = 0  # documents that could not be built (E900); `failures` holds every problem that fails the build
    seconds: float = 0.0
    pdf_seconds: float = 0.0
    peak_rss_kb: int = 0
    failures: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    not_ready: list[Problem] = field(default_factory=list)


def build(options: BuildOptions) -> BuildReport:
    """Build every document and the site of the selected locales into `options.output`, atomically.

    The output is checked first (`safe_output`: never the project, an input or a foreign folder)
    and locked for the whole build, so that a second build into it waits for this one.
    """
    started = time.perf_counter()
    options = dataclasses.replace(options, output=safe_output(options.root, options.output))
    with output_lock(options.output):
        report = _build_locked(options)
    report.seconds = time.perf_counter() - started
    return report


def _build_locked(options: BuildOptions) -> BuildReport:
    clean_leftovers(options.output)  # a killed build's staging folder, even when nothing else is to do
    inputs = inputs_digest(options)
    previous, damaged = last_build(options, inputs)
    if previous is not None:
        return BuildReport(
            locales=tuple(previous.locales),
            documents=previous.documents,
            reused=previous.documents,
            warnings=previous.problems("warnings"),
            not_ready=previous.problems("not_ready"),
        )
    curriculum = load_stage(options.root)
    settings = RenderSettings(curriculum.config, options.root, options.paper)
    check_print_assets(settings, options.site)
    chosen = select_locales(options.root, curriculum, options.locale_ids)
    cache = DocumentCache(options.root)
    fingerprint = Fingerprint.of(settings)
    report = BuildReport(locales=tuple(x.id for x in chosen), warnings=list(damaged))
    locales: list[Localized] = []
    jobs: list[DocumentJob] = []

    with staged_output(options.output) as stage:
        if not options.site:
            # Documents only: a website built before stays, with the other locales' documents.
            carry_over(options.output, stage.folder, [PurePosixPath(DOWNLOADS, x.id) for x in chosen])

        def batches() -> Iterator[list[DocumentJob]]:
            # Each locale is translated and checked here while the workers already render the
            # documents of the locales before it: that work would otherwise keep both cores waiting.
            for locale in chosen:
                item = localize(curriculum, options.root, locale, allow_fallback=options.fallback_guides)
                locales.append(item)
                planned = plan_documents(item.curriculum, item.curriculum.lessons, item.locale, item.pack, fingerprint)
                jobs.extend(planned)
                # A verified cached copy goes into the stage now; a missing or damaged one is rendered.
                yield [job for job in planned if not place_cached(job, cache, stage.folder)]

        for result in render_documents(batches(), settings, options, stage.scratch):
            record(result, cache, report, options.root, stage.folder)
        report.documents = len(jobs)
        report.failed = sum(1 for p in report.failures if p.code == NOT_BUILT)
        report.reused = len(jobs) - report.rendered - report.failed
        report.not_ready = readiness_problems(locales, options.root)
        report.warnings += unverified_services(locales, options.root)
        report.warnings += [relocate(p, options.root) for x in locales for p in x.warnings]
        # A refused translation is a failure: the build goes on for everything else, then exits non-zero.
        report.failures += [relocate(p, options.root) for x in locales for p in x.refused]
        rebuild_site = options.site and not site_root_refused(locales)
        if rebuild_site:
            report.failures += [relocate(p, options.root) for p in render_site(locales, options.root, stage.folder)]
        elif options.site:
            # The first locale's pages are the site's root: refused, the site published before stays whole.
            carry_over(options.output, stage.folder, [PurePosixPath(DOWNLOADS)])
        # A refused locale publishes nothing new; what an earlier build published of it stays.
        keep_refused(options.output, stage.folder, locales, site_rebuilt=rebuild_site)
    report.warnings = sorted(set(report.warnings))
    report.failures.sort()
    if not report.failures:
        remember(options, inputs, report, stage.token)
    return report


def site_only(root: Path, output: Path, localized: Sequence[Localized]) -> list[Problem]:
    """`lessonkit site`: the website alone, through the same checks, lock and staging as `build`.

    The documents already in the output (`downloads/`) are kept. When mkdocs reports a problem
    nothing is published: the previous output stays as it was.
    """
    target = safe_output(root, output)
    with output_lock(target):
        problems = [relocate(p, root) for p in check_site_assets(root)]
        if problems:
            return problems
        with staged_output(target) as stage:
            carry_over(target, stage.folder, only={DOWNLOADS})
            if site_root_refused(localized):
                stage.discard()  # the site root's locale was refused: the site published before stays
                return []
            problems = [relocate(p, root) for p in render_site(localized, root, stage.folder)]
            keep_refused(target, stage.folder, localized, site_rebuilt=True)
            if problems:
                stage.discard()
    return problems


def check_print_assets(settings: RenderSettings, site: bool) -> None:
    """Stop the build (exit 2) when a print stylesheet cannot load a font or image it names."""
    problems = check_stylesheets(settings.handouts / "css", [settings.handouts])
    if site:
        problems += check_site_assets(settings.root)
    if problems:
        shown = [relocate(p, settings.root) for p in problems]
        raise UnusableInputError(shown, "the stylesheets need files that are missing or refused")


def check_site_assets(root: Path) -> list[Problem]:
    """The website shares the print fonts (`handouts/css/fonts.css`): each must be there."""
    handouts = project_or_shipped(root, "handouts")
    return [p for p in check_stylesheets(handouts / "css", [handouts]) if p.location.path.name == "fonts.css"]


def load_stage(root: Path) -> Curriculum:
    """The curriculum, or a user-facing error when it does not validate."""
    curriculum, problems = load_curriculum(root)
    errors = [p for p in problems if p.severity == "error"]
    if curriculum is None or errors:
        headline = "the curriculum does not validate; run 'lessonkit validate'"
        # Named from the project folder, as `lessonkit validate` and the build's other problems name them.
        raise UnusableInputError([relocate(p, root) for p in (errors or problems)[:20]], headline)
    return curriculum


def select_locales(root: Path, curriculum: Curriculum, ids: Sequence[str]) -> list[Locale]:
    """The requested locales (default: every locale of locales/locales.yml)."""
    if ids:
        return [find_locale(root, locale_id) for locale_id in dict.fromkeys(ids)]
    return list(load_locales(root))


def unverified_services(locales: Sequence[Localized], root: Path) -> list[Problem]:
    """A warning for every help service printed while its entry is still `verified: false`."""
    problems = []
    for item in locales:
        for token, services in item.pack.services.items():
            for service in services:
                if service.verified is False:
                    where = item.pack.location(token)
                    problems.append(
                        Problem(
                            Location(relative(where.path, root), where.line, 1),
                            "W201",
                            f"{item.locale.id}: '{service.name}' is printed on handouts but not yet verified "
                            "(verified: false); confirm it at its source",
                            "warning",
                        )
                    )
    return problems


def readiness_problems(locales: Sequence[Localized], root: Path) -> list[Problem]:
    """One line per lesson left out of a locale (or shown in English) because its translation is not ready."""
    problems = []
    for item in locales:
        for lesson in item.readiness.not_ready():
            # At the first fuzzy entry, naming the others' lines: a translator fixes entries, not files.
            line = lesson.fuzzy_lines[0] if lesson.fuzzy_lines else 1
            where = Location(relative(po_path(root, item.locale.language, lesson.lesson_id), root), line, 1)
            counts = lesson.counts
            state = "shown in English with a notice" if lesson.fallback else "not built"
            lines = f" at line(s) {', '.join(map(str, lesson.fuzzy_lines))}" if lesson.fuzzy_lines else ""
            problems.append(
                Problem(
                    where,
                    "I120",
                    f"{item.locale.id}: translation not ready ({counts.untranslated} untranslated, "
                    f"{counts.fuzzy} fuzzy{lines}); {state}; see 'lessonkit i18n status'",
                    "warning",
                )
            )
    return problems


def render_documents(
    batches: Iterable[Sequence[DocumentJob]], settings: RenderSettings, options: BuildOptions, scratch: Path
) -> Iterator[JobResult]:
    """Render batches of jobs in long-lived worker processes, yielding results as they finish.

    Each batch is submitted as soon as it is planned, so the workers start on the first while
    the next is still being prepared. Worker processes start only when there is work; they die
    with this process and keep their temporary files in `scratch`.
    """
    workers = max(1, options.jobs or os.cpu_count() or 1)
    pool = ProcessPoolExecutor(
        workers, initializer=start_worker, initargs=(settings, options.time_limit, os.getpid(), str(scratch))
    )
    with pool, progress_bar(options.quiet) as bar:
        task = bar.add_task("rendering", total=0)
        futures: list[Future[JobResult]] = []
        for batch in batches:
            # Longest documents first so that no worker is left with a handbook at the end.
            futures += [pool.submit(render_job, job) for job in sorted(batch, key=lambda job: -len(job.lessons))]
            bar.update(task, total=len(futures))
        for future in as_completed(futures):
            bar.advance(task)
            yield future.result()


def record(result: JobResult, cache: DocumentCache, report: BuildReport, root: Path, stage: Path) -> None:
    """Place a rendered document in the stage and the cache, and its warnings or its failure in the report."""
    job = result.job
    where = Location(relative(job.source, root), 1, 1)
    label = f"{job.output.name} ({job.locale.id})"
    report.pdf_seconds += result.pdf_seconds
    report.peak_rss_kb = max(report.peak_rss_kb, result.peak_rss_kb)
    for warning in result.warnings:
        report.warnings.append(relocate(warning, root))
    if result.data is None:
        report.failures.append(Problem(where, NOT_BUILT, f"could not build {label}: {result.error}"))
        return
    write_output(stage / job.output, result.data)
    cache.put(job.key, result.data)
    report.rendered += 1


def place_cached(job: DocumentJob, cache: DocumentCache, stage: Path) -> bool:
    """Copy the job's cached document into the stage when there is a verified one; False otherwise."""
    data = cache.load(job.key)
    if data is None:
        return False
    write_output(stage / job.output, data)
    return True


def write_output(target: Path, data: bytes) -> None:
    """Write one published file (a new file: the stage never holds a link to a cache entry)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    target.write_bytes(data)
