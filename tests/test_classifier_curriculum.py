"""The curriculum's own sentences as good training text (corpus/curriculum/<language>.yml).

The snapshot must never teach the model that a lesson's myths are good text (quiz options and sorting
cards are left out), and cross-validation must hold it out by lesson, a lesson and its translations
in one fold, so that the limits are chosen on lessons the model was not trained on.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import train_classifier  # noqa: E402

SNAPSHOTS = sorted((ROOT / "corpus" / "curriculum").glob("*.yml"))


def _items(path: Path) -> list[dict[str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["author"] == train_classifier.CURRICULUM_AUTHOR
    return list(data["items"])


def test_every_language_with_curriculum_text_has_a_snapshot() -> None:
    assert [p.stem for p in SNAPSHOTS] == ["ar", "de", "en"]


def test_the_snapshot_is_good_text_without_quizzes_or_cards() -> None:
    for path in SNAPSHOTS:
        items = _items(path)
        assert len(items) > 1000, path
        assert {i["label"] for i in items} == {train_classifier.GOOD}, path
        assert not {i["part"] for i in items} & train_classifier.NOT_GOOD_TEXT, path
        assert len({i["text"] for i in items}) == len(items), f"{path}: each sentence once"


def test_a_lesson_and_its_translations_are_held_out_together() -> None:
    fold: dict[str, str] = {}
    for path in SNAPSHOTS:
        for item in _items(path):
            assert fold.setdefault(item["lesson"], item["group"]) == item["group"], item
    assert sorted(set(fold.values())) == [f"curriculum-{k}" for k in range(1, train_classifier.CURRICULUM_FOLDS + 1)]


def test_training_reads_the_snapshot_after_the_authors_with_its_folds(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus" / "tone"
    (corpus / "xx").mkdir(parents=True)
    (corpus / "xx" / "author-1.yml").write_text(
        'author: a1\nitems:\n  - {text: "You did this to yourself.", label: blame}\n', encoding="utf-8"
    )
    (tmp_path / "corpus" / "curriculum").mkdir()
    (tmp_path / "corpus" / "curriculum" / "xx.yml").write_text(
        'author: curriculum\nitems:\n  - {"text": "Tell an adult you trust.", "label": "good",'
        ' "group": "curriculum-2"}\n',
        encoding="utf-8",
    )
    files = train_classifier.corpus_files(corpus, "xx")
    assert [train_classifier.file_name(corpus, p) for p in files] == ["author-1.yml", "curriculum/xx.yml"]
    items = train_classifier.load_corpus(corpus, "xx")
    assert [(i.author, i.group, i.label) for i in items] == [
        ("a1", "a1", "blame"),
        ("curriculum", "curriculum-2", "good"),
    ]
