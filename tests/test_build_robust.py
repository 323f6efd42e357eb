"""The build survives bad documents and kills: failures are located and reported, output swaps atomically."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import FIXTURES, ROOT, run_cli
from print_project import example_lessons, make_project, pdf_info

SLOW_GUIDE = (
    """---
id: slow-guide
title: "A very long table"
topic: talking-together
audience: parents
key_messages:
  - "Long tables take a long time to lay out."
sources: [rec-parents]
---

| a | b | c |
| --- | --- | --- |
"""
    + "".join(f"| row {i} | cell | cell |\n" for i in range(15000))
    + """
::: help
Parents can call {{ help.parent_helpline }}.
:::
"""
)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_one_failing_document_does_not_stop_the_others(tmp_path: Path) -> None:
    root = make_project(tmp_path, {**example_lessons(), "slow.md": SLOW_GUIDE})
    # 15,000 table rows take minutes to lay out; every ordinary document takes about a second.
    result = run_cli("build", "--no-site", "--jobs", "2", "--quiet", "--time-limit", "10", "--project", str(root))
    assert result.code == 1, result.err
    assert "Traceback" not in result.err
    assert "lessons/slow.md:1:1: error E900 could not build slow-guide-guide.pdf (en-IE)" in result.err
    # The limit counts processor time; on a loaded machine the wall-clock backstop (4x) may fire first.
    assert re.search(r"longer than (10 s of processor time|40 s on the clock)", result.err), result.err
    assert "1 FAILED" in result.err
    assert (root / "site/downloads/en-IE/parents/guide-example/guide-example-guide.pdf").is_file()
    # The lesson's PDFs (its document kinds: plan, handouts, cards, family...), the guide, the handbook.
    lesson_pdfs = list((root / "site/downloads/en-IE").glob("4-7/*/*.pdf"))
    assert len(lesson_pdfs) >= 5, lesson_pdfs
    assert len(list((root / "site").rglob("*.pdf"))) == len(lesson_pdfs) + 2


def test_sigkill_mid_build_leaves_the_previous_output_intact(tmp_path: Path) -> None:
    root = make_project(tmp_path, example_lessons())
    first = run_cli("build", "--no-site", "--jobs", "2", "--quiet", "--project", str(root))
    assert first.code == 0, first.err
    before = snapshot(root / "site")
    (root / "lessons" / "slow.md").write_text(SLOW_GUIDE, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "lessonkit", "build", "--no-site", "--jobs", "2", "--quiet", "--project", str(root)],
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not list(root.glob(".lessonkit-stage-site-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.5)  # the workers are now rendering the slow guide
    assert process.poll() is None, "the build ended before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert snapshot(root / "site") == before
    assert pdf_info(root / "site/downloads/en-IE/4-7/handbook-4-7-en-IE.pdf")["Tagged"] == "yes"
    # The next build clears the killed build's staging folder.
    (root / "lessons" / "slow.md").unlink()
    again = run_cli("build", "--no-site", "--quiet", "--project", str(root))
    assert again.code == 0, again.err
    assert not list(root.glob(".lessonkit-stage-*"))
    assert snapshot(root / "site") == before


def test_site_without_its_own_theme_is_built_with_the_shipped_one(tmp_path: Path) -> None:
    # A project without mkdocs.yml and site-theme/ used to be refused; lessonkit now ships both (issue 17 item 5).
    root = make_project(tmp_path, example_lessons())
    assert not (root / "mkdocs.yml").exists() and not (root / "site-theme").exists()
    result = run_cli("build", "--quiet", "--project", str(root))
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    assert (root / "site" / "index.html").is_file()


def test_tampered_translation_is_refused_by_the_build(tmp_path: Path) -> None:
    root = make_project(tmp_path, example_lessons())
    catalogue = root / "locales" / "de" / "example-helpers-4-7.po"
    shutil.copy(FIXTURES / "i18n" / "de" / "example-helpers-4-7.po", catalogue)
    folder = root / "site" / "downloads" / "de-DE" / "4-7" / "example-helpers-4-7"
    clean = run_cli("build", "--no-site", "--locale", "de-DE", "--quiet", "--project", str(root))
    assert clean.code == 0, clean.err
    assert (folder / "example-helpers-4-7-handout.pdf").is_file()
    text = catalogue.read_text(encoding="utf-8")
    assert "{help.child_helpline}" in text
    catalogue.write_text(text.replace("{help.child_helpline}", "0800 123 4567", 1), encoding="utf-8")
    result = run_cli("build", "--no-site", "--locale", "de-DE", "--quiet", "--project", str(root))
    assert result.code == 1
    assert "locales/de/example-helpers-4-7.po" in result.err and "error I10" in result.err
    assert not folder.exists()
    check = run_cli("check", cwd=root)
    assert check.code == 2  # a refused translation is unusable input, as for `i18n check`
    assert "translation.qa I10" in check.out


def test_documents_only_build_keeps_the_website_and_other_locales(tmp_path: Path) -> None:
    root = make_project(tmp_path, example_lessons())
    site = root / "site"
    (site / "downloads" / "de-DE").mkdir(parents=True)
    (site / "downloads" / "en-IE").mkdir()
    (site / ".lessonkit-output").write_text("lessonkit output 0\n", encoding="utf-8")  # an earlier output
    (site / "index.html").write_text("<html>the website</html>", encoding="utf-8")
    (site / "downloads" / "de-DE" / "kept.pdf").write_bytes(b"%PDF-de")
    (site / "downloads" / "en-IE" / "stale.pdf").write_bytes(b"%PDF-old")
    result = run_cli("build", "--no-site", "--locale", "en-IE", "--jobs", "2", "--quiet", "--project", str(root))
    assert result.code == 0, result.err
    assert (site / "index.html").read_text(encoding="utf-8") == "<html>the website</html>"
    assert (site / "downloads" / "de-DE" / "kept.pdf").read_bytes() == b"%PDF-de"
    assert not (site / "downloads" / "en-IE" / "stale.pdf").exists()  # this locale was rebuilt
    handout = site / "downloads/en-IE/4-7/example-helpers-4-7/example-helpers-4-7-handout.pdf"
    assert handout.read_bytes().startswith(b"%PDF")
