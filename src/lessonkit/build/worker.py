"""Rendering one document inside a long-lived worker process.

Workers import WeasyPrint and parse the stylesheets and fonts once, then render many documents.
A failure (or a document over its time limit) becomes a result, never a crash of the build.
"""

from __future__ import annotations

import copyreg
import resource
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.reduction import ForkingPickler
from types import MappingProxyType
from typing import Any

from lessonkit.build.jobs import HANDBOOK, DocumentJob
from lessonkit.locale.ui import translator
from lessonkit.problems import Location, Problem
from lessonkit.render.html.documents import render_handbook_html, render_lesson_html
from lessonkit.render.settings import RenderSettings

PPTX = "slides-pptx"
STYLES = {"handout-large": "large-print", "slides-pdf": "slides"}


def _mapping_proxy(items: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(items)


def _pickle_mapping_proxy(
    proxy: MappingProxyType[Any, Any],
) -> tuple[Callable[[dict[Any, Any]], MappingProxyType[Any, Any]], tuple[dict[Any, Any]]]:
    return _mapping_proxy, (dict(proxy),)


# The model's read-only mappings (section attributes, vocabulary) must cross the process boundary.
copyreg.pickle(MappingProxyType, _pickle_mapping_proxy)
ForkingPickler.register(MappingProxyType, _pickle_mapping_proxy)


@dataclass(frozen=True)
class JobResult:
    """What a worker sends back: the file's bytes or the error, and what it cost."""

    job: DocumentJob
    data: bytes | None
    warnings: tuple[Problem, ...]
    error: str
    seconds: float
    pdf_seconds: float
    peak_rss_kb: int


_settings: RenderSettings | None = None
_time_limit = 120


def start_worker(settings: RenderSettings, time_limit: int) -> None:
    """Process initialiser: keep the settings and pay WeasyPrint's import cost once."""
    global _settings, _time_limit
    _settings, _time_limit = settings, time_limit
    import weasyprint  # noqa: F401  # warm the import (~1.3 s) before the first document arrives


def render_job(job: DocumentJob) -> JobResult:
    """Render one document; every exception is caught and returned."""
    assert _settings is not None, "start_worker was not called"
    started = time.perf_counter()
    pdf_seconds = 0.0
    try:
        data, warnings, pdf_seconds = _render(job, _settings)
        error = ""
    except Exception as err:  # one failing document must not stop the others
        data, warnings = None, ()
        error = f"{type(err).__name__}: {err}".strip()
        if not str(err):
            error += " " + traceback.format_exc(limit=1).strip().splitlines()[-1]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return JobResult(job, data, warnings, error, time.perf_counter() - started, pdf_seconds, peak)


def _render(job: DocumentJob, settings: RenderSettings) -> tuple[bytes, tuple[Problem, ...], float]:
    ui = translator(settings.root, job.locale.language)
    lesson = job.lessons[0]
    if job.kind == PPTX:
        from lessonkit.render.slides.deck import render_deck

        return render_deck(lesson, job.locale, job.pack, ui, settings), (), 0.0
    if job.kind == HANDBOOK:
        document = render_handbook_html(job.band, job.lessons, job.locale, job.pack, ui, settings)
    else:
        document = render_lesson_html(job.kind, lesson, job.locale, job.pack, ui, settings)
    from lessonkit.render.pdf.write import write_pdf

    allowed = (settings.assets, settings.handouts)
    started = time.perf_counter()
    result = write_pdf(
        document.html,
        settings.root,
        allowed,
        settings.handouts / "css",
        STYLES.get(job.kind, "print"),
        settings.paper,
        _time_limit,
    )
    pdf_seconds = time.perf_counter() - started
    refused = tuple(
        Problem(Location(job.source), "W101", f"{job.output.name}: refused to load {url}", "warning")
        for url in result.refused
    )
    return result.data, document.warnings + refused, pdf_seconds
