"""The tone classifier's fast path (issue 18 item 3): the same probabilities and findings as the reference path.

`Model.probabilities` (the definition, held equal to scikit-learn by tests/test_classifier.py) and
`Model.fast_probabilities` (what the checker runs) must agree to 1e-9 on the labelled corpus and on
generated text, on both of its paths (the compiled sums of `_ngram_sums` and the pure-Python regrouping,
each test runs on both); the checked model kept in the cache folder must be the model, and a damaged cache
entry must be rebuilt, never trusted; a sentence is scored once per document, not once per rule.
"""

from __future__ import annotations

import dataclasses
import json
import marshal
import math
import string
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessonkit import cache_file
from lessonkit.check.documents import text_document
from lessonkit.check.engine import check_document
from lessonkit.check.kinds import classifier
from lessonkit.check.kinds.classifier import (
    Model,
    ModelFileError,
    _cached_model,
    _forms,
    _store_model,
    load_model,
    normalise,
    tokens,
)
from lessonkit.check.rulebook import Rule, load_rulebook

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = sorted(p.parent.name for p in (ROOT / "rules").glob("*/tone-classifier.json"))
TOLERANCE = 1e-9


def _model_file(language: str) -> Path:
    return ROOT / "rules" / language / "tone-classifier.json"


@pytest.fixture(autouse=True, params=["compiled", "python"])
def _path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs on the compiled sums and on the pure-Python path (what a machine without a compiler runs)."""
    if request.param == "compiled":
        assert classifier._compiled_table_type() is not None, "the C module _ngram_sums was not built"
    monkeypatch.setattr(classifier, "USE_COMPILED", request.param == "compiled")


@pytest.fixture(autouse=True)
def _own_key_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test signs its cache entries with a key of its own, never the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "key-home"))
    monkeypatch.setattr(cache_file, "_keys", {})


@cache
def _corpus_texts(language: str) -> tuple[str, ...]:
    texts: list[str] = []
    for path in sorted((ROOT / "corpus" / "tone" / language).glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts += [item["text"] for item in data["items"]]
    return tuple(texts)


def _gap(model: Model, text: str) -> float:
    pairs = zip(model.probabilities(text), model.fast_probabilities(text), strict=True)
    return max(abs(a - b) for a, b in pairs)


def test_every_shipped_model_has_a_corpus_to_compare_on() -> None:
    assert LANGUAGES == ["ar", "de", "en", "es"]
    for language in LANGUAGES:
        assert len(_corpus_texts(language)) > 200, language


@pytest.mark.parametrize("language", LANGUAGES)
def test_fast_path_equals_the_reference_on_the_corpus(language: str) -> None:
    model = load_model(_model_file(language))
    texts = _corpus_texts(language)
    worst = max(_gap(model, text) for text in texts)
    assert worst < TOLERANCE
    # The comparison is not empty: the corpus has texts the model is sure about, either way.
    top = [
        max(p for c, p in zip(model.classes, model.fast_probabilities(t), strict=True) if c != "good") for t in texts
    ]
    assert max(top) > 0.9 and min(top) < 0.1


# Generated text: the corpora's words (with their n-grams shared across words), mixed with what
# tokenising must handle alike on both paths: capitals (Turkish dotted I, final sigma, German sharp
# s), apostrophes typed four ways, NFKC compatibility characters (ligatures, full-width letters),
# Arabic letters and vowel marks, combining accents, digits, hyphens and punctuation.
_ODD = (
    "İIıΣσςßẞﬁﬂＡａ’‘ʼ`'-—_0123456789.,;:!?«»“”\"() \n\t"
    + "بتثمحكلنهي"
    + "\u064b\u064e\u0650\u0651\u0652\u0670\u0301\u0308"
)


@cache
def _vocabulary() -> tuple[str, ...]:
    words = {w.strip(".,;:!?\"'()«»“”") for language in LANGUAGES for t in _corpus_texts(language) for w in t.split()}
    return tuple(sorted(w for w in words if w))


_PIECE = st.one_of(
    st.sampled_from(_vocabulary()),
    st.sampled_from(_vocabulary()).map(str.upper),
    st.text(alphabet=_ODD, max_size=8),
    st.text(alphabet=string.ascii_letters + "`'- .,?", max_size=10),  # ASCII text takes its own path
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=6),
)
_TEXT = st.one_of(st.lists(_PIECE, max_size=40).map(" ".join), st.lists(_PIECE, max_size=12).map("".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, language=st.sampled_from(LANGUAGES))
def test_fast_path_equals_the_reference_on_generated_text(text: str, language: str) -> None:
    ascii_only = text.encode("ascii", "ignore").decode()
    for sample in (text, ascii_only):  # ASCII text takes a path of its own
        assert _forms(sample) == [t.form for t in tokens(normalise(sample))]
    assert _gap(load_model(_model_file(language)), text) < TOLERANCE
    assert _gap(load_model(_model_file(language)), ascii_only) < TOLERANCE


@pytest.mark.parametrize(
    "text",
    [
        "",
        "?!",
        "the " * 600,  # one n-gram counted hundreds of times
        "banana bananas ananas",  # n-grams repeated inside a word and across words
        "It's its IT'S it`s it’s",
        "It`s fine, it's FINE - don`t worry",  # ASCII: the backquote is an apostrophe there too
        "Straße STRASSE straße",
        "ﬁle ＦＩＬＥ file",
        "مُتَدَخِّل متدخل",
    ],
)
def test_fast_path_equals_the_reference_on_edge_cases(text: str) -> None:
    for language in LANGUAGES:
        assert _gap(load_model(_model_file(language)), text) < TOLERANCE


# --- the model kept in the cache folder ---------------------------------------------------------


def _same_model(a: Model, b: Model) -> bool:
    fields = ("language", "classes", "intercepts", "keys", "columns")
    return all(getattr(a, f) == getattr(b, f) for f in fields) and a.weights == b.weights


def _cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("classifier-*.marshal"))


def _never(*_: object) -> Model:
    raise AssertionError("the model file was parsed again although the cache holds it")


def test_the_checked_model_is_kept_in_the_cache_and_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(classifier, "cache_dir", lambda: tmp_path)
    path = _model_file("en")
    parsed = load_model.__wrapped__(path)
    assert len(_cache_files(tmp_path)) == 1
    monkeypatch.setattr(classifier, "_parse_model", _never)
    kept = load_model.__wrapped__(path)
    assert kept is not parsed and _same_model(kept, parsed)
    text = "You should have known better than to send it."
    assert kept.fast_probabilities(text) == parsed.fast_probabilities(text)


def _payload(name: str, record: Any) -> bytes:
    """A cache entry holding `record`, signed as the checker signs it (so its content is what is refused)."""
    sealed = cache_file.seal(name, classifier._CACHE_MAGIC + marshal.dumps(record))
    assert sealed is not None
    return sealed


def _entry(model: Model) -> tuple[Any, ...]:
    return (model.language, model.classes, model.intercepts, model.keys, model.columns, model.lookups)


_Damage = Callable[[bytes, Model, str], bytes]
DAMAGE: dict[str, _Damage] = {
    "empty": lambda data, model, name: b"",
    "cut short": lambda data, model, name: data[: len(data) // 2],
    "one byte changed": lambda data, model, name: data[:-100] + bytes([data[-100] ^ 1]) + data[-99:],
    "not ours": lambda data, model, name: b"\x00" * 64,
    "too few parts": lambda data, model, name: _payload(name, _entry(model)[:4]),
    "a class name that is a number": lambda data, model, name: _payload(
        name, (model.language, (1, *model.classes[1:]), *_entry(model)[2:])
    ),
    "no good class": lambda data, model, name: _payload(
        name, (model.language, ("a", "b", "c", "d"), *_entry(model)[2:])
    ),
    "a key that is a number": lambda data, model, name: _payload(
        name, (*_entry(model)[:3], (7, *model.keys[1:]), *_entry(model)[4:])
    ),
    "a column too short": lambda data, model, name: _payload(
        name, (*_entry(model)[:4], (model.columns[0][:-1], *model.columns[1:]), model.lookups)
    ),
    "a weight that is text": lambda data, model, name: _payload(
        name, (*_entry(model)[:4], (("x", *model.columns[0][1:]), *model.columns[1:]), model.lookups)
    ),
    "a list, not a tuple": lambda data, model, name: _payload(name, list(_entry(model))),
    # The lookups kept after the weights (`lookups_of`), damaged.
    "an index past the last feature": lambda data, model, name: _payload(
        name, (*_entry(model)[:5], ({**model.lookups[0], "zzz": len(model.keys)}, model.lookups[1]))
    ),
    "an index that is text": lambda data, model, name: _payload(
        name, (*_entry(model)[:5], ({**model.lookups[0], "zzz": "7"}, model.lookups[1]))
    ),
    "a pair that is not a feature": lambda data, model, name: _payload(
        name, (*_entry(model)[:5], (model.lookups[0], {**model.lookups[1], "zzz": ("w:zzz qqq",)}))
    ),
    "pairs as a list": lambda data, model, name: _payload(
        name, (*_entry(model)[:5], (model.lookups[0], {**model.lookups[1], "zzz": ["w:zzz qqq"]}))
    ),
    "lookups of one part": lambda data, model, name: _payload(name, (*_entry(model)[:5], (model.lookups[0],))),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_cache_entry_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    monkeypatch.setattr(classifier, "cache_dir", lambda: tmp_path)
    path = _model_file("en")
    model = load_model.__wrapped__(path)
    (entry,) = _cache_files(tmp_path)
    entry.write_bytes(DAMAGE[damage](entry.read_bytes(), model, entry.name))
    assert _cached_model(path, entry) is None
    rebuilt = load_model.__wrapped__(path)
    assert _same_model(rebuilt, model)
    kept = _cached_model(path, entry)  # and the entry is good again, with its lookups
    assert kept is not None and _same_model(kept, model)
    assert kept.lookups == classifier.lookups_of(model.keys)


BLAMING = "It was your own fault for sending that picture, you should have known better."


def _silencing(model: Model) -> tuple[Any, ...]:
    """A planted entry that hides every warning: no weights, and good text far ahead."""
    good = model.classes.index("good")
    intercepts = tuple(10.0 if k == good else 0.0 for k in range(len(model.classes)))
    return (
        model.language,
        model.classes,
        intercepts,
        model.keys,
        tuple((0.0,) * len(model.keys) for _ in model.classes),
        model.lookups,
    )


def test_a_forged_cache_entry_is_ignored_and_findings_stay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(classifier, "cache_dir", lambda: tmp_path)
    path = _model_file("en")
    model = load_model.__wrapped__(path)
    blame = model.classes.index("blame")
    assert model.fast_probabilities(BLAMING)[blame] > 0.5
    (entry,) = _cache_files(tmp_path)
    payload = classifier._CACHE_MAGIC + marshal.dumps(_silencing(model))
    # What a project could ship: the inner structure right, the tag made with a key not the user's.
    forged = cache_file.SEAL_MAGIC + cache_file._tag(b"k" * 32, entry.name, payload) + payload
    entry.write_bytes(forged)
    assert _cached_model(path, entry) is None
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
    planted = _cached_model(path, entry)
    assert planted is not None and planted.fast_probabilities(BLAMING)[blame] < 0.01


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, 1e308, -2e6])
@pytest.mark.parametrize("where", ["intercept", "weight"])
def test_a_cache_entry_with_a_number_out_of_bounds_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: float, where: str
) -> None:
    monkeypatch.setattr(classifier, "cache_dir", lambda: tmp_path)
    path = _model_file("en")
    model = load_model.__wrapped__(path)
    (entry,) = _cache_files(tmp_path)
    language, classes, intercepts, keys, columns, lookups = _entry(model)
    if where == "intercept":
        intercepts = (*intercepts[:-1], value)
    else:  # not first in its column: min and max alone would miss a NaN there
        columns = ((columns[0][0], value, *columns[0][2:]), *columns[1:])
    entry.write_bytes(_payload(entry.name, (language, classes, intercepts, keys, columns, lookups)))
    assert _cached_model(path, entry) is None
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


def test_a_folder_in_place_of_the_cache_entry_is_no_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(classifier, "cache_dir", lambda: tmp_path)
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


def test_without_a_cache_folder_the_model_is_read_from_its_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(classifier, "cache_dir", lambda: None)
    monkeypatch.setattr(classifier, "_store_model", _never)
    assert load_model.__wrapped__(_model_file("de")).language == "de"


def test_a_model_without_features_scores_by_its_intercepts(tmp_path: Path) -> None:
    model = Model(tmp_path / "m.json", "en", ("blame", "good"), (0.5, -0.5), (), ((), ()))
    assert model.weights == {}
    assert _gap(model, "Any sentence at all.") < TOLERANCE
    _store_model(model, tmp_path / "entry")
    kept = _cached_model(tmp_path / "m.json", tmp_path / "entry")
    assert kept is not None and _same_model(kept, model)


def test_a_character_key_spelled_like_a_word_key_changes_nothing(tmp_path: Path) -> None:
    """The fast path spells character n-grams bare ("c:ing " is "ing "); a key "c:w:you" must not
    take the place of the word key "w:you" there (no text has that n-gram: no word holds a colon)."""
    keys = ("w:you", "c:w:you", "c: yo", "w:you did", "c:w:you did")
    columns = ((2.0, -1.0, 0.5, 1.5, -3.0), (-2.0, 4.0, 0.25, -1.0, 3.0))
    model = Model(tmp_path / "m.json", "en", ("blame", "good"), (0.1, -0.1), keys, columns)
    for text in ("You did it.", "you you did you", "w:you c:w:you"):
        assert _gap(model, text) < TOLERANCE, text
        assert model.fast_probabilities(text)[0] <= model.ceilings(text)[0]
        assert model.fast_probabilities(text)[0] <= model.tighter_ceilings(text)[0]


# --- the kind -----------------------------------------------------------------------------------


def _rules(language: str, limit: float) -> list[Rule]:
    rules = [r for r in load_rulebook(ROOT / "rules").for_language(language) if r.spec.kind == "classifier"]
    assert len(rules) == 3
    return [dataclasses.replace(r, spec=dataclasses.replace(r.spec, limits={"default": limit})) for r in rules]


def _corpus_document(language: str) -> Any:
    text = "\n\n".join(_corpus_texts(language))
    return text_document(Path("corpus.md"), text, language, "students", "11-13")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_findings_are_those_of_the_reference_path(language: str, monkeypatch: pytest.MonkeyPatch) -> None:
    rules = _rules(language, 0.5)
    fast = check_document(_corpus_document(language), rules)
    assert len(fast) > 100  # the corpus's harmful items
    monkeypatch.setattr(Model, "fast_probabilities", lambda self, text: tuple(self.probabilities(text)))
    classifier._scored.clear()
    reference = check_document(_corpus_document(language), rules)
    assert fast == reference


def test_each_sentence_is_scored_once_for_all_three_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    scored: list[str] = []
    original = Model.fast_probabilities

    def counted(self: Model, text: str) -> tuple[float, ...]:
        scored.append(text)
        return original(self, text)

    monkeypatch.setattr(Model, "fast_probabilities", counted)
    classifier._scored.clear()
    document = _corpus_document("en")
    findings = check_document(document, _rules("en", 0.0))
    assert len(scored) > 1000 and len(scored) == len(set(scored))  # each text scored once
    # At limit 0 every rule reports every judged sentence (a text written twice is reported twice).
    assert len(findings) % 3 == 0 and len(findings) // 3 >= len(scored)


def test_without_the_module_source_there_is_no_cache_and_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(classifier, "cache_dir", lambda: tmp_path)
    monkeypatch.setattr(classifier, "__file__", str(tmp_path / "missing" / "classifier.py"))
    assert load_model.__wrapped__(_model_file("es")).language == "es"
    assert _cache_files(tmp_path) == []


def _no_lookups(_: object) -> Any:
    raise AssertionError("the lookups were made again although the cache entry holds them")


def test_the_cache_entry_holds_the_lookups_and_a_run_reads_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(classifier, "cache_dir", lambda: tmp_path)
    path = _model_file("en")
    parsed = load_model.__wrapped__(path)
    made = classifier.lookups_of(parsed.keys)
    monkeypatch.setattr(classifier, "lookups_of", _no_lookups)
    kept = load_model.__wrapped__(path)
    assert kept is not parsed and kept.lookups == made  # read back, not made: lookups_of would raise
    text = "You should have known better than to send it, so now everyone will see."
    assert kept.ceilings(text) == parsed.ceilings(text)
    assert kept.fast_probabilities(text) == parsed.fast_probabilities(text)
