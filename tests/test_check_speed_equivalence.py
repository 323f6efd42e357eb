"""lessonkit's one-pass Flesch-Kincaid grade must give textstat's figure exactly, on any text.

The checker reports the grade to one decimal and compares it with a limit, so any difference,
however small, could move a finding; the test therefore asks for equal floats, not close ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.check.documents import text_document
from lessonkit.check.kinds.flesch import flesch_kincaid_grade
from lessonkit.check.kinds.readability import _textstat
from lessonkit.check.sentences import readable_text

ROOT = Path(__file__).resolve().parent.parent
# Words CMUdict knows, words it does not (Pyphen counts those), contractions, names, other scripts.
VOCABULARY = [
    "you",
    "can",
    "always",
    "talk",
    "to",
    "a",
    "trusted",
    "adult",
    "online",
    "safety",
    "screenshot",
    "don't",
    "it's",
    "we'll",
    "they're",
    "I'd",
    "o'clock",
    "rock'n'roll",
    "'quoted'",
    "Amira",
    "Tomás",
    "well-being",
    "e-mail",
    "groomer",
    "livestreaming",
    "unbelievably",
    "extraordinarily",
    "Straße",
    "l'école",
    "naïve",
    "café",
    "zxqv",
    "rhythm",
    "ok",
    "1,000",
    "2026",
    "Mr.",
    "U.S.A.",
    "42nd",
    "مرحبا",
    "Übung",
    "ÉCOLE",
    "İstanbul",
    "co-operate",
    "self-esteem",
    "x",
]
PUNCTUATION = [" ", " ", " ", "\n", ". ", "! ", "? ", "... ", ", ", "; ", ": ", " - ", " – ", '"', "'", "(", ")", "."]


def _textstat_grade(text: str, language: str) -> float:
    ts: Any = _textstat()
    ts.set_lang(language)
    return float(ts.flesch_kincaid_grade(text))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(VOCABULARY), st.sampled_from(PUNCTUATION)), max_size=120))
def test_same_grade_as_textstat_on_word_salad(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert flesch_kincaid_grade(text, "en") == _textstat_grade(text, "en")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_same_grade_as_textstat_on_any_characters(text: str) -> None:
    assert flesch_kincaid_grade(text, "en") == _textstat_grade(text, "en")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY + PUNCTUATION), max_size=60), st.sampled_from(["de", "es", "en_US"]))
def test_same_grade_as_textstat_in_other_languages(pieces: list[str], language: str) -> None:
    text = "".join(pieces)
    assert flesch_kincaid_grade(text, language) == _textstat_grade(text, language)


REAL = sorted((ROOT / "lessons").rglob("*.md")) + sorted((ROOT / "docs").glob("*.md"))


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_same_grade_as_textstat_on_real_text(path: Path) -> None:
    """Every part of the curriculum and the documentation, as the checker reads it."""
    document = text_document(path, path.read_text(encoding="utf-8"), "en", "students", "11-13")
    texts = [readable_text(unit) for unit in document.units]
    assert texts, f"{path}: no parts read"
    for text in [*texts, "\n".join(texts)]:
        assert flesch_kincaid_grade(text, "en") == _textstat_grade(text, "en"), text[:200]
