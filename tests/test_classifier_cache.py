"""The classifier's model kept in the cache folder: the model it was made from, never trusted when damaged or forged.

The entry holds the compiled table (`_ngram_sums.Table.dump`), which `Table.load` reads back in C with
every size, key, code point and weight checked, so that a model costs a copy at start whatever its
number of features. A damaged, forged or planted entry is refused and the model file parsed again; a
model read from the cache gives the probabilities and the warnings' reasons of the model parsed from its
file, and parses the file only if its keys or columns are asked for.
"""

from __future__ import annotations

import json
import marshal
import math
import struct
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lessonkit import cache_file
from lessonkit.check.documents import text_document
from lessonkit.check.engine import check_document
from lessonkit.check.kinds import classifier
from lessonkit.check.kinds._ngram_sums import Table
from lessonkit.check.kinds.classifier import GOOD, Model, ModelFileError, _cached_model, load_model
from test_classifier_fast import _corpus_texts, _model_file, _rules

BLAMING = "It was your own fault for sending that picture, you should have known better."
HEADER = 40  # Table.dump's header: magic, order mark, classes, width, 0, keys, code points


@pytest.fixture(autouse=True)
def _own_key_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test signs its cache entries with a key of its own, never the user's, and runs the compiled sums."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "key-home"))
    monkeypatch.setattr(cache_file, "_keys", {})
    monkeypatch.setattr(classifier, "USE_COMPILED", True)
    monkeypatch.setattr(classifier, "cache_dir", lambda: tmp_path)


def _same_model(a: Model, b: Model) -> bool:
    fields = ("language", "classes", "intercepts", "keys", "columns")
    return all(getattr(a, f) == getattr(b, f) for f in fields) and a.weights == b.weights


def _cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("classifier-*.marshal"))


def _never(*_: object) -> Model:
    raise AssertionError("the model file was parsed although the cache holds the model")


def _table(model: Model) -> Table:
    table = classifier.compiled_table(model)
    assert table is not None, "the C module _ngram_sums was not built"
    return table


def _payload(name: str, record: Any) -> bytes:
    """A cache entry holding `record`, signed as the checker signs it (so its content is what is refused)."""
    sealed = cache_file.seal(name, classifier._CACHE_MAGIC + marshal.dumps(record))
    assert sealed is not None
    return sealed


def _entry(model: Model, dumped: bytes | None = None) -> tuple[Any, ...]:
    return (model.language, model.classes, model.intercepts, _table(model).dump() if dumped is None else dumped)


def test_the_checked_model_is_kept_in_the_cache_and_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _model_file("en")
    parsed = load_model.__wrapped__(path)
    assert len(_cache_files(tmp_path)) == 1
    monkeypatch.setattr(classifier, "_parse_model", _never)
    kept = load_model.__wrapped__(path)
    assert kept is not parsed and kept._keys is None and kept._columns is None  # nothing parsed, nothing made
    assert kept._table is not None and kept._table.dump() == _table(parsed).dump()
    for text in (BLAMING, *_corpus_texts("en")[:300]):
        assert kept.fast_probabilities(text) == parsed.fast_probabilities(text)
    blame = kept.classes.index("blame")
    assert kept.fast_probabilities(BLAMING)[blame] > 0.5


def test_a_kept_model_gives_the_reasons_of_the_parsed_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A warning quotes the same words whether the weights come from the table or from the file."""
    for language in ("en", "ar"):
        path = _model_file(language)
        load_model.__wrapped__(path)
        kept = load_model.__wrapped__(path)
        assert kept._keys is None
        monkeypatch.setattr(classifier, "USE_COMPILED", False)  # the reference: `weights`, from the file
        reference = classifier._parse_model(path, path.read_bytes())
        for text in _corpus_texts(language)[:200]:
            for label in ("blame", "fear", "shame"):
                want = reference.reasons(text, label)
                monkeypatch.setattr(classifier, "USE_COMPILED", True)
                assert kept.reasons(text, label) == want, text
                monkeypatch.setattr(classifier, "USE_COMPILED", False)
        monkeypatch.setattr(classifier, "USE_COMPILED", True)
        assert kept._keys is None  # the reasons came from the table


def test_nothing_leans_towards_good_text_on_either_path(monkeypatch: pytest.MonkeyPatch) -> None:
    path = _model_file("en")
    load_model.__wrapped__(path)
    kept = load_model.__wrapped__(path)
    assert kept.reasons(BLAMING, GOOD) == [] and kept.reasons(BLAMING, "blame") != []
    monkeypatch.setattr(classifier, "USE_COMPILED", False)
    assert kept.reasons(BLAMING, GOOD) == []


def test_a_kept_model_parses_the_bytes_it_was_found_by(tmp_path: Path) -> None:
    """Its keys and columns, asked for later, are those of the file the run read, not of a file changed since."""
    path = tmp_path / "tone-classifier.json"
    source = _model_file("es").read_bytes()
    path.write_bytes(source)
    parsed = load_model.__wrapped__(path)
    (entry,) = _cache_files(tmp_path)
    kept = _cached_model(path, entry, source)
    assert kept is not None and kept._keys is None
    path.write_text("{}", encoding="utf-8")
    assert _same_model(kept, parsed)


# The dumped table's parts (see `table_load` in _ngram_sums.c): the header's counts, each key's uint32
# (length << 2 | namespace), the weights, then the code points.
def _counts(dumped: bytes) -> tuple[int, int, int, int]:
    classes, width = struct.unpack_from("=II", dumped, 12)
    size, points = struct.unpack_from("=QQ", dumped, 24)
    return classes, width, size, points


def _weights_start(dumped: bytes) -> int:
    return HEADER + 4 * _counts(dumped)[2]


def _with_weight(dumped: bytes, index: int, value: float) -> bytes:
    at = _weights_start(dumped) + 8 * index
    return dumped[:at] + struct.pack("=d", value) + dumped[at + 8 :]


def _with_meta(dumped: bytes, index: int, meta: int) -> bytes:
    at = HEADER + 4 * index
    return dumped[:at] + struct.pack("=I", meta) + dumped[at + 4 :]


def _with_counts(dumped: bytes, size: int, points: int) -> bytes:
    return dumped[:24] + struct.pack("=QQ", size, points) + dumped[40:]


def _meta(dumped: bytes, index: int) -> int:
    value: int = struct.unpack_from("=I", dumped, HEADER + 4 * index)[0]
    return value


def _other_classes(model: Model) -> bytes:
    """A table with one harmful column fewer than the model has."""
    good = model.classes.index(GOOD)
    harmful = [c for k, c in enumerate(model.columns) if k != good]
    index = model.lookups[0]
    return Table(list(index), list(index.values()), harmful[:-1], model.columns[good]).dump()


_Damage = Callable[[bytes, Model, str], bytes]


def _dumped(change: Callable[[bytes, Model], bytes]) -> _Damage:
    """A signed entry whose record is right but whose dumped table `change` damages."""
    return lambda data, model, name: _payload(name, _entry(model, change(_table(model).dump(), model)))


DAMAGE: dict[str, _Damage] = {
    "empty": lambda data, model, name: b"",
    "cut short": lambda data, model, name: data[: len(data) // 2],
    "one byte changed": lambda data, model, name: data[:-100] + bytes([data[-100] ^ 1]) + data[-99:],
    "not ours": lambda data, model, name: b"\x00" * 64,
    "too few parts": lambda data, model, name: _payload(name, _entry(model)[:3]),
    "a list, not a tuple": lambda data, model, name: _payload(name, list(_entry(model))),
    "a class name that is a number": lambda data, model, name: _payload(
        name, (model.language, (1, *model.classes[1:]), *_entry(model)[2:])
    ),
    "no good class": lambda data, model, name: _payload(
        name, (model.language, ("a", "b", "c", "d"), *_entry(model)[2:])
    ),
    "the table as text": lambda data, model, name: _payload(name, _entry(model, _table(model).dump().hex())),  # type: ignore[arg-type]
    "a table of other classes": _dumped(lambda d, model: _other_classes(model)),
    "a table cut short": _dumped(lambda d, model: d[:-8]),
    "a table with a byte more": _dumped(lambda d, model: d + b"\0"),
    "a table without its magic": _dumped(lambda d, model: b"x" + d[1:]),
    "a table of another byte order": _dumped(lambda d, model: d[:8] + b"\x01\x02\x03\x04" + d[12:]),
    "a table of no classes": _dumped(lambda d, model: d[:12] + struct.pack("=I", 0) + d[16:]),
    "a code point three bytes wide": _dumped(lambda d, model: d[:16] + struct.pack("=I", 3) + d[20:]),
    "a key more than the data holds": _dumped(lambda d, model: _with_counts(d, _counts(d)[2] + 1, _counts(d)[3])),
    "a key count that overflows": _dumped(lambda d, model: _with_counts(d, 1 << 62, _counts(d)[3])),
    "a point count that overflows": _dumped(lambda d, model: _with_counts(d, _counts(d)[2], 1 << 63)),
    "a key of a fourth namespace": _dumped(lambda d, model: _with_meta(d, 5, _meta(d, 5) | 3)),
    "a key longer than the points": _dumped(lambda d, model: _with_meta(d, 0, (_counts(d)[3] + 1) << 2)),
    "keys shorter than the points": _dumped(lambda d, model: _with_meta(d, 0, _meta(d, 0) - 4)),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_cache_entry_is_rebuilt(tmp_path: Path, damage: str) -> None:
    path = _model_file("en")
    model = load_model.__wrapped__(path)
    (entry,) = _cache_files(tmp_path)
    entry.write_bytes(DAMAGE[damage](entry.read_bytes(), model, entry.name))
    assert _cached_model(path, entry, path.read_bytes()) is None
    rebuilt = load_model.__wrapped__(path)
    assert _same_model(rebuilt, model)
    kept = _cached_model(path, entry, path.read_bytes())  # and the entry is good again
    assert kept is not None and _same_model(kept, model)


def test_the_damage_is_what_is_refused(tmp_path: Path) -> None:
    """The control of the test above: the same entry, undamaged and signed the same way, is taken."""
    path = _model_file("en")
    model = load_model.__wrapped__(path)
    (entry,) = _cache_files(tmp_path)
    entry.write_bytes(_payload(entry.name, _entry(model)))
    kept = _cached_model(path, entry, path.read_bytes())
    assert kept is not None and _same_model(kept, model)


def _silencing(model: Model) -> tuple[Any, ...]:
    """A planted entry that hides every warning: no weights, and good text far ahead."""
    good = model.classes.index(GOOD)
    intercepts = tuple(10.0 if k == good else 0.0 for k in range(len(model.classes)))
    index = model.lookups[0]
    zeros = (0.0,) * len(model.keys)
    silent = Table(list(index), list(index.values()), [zeros] * (len(model.classes) - 1), zeros)
    return (model.language, model.classes, intercepts, silent.dump())


def test_a_forged_cache_entry_is_ignored_and_findings_stay(tmp_path: Path) -> None:
    path = _model_file("en")
    model = load_model.__wrapped__(path)
    blame = model.classes.index("blame")
    assert model.fast_probabilities(BLAMING)[blame] > 0.5
    (entry,) = _cache_files(tmp_path)
    payload = classifier._CACHE_MAGIC + marshal.dumps(_silencing(model))
    # What a project could ship: the inner structure right, the tag made with a key not the user's.
    forged = cache_file.SEAL_MAGIC + cache_file._tag(b"k" * 32, entry.name, payload) + payload
    entry.write_bytes(forged)
    assert _cached_model(path, entry, path.read_bytes()) is None
    kept = load_model.__wrapped__(path)
    assert _same_model(kept, model) and kept.fast_probabilities(BLAMING)[blame] > 0.5
    rules = _rules("en", 0.5)
    document = text_document(Path("draft.md"), BLAMING, "en", "students", "11-13")
    entry.write_bytes(forged)
    load_model.cache_clear()
    classifier._scored.clear()
    try:
        assert "tone.classifier-blame" in [f.code for f in check_document(document, rules)]
    finally:
        load_model.cache_clear()
        classifier._scored.clear()
    # The control: signed with the user's key, the same entry would be taken (and silence the model).
    entry.write_bytes(_payload(entry.name, _silencing(model)))
    planted = _cached_model(path, entry, path.read_bytes())
    assert planted is not None and planted.fast_probabilities(BLAMING)[blame] < 0.01


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, 1e308, -2.5e6])
@pytest.mark.parametrize("where", ["intercept", "weight"])
def test_a_cache_entry_with_a_number_out_of_bounds_is_rebuilt(tmp_path: Path, value: float, where: str) -> None:
    path = _model_file("en")
    model = load_model.__wrapped__(path)
    (entry,) = _cache_files(tmp_path)
    language, classes, intercepts, dumped = _entry(model)
    if where == "intercept":
        intercepts = (*intercepts[:-1], value)
    else:  # a weight in the middle of the table (a difference of two weights may reach 2e6, not 2.5e6)
        dumped = _with_weight(dumped, 1001, value)
    entry.write_bytes(_payload(entry.name, (language, classes, intercepts, dumped)))
    assert _cached_model(path, entry, path.read_bytes()) is None
    assert _same_model(load_model.__wrapped__(path), model)


def test_without_a_usable_key_home_there_is_no_cache_and_the_same_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a-file").write_bytes(b"")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "a-file" / "cache"))  # cannot be made: a file is in the way
    monkeypatch.setattr(classifier, "cache_dir", lambda: tmp_path / "cache")
    path = _model_file("en")
    first = load_model.__wrapped__(path)
    assert cache_file.cache_key() is None
    assert _cache_files(tmp_path / "cache") == []
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "key-home"))
    assert _same_model(first, load_model.__wrapped__(path))
    assert len(_cache_files(tmp_path / "cache")) == 1


def test_a_folder_in_place_of_the_cache_entry_is_no_problem(tmp_path: Path) -> None:
    path = _model_file("en")
    model = load_model.__wrapped__(path)
    (entry,) = _cache_files(tmp_path)
    entry.unlink()
    entry.mkdir()
    assert _same_model(load_model.__wrapped__(path), model)


def test_a_changed_model_file_never_meets_the_old_cache_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(classifier, "cache_dir", lambda: tmp_path / "cache")
    path = tmp_path / "tone-classifier.json"
    record = {"format": 1, "language": "en", "classes": ["blame", "good"], "intercepts": [0.0, 0.0]}
    path.write_text(json.dumps({**record, "features": {"w:known": [1.0, 0.0]}}), encoding="utf-8")
    first = load_model.__wrapped__(path)
    assert first.weights == {"w:known": (1.0, 0.0)}
    path.write_text(json.dumps({**record, "features": {"w:known": [1.0, "x"]}}, indent=1), encoding="utf-8")
    with pytest.raises(ModelFileError, match=r"tone-classifier\.json:\d+:\d+: .*2 numbers"):
        load_model.__wrapped__(path)
    assert len(_cache_files(tmp_path / "cache")) == 1


def test_a_model_of_more_classes_than_the_c_module_holds_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "tone-classifier.json"
    classes = ["good", *(f"harm{k}" for k in range(65))]
    record = {"format": 1, "language": "en", "classes": classes, "intercepts": [0.0] * 66, "features": {}}
    path.write_text(json.dumps(record, indent=1), encoding="utf-8")
    with pytest.raises(ModelFileError, match=r"tone-classifier\.json:\d+:\d+: .*at most 65 classes"):
        load_model.__wrapped__(path)
    record["classes"], record["intercepts"] = classes[:65], [0.0] * 65
    path.write_text(json.dumps(record, indent=1), encoding="utf-8")
    assert len(load_model.__wrapped__(path).classes) == 65


def test_without_a_cache_folder_the_model_is_read_from_its_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(classifier, "cache_dir", lambda: None)
    monkeypatch.setattr(classifier, "_store_model", _never)
    assert load_model.__wrapped__(_model_file("de")).language == "de"


def test_a_model_without_features_is_kept_too(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    record = {"format": 1, "language": "en", "classes": ["blame", "good"], "intercepts": [0.5, -0.5], "features": {}}
    path.write_text(json.dumps(record), encoding="utf-8")
    model = load_model.__wrapped__(path)
    (entry,) = _cache_files(tmp_path)
    kept = _cached_model(path, entry, path.read_bytes())
    assert kept is not None and kept._table is not None and len(kept._table) == 0
    text = "Any sentence at all."
    assert kept.fast_probabilities(text) == pytest.approx(tuple(model.probabilities(text)))
    assert kept.keys == () and kept.weights == {}  # parsed from the file's bytes when asked for


def test_without_the_module_source_there_is_no_cache_and_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(classifier, "__file__", str(tmp_path / "missing" / "classifier.py"))
    assert load_model.__wrapped__(_model_file("es")).language == "es"
    assert _cache_files(tmp_path) == []


@pytest.mark.parametrize("how", ["USE_COMPILED off", "no C module"])
def test_the_pure_python_path_keeps_no_entry_and_reads_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """The cache holds the compiled table, which only the C module reads: without it the file is parsed each run."""
    if how == "USE_COMPILED off":
        monkeypatch.setattr(classifier, "USE_COMPILED", False)
    else:
        monkeypatch.setattr(classifier, "_compiled_table_type", lambda: None)
    path = _model_file("en")
    first = load_model.__wrapped__(path)
    second = load_model.__wrapped__(path)
    assert _cache_files(tmp_path) == [] and first._keys is not None and second._keys is not None
    assert first.fast_probabilities(BLAMING) == second.fast_probabilities(BLAMING)
    fast, reference = first.fast_probabilities(BLAMING), first.probabilities(BLAMING)
    assert max(abs(a - b) for a, b in zip(fast, reference, strict=True)) < 1e-9


class _TableBeforeTheCache:
    """The table of a C module built before `dump`, `load` and `row` existed (an editable install not rebuilt)."""

    def sums(self, forms: list[str]) -> tuple[float, ...]:
        return (0.0,)


def test_a_module_built_from_older_sources_leaves_the_pure_python_path(monkeypatch: pytest.MonkeyPatch) -> None:
    assert classifier._compiled_table_type.__wrapped__() is Table  # the control: the module built here
    old = types.SimpleNamespace(Table=_TableBeforeTheCache)
    monkeypatch.setattr(classifier.importlib, "import_module", lambda name: old)
    assert classifier._compiled_table_type.__wrapped__() is None


def test_a_rebuilt_c_module_never_meets_an_entry_of_another_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The entry's name hashes the C module's file too: what the table's bytes mean is that build's."""
    path = _model_file("en")
    load_model.__wrapped__(path)
    (first,) = _cache_files(tmp_path)
    module = tmp_path / "other-build.so"
    module.write_bytes(b"another build of _ngram_sums")
    monkeypatch.setattr(sys.modules[Table.__module__], "__file__", str(module))
    load_model.__wrapped__(path)
    assert len(_cache_files(tmp_path)) == 2 and first.exists()
