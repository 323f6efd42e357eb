"""Download buttons for the files the print build writes (paths from `lessonkit.build.paths`)."""

from __future__ import annotations

from pathlib import PurePosixPath

from lessonkit.build.paths import download_paths, handbook_path
from lessonkit.model import Lesson
from lessonkit.render.site.context import LocaleContext
from lessonkit.render.site.text import escape

# The label of each kind of file, in English (translated through the UI catalogue).
LABELS: dict[str, str] = {
    "plan": "Lesson plan (PDF)",
    "handout": "Student handout (PDF)",
    "handout-large": "Large-print handout (PDF)",
    "cards": "Cut-out cards (PDF)",
    "family": "Family sheet (PDF)",
    "slides-pptx": "Slides (PowerPoint, editable)",
    "slides-pdf": "Slides (PDF)",
    "guide": "Guide (PDF)",
    "handbook": "Handbook: every lesson of this age band (PDF)",
}


def _button(ctx: LocaleContext, page: str, kind: str, target: PurePosixPath, primary: bool) -> str:
    href = ctx.place.to_output(page, target)
    css = "md-button md-button--primary" if primary else "md-button"
    return (
        f'<a class="{css} lk-download" href="{escape(href)}" download data-kind="{kind}">'
        f"{escape(ctx.t(LABELS[kind]))}</a>"
    )


def lesson_downloads(ctx: LocaleContext, lesson: Lesson, page: str) -> str:
    """One button for every file built for a lesson or guide, in this locale's language."""
    paths = download_paths(lesson, ctx.place.locale.id)
    buttons = [_button(ctx, page, kind, path, index == 0) for index, (kind, path) in enumerate(paths.items())]
    return '<div class="lk-downloads">\n' + "\n".join(buttons) + "\n</div>"


def handbook_download(ctx: LocaleContext, band_id: str, page: str) -> str:
    """The button for a band's handbook."""
    path = handbook_path(band_id, ctx.place.locale.id)
    return '<div class="lk-downloads">\n' + _button(ctx, page, "handbook", path, True) + "\n</div>"
