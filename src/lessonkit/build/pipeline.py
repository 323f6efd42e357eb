"""`lessonkit build`, top to bottom: load -> per locale: select lessons -> plan documents -> render -> write.

Each stage is a function over typed values; I/O happens only when loading and when writing the
staged output folder, which replaces the previous output in one step at the very end.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from lessonkit.build.cache import DocumentCache
from lessonkit.build.fingerprint import Fingerprint
from lessonkit.build.jobs import DocumentJob, plan_documents
from lessonkit.build.progress import progress_bar
from lessonkit.build.staging import staged_output
from lessonkit.build.worker import JobResult, render_job, start_worker
from lessonkit.load.curriculum import load_curriculum, relative, relocate
from lessonkit.locale.country_pack import CountryPack, require_country_pack
from lessonkit.locale.locales import Locale, find_locale, load_locales
from lessonkit.model import Curriculum, Lesson
from lessonkit.problems import LessonkitError, Location, Problem
from lessonkit.render.settings import RenderSettings


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


@dataclass
class BuildReport:
    """What the build did: counts, timings and every problem, located to a file."""

    locales: tuple[str, ...] = ()
    documents: int = 0
    rendered: int = 0
    reused: int = 0
    seconds: float = 0.0
    pdf_seconds: float = 0.0
    peak_rss_kb: int = 0
    failures: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


# The site stage (mkdocs pages into the same staged folder) plugs in here; see `render_site` below.
SiteStage = Callable[[Curriculum, Path, Sequence[Locale], Path], list[Problem]]


def render_site(curriculum: Curriculum, root: Path, locales: Sequence[Locale], stage_dir: Path) -> list[Problem]:
    """The web site's stage: writes the site into `stage_dir` beside the downloads (not wired yet)."""
    return []


def build(options: BuildOptions, site: SiteStage = render_site) -> BuildReport:
    """Build every document of the selected locales into `options.output`, atomically."""
    started = time.perf_counter()
    curriculum = load_stage(options.root)
    settings = RenderSettings(curriculum.config, options.root, options.paper)
    locales = select_locales(options.root, curriculum, options.locale_ids)
    cache = DocumentCache(options.root)
    fingerprint = Fingerprint.of(settings)
    report = BuildReport(locales=tuple(locale.id for locale, _ in locales))
    with staged_output(options.output) as stage:
        jobs = [
            job
            for locale, pack in locales
            for job in plan_documents(curriculum, select_lessons(curriculum, locale), locale, pack, fingerprint)
        ]
        report.documents = len(jobs)
        stale = [job for job in jobs if not cache.has(job.key)]
        report.reused = len(jobs) - len(stale)
        for result in render_documents(stale, settings, options):
            record(result, cache, report, options.root)
        write_documents(jobs, cache, stage)
        report.failures += site(curriculum, options.root, [locale for locale, _ in locales], stage)
    report.warnings = sorted(set(report.warnings))
    report.failures.sort()
    report.seconds = time.perf_counter() - started
    return report


def load_stage(root: Path) -> Curriculum:
    """The curriculum, or a user-facing error when it does not validate."""
    curriculum, problems = load_curriculum(root)
    errors = [p for p in problems if p.severity == "error"]
    if curriculum is None or errors:
        shown = "\n".join(str(p) for p in (errors or problems)[:20])
        raise LessonkitError(f"the curriculum does not validate; run 'lessonkit validate':\n{shown}")
    return curriculum


def select_locales(root: Path, curriculum: Curriculum, ids: Sequence[str]) -> list[tuple[Locale, CountryPack]]:
    """The requested locales (default: those in the source language) with their country packs."""
    if ids:
        locales = [find_locale(root, locale_id) for locale_id in dict.fromkeys(ids)]
    else:
        locales = [x for x in load_locales(root) if x.language == curriculum.config.source_language]
    if not locales:
        raise LessonkitError(
            f"no locale in locales/locales.yml uses the source language '{curriculum.config.source_language}'"
        )
    return [(locale, require_country_pack(root, locale.country)) for locale in locales]


def select_lessons(curriculum: Curriculum, locale: Locale) -> tuple[Lesson, ...]:
    """The lessons to build for a locale.

    Until translations are wired in, every locale gets the source-language lessons.
    """
    return curriculum.lessons


def render_documents(
    jobs: Sequence[DocumentJob], settings: RenderSettings, options: BuildOptions
) -> Iterable[JobResult]:
    """Render the jobs in long-lived worker processes, yielding results as they finish."""
    if not jobs:
        return
    workers = max(1, min(options.jobs or os.cpu_count() or 1, len(jobs)))
    # Longest documents first so that no worker is left with a handbook at the end.
    ordered = sorted(jobs, key=lambda job: -len(job.lessons))
    pool = ProcessPoolExecutor(workers, initializer=start_worker, initargs=(settings, options.time_limit))
    with pool, progress_bar(options.quiet) as bar:
        task = bar.add_task("rendering", total=len(ordered))
        futures = [pool.submit(render_job, job) for job in ordered]
        for future in as_completed(futures):
            bar.advance(task)
            yield future.result()


def record(result: JobResult, cache: DocumentCache, report: BuildReport, root: Path) -> None:
    """Keep a rendered document in the cache, and its warnings or its failure in the report."""
    job = result.job
    where = Location(relative(job.source, root), 1, 1)
    label = f"{job.output.name} ({job.locale.id})"
    report.pdf_seconds += result.pdf_seconds
    report.peak_rss_kb = max(report.peak_rss_kb, result.peak_rss_kb)
    for warning in result.warnings:
        report.warnings.append(relocate(warning, root))
    if result.data is None:
        report.failures.append(Problem(where, "E900", f"could not build {label}: {result.error}"))
        return
    cache.put(job.key, result.data)
    report.rendered += 1


def write_documents(jobs: Sequence[DocumentJob], cache: DocumentCache, stage: Path) -> None:
    """Place every built document at its stable path in the staged output."""
    for job in jobs:
        if cache.has(job.key):
            cache.copy_to(job.key, stage / job.output)
