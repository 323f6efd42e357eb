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


def test_every_help_category_has_a_translatable_heading_on_the_help_page() -> None:
    # A category without a label got an English heading made from its name ("Crisis support") on
    # every language's help page.
    from lessonkit.load.curriculum import load_curriculum
    from lessonkit.render.site.help_page import GROUP_LABELS

    curriculum, problems = load_curriculum(ROOT)
    assert curriculum is not None and not problems
    assert set(curriculum.config.help_services) <= set(GROUP_LABELS)
    known = {text for text, _ in UI_STRINGS}
    assert set(GROUP_LABELS.values()) <= known
