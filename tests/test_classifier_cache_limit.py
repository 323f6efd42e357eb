"""A classifier cache entry larger than its model file can make is refused by its size, unread (HARDEN's request).

Before, an entry of up to 256 MB was read into memory before its signature was checked. A
signed entry with a good record and padding after it (marshal reads the record and ignores the
rest) shows the difference: it was taken, now it is refused and the model file is parsed again.
The entry holds the compiled table, so these tests run the compiled sums.
"""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest

from lessonkit import cache_file
from lessonkit.check.kinds import classifier
from lessonkit.check.kinds.classifier import load_model
from test_classifier_cache import _cache_files, _entry, _model_file, _same_model


@pytest.fixture(autouse=True)
def _own_key_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "key-home"))
    monkeypatch.setattr(cache_file, "_keys", {})
    monkeypatch.setattr(classifier, "USE_COMPILED", True)


def test_the_limit_holds_every_shipped_models_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(classifier, "cache_dir", lambda: tmp_path)
    sizes = []
    for language in ("ar", "de", "en", "es"):
        path = _model_file(language)
        load_model.__wrapped__(path)
        sizes.append(path.stat().st_size)
    entries = [entry.stat().st_size for entry in _cache_files(tmp_path)]
    # The table takes about as many bytes as the JSON it comes from: far under 8 times the model file.
    assert len(entries) == 4 and max(entries) < 1.5 * max(sizes)
    assert classifier._cache_limit(b"x" * 1_200_000) < 11 * 1024 * 1024


def test_a_padded_entry_is_refused_by_its_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(classifier, "cache_dir", lambda: tmp_path)
    path = _model_file("en")
    model = load_model.__wrapped__(path)
    (entry,) = _cache_files(tmp_path)
    padding = b"\0" * (classifier._cache_limit(path.read_bytes()) + 1)
    sealed = cache_file.seal(entry.name, classifier._CACHE_MAGIC + marshal.dumps(_entry(model)) + padding)
    assert sealed is not None
    entry.write_bytes(sealed)
    parsed: list[Path] = []
    parse = classifier._parse_model

    def counting(source: Path, data: bytes) -> classifier.Model:
        parsed.append(source)
        return parse(source, data)

    monkeypatch.setattr(classifier, "_parse_model", counting)
    rebuilt = load_model.__wrapped__(path)
    assert parsed == [path]  # the padded entry was not used
    assert _same_model(rebuilt, model)
    assert entry.stat().st_size < len(sealed)  # and the entry was written anew
