"""The sentence split and the classifier's judged sentences: the same as the reference, faster.

`sentences._sentences` is shared by the classifier and readability; on a part whose text is ASCII
it uses `_ASCII_WORD` (about twice as fast) and counts words from the first one found. The
classifier's judged sentences reuse the split's word count and skip `_QUOTED` when no quotation
mark occurs. The references below are the code as it was written before.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.check import sentences
from lessonkit.check.document import TextUnit
from lessonkit.check.documents import text_document
from lessonkit.check.kinds import classifier
from lessonkit.check.kinds.classifier import judged_text
from lessonkit.check.patterns import in_question, in_quotation
from lessonkit.check.sentences import WORD, Sentence

ROOT = Path(__file__).resolve().parent.parent


def _reference(unit: TextUnit) -> list[Sentence]:
    cuts = {m.end() for m in sentences._END.finditer(unit.plain)}
    cuts |= {m.start() for m in sentences._NEW_ITEM.finditer(unit.raw)}
    found, start = [], 0
    for cut in [*sorted(cuts), len(unit.plain)]:
        piece = unit.plain[start:cut]
        first = WORD.search(piece)
        if first:
            found.append(Sentence(start + first.start(), " ".join(piece.split()), len(WORD.findall(piece))))
        start = cut
    return found


def _units(text: str) -> tuple[TextUnit, ...]:
    return text_document(Path("draft.md"), text, "en", "students", "11-13").units


def _same(text: str) -> int:
    units = _units(text)
    for unit in units:
        assert list(sentences._sentences(unit)) == _reference(unit), unit.plain[:80]
    return sum(len(_reference(u)) for u in units)


_ASCII = ["It's", "don't", "well-known", "A", "b", "Q:", "- ", "1. ", "\n", "\n\n", ". ", "! ", "? ", "...", " "]
_OTHER = ["'", "-", "x1", "_a", "ab_c", "é", "Straße", "متدخّل", "e\u0301", "\t", '"', ")", "# ", "so", "WORD", "--"]
_PIECES = st.sampled_from([*_ASCII, *_OTHER])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_the_split_is_the_reference_on_generated_text(text: str) -> None:
    _same(text)
    _same(text.encode("ascii", "ignore").decode())  # ASCII text takes the fast regex


def test_the_split_is_the_reference_on_the_lessons() -> None:
    found = sum(_same(path.read_text(encoding="utf-8")) for path in sorted((ROOT / "lessons").rglob("*.md"))[:40])
    assert found > 500  # the comparison is not empty


def _judged_reference(unit: TextUnit, skip_questions: bool, skip_quoted: bool) -> list[tuple[int, str, int]]:
    """The classifier's judged sentences as written before: `judged_text` and a word count of each."""
    found = []
    for sentence in _reference(unit):
        if skip_questions and in_question(unit.plain, sentence.start):
            continue
        if skip_quoted and in_quotation(unit.plain, sentence.start):
            continue
        judged = judged_text(sentence.text, skip_quoted)
        found.append((sentence.start, judged, len(WORD.findall(judged))))
    return found


_QUOTING = st.sampled_from(['"', "“", "”", "„", "«", "»", "‘", "’", " '", "' ", "'s", "Mia said: ", "?", "\n\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, _QUOTING), max_size=60).map("".join), st.booleans(), st.booleans())
def test_judged_sentences_are_the_reference(text: str, skip_questions: bool, skip_quoted: bool) -> None:
    for unit in _units(text):
        judged = classifier.judged_sentences(unit, skip_questions, skip_quoted)
        assert list(judged) == _judged_reference(unit, skip_questions, skip_quoted)


def test_judged_sentences_are_the_reference_on_the_lessons() -> None:
    taken_out = 0
    for path in sorted((ROOT / "lessons").rglob("*.md"))[:40]:
        for unit in _units(path.read_text(encoding="utf-8")):
            reference = _judged_reference(unit, True, True)
            assert list(classifier.judged_sentences(unit, True, True)) == reference
            taken_out += sum(judged != " ".join(judged.split()) for _, judged, _ in reference)
    assert taken_out > 0  # some sentences had a quotation taken out
