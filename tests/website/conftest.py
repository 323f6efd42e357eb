"""Fixtures of the website tests: the real site built once per session, served on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import ROOT
from lessonkit.build.localize import localize
from lessonkit.load.curriculum import load_curriculum
from lessonkit.locale.locales import load_locales
from lessonkit.model import Curriculum
from lessonkit.render.site import render_site

CHROMIUM = Path("/usr/bin/chromium")
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
