"""The materials of a lesson: every file the print build writes (paths from `lessonkit.document_kinds`).

A lesson page lists each file with its size (read from the built file), offers one ZIP with all
of them, and shows the first slides as pictures that open the slide PDF at that slide.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from lessonkit.document_kinds import HANDBOOK, KINDS, SLIDES_PDF, download_paths, handbook_path
from lessonkit.model import Lesson
from lessonkit.render.site.context import LocaleContext
from lessonkit.render.site.text import escape

# The ZIP of a lesson's files: a download, but not a document kind.
BUNDLE = "bundle"
# The label of each kind of file, in English (translated through the UI catalogue).
LABELS: dict[str, str] = {kind.id: kind.download_label for kind in KINDS} | {BUNDLE: "All files of this lesson (ZIP)"}


def _size(ctx: LocaleContext, size: int | None) -> str:
    return f' <span class="lk-size">{escape(ctx.file_size(size))}</span>' if size is not None else ""


def _button(ctx: LocaleContext, page: str, kind: str, target: PurePosixPath, primary: bool) -> str:
    href = ctx.place.to_output(page, target)
    css = "md-button md-button--primary" if primary else "md-button"
    return (
        f'<a class="{css} lk-download" href="{escape(href)}" download data-kind="{kind}">'
        f"{escape(ctx.t(LABELS[kind]))}{_size(ctx, ctx.size(target))}</a>"
    )


def lesson_downloads(ctx: LocaleContext, lesson: Lesson, page: str) -> str:
    """Every file built for a lesson or guide with its size, and the ZIP of them all when it was made."""
    paths = download_paths(lesson, ctx.place.locale.id)
    files = ctx.lesson_files(lesson)
    items = []
    for kind, path in paths.items():
        href = ctx.place.to_output(page, path)
        items.append(
            f'<li><a class="lk-download" href="{escape(href)}" download data-kind="{kind}">'
            f"{escape(ctx.t(LABELS[kind]))}</a>{_size(ctx, ctx.size(path))}</li>"
        )
    bundle = ""
    if files.bundle is not None:
        bundle = '<p class="lk-bundle">' + _button(ctx, page, BUNDLE, files.bundle, True) + "</p>\n"
    return f'<div class="lk-materials">\n{bundle}<ul class="lk-downloads">\n' + "\n".join(items) + "\n</ul>\n</div>"


def slide_previews(ctx: LocaleContext, lesson: Lesson, page: str) -> str:
    """The first slides as pictures, each opening the slide PDF at that slide; "" without pictures."""
    files = ctx.lesson_files(lesson)
    if not files.previews:
        return ""
    pdf = ctx.place.to_output(page, download_paths(lesson, ctx.place.locale.id)[SLIDES_PDF])
    pictures = "".join(
        f'<li><a href="{escape(pdf)}#page={number}">'
        f'<img src="{escape(ctx.place.to_output(page, preview.path))}" width="{preview.width}" '
        f'height="{preview.height}" loading="lazy" decoding="async" '
        f'alt="{escape(ctx.t("Slide {number}").format(number=ctx.number(number)))}"></a></li>\n'
        for number, preview in enumerate(files.previews, start=1)
    )
    return f'<ul class="lk-previews">\n{pictures}</ul>'


def handbook_download(ctx: LocaleContext, band_id: str, page: str) -> str:
    """The button for a band's handbook, with its size."""
    path = handbook_path(band_id, ctx.place.locale.id)
    return '<div class="lk-downloads-row">\n' + _button(ctx, page, HANDBOOK, path, True) + "\n</div>"
