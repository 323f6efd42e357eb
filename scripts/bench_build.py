"""Benchmark `lessonkit build`: clean, no-op and one-edit rebuilds, parallel speed-up, memory, overhead.

Usage:
  .venv/bin/python scripts/bench_build.py                       # the real curriculum, en-IE
  .venv/bin/python scripts/bench_build.py --lessons 200 --locales en-IE,de-DE,ar-DE
  .venv/bin/python scripts/bench_build.py --lessons 200 --locales en-IE,de-DE,ar-DE --quick

A generated curriculum repeats the real student lessons under new ids until it has N lessons.
`--quick` skips the jobs=1 build and the bare-WeasyPrint baseline (the slow parts).
`--repeat N` measures the parallel speed-up as N interleaved pairs of clean builds (jobs=N, then
jobs=1) and reports every pair and the median: on a shared virtual machine the same build varies
by up to a third from one minute to the next, so one pair of runs can mislead either way.
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lessonkit.build.cache import CACHE_DIR
from lessonkit.build.jobs import HANDBOOK
from lessonkit.build.localize import localize
from lessonkit.build.pipeline import BuildOptions, BuildReport, build, select_locales
from lessonkit.build.worker import PPTX, STYLES
from lessonkit.load.curriculum import load_curriculum
from lessonkit.render.html.documents import render_handbook_html, render_lesson_html
from lessonkit.render.settings import RenderSettings

ROOT = Path(__file__).resolve().parent.parent


def generated_project(folder: Path, count: int) -> Path:
    """A copy of the project whose lessons are the real student lessons repeated under new ids."""
    for name in ("handouts", "locales"):
        shutil.copytree(ROOT / name, folder / name)
    (folder / "lessons" / "assets").mkdir(parents=True)
    for name in ("curriculum.yml", "sources.yml"):
        shutil.copy(ROOT / "lessons" / name, folder / "lessons" / name)
    sources = sorted((ROOT / "lessons" / "students").rglob("*.md"))
    for index in range(count):
        source = sources[index % len(sources)]
        text = source.read_text(encoding="utf-8")
        if index >= len(sources):  # the first round keeps the real ids, so `lesson:` links still resolve
            original = re.search(r"(?m)^id: (\S+)$", text)
            assert original is not None
            text = re.sub(r"(?m)^id: (\S+)$", rf"id: \1-g{index:03d}", text, count=1)
            _copy_translations(folder, original[1], f"{original[1]}-g{index:03d}")
        (folder / "lessons" / f"lesson-{index:03d}.md").write_text(text, encoding="utf-8")
    return folder


def _copy_translations(folder: Path, lesson_id: str, new_id: str) -> None:
    """The real lesson's catalogues under the copy's id, so every locale builds the copy too."""
    for catalogue in (folder / "locales").glob(f"*/{lesson_id}.po"):
        text = catalogue.read_text(encoding="utf-8").replace(f'msgctxt "{lesson_id}|', f'msgctxt "{new_id}|')
        (catalogue.parent / f"{new_id}.po").write_text(text, encoding="utf-8")


def timed_build(root: Path, locales: tuple[str, ...], jobs: int) -> tuple[float, BuildReport]:
    started = time.perf_counter()
    report = build(BuildOptions(root, root / "site", locales, jobs, quiet=True, site=False))
    return time.perf_counter() - started, report


def cpu_seconds() -> float:
    """CPU time used so far by this process and its finished children (the workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def clean_build_timed(root: Path, locales: tuple[str, ...], jobs: int) -> tuple[float, float]:
    """Wall and CPU seconds of one clean build."""
    clean(root)
    cpu = cpu_seconds()
    seconds, _ = timed_build(root, locales, jobs)
    return seconds, cpu_seconds() - cpu


def speed_up(root: Path, locales: tuple[str, ...], jobs: int, repeat: int) -> float:
    """Interleaved clean builds, jobs=N then jobs=1: prints every pair and the median ratio.

    Also prints each pair's ratio with both wall times divided by their run's CPU seconds: the
    same work costs up to a third more CPU seconds from one minute to the next on this shared
    machine, and that normalised figure shows the parallel gain without the drift (it does
    hide any slowdown the two workers cause each other, so the raw median is the headline).
    Returns the median jobs=N time, which the overhead ratio then uses.
    """
    ratios, normalised, times = [], [], []
    for index in range(repeat):
        many, many_cpu = clean_build_timed(root, locales, jobs)
        one, one_cpu = clean_build_timed(root, locales, 1)
        ratios.append(one / many)
        normalised.append((one / one_cpu) / (many / many_cpu))
        times.append(many)
        print(
            f"pair {index + 1}: jobs={jobs} {many:.1f} s (CPU {many_cpu:.1f} s), "
            f"jobs=1 {one:.1f} s (CPU {one_cpu:.1f} s): {one / many:.2f}x, CPU-normalised {normalised[-1]:.2f}x"
        )
    median = statistics.median(ratios)
    print(f"speed-up jobs={jobs} vs 1, median of {repeat}: {median:.2f}x (range {min(ratios):.2f}-{max(ratios):.2f})")
    print(f"CPU-normalised speed-up, median: {statistics.median(normalised):.2f}x")
    return statistics.median(times)


def cli_noop(root: Path, locales: tuple[str, ...]) -> float:
    args = [sys.executable, "-m", "lessonkit", "build", "--no-site", "--quiet", "--project", str(root)]
    for locale in locales:
        args += ["--locale", locale]
    started = time.perf_counter()
    subprocess.run(args, check=True, cwd=root)
    return time.perf_counter() - started


def clean(root: Path) -> None:
    shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
    shutil.rmtree(root / "site", ignore_errors=True)


def bare_weasyprint_seconds(root: Path, locales: tuple[str, ...]) -> tuple[float, int]:
    """Sum of plain `HTML(string=...).write_pdf()` times for the same HTML and CSS, one process, warm."""
    from weasyprint import CSS, HTML

    curriculum, _ = load_curriculum(root)
    assert curriculum is not None
    settings = RenderSettings(curriculum.config, root)
    css = root / "handouts" / "css"
    sheets = {
        "print": [CSS(filename=css / "fonts.css"), CSS(filename=css / "print.css")],
        "large-print": [CSS(filename=css / n) for n in ("fonts.css", "print.css", "large-print.css")],
        "slides": [CSS(filename=css / "fonts.css"), CSS(filename=css / "slides.css")],
    }
    total, count = 0.0, 0
    for item in (localize(curriculum, root, x) for x in select_locales(root, curriculum, locales)):
        locale, pack, ui, lessons = item.locale, item.pack, item.ui, item.curriculum.lessons
        documents = []
        for lesson in lessons:
            kinds = ["guide"] if not lesson.is_student_lesson else [k for k in STYLES] + ["plan", "handout", "family"]
            for kind in dict.fromkeys(kinds):
                if kind != PPTX:
                    documents.append((render_lesson_html(kind, lesson, locale, pack, ui, settings), kind))
        for band in curriculum.config.bands:
            members = tuple(x for x in lessons if x.band == band.id and x.is_student_lesson)
            if members:
                documents.append((render_handbook_html(band.id, members, locale, pack, ui, settings), HANDBOOK))
        for document, kind in documents:
            started = time.perf_counter()
            HTML(string=document.html, base_url=f"{root.as_uri()}/").write_pdf(
                stylesheets=sheets[STYLES.get(kind, "print")], pdf_variant="pdf/ua-1"
            )
            total += time.perf_counter() - started
            count += 1
    return total, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, default=0, help="generate a curriculum of N student lessons")
    parser.add_argument("--locales", default="en-IE", help="comma-separated locale ids")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=1, help="interleaved jobs=N / jobs=1 pairs for the speed-up")
    args = parser.parse_args()
    locales = tuple(args.locales.split(","))
    with tempfile.TemporaryDirectory(prefix="lessonkit-bench-") as temporary:
        if args.lessons:
            root = generated_project(Path(temporary), args.lessons)
        else:
            root = Path(temporary) / "project"
            shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns(".venv", "site", CACHE_DIR, ".git", "*.pyc"))
        print(
            f"project: {'generated, ' + str(args.lessons) + ' lessons' if args.lessons else 'real curriculum'}; "
            f"locales: {', '.join(locales)}; jobs: {args.jobs}"
        )
        clean(root)
        seconds, report = timed_build(root, locales, args.jobs)
        print(
            f"clean build (jobs={args.jobs}): {seconds:.1f} s, {report.documents} documents, "
            f"failures: {len(report.failures)}, peak RSS per worker: {report.peak_rss_kb / 1024:.0f} MiB"
        )
        clean_two = seconds
        print(f"no-op rebuild (CLI, incl. Python start-up): {cli_noop(root, locales):.2f} s")
        lesson = sorted((root / "lessons").rglob("*.md"))[-1]
        text = lesson.read_text(encoding="utf-8")
        lesson.write_text(text.replace("::: help\n", "::: help\nAsk for help.\n", 1), encoding="utf-8")
        seconds, report = timed_build(root, locales, args.jobs)
        print(
            f"one-lesson edit rebuild: {seconds:.1f} s, {report.rendered} documents re-rendered "
            f"(that lesson's files and its band's handbook, per locale)"
        )
        if args.quick:
            return
        if args.repeat > 1:
            clean_two = speed_up(root, locales, args.jobs, args.repeat)
        else:
            clean(root)
            seconds, _ = timed_build(root, locales, 1)
            print(f"clean build (jobs=1): {seconds:.1f} s; speed-up jobs={args.jobs} vs 1: {seconds / clean_two:.2f}x")
        bare, count = bare_weasyprint_seconds(root, locales)
        ratio = clean_two / (bare / args.jobs)
        print(
            f"bare WeasyPrint write_pdf, {count} PDFs, one warm process: {bare:.1f} s; "
            f"overhead ratio clean build ({clean_two:.1f} s) / (bare / {args.jobs}): {ratio:.2f}"
        )


if __name__ == "__main__":
    main()
