"""Every interface label the renderers use is in the translators' catalogue, so no label stays in English."""

from __future__ import annotations

from conftest import ROOT
from lessonkit.locale.ui_strings import UI_STRINGS
from lessonkit.locale.ui_usage import used_strings


def test_every_used_label_is_in_the_catalogue() -> None:
    used = used_strings((ROOT / "src" / "lessonkit").rglob("*.py"), (ROOT / "handouts" / "templates").glob("*.j2"))
    known = {text for text, _ in UI_STRINGS}
    missing = {text: str(path.relative_to(ROOT)) for text, path in used.items() if text not in known}
    assert missing == {}
    assert len(used) > 50  # the scanner still finds the labels


def test_labels_are_unique_and_annotated() -> None:
    texts = [text for text, _ in UI_STRINGS]
    assert len(texts) == len(set(texts))
    assert all(note for _, note in UI_STRINGS)
