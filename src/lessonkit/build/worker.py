"""Rendering one document inside a long-lived worker process.

Workers import WeasyPrint and parse the stylesheets and fonts once, then render many documents.
A failure (or a document over its time limit) becomes a result, never a crash of the build.
A worker dies with the build that started it (even when that build is killed with SIGKILL) and
keeps its temporary files in the build's staging folder.
"""

from __future__ import annotations

import contextlib
import copyreg
import ctypes
import os
import resource
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.reduction import ForkingPickler
from types import MappingProxyType
from typing import Any

from lessonkit.build.jobs import DocumentJob
from lessonkit.document_kinds import HANDBOOK, kind_of
from lessonkit.i18n.ui import translator
from lessonkit.problems import Location, Problem
from lessonkit.render.html.documents import render_handbook_html, render_lesson_html
from lessonkit.render.settings import RenderSettings


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
_PR_SET_PDEATHSIG = 1


def start_worker(settings: RenderSettings, time_limit: int, parent: int, scratch: str) -> None:
    """Process initialiser: die with `parent`, keep temporary files in `scratch`, pay WeasyPrint's import once."""
    global _settings, _time_limit
    die_with_parent(parent)
    # WeasyPrint unpacks fonts into a temporary folder: inside the stage, a killed build leaves
    # it where the next build removes it.
    tempfile.tempdir = scratch
    os.environ["TMPDIR"] = scratch
    _settings, _time_limit = settings, time_limit
    import weasyprint  # noqa: F401  # warm the import (~1.3 s) before the first document arrives


def die_with_parent(parent: int) -> None:
    """Ask the kernel to SIGKILL this process when its parent dies (Linux), and exit if it already has.

    Without it, killing a build (SIGKILL cannot be caught) orphans its workers, which go on
    rendering for minutes and keep the output's lock.
    """
    asked = False
    if sys.platform.startswith("linux"):
        # The C library already loaded into this process (find_library would run ldconfig or gcc).
        with contextlib.suppress(OSError, AttributeError):
            asked = ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    if os.getppid() != parent:  # the parent died before the request above took effect
        os._exit(1)
    if not asked:  # elsewhere: a watcher thread notices that the parent is gone

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(1)
            os._exit(1)

        threading.Thread(target=watch, name="lessonkit-parent-watch", daemon=True).start()


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
    kind = kind_of(job.kind)
    if kind.renderer == "deck":
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
        kind.style,
        settings.paper,
        _time_limit,
    )
    pdf_seconds = time.perf_counter() - started
    refused = tuple(
        Problem(Location(job.source), "W101", f"{job.output.name}: refused to load {url}", "warning")
        for url in result.refused
    )
    return result.data, document.warnings + refused, pdf_seconds
