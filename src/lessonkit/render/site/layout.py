"""Where each generated page lives inside one locale's part of the site, and links between them."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lessonkit.locale.locales import Locale
from lessonkit.model import Lesson

HOME = "index.md"
TEACHERS = "teachers/index.md"
TOPICS = "teachers/topics.md"
PARENTS = "parents/index.md"
EDUCATORS = "educators/index.md"
NGOS = "ngos.md"
COVERAGE = "coverage.md"
HELP = "help.md"
NOT_FOUND = "404.md"
# Lesson images: the only files lesson text may show, copied from the project into the site.
LESSON_ASSETS_SOURCE = Path("lessons") / "assets"
LESSON_ASSETS = "assets/lessons"


def band_page(band_id: str) -> str:
    """The page listing one age band's lessons."""
    return f"teachers/ages-{band_id}.md"


def lesson_page(lesson: Lesson) -> str:
    """A lesson's or guide's page."""
    if lesson.is_student_lesson:
        return f"lessons/{lesson.band}/{lesson.id}.md"
    return f"{lesson.audience}/{lesson.id}.md"


def html_path(page: str) -> str:
    """The built file of a page (the offline plugin turns off directory URLs)."""
    return page.removesuffix(".md") + ".html"


@dataclass(frozen=True)
class SitePlace:
    """A locale's position in the built site: the default locale sits at the root, others in a folder."""

    locale: Locale
    prefix: str  # "" or "de-DE/"

    def to_output(self, from_page: str, target: PurePosixPath) -> str:
        """A relative URL from a page of this locale to a file under the output root (a download)."""
        depth = (self.prefix + from_page).count("/")
        return "../" * depth + target.as_posix()

    def page_url(self, page: str) -> str:
        """A page's URL relative to the site root, for theme settings that the `url` filter resolves."""
        return self.prefix + html_path(page)


def link(target: str, from_page: str) -> str:
    """A Markdown link target from one page to another (mkdocs checks these under --strict)."""
    return posixpath.relpath(target, posixpath.dirname(from_page) or ".")


def html_link(target: str, from_page: str) -> str:
    """An HTML link between pages, for raw HTML blocks that mkdocs does not rewrite."""
    return link(html_path(target), html_path(from_page))
