"""The sentence split in C (`lessonkit.check._ascii_sentences`, issue 18 item 3: throughput).

The C module must be built here (setup.py builds it where a compiler is at hand; a missing module fails
here rather than leaving the checker on its slower path unnoticed); its split must be `_sentences`'s, the
definition, on generated ASCII text and on every part of the curriculum, the rules' examples and licence
prose; it must leave every other text to Python; and hostile input is only input.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.check import sentences
from lessonkit.check._ascii_sentences import split
from lessonkit.check.document import TextUnit
from lessonkit.check.documents import lesson_document, text_document
from lessonkit.load.curriculum import load_curriculum
from test_linear_re_ascii import _sentences as example_texts

ROOT = Path(__file__).resolve().parent.parent
LICENCES = Path("/usr/share/common-licenses")


@dataclass(frozen=True)
class _Part:
    """What `_sentences` reads of a part."""

    plain: str
    raw: str


def _python(plain: str, raw: str) -> tuple[tuple[sentences.Sentence, ...], tuple[str, ...]]:
    found: list[str] = []
    made = tuple(sentences._sentences(_Part(plain, raw), found))  # type: ignore[arg-type]  # a part's two texts
    return made, tuple(found)


def _agree(plain: str, raw: str) -> None:
    compiled = split(plain, raw, sentences.Sentence)
    assert compiled is not None
    assert compiled == _python(plain, raw)
    assert all(type(s) is sentences.Sentence for s in compiled[0])


def test_the_module_is_built_and_used() -> None:
    assert sentences._COMPILED_SPLIT is split
    unit = text_document(Path("x.md"), "One line. Two lines!\n", "en", "students", "8-10").units[0]
    sentences._split.clear()
    assert [s.text for s in sentences.sentences(unit)] == ["One line.", "Two lines!"]


# Every character the split treats apart, and a few it does not.
ALPHABET = "ab QA-'\"?!.)]:#*+\t\n\r\x0b\x0c\x1c\x1f19(,x"


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80), st.data())
def test_generated_text_splits_the_same(raw: str, data: st.DataObject) -> None:
    _agree(raw, raw)
    # `plain` blanks markup of `raw` in place: the cuts at line breaks come from `raw`.
    blanked = data.draw(st.sets(st.integers(0, max(0, len(raw) - 1)), max_size=len(raw)))
    plain = "".join(" " if at in blanked else char for at, char in enumerate(raw))
    _agree(plain, raw)


def _parts() -> Iterator[tuple[str, str]]:
    curriculum, problems = load_curriculum(ROOT)
    assert curriculum is not None, problems
    for lesson in curriculum.lessons:
        for unit in lesson_document(lesson, "en").units:
            yield unit.plain, unit.raw
    for text in example_texts():
        yield text, text
    for path in sorted(LICENCES.iterdir()):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            for unit in text_document(path, text, "en", "students", "11-13").units:
                yield unit.plain, unit.raw


def test_every_part_of_the_curriculum_examples_and_licences_splits_the_same() -> None:
    ascii_parts = other = 0
    for plain, raw in _parts():
        if plain.isascii() and raw.isascii() and len(plain) == len(raw):
            _agree(plain, raw)
            ascii_parts += 1
        else:
            assert split(plain, raw, sentences.Sentence) is None
            other += 1
    assert ascii_parts > 2000 and other > 100  # both paths were met


@pytest.mark.parametrize(
    ("plain", "raw"),
    [
        ("Ein Satz über Grüße. Zwei.", "Ein Satz über Grüße. Zwei."),  # not ASCII
        ("ok. fine", "ok. fine "),  # lengths differ
        ("ok. fine", "ok.\u00a0fine"),  # raw not ASCII
    ],
)
def test_other_texts_are_left_to_python(plain: str, raw: str) -> None:
    assert split(plain, raw, sentences.Sentence) is None


def test_non_ascii_parts_are_still_split_in_python() -> None:
    unit = text_document(Path("x.md"), "Schön. Gut!\n", "de", "students", "8-10").units[0]
    sentences._split.clear()
    assert [s.text for s in sentences.sentences(unit)] == ["Schön.", "Gut!"]


def test_hostile_input_is_only_input() -> None:
    text = "." * 1_000_000 + " a" + "\n" * 100_000 + "x'" * 100_000
    _agree(text, text)
    with pytest.raises(TypeError):
        split(b"bytes", "raw", sentences.Sentence)  # type: ignore[arg-type]  # a wrong argument is refused
    with pytest.raises(TypeError):
        split("a", "a", dict)  # type: ignore[arg-type]
    assert split("", "", sentences.Sentence) == ((), ())


def test_the_kept_split_is_the_same_on_either_path() -> None:
    document = text_document(Path("x.md"), "Hello there. Q: why?\n- item one\n2) two\n", "en", "students", "8-10")
    sentences._split.clear()
    compiled = [list(sentences.sentences(u)) + list(sentences.part_words(u)) for u in document.units]
    sentences._split.clear()
    sentences.USE_COMPILED = False
    try:
        python = [list(sentences.sentences(u)) + list(sentences.part_words(u)) for u in document.units]
    finally:
        sentences.USE_COMPILED = True
        sentences._split.clear()
    assert compiled == python and compiled[0]


def test_the_stand_in_has_the_fields_a_part_has() -> None:
    fields = TextUnit.__dataclass_fields__
    assert {"plain", "raw"} <= fields.keys()
