"""A teacher's browsing layer (issue 15 item 4) and a copy served by another user.

Lesson cards with their badges and the age band and topic filters on the real site (with and
without JavaScript, served and from disk), the coverage page on a phone; on a small project
after a whole `lessonkit build`: every file listed with its size, the ZIP of all of them
(contents, modes, same bytes every time), the slide pictures, and every published file readable
by a web server running as another user.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from conftest import ROOT
from lessonkit.document_kinds import download_paths
from lessonkit.i18n.ui import translator
from lessonkit.load.curriculum import load_curriculum
from lessonkit.model import Curriculum, Lesson
from lessonkit.render.site.layout import html_path, lesson_page
from lessonkit.render.site.materials import bundle_path, write_bundle

from .conftest import DESKTOP, PHONE, Visit, serve

EN = translator(ROOT, "en")


def _students(curriculum: Curriculum) -> list[Lesson]:
    return [x for x in curriculum.lessons if x.is_student_lesson]


def _visible_cards(page: Page) -> list[tuple[str, str]]:
    found = page.locator(".lk-card:visible").evaluate_all("cards => cards.map(c => [c.dataset.band, c.dataset.topic])")
    return [(band, topic) for band, topic in found]


def test_teachers_page_lists_every_lesson_as_a_card_with_badges(
    browser: Browser, base_url: str, curriculum: Curriculum
) -> None:
    visit = Visit(browser, PHONE)
    visit.page.goto(base_url + "teachers/index.html", wait_until="networkidle")
    cards = visit.page.locator(".lk-card")
    lessons = _students(curriculum)
    assert cards.count() == len(lessons)
    for index, lesson in enumerate(lessons):
        card = cards.nth(index)
        assert card.locator(".lk-card__title a").inner_text().strip() == lesson.title
        badges = card.locator(".lk-badge").all_inner_texts()
        band = curriculum.config.band(lesson.band or "")
        topic = curriculum.config.topic(lesson.topic)
        assert band is not None and topic is not None
        assert badges == [EN(band.label), EN("{minutes} minutes").format(minutes=lesson.duration), EN(topic.title)]
        href = card.locator(".lk-card__title a").evaluate("a => a.href")
        assert href == base_url + html_path(lesson_page(lesson))
    assert visit.errors == []
    visit.close()


def test_filters_by_band_and_topic(browser: Browser, base_url: str, curriculum: Curriculum) -> None:
    lessons = _students(curriculum)
    visit = Visit(browser, DESKTOP)
    page = visit.page
    page.goto(base_url + "teachers/index.html", wait_until="networkidle")
    count = page.locator(".lk-filter-count")
    assert count.inner_text() == EN("Lessons shown: {shown} of {total}").format(shown=len(lessons), total=len(lessons))
    page.select_option("#lk-filter-band", "8-10")
    in_band = [(x.band, x.topic) for x in lessons if x.band == "8-10"]
    assert _visible_cards(page) == in_band
    assert count.inner_text() == EN("Lessons shown: {shown} of {total}").format(shown=len(in_band), total=len(lessons))
    topic = in_band[0][1]
    page.select_option("#lk-filter-topic", topic)
    assert _visible_cards(page) == [(b, t) for b, t in in_band if t == topic]
    assert page.url.endswith(f"#band=8-10&topic={topic}")
    assert not page.locator(".lk-filter-none").is_visible()
    # A topic that has no lesson in the band: nothing shown, and it says so.
    empty = next(x.topic for x in lessons if not any(y.topic == x.topic and y.band == "8-10" for y in lessons))
    page.select_option("#lk-filter-topic", empty)
    assert _visible_cards(page) == []
    assert page.locator(".lk-filter-none").is_visible()
    # The address keeps the choice: opened again, the page shows the same cards.
    page.select_option("#lk-filter-topic", topic)
    page.reload(wait_until="networkidle")
    assert page.locator("#lk-filter-band").input_value() == "8-10"
    assert _visible_cards(page) == [(b, t) for b, t in in_band if t == topic]
    page.select_option("#lk-filter-band", "")
    page.select_option("#lk-filter-topic", "")
    assert len(_visible_cards(page)) == len(lessons) and "#" not in page.url
    assert visit.errors == []
    visit.close()


def test_filters_work_from_disk_in_arabic(browser: Browser, built_site: Path, curriculum: Curriculum) -> None:
    visit = Visit(browser, PHONE)
    visit.page.goto((built_site / "ar-DE" / "teachers" / "index.html").as_uri())
    visit.page.select_option("#lk-filter-band", "4-7")
    assert {band for band, _ in _visible_cards(visit.page)} == {"4-7"}
    assert visit.external({("file", "")}) == []
    assert visit.errors == []
    visit.close()


def test_without_javascript_every_card_shows_and_no_filter(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(base_url + "de-DE/teachers/index.html")
    assert not page.locator("form.lk-filters").is_visible()
    assert page.locator(".lk-card:visible").count() == page.locator(".lk-card").count() > 20
    # The age bands and topics stay reachable as pages.
    assert page.locator("a[href='topics.html']").count() >= 1
    context.close()


def test_coverage_page_reads_as_cards_on_a_phone(browser: Browser, base_url: str, curriculum: Curriculum) -> None:
    visit = Visit(browser, PHONE)
    visit.page.goto(base_url + "coverage.html", wait_until="networkidle")
    # No sideways scrolling, and every cell as wide as the card it is in (words are not broken
    # letter by letter any more).
    assert visit.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    widths = visit.page.locator("table.lk-coverage td:not(.lk-empty)").evaluate_all(
        "cells => cells.map(c => c.getBoundingClientRect().width)"
    )
    assert widths and min(widths) > 250, min(widths)
    assert visit.page.locator("table.lk-coverage td.lk-empty:visible").count() == 0
    labels = visit.page.locator("table.lk-coverage td:not(.lk-empty)").evaluate_all(
        "cells => cells.map(c => getComputedStyle(c, '::before').content)"
    )
    columns = {EN(b.label) for b in curriculum.config.bands} | {EN(a.label) for a in curriculum.config.audiences}
    assert {label.strip('"') for label in labels} <= columns
    visit.close()


# --- the small project after a whole `lessonkit build` ----------------------------------------


def _project_lesson(root: Path) -> Lesson:
    curriculum, problems = load_curriculum(root)
    assert curriculum is not None, problems
    return next(x for x in curriculum.lessons if x.is_student_lesson)


def test_lesson_page_lists_every_file_with_its_size_and_a_zip(browser: Browser, built_project: Path) -> None:
    site = built_project / "site"
    lesson = _project_lesson(built_project)
    paths = download_paths(lesson, "en-IE")
    with serve(site) as url:
        visit = Visit(browser, PHONE)
        visit.page.goto(url + html_path(lesson_page(lesson)), wait_until="networkidle")
        for kind, path in paths.items():
            item = visit.page.locator(f"ul.lk-downloads a.lk-download[data-kind='{kind}']")
            assert item.evaluate("a => a.href") == url + path.as_posix()
            size = item.locator("xpath=..").locator(".lk-size").inner_text()
            expected = (site / path).stat().st_size
            assert re.fullmatch(r"\d+ kB", size), size
            assert int(size.split()[0]) == max(1, round(expected / 1000)), (kind, size, expected)
        bundle = visit.page.locator("a.lk-download[data-kind='bundle']")
        assert bundle.evaluate("a => a.href") == url + bundle_path(lesson, "en-IE").as_posix()
        assert EN("All files of this lesson (ZIP)") in bundle.inner_text()
        body = visit.page.request.get(bundle.evaluate("a => a.href")).body()
        assert body == (site / bundle_path(lesson, "en-IE")).read_bytes()
        # The first slides as pictures that load, each opening the slide PDF at that slide.
        pictures = visit.page.locator("ul.lk-previews img")
        assert pictures.count() == 3
        pictures.last.scroll_into_view_if_needed()
        visit.page.wait_for_function("[...document.querySelectorAll('.lk-previews img')].every(i => i.complete)")
        assert pictures.evaluate_all("imgs => imgs.map(i => i.naturalWidth)") == [480, 480, 480]
        assert pictures.evaluate_all("imgs => imgs.map(i => i.alt)") == [
            EN("Slide {number}").format(number=n) for n in (1, 2, 3)
        ]
        links = visit.page.locator("ul.lk-previews a").evaluate_all("els => els.map(e => e.href)")
        assert links == [f"{url}{paths['slides-pdf'].as_posix()}#page={n}" for n in (1, 2, 3)]
        assert visit.errors == []
        visit.close()


def test_the_zip_holds_every_file_of_the_lesson(built_project: Path) -> None:
    site = built_project / "site"
    lesson = _project_lesson(built_project)
    paths = download_paths(lesson, "en-IE")
    folder = f"{lesson.id}-en-IE"
    with zipfile.ZipFile(site / bundle_path(lesson, "en-IE")) as archive:
        assert archive.testzip() is None
        infos = archive.infolist()
        assert [i.filename for i in infos] == [f"{folder}/{p.name}" for p in paths.values()]
        for info, path in zip(infos, paths.values(), strict=True):
            assert archive.read(info) == (site / path).read_bytes()
            assert info.date_time[:3] == (2026, 11, 30)  # the curriculum's `updated` date
            assert stat.S_IMODE(info.external_attr >> 16) == 0o644
    # A guide (one file) gets no ZIP.
    guide = next(x for x in load_curriculum(built_project)[0].lessons if not x.is_student_lesson)  # type: ignore[union-attr]
    assert not (site / bundle_path(guide, "en-IE")).exists()


def test_the_zip_is_the_same_every_time(tmp_path: Path) -> None:
    files = []
    for name, data in (("b.pdf", b"%PDF-1.7 two"), ("a.pptx", b"PK three")):
        (tmp_path / name).write_bytes(data)
        files.append(tmp_path / name)
    first = write_bundle(tmp_path / "one.zip", "x", files, date(2026, 11, 30))
    time.sleep(1.1)  # a clock that moved on must not change the bytes
    (tmp_path / "b.pdf").touch()
    second = write_bundle(tmp_path / "two.zip", "x", files, date(2026, 11, 30))
    assert first == second
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    assert stat.S_IMODE((tmp_path / "one.zip").stat().st_mode) == 0o644


@pytest.fixture
def served_copy(built_project: Path) -> Iterator[Path]:
    """The published folder copied with its modes into a folder every user may enter (a web root)."""
    top = Path(tempfile.mkdtemp(prefix="lessonkit-webroot-", dir="/tmp"))
    top.chmod(0o755)
    copy = top / "site"
    shutil.copytree(built_project / "site", copy)  # copy2: modes as published
    copy.chmod(stat.S_IMODE((built_project / "site").stat().st_mode))
    try:
        yield copy
    finally:
        shutil.rmtree(top)


def test_a_web_server_running_as_another_user_can_read_every_file(served_copy: Path) -> None:
    files = sorted(p for p in served_copy.rglob("*") if p.is_file())
    folders = [served_copy, *sorted(p for p in served_copy.rglob("*") if p.is_dir())]
    assert any(p.suffix == ".zip" for p in files) and any(p.suffix == ".png" for p in files)
    unreadable = [str(p) for p in files if not stat.S_IMODE(p.stat().st_mode) & stat.S_IROTH]
    closed = [str(p) for p in folders if stat.S_IMODE(p.stat().st_mode) & 0o005 != 0o005]
    assert unreadable == [] and closed == []
    if os.geteuid() != 0:
        return  # only root can start the server as another user; the modes above are what it needs
    nobody = pwd.getpwnam("nobody")
    # An interpreter the other user may run: the system's (the project's may live under /root).
    python = "/usr/bin/python3" if Path("/usr/bin/python3").exists() else os.path.realpath(sys.executable)
    server = subprocess.Popen(
        [python, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", str(served_copy)],
        cwd=served_copy,
        user=nobody.pw_uid,
        group=nobody.pw_gid,
        extra_groups=[],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()  # "Serving HTTP on 127.0.0.1 port N (http://127.0.0.1:N/) ..."
        port = int(re.search(r"port (\d+)", line).group(1))  # type: ignore[union-attr]
        failed = []
        for path in files:
            url = f"http://127.0.0.1:{port}/{path.relative_to(served_copy).as_posix()}"
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    if response.read() != path.read_bytes():
                        failed.append(f"{url}: different bytes")
            except OSError as err:
                failed.append(f"{url}: {err}")
        assert failed == [], failed[:10]
        assert len(files) > 30
    finally:
        server.terminate()
        server.wait(timeout=10)
