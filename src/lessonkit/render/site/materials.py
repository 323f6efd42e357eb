"""What the print build wrote for each lesson, as the website shows it: sizes, a ZIP of all files, slide previews.

The site build runs after the documents are in the output's `downloads/` folder (`lessonkit
build`), or beside an earlier build's (`lessonkit site`). For every lesson of a locale it reads
the size of each built file, writes one ZIP with all of them into the lesson's downloads folder
(deterministic: fixed order, date and modes, so an unchanged lesson gives the same bytes) and
renders the first slides of the slide PDF as small PNG pictures (pdftoppm, kept in the project's
cache by the PDF's hash). A file that was not built is shown without a size; without files
there is no ZIP and without a slide PDF (or pdftoppm) no preview.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from lessonkit.cache_file import FILE_MODE, read_sealed_file, write_sealed_file
from lessonkit.document_kinds import SLIDES_PDF, download_paths, lesson_folder
from lessonkit.model import Lesson
from lessonkit.shipped import CACHE_DIR

PREVIEWS = PurePosixPath("assets", "previews")
PREVIEW_SLIDES = 3
PREVIEW_WIDTH = 480  # pixels; shown at up to 240 CSS pixels, sharp on a phone's screen
_PDFTOPPM = "/usr/bin/pdftoppm"
_PNG = b"\x89PNG\r\n\x1a\n"
_CACHE = Path(CACHE_DIR) / "site-previews"
_PREVIEW_VERSION = "1"
# What one cached slide picture may be. A 16:9 slide at 480 pixels is 480 x 270 and about 20 KB
# as PNG (measured: 19-21 KB); even a tall page (480 x 2000) as uncompressed RGB is 2.9 MB. A
# larger entry is not a preview lessonkit made: refused by its size, unread, and the slides
# rendered again.
_MAX_PREVIEW_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class Preview:
    """A picture of one slide: where it is (relative to the output root) and its size in pixels."""

    path: PurePosixPath
    width: int
    height: int


@dataclass(frozen=True)
class LessonFiles:
    """A lesson's built files in one locale, as far as they exist."""

    bundle: PurePosixPath | None = None  # the ZIP of every file, relative to the output root
    bundle_size: int = 0
    previews: tuple[Preview, ...] = ()  # the first slides, as pictures


def bundle_path(lesson: Lesson, locale_id: str) -> PurePosixPath:
    """The ZIP of all of a lesson's files, beside them: `<lesson-id>-<locale>.zip`."""
    return lesson_folder(lesson, locale_id) / f"{lesson.id}-{locale_id}.zip"


def prepare_materials(
    root: Path, out_dir: Path, locale_id: str, lessons: Iterable[Lesson], updated: date, previews: Path
) -> dict[str, LessonFiles]:
    """ZIPs (written into `out_dir`) and slide pictures (written under `previews`) per lesson id."""
    found: dict[str, LessonFiles] = {}
    for lesson in lessons:
        paths = download_paths(lesson, locale_id)
        built = {kind: out_dir / path for kind, path in paths.items() if _regular(out_dir / path)}
        bundle: PurePosixPath | None = None
        bundle_size = 0
        # One file needs no bundle (a guide); a lesson whose files are all there gets one.
        if len(built) == len(paths) > 1:
            bundle = bundle_path(lesson, locale_id)
            bundle_size = write_bundle(out_dir / bundle, f"{lesson.id}-{locale_id}", built.values(), updated)
        pictures: tuple[Preview, ...] = ()
        if SLIDES_PDF in built:
            target = PREVIEWS / locale_id
            pictures = tuple(
                Preview(target / name, width, height)
                for name, width, height in slide_previews(root, built[SLIDES_PDF], previews / target, lesson.id)
            )
        found[lesson.id] = LessonFiles(bundle, bundle_size, pictures)
    return found


def _regular(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def write_bundle(target: Path, folder: str, files: Iterable[Path], updated: date) -> int:
    """A ZIP of `files` in a folder named `folder`; the same files always give the same bytes. Its size."""
    stamp = (max(updated.year, 1980), updated.month, updated.day, 0, 0, 0)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w") as archive:
            for file in files:
                info = zipfile.ZipInfo(f"{folder}/{file.name}", date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3  # Unix, so that the mode below is read
                info.external_attr = (0o100000 | FILE_MODE) << 16
                archive.writestr(info, file.read_bytes(), compresslevel=6)
        Path(temporary).chmod(FILE_MODE)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target.stat().st_size


def slide_previews(root: Path, pdf: Path, folder: Path, stem: str) -> list[tuple[str, int, int]]:
    """The first slides of `pdf` as `<stem>-<n>.png` in `folder`: name, width, height ([] without pdftoppm)."""
    data = pdf.read_bytes()
    key = hashlib.sha256(data + f"{PREVIEW_SLIDES}x{PREVIEW_WIDTH}v{_PREVIEW_VERSION}".encode()).hexdigest()
    pictures = _cached(root, key)
    if pictures is None:
        pictures = _render(pdf)
        for number, picture in enumerate(pictures, start=1):
            _store(root, key, f"{number}.png", picture)
        if pictures:
            _store(root, key, "count", str(len(pictures)).encode())
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for number, picture in enumerate(pictures, start=1):
        name = f"{stem}-{number}.png"
        (folder / name).write_bytes(picture)
        # The PNG header holds the size (IHDR: width and height at bytes 16-24).
        names.append((name, int.from_bytes(picture[16:20], "big"), int.from_bytes(picture[20:24], "big")))
    return names


# Signed (see build/cache.py): a preview planted in a project's cache folder is never published.
# Every deck's entry is a folder of files with the same names (count, 1.png, 2.png ...), so each is
# signed as `<deck key>/<name>`, not by its bare name: a signed picture of one deck moved into
# another deck's folder, or a count swapped between decks, fails its signature and the deck's
# slides are rendered again.


def _store(root: Path, key: str, name: str, data: bytes) -> None:
    write_sealed_file(root / _CACHE / key / name, data, name=f"{key}/{name}")


def _load(root: Path, key: str, name: str, limit: int) -> bytes | None:
    return read_sealed_file(root / _CACHE / key / name, limit, name=f"{key}/{name}")


def _cached(root: Path, key: str) -> list[bytes] | None:
    count = _load(root, key, "count", 8)
    if count is None or not count.isdigit() or not 1 <= int(count) <= PREVIEW_SLIDES:
        return None
    pictures = [_load(root, key, f"{n}.png", _MAX_PREVIEW_BYTES) for n in range(1, int(count) + 1)]
    if any(p is None or not p.startswith(_PNG) or len(p) < 24 for p in pictures):
        return None
    return [p for p in pictures if p is not None]


def _render(pdf: Path) -> list[bytes]:
    if not Path(_PDFTOPPM).is_file():
        return []
    with tempfile.TemporaryDirectory(prefix="lessonkit-preview-") as tmp:
        command = [
            _PDFTOPPM,
            "-png",
            "-f",
            "1",
            "-l",
            str(PREVIEW_SLIDES),
            "-scale-to-x",
            str(PREVIEW_WIDTH),
            "-scale-to-y",
            "-1",
            str(pdf),
            str(Path(tmp) / "slide"),
        ]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            return []  # a slide PDF pdftoppm cannot read gets no preview; the PDF itself is linked
        # pdftoppm pads the page number to the width of the page count: slide-1.png or slide-01.png.
        return [path.read_bytes() for path in sorted(Path(tmp).glob("slide-*.png"), key=_page_number)]


def _page_number(path: Path) -> int:
    return int(path.stem.rsplit("-", 1)[1])


def copy_previews(previews: Path, site: Path) -> None:
    """Put the rendered slide pictures into the built site (`assets/previews/`)."""
    if previews.is_dir():
        shutil.copytree(previews, site, dirs_exist_ok=True)
