"""The website: Markdown pages generated from the lesson model, built by mkdocs-material, one site per locale."""

from lessonkit.render.site.build import render_site

__all__ = ["render_site"]
