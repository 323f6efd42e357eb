"""Text beyond ASCII runs a UTF-8 program cut to the blocks of its characters (`linear_re.narrowed_form`).

The full UTF-8 program of a phrase rule costs about 25 ms to compile; one cut to ASCII and the
blocks of 256 code points a text holds (Latin-1 Supplement, General Punctuation, Arabic...)
compiles in a fraction of that and must find exactly what the full one finds on such text. These
tests compare both on the rules' examples and regression sentences beyond ASCII, on generated
text mixing ASCII with characters that fold across blocks (Kelvin sign, long s, dotted I, final
sigma), and class by class over every code point of the blocks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import re2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker_support import rulebook
from lessonkit import linear_re
from lessonkit.check.documents import text_document
from lessonkit.check.engine import check_document
from lessonkit.linear_re import Hit, Scanner, _scan, narrowed_form, re2_options, text_blocks
from test_linear_re_ascii import CLASSES, SCANNERS, _hits, _sentences, _utf8

WIDE_SENTENCES = [s for s in _sentences() if not s.isascii() and text_blocks(s) is not None]


def _narrowed(scan: Scanner, text: str) -> list[Hit]:
    """The hits of a program cut to the text's own blocks, compiled here (the scanner's state untouched)."""
    blocks = text_blocks(text)
    assert scan.re2_source is not None and blocks is not None
    form = narrowed_form(scan.re2_source, blocks)
    assert form is not None, (scan.pattern[:80], sorted(blocks))
    engine = re2.compile(form, re2_options())
    named = tuple((name, engine.groupindex[name]) for name in scan.names)
    program = linear_re._searcher(engine), linear_re._match_groups(engine.groupindex), named
    return list(_scan(program, text, text.encode("utf-8")))


LINEAR = [(name, scan) for name, scan in SCANNERS if scan.re2_source is not None and scan.engine is not None]


def test_every_rule_pattern_can_be_narrowed() -> None:
    # Not a correctness matter (without it the full program runs), but the speed-up depends on it.
    assert len(LINEAR) > 100
    blocks = frozenset({0x00, 0x01, 0x06, 0x20})
    assert [name for name, scan in LINEAR if narrowed_form(scan.re2_source or "", blocks) is None] == []


@pytest.mark.parametrize(("name", "scan"), LINEAR, ids=[name for name, _ in LINEAR])
def test_both_programs_find_the_same_in_the_examples(name: str, scan: Scanner) -> None:
    assert len(WIDE_SENTENCES) > 300  # German, Spanish and Arabic examples, curly quotes
    for text in WIDE_SENTENCES:
        assert _hits(_narrowed(scan, text)) == _hits(_utf8(scan, text)), (name, text)


def _words() -> list[str]:
    found = set()
    for _, scan in SCANNERS:
        found |= {w for w in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", scan.pattern) if len(w) > 1}
    return sorted(found)


WIDE = ["é", "ä", "Ö", "ß", "ẞ", "’", "“", "„", "—", "\u00a0", "\u2009", "K", "ſ", "İ", "ı", "Σ", "ς", "σ", "ł", "ñ"]
WIDE += ["؟", "؛", "،", "ال", "\u064e", "\u0660", "٣", "ﻻ", "😀", "\u200d", "\u0301"]
PIECES = [*_words(), " ", "\n", ". ", "? ", ", ", "'", '"', "-", "1", *WIDE]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=50), st.integers(0, len(LINEAR) - 1))
def test_both_programs_find_the_same_in_generated_text(pieces: list[str], which: int) -> None:
    text = " ".join(pieces) + " é"  # never ASCII
    name, scan = LINEAR[which]
    assert _hits(_narrowed(scan, text)) == _hits(_utf8(scan, text)), (name, text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(max_codepoint=0x2FF), min_size=1, max_size=60))
def test_both_programs_agree_on_any_text_of_a_few_blocks(text: str) -> None:
    text += "ä"
    for _, scan in LINEAR[:: max(1, len(LINEAR) // 12)]:
        assert _hits(_narrowed(scan, text)) == _hits(_utf8(scan, text))


BLOCK_SETS = [frozenset({0x00}), frozenset({0x01, 0x20}), frozenset({0x03, 0x06, 0x21}), frozenset({0x1E, 0xFE})]


@pytest.mark.parametrize("blocks", BLOCK_SETS, ids=lambda b: "-".join(f"{x:x}" for x in sorted(b)))
@pytest.mark.parametrize("pattern", [*CLASSES, r"(?i)\x{212a}", r"(?i)ſ", r"[\x{2100}-\x{2200}]", r"ß", r"Σ"])
@pytest.mark.parametrize("flags", ["", "(?i)"])
def test_each_class_matches_the_same_characters_of_its_blocks(pattern: str, flags: str, blocks: frozenset[int]) -> None:
    form = narrowed_form(flags + pattern, blocks)
    if form is None:
        # Refused only for a Unicode class whose case folding reaches a character beyond the blocks
        # (`\p{Lu}` holds `Ÿ`, which folds to `ÿ`): a character or a range is kept as it is.
        assert "\\p" in pattern or "\\P" in pattern, pattern
        return
    narrow, full = re2.compile(form), re2.compile(flags + pattern)
    codes = [*range(128), *(c for b in sorted(blocks) for c in range(b << 8, (b + 1) << 8))]
    for code in codes:
        assert bool(narrow.fullmatch(chr(code))) == bool(full.fullmatch(chr(code))), (pattern, hex(code))


@pytest.mark.parametrize("mapped", [True, False], ids=["mapped", "blocks"])
def test_text_beyond_ascii_does_not_compile_the_full_program(mapped: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if not mapped:
        monkeypatch.setattr(Scanner, "_mapped_engine", lambda self, text: None)
    scan = Scanner(
        r"(?<!\w)(?:café|naïve)(?!\w)",
        re.IGNORECASE,
        re2_pattern=linear_re.word_bounded(r"(?i:café|naïve)"),
    )
    text = "Ein naïve Satz im Café, „café“ und CAFÉS."
    assert [h.span() for h in scan.finditer(text)] == [m.span() for m in scan.python.finditer(text)]
    assert [h.text for h in scan.finditer(text)] == ["naïve", "Café", "café"]
    assert not scan._compiled  # the full UTF-8 program was never built


@pytest.fixture(autouse=True)
def _no_expected_blocks() -> Iterator[None]:
    """Each test starts without a document's blocks announced (a checked document leaves its own)."""
    linear_re.expect_blocks([])
    yield
    linear_re.expect_blocks([])


@pytest.fixture
def _blocks_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """No Latin-1 program of the text's characters (tests/test_linear_re_mapped.py): the blocks are narrowed.

    As for a text holding a character that folds to ASCII, or a pattern that spells a letter of
    the text in the other case.
    """
    monkeypatch.setattr(Scanner, "_mapped_engine", lambda self, text: None)


@pytest.mark.usefixtures("_blocks_only")
def test_a_scanner_widens_its_blocks_a_few_times_then_compiles_the_full_program() -> None:
    scan = Scanner(r"\w+", re2_pattern=r"[\p{L}\p{N}_]+")
    texts = ["ä", "ł", "Σ", "ж", "ب", "ก", "한"]  # blocks 0x00, 0x01, 0x03, 0x04, 0x06, 0x0E, 0xD5
    for text in texts:
        assert [h.text for h in scan.finditer(f"a{text}b c")] == [f"a{text}b", "c"]
    assert scan._narrow_compiles == linear_re._NARROW_PROGRAMS
    assert scan._compiled  # the rest ran on the full program
    assert len(scan._narrow_blocks) <= linear_re._NARROW_BLOCKS


@pytest.mark.usefixtures("_blocks_only")
def test_a_scanner_widens_once_to_the_blocks_of_the_document_announced() -> None:
    texts = ["ä", "ł", "Σ", "ж", "ب", "ก", "한"]
    linear_re.expect_blocks(["plain ASCII", *(f"x{t}y" for t in texts), "a\ud800b"])  # a surrogate: left out
    assert linear_re._expected[0] == {0x00, 0x01, 0x03, 0x04, 0x06, 0x0E, 0xD5}
    scan = Scanner(r"\w+", re2_pattern=r"[\p{L}\p{N}_]+")
    for text in texts:
        assert [h.text for h in scan.finditer(f"a{text}b c")] == [f"a{text}b", "c"]
    # The first part's block, then every block of the document at once: two programs, never the full one.
    assert scan._narrow_compiles == 2
    assert scan._narrow_blocks == linear_re._expected[0]
    assert not scan._compiled


@pytest.mark.usefixtures("_blocks_only")
def test_more_blocks_announced_than_a_program_may_cover_are_not_taken() -> None:
    many = [chr(block << 8 | 0x41) for block in range(0x04, 0x04 + linear_re._NARROW_BLOCKS + 1)]
    linear_re.expect_blocks(many)
    scan = Scanner(r"\w+", re2_pattern=r"[\p{L}\p{N}_]+")
    for text in ["ä", "ł"]:
        assert [h.text for h in scan.finditer(f"a{text}b")] == [f"a{text}b"]
    assert scan._narrow_blocks == {0x00, 0x01}  # widened part by part, as without the hint


def test_checking_a_document_announces_its_blocks() -> None:
    rules = [r for r in rulebook().for_language("de") if r.id.startswith("tone.")]
    text = "Ein „Café“ für alle.\n\nGanz ohne Sonderzeichen."
    check_document(text_document(Path("x.md"), text, "de", "students", "11-13"), rules)
    assert linear_re._expected[0] == {0x00, 0x20}  # "é", "ü" and the quotation marks „ “


def test_text_with_a_surrogate_or_the_placeholder_runs_the_full_program() -> None:
    assert text_blocks("a\ud800b") is None
    assert text_blocks("a\U0010ffffb") is None
    assert narrowed_form("[a-z]", frozenset({0xD8})) is None
    scan = Scanner(r"[^a]+", re2_pattern=r"[^a]+")
    assert [h.text for h in scan.finditer("a\U0010ffffb")] == ["\U0010ffffb"]
    assert scan._compiled


# Classes whose first member is `]`, a class holding `[`, and the separator: `_narrowed` reuses a class
# it has read before, so a pattern of them narrows as its pieces do one by one.
PIECES = [*CLASSES, r"[]a]", r"[^]\w]", r"[[a-c]", r"x\[y]", r"é[é]", r"(?:a|[ä\]]+)"]


@pytest.mark.parametrize("blocks", BLOCK_SETS, ids=lambda b: "-".join(f"{x:x}" for x in sorted(b)))
def test_a_class_met_again_narrows_as_it_did_the_first_time(blocks: frozenset[int]) -> None:
    alone = [narrowed_form(piece, blocks) for piece in PIECES]
    for first, second in zip(PIECES, [*PIECES[1:], PIECES[0]], strict=True):
        together = narrowed_form(first + second + first + second, blocks)
        one, two = alone[PIECES.index(first)], alone[PIECES.index(second)]
        if one is None or two is None:
            assert together is None, (first, second)
        else:
            assert together == one + two + one + two, (first, second)
