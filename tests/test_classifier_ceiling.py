"""The tone classifier's ceilings (issue 18 item 3): a sentence they clear is never reported.

`Model.ceilings` gives, without counting n-grams, a number per class that the probability the
checker prints (`Model.fast_probabilities`) can never exceed; `Model.tighter_ceilings` gives a
closer one, at more cost, for the sentences the first lets through; the kind computes the
probability only when both are above the rule's limit. The proof is in the comment above
`classifier._Scorer`; these tests hold it on the shipped models and on random models (any valid
model file must be safe, the shipped ones may be retrained), on the labelled corpus, the lessons,
generated text and texts built to repeat n-grams, and compare the findings (reported or not, and
the printed probability) with the kind run without the ceiling.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessonkit.check.documents import text_document
from lessonkit.check.engine import check_document
from lessonkit.check.kinds import classifier
from lessonkit.check.kinds.classifier import WEIGHT_BOUND, Model, load_model
from lessonkit.check.rulebook import Rule, load_rulebook
from test_classifier_fast import _TEXT, LANGUAGES, _corpus_texts, _model_file

ROOT = Path(__file__).resolve().parent.parent


def _holds(model: Model, text: str) -> None:
    """Every class's probability is at most each of its ceilings (good text's ceilings are 1)."""
    ceilings = model.ceilings(text)
    tighter = model.tighter_ceilings(text)
    probabilities = model.fast_probabilities(text)
    assert len(ceilings) == len(tighter) == len(probabilities) == len(model.classes)
    for label, ceiling, close, probability in zip(model.classes, ceilings, tighter, probabilities, strict=True):
        assert probability <= ceiling, (label, probability, ceiling, text[:80])
        assert probability <= close, (label, probability, close, text[:80])


@cache
def _lesson_sentences() -> tuple[str, ...]:
    found: list[str] = []
    for path in sorted((ROOT / "lessons").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        found += [line for line in text.splitlines() if line.strip()]
    return tuple(found)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_ceiling_holds_on_the_corpus_and_the_lessons(language: str) -> None:
    model = load_model(_model_file(language))
    texts = (*_corpus_texts(language), *_lesson_sentences())
    for text in texts:
        _holds(model, text)
    # The ceiling is worth having: it clears much of the good text at the shipped limits
    # (0.75 and above), so most sentences are never scored exactly.
    good = [t for t in _corpus_texts(language) if len(t.split()) >= 4]
    harmful = [j for j, label in enumerate(model.classes) if label != "good"]
    cleared = sum(max(model.ceilings(t)[j] for j in harmful) <= 0.92 for t in good)
    assert cleared > len(good) // 3
    # The tighter ceiling is not above the first (but for rounding slack), and clears some of the
    # texts the first one lets through (most corpus texts are labelled harmful: on the bench
    # corpus of real prose it clears about two in three).
    for text in texts:
        for close, ceiling in zip(model.tighter_ceilings(text), model.ceilings(text), strict=True):
            assert close <= ceiling + 1e-6, text[:80]
    through = [t for t in good if max(model.ceilings(t)[j] for j in harmful) > 0.92]
    cleared = sum(max(model.tighter_ceilings(t)[j] for j in harmful) <= 0.92 for t in through)
    assert cleared > len(through) // 10


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, language=st.sampled_from(LANGUAGES))
def test_the_ceiling_holds_on_generated_text(text: str, language: str) -> None:
    model = load_model(_model_file(language))
    _holds(model, text)
    _holds(model, text.encode("ascii", "ignore").decode())


# Texts that repeat n-grams: the exact path's corrections for repeated n-grams (which lower a
# positive weight's share and raise a negative one's) and its norm (which grows more slowly than
# the number of n-grams) are where a careless bound would fail.
REPEATING = [
    "the " * 600,
    "you " * 40 + "should have known",
    "banana " * 30,
    "a" * 300,
    "ab" * 150,
    "aaa aaaa aaaaa aa a " * 20,
    "never ever never ever never " * 12,
    "Es ist deine Schuld, deine Schuld, deine Schuld. " * 10,
    "غلطتك غلطتك غلطتك " * 20,
    "culpa tuya " * 50,
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("text", REPEATING, ids=range(len(REPEATING)))
def test_the_ceiling_holds_on_texts_that_repeat_ngrams(language: str, text: str) -> None:
    _holds(load_model(_model_file(language)), text)


def _strongest_words(model: Model, sign: int, count: int) -> list[str]:
    """The model's unigrams that weigh most (sign 1) or least (sign -1) for a harmful class."""
    good = model.classes.index("good")
    scored = []
    for key, row in model.weights.items():
        if key.startswith("w:") and " " not in key:
            scored.append((max(sign * (w - row[good]) for j, w in enumerate(row) if j != good), key[2:]))
    return [word for _, word in sorted(scored, reverse=True)[:count]]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), language=st.sampled_from(LANGUAGES))
def test_the_ceiling_holds_on_the_models_strongest_words_repeated(data: st.DataObject, language: str) -> None:
    """Adversarial: the words that push hardest either way, repeated, so that corrections are large."""
    model = load_model(_model_file(language))
    words = _strongest_words(model, 1, 15) + _strongest_words(model, -1, 15)
    picked = data.draw(st.lists(st.sampled_from(words), min_size=1, max_size=60))
    times = data.draw(st.integers(min_value=1, max_value=8))
    _holds(model, " ".join(picked * times))


# Random models over a tiny alphabet: every feature of a text is in the model, n-grams repeat
# across and inside words, and weights reach the bound a model file may hold.
_LETTERS = "ab"


def _ngrams() -> list[str]:
    words = ["a", "b", "aa", "ab", "ba", "bb", "aba", "bab", "aaa"]
    keys = {f"w:{w}" for w in words} | {f"w:{x} {y}" for x in words[:4] for y in words[:4]}
    for word in words:
        padded = f" {word} "
        keys |= {"c:" + padded[i : i + n] for n in (3, 4, 5) for i in range(len(padded) - n + 1)}
    return sorted(keys)


_KEYS = _ngrams()
_WEIGHT = st.one_of(
    st.floats(min_value=-5, max_value=5),
    st.sampled_from([0.0, -WEIGHT_BOUND, WEIGHT_BOUND, 1e-300, -1e-300]),
    st.floats(min_value=-WEIGHT_BOUND, max_value=WEIGHT_BOUND),
)


@st.composite
def _models(draw: st.DrawFn) -> Model:
    classes = draw(st.sampled_from([("blame", "good"), ("good", "fear", "shame"), ("blame", "fear", "good", "shame")]))
    keys = tuple(draw(st.lists(st.sampled_from(_KEYS), unique=True, max_size=len(_KEYS))))
    columns = tuple(tuple(draw(st.lists(_WEIGHT, min_size=len(keys), max_size=len(keys)))) for _ in classes)
    intercepts = tuple(
        draw(st.lists(st.floats(min_value=-10, max_value=10), min_size=len(classes), max_size=len(classes)))
    )
    return Model(Path("random.json"), "en", classes, intercepts, keys, columns)


_SMALL_TEXT = st.lists(st.text(alphabet=_LETTERS, min_size=1, max_size=6), min_size=1, max_size=80).map(" ".join)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(model=_models(), text=_SMALL_TEXT)
def test_the_ceiling_holds_for_random_models(model: Model, text: str) -> None:
    _holds(model, text)


# --- the kind: the same findings with and without the ceiling -----------------------------------


def _rules(language: str, limit: float) -> list[Rule]:
    rules = [r for r in load_rulebook(ROOT / "rules").for_language(language) if r.spec.kind == "classifier"]
    return [dataclasses.replace(r, spec=dataclasses.replace(r.spec, limits={"default": limit})) for r in rules]


def _findings(language: str, text: str, limit: float) -> list[tuple[object, ...]]:
    classifier._scored.clear()
    classifier._ceiled.clear()
    classifier._tightened.clear()
    document = text_document(Path("draft.md"), text, language, "students", "11-13")
    return [(f.code, f.location, f.message) for f in check_document(document, _rules(language, limit))]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("limit", [0.0, 0.3, 0.75, 0.92, 0.999])
def test_findings_are_those_of_the_kind_without_the_ceiling(
    language: str, limit: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(classifier, "USE_COMPILED", False)  # the ceilings serve the pure-Python path only
    text = "\n\n".join((*_corpus_texts(language), *REPEATING))
    with_ceiling = _findings(language, text, limit)
    monkeypatch.setattr(Model, "ceilings", lambda self, text: (1.0,) * len(self.classes))
    monkeypatch.setattr(Model, "tighter_ceilings", lambda self, text: (1.0,) * len(self.classes))
    without = _findings(language, text, limit)
    assert with_ceiling == without
    if limit <= 0.92:
        assert with_ceiling  # the comparison is not empty: the corpus has harmful items


def test_a_sentence_is_scored_only_when_its_ceilings_are_above_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(classifier, "USE_COMPILED", False)  # the ceilings serve the pure-Python path only
    scored: list[str] = []
    original = Model.fast_probabilities

    def counted(self: Model, text: str) -> tuple[float, ...]:
        scored.append(text)
        return original(self, text)

    monkeypatch.setattr(Model, "fast_probabilities", counted)
    # One sentence each (the kind judges sentences), without questions or quotations (it skips those).
    texts = [t for t in _corpus_texts("en") if len(t.split()) >= 4 and not re.search(r"[.!?]\s|[?\n\"'«“„]", t)]
    texts = texts[:300]
    _findings("en", "\n\n".join(texts), 0.92)
    model = load_model(_model_file("en"))
    harmful = [j for j, label in enumerate(model.classes) if label != "good"]
    first = {t for t in texts if max(model.ceilings(t)[j] for j in harmful) > 0.92}
    # A sentence is scored for a rule when both ceilings of that rule's class are above its limit.
    expected = {
        t for t in first if any(min(model.ceilings(t)[j], model.tighter_ceilings(t)[j]) > 0.92 for j in harmful)
    }
    assert set(scored) == expected
    assert 0 < len(expected) < len(first) < len(set(texts))  # scored, cleared by the tighter ceiling, by the first
