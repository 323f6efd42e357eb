"""Fast paths of the checker give what the slow paths they replace give (the twenty-sixth session's speed work).

- `sentences.part_words(unit)`: the words the sentence split found, kept with it, instead of a second regex pass over
  the part; must equal `word_pattern(plain).findall(plain)`.
- `flesch._clean` on ASCII text: one `bytes.translate` instead of a regex substitution; must equal the substitution.
"""

from __future__ import annotations

import string
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.check import sentences
from lessonkit.check.documents import text_document
from lessonkit.check.kinds import flesch

# Words, marks that end sentences, apostrophes and hyphens inside words, list items, line breaks, the ASCII
# separators \x1c-\x1f that `re` reads as whitespace, and letters beyond ASCII (Arabic, German, curly quotes).
_PIECES = st.sampled_from(
    [
        "word",
        "Word",
        "it's",
        "well-known",
        "x",
        "42",
        "3.5",
        ".",
        "!",
        "?",
        "...",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\n- ",
        "\n1. ",
        "'",
        "-",
        "\u2019",
        "\u201c",
        "\u00e9t\u00e9",
        "Stra\u00dfe",
        "\u0643\u062a\u0627\u0628",
        "\u061f",
        "\x1c",
        "\x1f",
        "\t",
        ",",
        ";",
        ":",
        "(",
        ")",
        "_",
        "e.g.",
        "Mr.",
        "\u00a0",
    ]
)
_TEXTS = st.lists(_PIECES, min_size=1, max_size=60).map("".join)


@settings(max_examples=400, deadline=None)
@given(_TEXTS, st.sampled_from(["en", "de", "ar"]))
def test_part_words_equal_a_fresh_findall(text: str, language: str) -> None:
    document = text_document(Path("x.md"), text, language, "students", "11-13")
    for unit in document.units:
        assert sentences.part_words(unit) == tuple(sentences.word_pattern(unit.plain).findall(unit.plain))


def test_part_words_of_the_curriculum_equal_a_fresh_findall() -> None:
    root = Path(__file__).resolve().parent.parent / "lessons"
    checked = 0
    for path in sorted(root.rglob("*.md"))[:40]:
        document = text_document(path, path.read_text(encoding="utf-8"), "en", "students", "11-13")
        for unit in document.units:
            assert sentences.part_words(unit) == tuple(sentences.word_pattern(unit.plain).findall(unit.plain))
            checked += 1
    assert checked > 100


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=80))
def test_ascii_clean_equals_the_regex(text: str) -> None:
    slow = flesch._PUNCTUATION.sub("", flesch._NONCONTRACTION_APOSTROPHE.sub("", text))
    assert flesch._clean(text) == slow


def test_ascii_punctuation_is_every_ascii_character_the_class_removes() -> None:
    removed = {c for c in map(chr, range(128)) if flesch._PUNCTUATION.sub("", c) == ""}
    assert removed == set(flesch._ASCII_PUNCTUATION.decode("ascii"))
    assert set(string.ascii_letters + string.digits + "_ '\t\n").isdisjoint(removed)
