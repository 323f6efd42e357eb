"""A part's sentences are split once per run and shared by the rules that read them; the split is unchanged."""

from __future__ import annotations

from pathlib import Path

from lessonkit.check import sentences
from lessonkit.check.documents import text_document

TEXT = "One short line. Another one? Yes!\n\n- a list item\n- and a second one without an end\n\nLast paragraph here."


def test_the_kept_split_equals_a_fresh_one() -> None:
    document = text_document(Path("x.md"), TEXT, "en", "students", "8-10")
    for unit in document.units:
        fresh = list(sentences._sentences(unit))
        assert len(fresh) >= 1
        assert list(sentences.sentences(unit)) == fresh
        assert list(sentences.sentences(unit)) == fresh  # the kept one, read again


def test_an_equal_part_of_another_document_is_split_for_itself() -> None:
    first = text_document(Path("a.md"), TEXT, "en", "students", "8-10").units[0]
    other = text_document(Path("b.md"), "Different words. " + TEXT, "en", "students", "8-10").units[0]
    assert [s.start for s in sentences.sentences(other)] != [s.start for s in sentences.sentences(first)]
    assert sentences._split[id(other)].unit is other


def test_the_kept_splits_are_bounded() -> None:
    document = text_document(Path("x.md"), TEXT, "en", "students", "8-10")
    saved = sentences._SPLIT_KEPT
    sentences._SPLIT_KEPT = 1
    try:
        for unit in document.units:
            list(sentences.sentences(unit))
            assert len(sentences._split) <= 1
    finally:
        sentences._SPLIT_KEPT = saved
