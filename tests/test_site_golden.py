"""The golden website (issue 17 item 6): a small project's site in en-IE and ar-DE, compared file by file.

As pelican's functional tests do, `lessonkit site` builds a small project and its output folder is
compared with the reviewed tree under tests/golden/site/: the set of files, and every generated
text file (pages, search indexes, the marker, the font stylesheet) in full. The project has the
authoring guide's example lesson (quiz, no Arabic translation: left out of ar-DE), the 11-13
lesson on privacy (quiz and cut-out cards, translated) and the parents' guide "Talking together at
home" (translated), with the real handouts/, locales/, mkdocs.yml and site-theme/. No print build
runs, so the download lists show no sizes and there are no ZIPs or slide pictures.

Layout of the golden tree: `en-IE/` the first locale (at the site root), `ar-DE/` the second (in
`ar-DE/`), `shared/` the generated files outside both, and `manifest.txt` for the rest: the
theme's and lessonkit's static assets by SHA-256 (copied files, big and not ours to review line by
line), fonts and pictures by size within SIZE_TOLERANCE (the Arabic font subsets are not
byte-identical from one build to the next, see SIZE_TOLERANCE).

Two builds on one machine are byte-identical but for those font subsets and the output marker's
token, and a build with another HOME, TZ and LANG gives the same bytes, so the only normalising is
in `normalise` (each step says why). Editing the two real lessons, their Arabic catalogues, ui.po,
the DE or IE pack, a site template or the theme changes these files: regenerate with
`LESSONKIT_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_site_golden.py` and review the diff
(`git diff --stat tests/golden/site` first). The last test pins what a reviewer checked by eye.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, authoring_example
from golden_support import UPDATE_VARIABLE, assert_golden_tree, updating
from print_project import make_project

GOLDEN = Path(__file__).parent / "golden" / "site"
MANIFEST = "manifest.txt"
LOCALES = ("en-IE", "ar-DE")  # the first is built at the site root, the second in ar-DE/
# Real lessons with Arabic catalogues (a fixture lesson would have none) that link to no other lesson.
REAL_LESSONS = ("students/11-13/privacy.md", "parents/talking-together.md")
# The curriculum's "Last updated" date, pinned so that a new date in lessons/curriculum.yml is not a site change.
UPDATED = "2026-11-30"
MARKER = ".lessonkit-output"
# Files compared by name and size: fonts, pictures and print files are binary and would make the tree big.
BINARY = {".woff2", ".woff", ".ttf", ".otf", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".pdf", ".pptx", ".zip"}
# fontTools stamps each subset with the time it was made (head.modified), and the WOFF2 compression of
# the Arabic subsets then differs by up to 1% from one build to the next; 10% still catches a lost script.
SIZE_TOLERANCE = 0.10
# The files under assets/ that lessonkit writes itself (the others are copied from the theme or site-theme/).
GENERATED_ASSETS = {"assets/stylesheets/fonts.css"}
# mkdocs-material names its bundles after their content (bundle.a5f9d56c.min.js): the hash changes with
# the theme's version only, and the manifest's SHA-256 already shows that, once, instead of on every page.
_HASHED_NAME = re.compile(r"\.[0-9a-f]{8}(\.min\.(?:js|css))")
# Each publication writes a fresh random token into the output marker.
_MARKER_TOKEN = re.compile(r"^(lessonkit output )[0-9a-f]+$", re.M)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small project, built with `lessonkit site` as a user runs it."""
    return build_small_project(tmp_path_factory)


def build_small_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small project's folder after `lessonkit site` (HOME empty: nothing of the user's configuration
    may reach the site); its site is in `site/`. tests/test_site_pages.py reads the same build."""
    root = make_project(tmp_path_factory.mktemp("site_golden"), {"example.md": authoring_example()})
    config = root / "lessons" / "curriculum.yml"
    text, count = re.subn(r"(?m)^updated: .*$", f"updated: {UPDATED}", config.read_text(encoding="utf-8"))
    assert count == 1, "lessons/curriculum.yml has no `updated:` line any more"
    config.write_text(text, encoding="utf-8")
    for lesson in REAL_LESSONS:
        (root / "lessons" / lesson).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "lessons" / lesson, root / "lessons" / lesson)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "site-theme", root / "site-theme")
    home = tmp_path_factory.mktemp("home")
    locales = [arg for locale in LOCALES for arg in ("--locale", locale)]
    run = subprocess.run(
        [sys.executable, "-m", "lessonkit", "site", *locales, "--out", "site"],
        cwd=root,
        env={**os.environ, "HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    # The example lesson has no Arabic catalogue: the build says so and the Arabic site leaves it out.
    said = (run.stdout + run.stderr).splitlines()
    assert any("ar-DE" in line and "example-helpers-4-7" in line and "left out" in line for line in said), said
    return root


def normalise(text: str, project: Path) -> str:
    """A generated text file as the golden tree keeps it."""
    # A temporary path in a page would be a leak of the build machine, not noise: fail instead of hiding it.
    for form in {str(project), str(project.resolve())}:
        assert form not in text, f"the site names the build folder {form}"
    return _MARKER_TOKEN.sub(r"\1<token>", unhashed(text))


def unhashed(text: str) -> str:
    return _HASHED_NAME.sub(r".<hash>\1", text)


def golden_name(name: str) -> str:
    """Where an output file's golden copy lives (`name` relative to the output folder)."""
    first = name.split("/", 1)[0]
    if first == LOCALES[1]:
        return name
    if first == "assets" or name == MARKER:
        return f"shared/{name}"
    return f"{LOCALES[0]}/{name}"


def by_manifest(name: str) -> bool:
    """Whether the manifest stands for the file (by hash or size) instead of a copy of its text."""
    return Path(name).suffix in BINARY or (name.startswith("assets/") and name not in GENERATED_ASSETS)


def manifest_line(path: Path, name: str) -> str:
    data = path.read_bytes()
    if Path(name).suffix in BINARY:
        return f"{unhashed(name)} size {len(data)}"
    return f"{unhashed(name)} sha256 {hashlib.sha256(data).hexdigest()}"


def output_files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


# A whole mkdocs build of two locales: about 40 s on a busy two-core machine.
@pytest.mark.slow
def test_site_text_files_match_golden(project: Path) -> None:
    files = output_files(project / "site")
    texts = {
        golden_name(name): normalise(path.read_text(encoding="utf-8"), project)
        for name, path in files.items()
        if not by_manifest(name)
    }
    # The pages a reader reaches in each locale (a lost page type would otherwise only show as "missing").
    for locale in LOCALES:
        for page in ("index", "help", "404", "coverage", "teachers/index", "parents/parents-talking-together"):
            assert f"{locale}/{page}.html" in texts, f"{locale}: no {page}.html"
        assert f"{locale}/lessons/11-13/privacy-11-13.html" in texts
        assert f"{locale}/search/index.js" in texts
    assert "en-IE/lessons/4-7/example-helpers-4-7.html" in texts
    assert not any(name.startswith("ar-DE/lessons/4-7/") for name in texts)
    assert_golden_tree(GOLDEN, texts, keep={MANIFEST})


@pytest.mark.slow
def test_site_assets_match_manifest(project: Path) -> None:
    files = output_files(project / "site")
    actual = "".join(manifest_line(path, name) + "\n" for name, path in files.items() if by_manifest(name))
    manifest = GOLDEN / MANIFEST
    if updating():
        manifest.parent.mkdir(parents=True, exist_ok=True)
        manifest.write_text(_keeping_close_sizes(actual, manifest), encoding="utf-8")
    assert manifest.is_file(), f"no {manifest}: run with {UPDATE_VARIABLE}=1, then review it"
    expected = _entries(manifest.read_text(encoding="utf-8"))
    built = _entries(actual)
    problems = [f"missing from the output: {name}" for name in sorted(expected.keys() - built.keys())]
    problems += [f"not in the manifest: {name}" for name in sorted(built.keys() - expected.keys())]
    for name in sorted(expected.keys() & built.keys()):
        (kind, want), (_, got) = expected[name], built[name]
        if kind == "size" and abs(int(got) - int(want)) > SIZE_TOLERANCE * int(want):
            problems.append(f"{name}: {got} bytes, the manifest says {want} (more than {SIZE_TOLERANCE:.0%} apart)")
        elif kind == "sha256" and got != want:
            problems.append(f"{name}: its content changed")
    assert not problems, f"{manifest} (intended? {UPDATE_VARIABLE}=1, then review):\n" + "\n".join(problems)
    assert any(name.endswith(".woff2") for name in built), "the site publishes no web fonts"


def _keeping_close_sizes(actual: str, manifest: Path) -> str:
    """The new manifest, but with the old size of a file whose size moved within the tolerance, so that
    a regeneration does not show the font subsets' build-to-build jitter as a change."""
    old = _entries(manifest.read_text(encoding="utf-8")) if manifest.is_file() else {}
    lines = []
    for name, (kind, value) in _entries(actual).items():
        kept = old.get(name, ("", ""))
        close = kind == kept[0] == "size" and abs(int(value) - int(kept[1])) <= SIZE_TOLERANCE * int(kept[1])
        lines.append(f"{name} {kind} {kept[1] if close else value}\n")
    return "".join(lines)


def _entries(manifest: str) -> dict[str, tuple[str, str]]:
    """name -> (kind, value) of each manifest line `<name> <size|sha256> <value>`."""
    entries = {}
    for line in manifest.splitlines():
        name, kind, value = line.rsplit(" ", 2)
        entries[name] = (kind, value)
    return entries


# What a reviewer read in the golden lesson pages, pinned so that a regeneration cannot lose it unseen.
LESSON_PAGE = "lessons/11-13/privacy-11-13.html"
HELP_IN_LESSON = {
    "en-IE": ["Childline (ISPCC) (1800&nbsp;66&nbsp;66&nbsp;66)", "Emergency services (112)"],
    # Latin names in first-strong isolates and numbers in left-to-right isolates inside Arabic text.
    "ar-DE": [
        "\u2068Nummer gegen Kummer\u2069 (\u2066116&nbsp;111\u2069)",
        "\u2068Polizei-Notruf\u2069 (\u2066110\u2069)",
    ],
}


HEADING_IDS = [
    "privacy-11-13",
    "materials",
    "learning-objectives",
    "curriculum-links",
    "vocabulary",
    "lesson-plan",
    "ground-rules",
    "activity-1",
    "activity-2",
    "activity-3",
    "activity-4",
    "cut-out-cards",
    "cards-1",
    "quiz",
    "key-messages",
    "for-families",
    "why-this-lesson",
]


@pytest.mark.parametrize("locale", LOCALES)
def test_golden_lesson_page_is_what_the_reviewer_saw(locale: str) -> None:
    page = (GOLDEN / locale / LESSON_PAGE).read_text(encoding="utf-8")
    head, _, body = page.partition("<body")
    if locale == "ar-DE":
        assert '<html lang="ar" dir="rtl"' in head and body.startswith(' dir="rtl"')
    else:
        assert '<html lang="en" class="no-js">' in head and 'dir="rtl"' not in page
    quiz = page.split('<ol class="lk-quiz">', 1)[1].split("</ol>", 1)[0]
    assert quiz.count("<li>") == 4 and quiz.count("data-lk-quiz") == 3  # one open question, three to choose from
    assert 'data-kind="cards"' in page  # the cut-out cards are offered for download
    # ... and shown on the page: the six settings cards, under a heading in the table of contents.
    cards = page.split('<ul class="lk-cutouts">', 1)[1].split("</ul>", 1)[0]
    assert cards.count('<li class="lk-cutout">') == 6 and 'href="#cards-1"' in page
    # The same heading ids in both languages, none of them a number.
    assert re.findall(r'<h[1-6] id="([^"]+)"', page) == HEADING_IDS
    help_box = page.split('<div class="admonition tip lk-help">', 1)[1].split("</div>", 1)[0]
    for service in HELP_IN_LESSON[locale]:
        assert service in help_box, f"{locale}: {service!r} not in the lesson's help box"


def test_golden_tree_stays_small() -> None:
    """The reviewed copy is read in diffs and cloned by everyone: big assets belong in the manifest."""
    sizes = {p.relative_to(GOLDEN).as_posix(): p.stat().st_size for p in GOLDEN.rglob("*") if p.is_file()}
    assert sum(sizes.values()) < 1_500_000, sorted(sizes.items(), key=lambda item: -item[1])[:5]
    assert max(sizes.values()) < 100_000, max(sizes.items(), key=lambda item: item[1])
