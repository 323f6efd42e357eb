"""The classifier stays fast when mypyc compiles it (seventh round, docs/performance.md).

mypyc compiles `functools.cached_property` as a plain property whose body runs again on every
access: compiled, the classifier made a new `_Scorer` (and its word tables) for every sentence and
rebuilt `_Rows.pairs_after` (a scan of every model key) for every word, about 40 times slower than
the interpreted module. The module keeps those values by hand instead; these tests hold that.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from lessonkit.check.kinds import classifier
from lessonkit.check.kinds.classifier import load_model

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = sorted(p.parent.name for p in (ROOT / "rules").glob("*/tone-classifier.json"))


def test_the_classifier_uses_no_cached_property() -> None:
    tree = ast.parse(Path(classifier.__file__).with_suffix(".py").read_text(encoding="utf-8"))
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    names |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for alias in node.names}
    assert "cached_property" not in names


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_model_keeps_its_scorer_weights_and_pairs(language: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # The per-word tables are the pure-Python path's (the compiled sums keep none): that path is pinned here.
    monkeypatch.setattr(classifier, "USE_COMPILED", False)
    model = load_model(ROOT / "rules" / language / "tone-classifier.json")
    scorer = model._scorer
    assert model._scorer is scorer
    assert model.weights is model.weights
    assert scorer.rows.pairs_after is scorer.rows.pairs_after
    # The kept values are the ones the definitions give.
    assert model.weights == dict(zip(model.keys, zip(*model.columns, strict=True), strict=True))
    expected: dict[str, list[str]] = {}
    for key in scorer.rows.index:
        if key.startswith("w:") and " " in key:
            expected.setdefault(key[2 : key.index(" ")], []).append(key)
    assert scorer.rows.pairs_after == {word: tuple(pairs) for word, pairs in expected.items()}
    assert model.lookups is model.lookups  # made once (or read from the cache entry), kept
    # A sentence scored twice is scored by the same tables (the per-word data is kept).
    model.fast_probabilities("You never listen and it is your fault.")
    words = len(scorer.words)
    model.fast_probabilities("You never listen and it is your fault.")
    assert len(scorer.words) == words > 0
