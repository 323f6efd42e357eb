"""Text of a few characters beyond ASCII runs a Latin-1 program, each such character written as one byte.

`linear_re.mapped_form` cuts every class element to its ASCII members and the slot bytes of the
text's characters it matches; `mapped_text` writes the text with those bytes. The program must
find exactly what the full UTF-8 program finds: these tests compare both on the rules' examples
and regression sentences beyond ASCII, on generated text mixing words of the rules with letters,
marks, digits and punctuation of several blocks (and characters that fold across blocks or to
ASCII: Kelvin sign, long s, dotted I, final sigma, sharp s), and class by class over every
character of such a set, with and without `(?i)`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import pytest
import re2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessonkit import linear_re
from lessonkit.linear_re import Hit, Scanner, _mappable, _scan, mapped_form, mapped_text, re2_options, text_chars
from test_check_speed_narrow import LINEAR, PIECES, WIDE_SENTENCES
from test_linear_re_ascii import CLASSES, _hits, _utf8

LATIN1 = re2_options()
LATIN1.encoding = re2.Options.Encoding.LATIN1  # type: ignore[attr-defined]  # the stubs lack the enum


def _mapped(scan: Scanner, text: str, chars: tuple[str, ...] = ()) -> list[Hit] | None:
    """The hits of a program mapped to `chars` (default: the text's own), compiled here; None if it cannot be."""
    chars = chars or tuple(sorted(text_chars(text)))
    if len(chars) > len(linear_re._SLOTS) or not all(map(_mappable, chars)):
        return None
    assert scan.re2_source is not None
    form = mapped_form(scan.re2_source, chars)
    if form is None:
        return None
    engine = _compiled(form)
    numbers = {name.decode(): number for name, number in engine.groupindex.items()}
    named = tuple((name, numbers[name]) for name in scan.names)
    program = linear_re._searcher(engine), linear_re._match_groups(numbers), named
    slots = {char: linear_re._SLOTS[i : i + 1] for i, char in enumerate(chars)}
    return list(_scan(program, text, mapped_text(text, slots)))


@lru_cache(maxsize=64)
def _compiled(form: bytes) -> re2._Regexp[bytes]:
    return re2.compile(form, LATIN1)


def _groups(texts: list[str]) -> list[tuple[tuple[str, ...], list[str]]]:
    """The texts in groups of at most 60 characters beyond ASCII, each with its characters (one program per group)."""
    groups: list[tuple[set[str], list[str]]] = []
    for text in texts:
        chars = text_chars(text)
        if not all(map(_mappable, chars)):
            continue
        if not groups or len(groups[-1][0] | chars) > 60:
            groups.append((set(), []))
        groups[-1][0].update(chars)
        groups[-1][1].append(text)
    return [(tuple(sorted(chars)), members) for chars, members in groups]


MAPPED_SENTENCES = _groups(WIDE_SENTENCES)


def test_every_rule_pattern_can_be_mapped() -> None:
    # Not a correctness matter (without it the blocks are narrowed), but the speed-up depends on it.
    # Punctuation maps for every pattern; letters with a case partner do not for a pattern that
    # spells a letter of the pair under `(?i)` (German "Ärger" and "ärger": one slot cannot be both).
    marks = tuple(sorted("’“”„—…\u00a0؟،"))
    assert [name for name, scan in LINEAR if mapped_form(scan.re2_source or "", marks) is None] == []
    letters = tuple(sorted("äöüßéñçø’“”—…"))
    english = [(name, scan) for name, scan in LINEAR if not name.startswith(("de:", "es:", "ar:"))]
    assert len(english) > 50
    assert [name for name, scan in english if mapped_form(scan.re2_source or "", letters) is None] == []


@pytest.mark.parametrize(("name", "scan"), LINEAR, ids=[name for name, _ in LINEAR])
def test_both_programs_find_the_same_in_the_examples(name: str, scan: Scanner) -> None:
    # A program covering more characters than a text holds matches it just the same.
    assert sum(len(texts) for _, texts in MAPPED_SENTENCES) > 300
    for chars, texts in MAPPED_SENTENCES:
        for text in texts:
            found = _mapped(scan, text, chars)
            if found is not None:
                assert _hits(found) == _hits(_utf8(scan, text)), (name, text)


# Letters, marks, digits, spaces and punctuation of several blocks, and characters that fold across
# blocks or to ASCII (those are never mapped: the scanner narrows the blocks instead).
BEYOND = [*"éÉäÖßẞłŁñµÿŸΣσςİıжЖ", *"’“„—…\u00a0\u2009\u200d", *"؟؛،\u064e\u0660٣ﻻ", "\u0301", "²", "½", "😀"]
FOLDING = ["K", "ſ"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([*PIECES, *BEYOND]), min_size=1, max_size=50), st.integers(0, len(LINEAR) - 1))
def test_both_programs_find_the_same_in_generated_text(pieces: list[str], which: int) -> None:
    text = " ".join(pieces) + " é"  # never ASCII
    name, scan = LINEAR[which]
    found = _mapped(scan, text)
    if found is not None:
        assert _hits(found) == _hits(_utf8(scan, text)), (name, text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from([*"ab .,'\n-1_", *BEYOND, *FOLDING]), min_size=1, max_size=60))
def test_a_scanner_finds_what_the_full_program_finds(text: str) -> None:
    # Through `finditer`, whichever program it picks (mapped, narrowed blocks or full).
    for _, scan in LINEAR[:: max(1, len(LINEAR) // 12)]:
        fresh = Scanner.prepared(scan.pattern, scan.flags, scan.re2_source, scan.names)
        assert _hits(list(fresh.finditer(text))) == _hits(_utf8(scan, text))


SETS = [tuple(sorted(s)) for s in ("éÉäÖßẞ’", "ΣσςİıжЖµÿŸ", "؟؛،\u064e\u0660٣ﻻ\u0301²½😀\u00a0\u2009\u200d")]


@pytest.mark.parametrize("chars", SETS, ids=["latin", "folding", "marks"])
@pytest.mark.parametrize("pattern", [*CLASSES, r"(?i)ß", "ß", "Σ", r"[\x{2000}-\x{206f}]", r"\x{e9}", "é+", "."])
@pytest.mark.parametrize("flags", ["", "(?i)", "(?s)"])
def test_each_class_matches_the_same_characters(pattern: str, flags: str, chars: tuple[str, ...]) -> None:
    form = mapped_form(flags + pattern, chars)
    if form is None:
        # Refused only where `(?i)` changes what a character matches (`\p{Lu}` and `ÿ`).
        bare = pattern.removeprefix("(?i)")
        assert any(bool(re2.fullmatch("(?i)" + bare, c)) != bool(re2.fullmatch(bare, c)) for c in chars), pattern
        return
    mapped, full = re2.compile(form, LATIN1), re2.compile(flags + pattern)
    for code in range(128):
        assert bool(mapped.fullmatch(bytes([code]))) == bool(full.fullmatch(chr(code))), (pattern, code)
    for slot, char in zip(linear_re._SLOTS, chars, strict=False):
        assert bool(mapped.fullmatch(bytes([slot]))) == bool(full.fullmatch(char)), (pattern, char)


def test_no_slot_byte_folds_in_latin1() -> None:
    for slot in linear_re._SLOTS:
        folded = re2.compile(rb"(?i)[\x{%x}]" % slot, LATIN1)
        assert [b for b in range(256) if folded.fullmatch(bytes([b]))] == [slot]


def test_characters_folding_to_ascii_are_not_mapped() -> None:
    assert not _mappable("K") and not _mappable("ſ") and not _mappable("\ud800")
    assert _mappable("é") and _mappable("ẞ") and _mappable("İ")


@pytest.fixture(autouse=True)
def _no_expected_blocks() -> Iterator[None]:
    linear_re.expect_blocks([])
    yield
    linear_re.expect_blocks([])


def test_a_scanner_maps_the_characters_of_the_document_announced_at_once() -> None:
    texts = ["a„b“", "zwölf", "naïve", "Σ ж ب"]
    linear_re.expect_blocks(["plain", *texts])
    scan = Scanner(r"(?<!\w)\w+", re2_pattern=r"(?:^|[^\p{L}\p{N}_])(?P<m>[\p{L}\p{N}_]+)")
    for text in texts:
        assert [h.span() for h in scan.finditer(text)] == [m.span() for m in scan.python.finditer(text)]
    assert scan._mapped_compiles == 1
    assert scan._narrow_compiles == 0 and not scan._compiled


def test_a_text_folding_to_ascii_runs_a_narrowed_program() -> None:
    scan = Scanner(r"(?i)s+", re2_pattern=r"(?i)s+")
    assert [h.text for h in scan.finditer("Sſs é ss")] == ["Sſs", "ss"]
    assert scan._mapped_compiles == 0 and scan._narrow_compiles == 1


def test_empty_matches_and_groups_step_over_slot_bytes() -> None:
    # Slot bytes look like UTF-8 continuation bytes: a restart must not skip them.
    scan = Scanner(r"x*", re2_pattern=r"x*")
    text = "é…x’ü"
    assert [h.span() for h in scan.finditer(text)] == [m.span() for m in re.finditer(r"x*", text)]
    assert scan._mapped is not None
    groups = Scanner(r"(?P<w>[äöü]+)(?P<n>\d)?", re2_pattern=r"(?P<w>[äöü]+)(?P<n>\p{Nd})?")
    assert [dict(h.groups) for h in groups.finditer("xäö1 ü …")] == [{"w": "äö", "n": "1"}, {"w": "ü", "n": None}]
