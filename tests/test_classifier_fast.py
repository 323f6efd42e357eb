"""The tone classifier's fast path (issue 18 item 3): the same probabilities and findings as the reference path.

`Model.probabilities` (the definition, held equal to scikit-learn by tests/test_classifier.py) and
`Model.fast_probabilities` (what the checker runs) must agree to 1e-9 on the labelled corpus and on
generated text, on both of its paths (the compiled sums of `_ngram_sums` and the pure-Python regrouping,
each test runs on both); a sentence is scored once per document, not once per rule. The model kept in the
cache folder is tested in tests/test_classifier_cache.py.
"""

from __future__ import annotations

import dataclasses
import string
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
    _forms,
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


def test_a_model_without_features_scores_by_its_intercepts(tmp_path: Path) -> None:
    model = Model(tmp_path / "m.json", "en", ("blame", "good"), (0.5, -0.5), (), ((), ()))
    assert model.weights == {}
    assert _gap(model, "Any sentence at all.") < TOLERANCE


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
