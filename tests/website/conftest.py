"""Fixtures of the website tests: the real site built once per session, served on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from conftest import ROOT, run_cli
from lessonkit.build.localize import localize
from lessonkit.load.curriculum import load_curriculum
from lessonkit.locale.locales import load_locales
from lessonkit.model import Curriculum
from lessonkit.render.site import render_site
from print_project import example_lessons, make_project

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts" / "site"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def curriculum() -> Curriculum:
    loaded, problems = load_curriculum(ROOT)
    assert loaded is not None and not problems, problems
    return loaded


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, curriculum: Curriculum) -> Path:
    """The real curriculum's site for every shipped locale, built once per test session."""
    out = tmp_path_factory.mktemp("site")
    (out / "downloads").mkdir()
    (out / "downloads" / "keep.txt").write_text("print build output", encoding="utf-8")
    problems = render_site([localize(curriculum, ROOT, x) for x in load_locales(ROOT)], ROOT, out)
    assert problems == [], "\n".join(map(str, problems))
    return out


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small project (the authoring guide's 4-7 lesson and a parents' guide) after a whole
    `lessonkit build` in English: documents, ZIPs, slide pictures and the site in `<root>/site`."""
    root = make_project(tmp_path_factory.mktemp("project"), example_lessons())
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "site-theme", root / "site-theme")
    result = run_cli("build", "--locale", "en-IE", "--jobs", "2", "--quiet", "--project", str(root))
    assert result.code == 0, result.err
    return root


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium through Playwright (never a downloaded browser); one per test module, as
    Playwright's sync API runs one instance at a time (test_help_bidi.py starts its own)."""
    assert CHROMIUM.exists(), "Debian chromium is needed (scripts/install-system-deps.sh installs it)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    """The real site served on 127.0.0.1."""
    with serve(built_site) as url:
        yield url


class Visit:
    """A browser tab that records every request it makes, failed responses and console errors."""

    def __init__(self, browser: Browser, viewport: dict[str, int]) -> None:
        self.context = browser.new_context(viewport=viewport)  # type: ignore[arg-type]
        self.page: Page = self.context.new_page()
        self.requests: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        # Requests answered with an error and console errors (a missing file logs both).
        self.errors: list[str] = []
        self.page.on("response", lambda r: self.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        self.page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))

    def external(self, allowed_scheme_hosts: set[tuple[str, str]]) -> list[str]:
        return [
            url
            for url in self.requests
            if (urlsplit(url).scheme, urlsplit(url).hostname or "") not in allowed_scheme_hosts
            and urlsplit(url).scheme not in ("data", "blob", "about")
        ]

    def close(self) -> None:
        self.context.close()
