"""Slide previews in the build's cache are bound to their deck, and bounded (review, hostile input).

Every deck's preview entry is a folder of files with the same names (`count`, `1.png` ...), and
each file was signed under that bare name: a preview signed for one deck could be copied into
another deck's folder and published as its preview. Files are now signed under
`<deck key>/<name>`; a moved or swapped file is refused and the slides rendered again. A picture
larger than a preview can be is refused by its size, unread.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from lessonkit import cache_file
from lessonkit.render.site import materials


@pytest.fixture(autouse=True)
def _own_key_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "key-home"))
    monkeypatch.setattr(cache_file, "_keys", {})


def test_an_oversized_slide_preview_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = hashlib.sha256(b"a deck").hexdigest()
    folder = tmp_path / materials._CACHE / key
    assert cache_file.write_sealed_file(folder / "count", b"1", name=f"{key}/count")
    with (folder / "1.png").open("wb") as handle:  # sparse: costs a project nothing to ship
        handle.write(cache_file.SEAL_MAGIC)
        handle.truncate(materials._MAX_PREVIEW_BYTES + len(cache_file.SEAL_MAGIC) + cache_file.TAG_BYTES + 1)
    asked: list[int] = []
    real = os.read

    def counting(handle: int, size: int) -> bytes:
        asked.append(size)
        return real(handle, size)

    monkeypatch.setattr(os, "read", counting)
    assert materials._cached(tmp_path, key) is None
    assert asked and max(asked) < 100  # the key and the count file only, never a megabyte of picture


# --- slide previews are bound to their deck -----------------------------------------------------------


def _picture(label: bytes) -> bytes:
    """A small PNG-looking picture (the header and the IHDR size the site reads), told apart by `label`."""
    return materials._PNG + b"\0\0\0\rIHDR" + (480).to_bytes(4, "big") + (270).to_bytes(4, "big") + label


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """pdftoppm replaced: a deck's 'PDF' holds the labels of its slides, one per line."""
    rendered: list[str] = []

    def render(pdf: Path) -> list[bytes]:
        rendered.append(pdf.name)
        return [_picture(label) for label in pdf.read_bytes().split(b"\n")]

    monkeypatch.setattr(materials, "_render", render)
    return rendered


def _deck(tmp_path: Path, name: str, *slides: bytes) -> tuple[Path, str]:
    pdf = tmp_path / "decks" / name
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(b"\n".join(slides))
    before = set((tmp_path / materials._CACHE).glob("*")) if (tmp_path / materials._CACHE).is_dir() else set()
    materials.slide_previews(tmp_path, pdf, tmp_path / "out" / name, name)
    (entry,) = set((tmp_path / materials._CACHE).glob("*")) - before
    return pdf, entry.name


def test_previews_come_from_the_cache_for_the_same_deck(tmp_path: Path, renders: list[str]) -> None:
    pdf, _ = _deck(tmp_path, "a.pdf", b"one", b"two")
    assert materials.slide_previews(tmp_path, pdf, tmp_path / "out" / "again", "a") == [
        ("a-1.png", 480, 270),
        ("a-2.png", 480, 270),
    ]
    assert renders == ["a.pdf"]  # rendered once, then read back from its signed entry
    assert (tmp_path / "out" / "again" / "a-2.png").read_bytes() == _picture(b"two")


def test_a_signed_preview_moved_to_another_deck_is_refused(tmp_path: Path, renders: list[str]) -> None:
    _, first = _deck(tmp_path, "a.pdf", b"calm slide")
    second_pdf, second = _deck(tmp_path, "b.pdf", b"real slide")
    cache = tmp_path / materials._CACHE
    shutil.copyfile(cache / first / "1.png", cache / second / "1.png")  # a's signed picture as b's
    assert materials._cached(tmp_path, second) is None
    renders.clear()
    materials.slide_previews(tmp_path, second_pdf, tmp_path / "out" / "b2", "b")
    assert renders == ["b.pdf"]  # rendered again, and its own picture published
    assert (tmp_path / "out" / "b2" / "b-1.png").read_bytes() == _picture(b"real slide")
    assert materials._cached(tmp_path, second) == [_picture(b"real slide")]  # and stored anew


def test_a_signed_count_swapped_between_decks_is_refused(tmp_path: Path, renders: list[str]) -> None:
    _, one = _deck(tmp_path, "one.pdf", b"only slide")
    _, three = _deck(tmp_path, "three.pdf", b"first", b"second", b"third")
    cache = tmp_path / materials._CACHE
    shutil.copyfile(cache / one / "count", cache / three / "count")  # would show one slide of three
    assert materials._cached(tmp_path, three) is None


def test_a_preview_signed_under_its_bare_name_is_refused(tmp_path: Path, renders: list[str]) -> None:
    # What lessonkit wrote before: signed as `count` and `1.png`, so replayable. Rendered again.
    key = hashlib.sha256(b"a deck").hexdigest()
    folder = tmp_path / materials._CACHE / key
    assert cache_file.write_sealed_file(folder / "count", b"1")
    assert cache_file.write_sealed_file(folder / "1.png", _picture(b"x"))
    assert materials._cached(tmp_path, key) is None


def test_a_count_beyond_the_preview_slides_is_refused(tmp_path: Path) -> None:
    key = hashlib.sha256(b"a deck").hexdigest()
    assert cache_file.write_sealed_file(tmp_path / materials._CACHE / key / "count", b"99999999", name=f"{key}/count")
    assert materials._cached(tmp_path, key) is None
