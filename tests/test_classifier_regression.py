"""The rules' examples as classifier training text (scripts/classifier_regression.py, corpus/regression/).

An example becomes an item as a classifier rule would read it (no questions, no quoted words, four
words or more), labelled by its rule's class; a tone rule without a class stops the snapshot, so a
person decides it; a text two rules judge differently, or one an author already wrote, is left out.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from lessonkit.check.kinds.classifier import GOOD

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import classifier_regression  # noqa: E402
import train_classifier  # noqa: E402


def _examples(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "examples"
    folder.mkdir()
    (folder / "a.yml").write_text(text, encoding="utf-8")
    return folder


def test_examples_become_items_as_the_classifier_rules_read_them(tmp_path: Path) -> None:
    examples = _examples(
        tmp_path,
        """
tone.victim-blaming:
  - lang: es
    band: "11-13"
    flag:
      - "Tú te lo buscaste por chatear con él."
      - "¿Por qué le mandaste la foto?"
      - "Mal."
    pass:
      - "Nunca digas «tú te lo buscaste» a una niña que pide ayuda."
      - "Nadie se merece que le chantajeen así."
tone.fear:
  - lang: es
    band: "11-13"
    flag:
      - "Nadie se merece que le chantajeen así."
      - "Un texto que ya escribió un autor del corpus."
  - lang: en
    band: "11-13"
    flag:
      - "Your whole life will be ruined for ever."
tone.graphic:
  - lang: es
    flag:
      - "Una frase de otra clase de daño, sin clase aquí."
""",
    )
    found = classifier_regression.regression_items(examples, {"es": {"Un texto que ya escribió un autor del corpus."}})
    assert found == {
        "es": [
            {"text": "Tú te lo buscaste por chatear con él.", "label": "blame", "rule": "tone.victim-blaming"},
            {"text": "Nunca digas a una niña que pide ayuda.", "label": "good", "rule": "tone.victim-blaming"},
        ]
    }, "the question, the short line, the text judged both ways, the authored text, English and graphic are out"


def test_a_tone_rule_without_a_class_stops_the_snapshot(tmp_path: Path) -> None:
    examples = _examples(tmp_path, 'tone.brand-new-rule:\n  - lang: es\n    flag:\n      - "Una frase de prueba."\n')
    with pytest.raises(SystemExit, match=r"tone\.brand-new-rule"):
        classifier_regression.regression_items(examples, {})


def test_every_tone_rule_with_examples_has_a_class() -> None:
    rules = set()
    for path in sorted(classifier_regression.EXAMPLES.glob("*.yml")):
        rules |= {str(k) for k in yaml.safe_load(path.read_text(encoding="utf-8")) or {} if str(k).startswith("tone.")}
    assert sorted(rules - set(classifier_regression.CLASS_OF_RULE)) == []


def test_the_committed_snapshots_are_labelled_by_their_rules_and_read_last() -> None:
    corpus = ROOT / "corpus" / "tone"
    for language in classifier_regression.LANGUAGES:
        path = train_classifier.regression_file(corpus, language)
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["author"] == classifier_regression.REGRESSION_AUTHOR
        items = data["items"]
        assert len(items) > 500, path
        for item in items:
            assert item["label"] in (classifier_regression.CLASS_OF_RULE[item["rule"]], GOOD), item
        assert train_classifier.corpus_files(corpus, language)[-1] == path
    assert sorted(p.stem for p in (ROOT / "corpus" / "regression").glob("*.yml")) == sorted(
        classifier_regression.LANGUAGES
    )


def test_cross_validation_never_holds_the_examples_out() -> None:
    items = [
        train_classifier.Item("a1", "You did this to yourself, honestly.", "blame", "a1"),
        train_classifier.Item("a2", "Tell an adult you trust today.", "good", "a2"),
        train_classifier.Item("regression", "Only you are to blame for it.", "blame", "regression"),
    ]
    table = train_classifier.cv_table(items, [[0.9, 0.0, 0.1, 0.0], [0.1, 0.0, 0.9, 0.0], []])
    assert table["0.5"]["harmful caught"] == "1/1"
    assert table["0.5"]["good flagged"] == "0/1"
