"""Benchmark `lessonkit build`: clean, no-op and one-edit rebuilds, parallel speed-up, memory, overhead.

Usage:
  .venv/bin/python scripts/bench_build.py                       # the real curriculum, en-IE
  .venv/bin/python scripts/bench_build.py --lessons 200 --locales en-IE,de-DE,ar-DE
  .venv/bin/python scripts/bench_build.py --lessons 200 --locales en-IE,de-DE,ar-DE --quick

A generated curriculum repeats the real student lessons under new ids until it has N lessons.
`--quick` skips the jobs=1 build and the bare-WeasyPrint baseline (the slow parts).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lessonkit.build.cache import CACHE_DIR
from lessonkit.build.jobs import HANDBOOK
from lessonkit.build.localize import localize
from lessonkit.build.pipeline import BuildOptions, build, select_locales
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


def timed_build(root: Path, locales: tuple[str, ...], jobs: int) -> tuple[float, object]:
    started = time.perf_counter()
    report = build(BuildOptions(root, root / "site", locales, jobs, quiet=True, site=False))
    return time.perf_counter() - started, report


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
            f"clean build (jobs={args.jobs}): {seconds:.1f} s, {report.documents} documents, "  # type: ignore[attr-defined]
            f"failures: {len(report.failures)}, peak RSS per worker: {report.peak_rss_kb / 1024:.0f} MiB"
        )  # type: ignore[attr-defined]
        clean_two = seconds
        print(f"no-op rebuild (CLI, incl. Python start-up): {cli_noop(root, locales):.2f} s")
        lesson = sorted((root / "lessons").rglob("*.md"))[-1]
        text = lesson.read_text(encoding="utf-8")
        lesson.write_text(text.replace("::: help\n", "::: help\nAsk for help.\n", 1), encoding="utf-8")
        seconds, report = timed_build(root, locales, args.jobs)
        print(
            f"one-lesson edit rebuild: {seconds:.1f} s, {report.rendered} documents re-rendered "  # type: ignore[attr-defined]
            f"(that lesson's files and its band's handbook, per locale)"
        )
        if args.quick:
            return
        clean(root)
        seconds, _ = timed_build(root, locales, 1)
        print(f"clean build (jobs=1): {seconds:.1f} s; speed-up jobs={args.jobs} vs 1: {seconds / clean_two:.2f}x")
        bare, count = bare_weasyprint_seconds(root, locales)
        ratio = clean_two / (bare / args.jobs)
        print(
            f"bare WeasyPrint write_pdf, {count} PDFs, one warm process: {bare:.1f} s; "
            f"overhead ratio clean build / (bare / {args.jobs}): {ratio:.2f}"
        )


if __name__ == "__main__":
    main()
