"""The checker's cache files are signed with a key outside the project (review of the classifier cache).

A project's `.lessonkit-cache/` comes with the project; a file planted there must never change a
finding. These tests forge entries that are well formed inside (right structure, right inner
data) but not signed with the user's key, and check that they are ignored and rebuilt, and that
a missing or unusable key home only means running without caches.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from lessonkit import cache_file
from lessonkit.check import patterns, resources
from lessonkit.check.kinds import flesch
from lessonkit.check.resources import ShardFile

OTHER_KEY = b"\x01" * cache_file.KEY_BYTES


pytestmark = pytest.mark.usefixtures("own_key_home")  # a key of their own: never the user's


def _forged(name: str, data: bytes) -> bytes:
    """What a project could ship: the layout of a sealed file, the tag made with a key not the user's."""
    return cache_file.SEAL_MAGIC + cache_file._tag(OTHER_KEY, name, data) + data


def test_the_key_is_made_once_with_mode_0600(own_key_home: Path) -> None:
    key = cache_file.cache_key()
    path = own_key_home / "lessonkit" / "cache-key"
    assert key is not None and len(key) == 32 and path.read_bytes() == key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    cache_file._keys.clear()
    assert cache_file.cache_key() == key  # read back, not made again
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind


def test_a_relative_xdg_cache_home_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_file.key_path() == tmp_path / "home" / ".cache" / "lessonkit" / "cache-key"


def test_a_damaged_key_file_is_replaced(own_key_home: Path) -> None:
    path = own_key_home / "lessonkit" / "cache-key"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"short")
    key = cache_file.cache_key()
    assert key is not None and len(key) == 32 and path.read_bytes() == key


def test_sealed_data_comes_back_only_with_its_tag_and_name() -> None:
    sealed = cache_file.seal("entry.marshal", b"data")
    assert sealed is not None and cache_file.unseal("entry.marshal", sealed) == b"data"
    assert cache_file.unseal("other.marshal", sealed) is None  # copied under another name
    assert cache_file.unseal("entry.marshal", sealed[:-1] + b"x") is None  # data changed
    assert cache_file.unseal("entry.marshal", _forged("entry.marshal", b"data")) is None  # another key
    assert cache_file.unseal("entry.marshal", b"data") is None  # never sealed
    assert cache_file.unseal("entry.marshal", sealed[:20]) is None  # cut short
    assert cache_file.unseal("entry.marshal", None) is None


def test_without_a_usable_key_home_nothing_is_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a-file").write_bytes(b"")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "a-file" / "cache"))  # a file is in the way
    assert cache_file.cache_key() is None
    assert cache_file.seal("x", b"data") is None
    assert not cache_file.write_sealed_file(tmp_path / "cache" / "x", b"data")
    assert not (tmp_path / "cache" / "x").exists()
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.delenv("HOME")
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: (_ for _ in ()).throw(RuntimeError("no home"))))
    assert cache_file.key_path() is None and cache_file.cache_key() is None


# --- the matcher cache of check/patterns.py ---------------------------------------------------------

BLAME = (("you are to blame",), (), "", "en")
NEVER = (("zqxj never said",), (), "")


@pytest.fixture
def matcher_cache(tmp_path: Path) -> Iterator[Path]:
    resources.use_cache_dir(tmp_path)
    patterns._stored_matchers.cache_clear()
    patterns._compile.cache_clear()
    try:
        path = patterns._matchers_path("en")
        assert path is not None
        yield path
    finally:
        patterns._stored_matchers.cache_clear()
        patterns._compile.cache_clear()
        resources.use_cache_dir(None)


def _spans(matcher: patterns.Matcher, text: str) -> list[tuple[int, int]]:
    return [hit.span() for hit in matcher.finditer(text)]


def _planted(path: Path, sign: bool) -> None:
    """A matchers file that answers the blaming pattern with one that never matches."""
    key = hashlib.sha256(json.dumps([*BLAME[:3], ""]).encode("utf-8")).hexdigest()  # no confirmation pattern
    data = marshal.dumps({key: patterns._record(patterns._derive(*NEVER))})
    sealed = cache_file.seal(path.name, data) if sign else _forged(path.name, data)
    assert sealed is not None
    path.write_bytes(sealed)
    patterns._stored_matchers.cache_clear()
    patterns._compile.cache_clear()


def test_a_forged_matcher_cache_is_ignored_and_findings_stay(matcher_cache: Path) -> None:
    text = "So you are to blame."
    assert _spans(patterns._compile(*BLAME), text) == [(3, 19)]
    assert matcher_cache.is_file()  # the checker's own entry, signed
    _planted(matcher_cache, sign=False)
    assert patterns._stored_matchers("en") == {}
    assert _spans(patterns._compile(*BLAME), text) == [(3, 19)]
    # The control: the same file signed with the user's key would be taken, and hide the finding.
    _planted(matcher_cache, sign=True)
    assert _spans(patterns._compile(*BLAME), text) == []


def test_an_unsigned_matcher_cache_of_an_older_version_is_rebuilt(matcher_cache: Path) -> None:
    matcher_cache.write_bytes(marshal.dumps({}))  # what lessonkit wrote before caches were signed
    assert patterns._stored_matchers("en") == {}
    assert _spans(patterns._compile(*BLAME), "you are to blame") == [(0, 16)]
    assert cache_file.unseal(matcher_cache.name, matcher_cache.read_bytes()) is not None  # rewritten, signed


# --- the word-frequency shard file and the Pyphen cache ---------------------------------------------


def test_a_shard_file_is_read_only_when_signed_and_unchanged(tmp_path: Path) -> None:
    shards = {"ab": marshal.dumps({"abc": 3.0}), "xy": marshal.dumps({"xyz": 2.0})}
    path = tmp_path / "wordfreq-test-shard-file.marshal"
    packed = ShardFile.pack(path.name, shards)
    assert packed is not None
    path.write_bytes(packed)
    opened = ShardFile.open(path)
    assert opened is not None and opened.get("ab") == shards["ab"]
    opened.close()
    # A shard's bytes changed after signing: that shard reads as missing.
    path.write_bytes(packed[:-1] + b"\x00")
    opened = ShardFile.open(path)
    assert opened is not None and opened.get("ab") == shards["ab"] and opened.get("xy") is None
    opened.close()
    # The same file under another name, or an index signed with another key: not opened at all.
    renamed = tmp_path / "wordfreq-other-shard-file.marshal"
    renamed.write_bytes(packed)
    assert ShardFile.open(renamed) is None
    head = marshal.dumps({"ab": (0, len(shards["ab"]), hashlib.sha256(shards["ab"]).digest())})
    sealed_head = _forged(path.name, head)
    path.write_bytes(ShardFile._HEADER.pack(len(sealed_head)) + sealed_head + shards["ab"])
    assert ShardFile.open(path) is None


def test_a_forged_frequency_file_does_not_change_frequencies(tmp_path: Path) -> None:
    resources.use_cache_dir(tmp_path)
    resources.frequency_table.cache_clear()
    try:
        real = resources.frequency_table("en")
        word = "photograph"
        value = real.get(word, 0.0)
        assert 2.0 < value < 7.0
        (path,) = tmp_path.glob("wordfreq-en-*")
        planted = {"ph": marshal.dumps({word: 8.0})}  # every word made common: no rare-word finding
        digest = hashlib.sha256(planted["ph"]).digest()
        head = _forged(path.name, marshal.dumps({"ph": (0, len(planted["ph"]), digest)}))
        path.write_bytes(ShardFile._HEADER.pack(len(head)) + head + planted["ph"])
        resources.frequency_table.cache_clear()
        assert resources.frequency_table("en").get(word, 0.0) == value
    finally:
        resources.frequency_table.cache_clear()
        resources.use_cache_dir(None)


def test_an_unsigned_pyphen_cache_is_not_read(tmp_path: Path) -> None:
    target = tmp_path / "pyphen-test.marshal"
    patterns_table = {"ab": (0, (0, 1))}
    target.write_bytes(marshal.dumps(patterns_table))
    assert flesch._read_patterns(target) is None
    target.write_bytes(_forged(target.name, marshal.dumps(patterns_table)))
    assert flesch._read_patterns(target) is None
    assert cache_file.write_sealed_file(target, marshal.dumps(patterns_table))
    assert flesch._read_patterns(target) == patterns_table


# --- The build's caches: documents, site fonts, slide previews ------------------------------------
# A planted entry there would be published as it is (a PDF with another helpline, a font for
# browsers to parse), so each is signed like the checker's caches and a forged one is rebuilt.


def test_a_document_entry_is_published_only_when_signed_with_the_users_key(tmp_path: Path) -> None:
    from lessonkit.build.cache import DocumentCache

    cache = DocumentCache(tmp_path)
    key = hashlib.sha256(b"inputs").hexdigest()
    assert cache.put(key, b"%PDF-1.7 the real handout")
    assert cache.load(key) == b"%PDF-1.7 the real handout"
    path = cache.path(key)
    assert path.read_bytes().startswith(cache_file.SEAL_MAGIC)
    forged = b"%PDF-1.7 a planted handout"
    # The earlier layout (a content hash anyone can compute), and a tag made with another key.
    for planted in (
        b"lessonkit-document-1 sha256=" + hashlib.sha256(forged).hexdigest().encode() + b"\n" + forged,
        _forged(path.name, forged),
    ):
        path.write_bytes(planted)
        assert cache.load(key) is None
        assert not path.exists()  # discarded, so the document is rendered again
    # A signed entry copied under another document's name is refused too.
    assert cache.put(key, b"%PDF-1.7 the real handout")
    other = cache.path(hashlib.sha256(b"other inputs").hexdigest())
    other.parent.mkdir(parents=True, exist_ok=True)
    other.write_bytes(path.read_bytes())
    assert cache.load(other.name) is None


def test_without_a_key_home_the_build_renders_without_a_document_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lessonkit.build.cache import DocumentCache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "a-file" / "cache"))
    (tmp_path / "a-file").write_text("in the way", encoding="utf-8")
    cache = DocumentCache(tmp_path / "project")
    assert not cache.put("ab" * 32, b"%PDF-1.7")
    assert cache.load("ab" * 32) is None


def test_a_planted_slide_preview_is_never_used(tmp_path: Path) -> None:
    from lessonkit.render.site import materials

    key = hashlib.sha256(b"a deck").hexdigest()
    folder = tmp_path / materials._CACHE / key
    folder.mkdir(parents=True)
    picture = materials._PNG + b"\0" * 40
    (folder / "count").write_bytes(b"1")
    (folder / "1.png").write_bytes(picture)
    assert materials._cached(tmp_path, key) is None  # unsigned: rendered again
    # Preview files are signed under `<deck key>/<name>` (tests/test_harden_previews.py: not replayable).
    assert cache_file.write_sealed_file(folder / "count", b"1", name=f"{key}/count")
    (folder / "1.png").write_bytes(_forged(f"{key}/1.png", picture))
    assert materials._cached(tmp_path, key) is None  # signed with another key
    assert cache_file.write_sealed_file(folder / "1.png", picture, name=f"{key}/1.png")
    assert materials._cached(tmp_path, key) == [picture]


def test_a_planted_site_font_is_never_served(tmp_path: Path) -> None:
    from lessonkit.render.site import fonts

    ttf = min((Path(__file__).resolve().parent.parent / "handouts" / "fonts").rglob("*.ttf"))
    made = fonts._woff2(tmp_path, ttf, ((0x41, 0x5A),))
    assert made is not None and made.startswith(b"wOF2")
    entry = next((tmp_path / fonts._CACHE).glob("*.woff2"))
    entry.write_bytes(_forged(entry.name, b"wOF2 planted"))
    assert fonts._woff2(tmp_path, ttf, ((0x41, 0x5A),)) == made  # made again, not the planted bytes
    assert cache_file.read_sealed_file(entry) == made


def test_a_planted_sparse_bucket_file_is_refused_before_any_large_read(tmp_path: Path) -> None:
    # The index is read before its signature is checked: a file declaring a 100 GiB index (sparse,
    # so it costs nothing to ship) must be refused by size, not read into memory.
    path = tmp_path / "syllables-planted.marshal"
    with path.open("wb") as handle:
        handle.write(ShardFile._HEADER.pack(100 << 30))
        handle.truncate((100 << 30) + 64)
    assert ShardFile.open(path) is None


def test_a_project_cache_folder_that_links_elsewhere_is_never_written(tmp_path: Path) -> None:
    elsewhere = tmp_path / "someone-elses-folder"
    elsewhere.mkdir()
    project = tmp_path / "project"
    project.mkdir()
    (project / ".lessonkit-cache").symlink_to(elsewhere)
    assert not cache_file.write_cache_file(project / ".lessonkit-cache" / "rules-x.json", b"{}")
    assert not cache_file.write_sealed_file(project / ".lessonkit-cache" / "documents" / "ab" / "ab", b"%PDF")
    assert list(elsewhere.iterdir()) == []
    # A real folder is written as before, also below a linked folder higher up.
    linked_home = tmp_path / "home-link"
    linked_home.symlink_to(tmp_path)
    assert cache_file.write_cache_file(linked_home / "project2" / ".lessonkit-cache" / "rules-x.json", b"{}")
    assert (tmp_path / "project2" / ".lessonkit-cache" / "rules-x.json").read_bytes() == b"{}"
