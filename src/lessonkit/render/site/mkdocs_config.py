"""The mkdocs configuration of a build: the project's `mkdocs.yml` plus pages, navigation and locales.

mkdocs templates do not escape what they print, so every text that reaches one from here (site
name, language names, navigation titles, the theme overrides' `extra.lessonkit` labels) is
escaped once, here; the whole configuration is written by the YAML dumper.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

import yaml

from lessonkit.diagnostics import printable_path
from lessonkit.problems import LessonkitError
from lessonkit.render.sanitise import link_target
from lessonkit.render.site import layout
from lessonkit.render.site.context import LocaleContext
from lessonkit.render.site.fonts import preload_fonts
from lessonkit.render.site.pages import locale_nav
from lessonkit.render.site.search_index import INDEX
from lessonkit.render.site.text import escape
from lessonkit.shipped import project_or_shipped

BASE_CONFIG: Final = "mkdocs.yml"
SITE_THEME: Final = "site-theme"
# Where "Leave this site" goes when mkdocs.yml sets no `extra.quick_exit_url`: a page that is
# ordinary to have open, on every device, in every country.
QUICK_EXIT_URL = "https://www.google.com/"


def base_config(root: Path) -> Path:
    """The project's `mkdocs.yml`, else the one that comes with lessonkit."""
    return project_or_shipped(root, BASE_CONFIG)


def theme_folder(root: Path, custom_dir: str) -> Path:
    """The theme's `custom_dir`; under `site-theme/`, in the site theme in use (the project's, else lessonkit's)."""
    first, _, rest = custom_dir.partition("/")
    if first == SITE_THEME:
        return project_or_shipped(root, SITE_THEME) / rest
    return root / custom_dir


def load_base(root: Path) -> dict[str, Any]:
    """The project's base configuration (theme, plugins, extensions, CSS)."""
    path = base_config(root)
    if not path.is_file():
        raise LessonkitError(f"{printable_path(path)}: the site's base configuration is missing")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise LessonkitError(f"{printable_path(path)}: cannot read: {err}") from err
    if not isinstance(data, dict):
        raise LessonkitError(f"{printable_path(path)}: expected a mapping of mkdocs settings")
    return data


def site_config(root: Path, contexts: Sequence[LocaleContext], docs_dir: Path, site_dir: Path) -> dict[str, Any]:
    """The full configuration: one static-i18n language per locale, the first one at the site root."""
    config = load_base(root)
    theme = dict(config.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str(theme_folder(root, str(theme["custom_dir"])).resolve())
    config["theme"] = theme
    config["docs_dir"] = str(docs_dir)
    config["site_dir"] = str(site_dir)
    first = contexts[0]
    config["site_name"] = escape(first.t(first.curriculum.config.title))
    extra = dict(config.get("extra") or {})
    exit_url = link_target(str(extra.pop("quick_exit_url", QUICK_EXIT_URL)))
    if not exit_url.startswith(("https://", "http://")):
        raise LessonkitError(f"{base_config(root)}: extra.quick_exit_url must be an http(s) address")
    config["extra"] = {**extra, "lessonkit": _extra(first, exit_url)}
    plugins = [_plugin_name(p) for p in config.get("plugins") or []]
    settings = {_plugin_name(p): p[_plugin_name(p)] for p in config.get("plugins") or [] if isinstance(p, dict)}
    settings["i18n"] = {
        "docs_structure": "folder",
        # lessonkit writes one search index per locale (search_index.py); every page is generated
        # for every locale, so no fallback.
        "reconfigure_search": False,
        "fallback_to_default": False,
        "languages": [_language(ctx, index == 0, exit_url) for index, ctx in enumerate(contexts)],
    }
    if "i18n" not in plugins:
        plugins.append("i18n")
    config["plugins"] = [{name: settings[name]} if settings.get(name) else name for name in plugins]
    return config


def _plugin_name(entry: object) -> str:
    if isinstance(entry, dict):
        return str(next(iter(entry)))
    return str(entry)


def _language(ctx: LocaleContext, default: bool, exit_url: str) -> dict[str, Any]:
    return {
        "locale": ctx.place.locale.id,
        "name": escape(ctx.place.locale.language_name),
        "default": default,
        "site_name": escape(ctx.t(ctx.curriculum.config.title)),
        # The theme's interface language (and so <html lang> and the body's dir) is the language.
        "theme": {"language": ctx.language},
        "extra": {"lessonkit": _extra(ctx, exit_url)},
        "nav": locale_nav(ctx),
    }


def _extra(ctx: LocaleContext, exit_url: str) -> dict[str, Any]:
    config = ctx.curriculum.config
    return {
        "help_url": ctx.place.page_url(layout.HELP),
        "search_index": ctx.place.prefix + INDEX,
        "fonts": preload_fonts(ctx.language),
        "close_label": escape(ctx.t("Close")),
        "help_label": escape(ctx.t("Get help now")),
        "safety_label": escape(ctx.t("Help and quick exit")),
        "exit_url": escape(exit_url),
        "exit_label": escape(ctx.t("Leave this site")),
        "licence": escape(config.licence),
        "licence_url": escape(link_target(config.licence_url)),
        "licence_text": escape(ctx.t("Lessons and guides licensed under")),
        "updated_text": escape(ctx.t("Last updated: {date}").format(date=ctx.date(config.updated))),
    }
