"""`render_site`: generate every locale's pages, run mkdocs --strict, and place the site in the output folder."""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

import yaml

from lessonkit.diagnostics import printable_path
from lessonkit.document_kinds import DOWNLOADS
from lessonkit.localized import Localized
from lessonkit.problems import LessonkitError, Location, Problem
from lessonkit.render.site.context import LocaleContext, SourceSite
from lessonkit.render.site.fonts import publish_fonts
from lessonkit.render.site.layout import LESSON_ASSETS, LESSON_ASSETS_SOURCE, SitePlace
from lessonkit.render.site.materials import copy_previews, prepare_materials
from lessonkit.render.site.mkdocs_config import BASE_CONFIG, SITE_THEME, base_config, site_config
from lessonkit.render.site.pages import locale_pages
from lessonkit.render.site.search_index import write_search_indexes
from lessonkit.shipped import project_or_shipped

# In the site theme folder (the project's own `site-theme/`, else lessonkit's).
THEME_ASSETS = "assets"


def render_site(localized: Sequence[Localized], root: Path, out_dir: Path) -> list[Problem]:
    """Build the website for each locale (the first at the root, the others in `<locale-id>/`) into `out_dir`.

    Each locale brings its translated curriculum and country pack. A locale whose interface or
    country-pack translation was refused is left out whole (fail closed; the caller reports it).
    Files already in `out_dir/downloads/` (the print build's) are kept. Returns mkdocs' warnings
    as problems; an empty list means the strict build passed.
    """
    localized = [x for x in localized if not x.dropped]
    if not localized:
        raise LessonkitError("no locale to build the site for")
    for needed in (base_config(root), project_or_shipped(root, SITE_THEME) / THEME_ASSETS):
        if not needed.exists():
            raise LessonkitError(
                f"{printable_path(needed)}: not found; the website needs it (or build documents only with --no-site)"
            )
    with tempfile.TemporaryDirectory(prefix="lessonkit-site-") as tmp:
        work = Path(tmp)
        docs = work / "docs"
        previews = work / "previews"
        # Sizes, ZIPs and slide pictures come from the documents already in the output (materials.py).
        contexts = [
            LocaleContext(
                x,
                SitePlace(x.locale, "" if i == 0 else f"{x.locale.id}/"),
                root,
                out_dir,
                prepare_materials(
                    root, out_dir, x.locale.id, x.curriculum.lessons, x.curriculum.config.updated, previews
                ),
            )
            for i, x in enumerate(localized)
        ]
        contexts = _with_source(contexts)
        for ctx in contexts:
            for page, text in locale_pages(ctx).items():
                target = docs / ctx.place.locale.id / page
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
        _copy_assets(root, docs / "assets")
        config_file = work / BASE_CONFIG
        config_file.write_text(
            yaml.safe_dump(site_config(root, contexts, docs, work / "site"), allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
        problems = _run_mkdocs(config_file, base_config(root))
        _mark_direction(work / "site", contexts)
        write_search_indexes(work / "site", contexts)
        copy_previews(previews, work / "site")
        _prune_theme(work / "site")
        _publish(work / "site", out_dir)
    return problems


def _with_source(contexts: list[LocaleContext]) -> list[LocaleContext]:
    """The contexts, each other than the source language's knowing where that site is (the first such locale)."""
    source = next(
        (c for c in contexts if c.language == c.curriculum.config.source_language and not c.localized.dropped), None
    )
    if source is None:
        return contexts
    bands = frozenset(x.band for x in source.curriculum.lessons if x.is_student_lesson and x.band)
    site = SourceSite(source.place, bands)
    return [c if c.language == source.language else dataclasses.replace(c, source=site) for c in contexts]


def _copy_assets(root: Path, assets: Path) -> None:
    shutil.copytree(project_or_shipped(root, SITE_THEME) / THEME_ASSETS, assets, dirs_exist_ok=True)
    # The print build's fonts and @font-face rules, TrueType fonts as WOFF2 subsets (fonts.py).
    publish_fonts(root, assets)
    # Lesson images, the only images lesson text may show (the sanitising policy refuses others).
    # Regular files only: a link in the asset folder must not publish what it points to.
    source = root / LESSON_ASSETS_SOURCE
    for path in sorted(source.rglob("*")) if source.is_dir() and not source.is_symlink() else ():
        if path.is_file() and not any(p.is_symlink() for p in (path, *path.parents) if p.is_relative_to(source)):
            target = assets.parent / LESSON_ASSETS / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


class _Collect(logging.Handler):
    """Keeps every warning mkdocs and its plugins log, to report them as problems."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _run_mkdocs(config_file: Path, base: Path) -> list[Problem]:
    # Imported here: mkdocs and its plugins cost time that commands without a site need not pay.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        config = load_config(config_file=str(config_file), strict=True)
        build(config)
    except (Abort, MkDocsException) as err:
        if not collect.messages:
            collect.messages.append(str(err))
    finally:
        logger.removeHandler(collect)
    return [Problem(Location(base), "S001", f"site build: {message}") for message in collect.messages]


def _mark_direction(site: Path, contexts: Sequence[LocaleContext]) -> None:
    # The theme puts dir="rtl" on <body> only; screen readers and CSS :dir() want it on <html> too.
    for ctx in contexts:
        if ctx.place.locale.direction != "rtl":
            continue
        folder = site / ctx.place.prefix if ctx.place.prefix else site
        nested = {c.place.prefix.rstrip("/") for c in contexts if c.place.prefix and c is not ctx}
        for page in folder.rglob("*.html"):
            if page.relative_to(folder).parts[0] in nested:
                continue
            text = page.read_text(encoding="utf-8")
            fixed = re.sub(r"<html lang=\"([^\"]+)\"", r'<html lang="\1" dir="rtl"', text, count=1)
            page.write_text(fixed, encoding="utf-8")


def _prune_theme(site: Path) -> None:
    # The theme always copies its search engine (lunr, a worker, 30 stemmers); lessonkit's own
    # search (search_index.py, lessonkit.js) needs none of it.
    for folder in ("lunr", "workers"):
        shutil.rmtree(site / "assets" / "javascripts" / folder, ignore_errors=True)


def _publish(built: Path, out_dir: Path) -> None:
    """Replace the site in `out_dir`, leaving the print build's downloads in place."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for entry in out_dir.iterdir():
        if entry.name == DOWNLOADS:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    shutil.copytree(built, out_dir, dirs_exist_ok=True)
