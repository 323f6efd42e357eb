"""Small fast paths of the pattern kinds give what their reference forms give.

- `linear_re._searcher` reads google-re2's C program directly; the public `search` (its fallback)
  must find the same spans, so every scanner finds the same hits either way.
- `Scanner.names` skips compiling the Python form of a pattern without `(?P<`.
- `contact._may_hold` skips parts without `@`, a digit or a web hint, and the token blanking of
  parts without `{{`: `raw_contact` reports what it reported on every part.
- `kinds._fill` fills a message template as the `re.sub` it replaced did.
- `anchors.fold` lower-cases ASCII text without its translation table.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit import linear_re
from lessonkit.check import anchors
from lessonkit.check.documents import text_document
from lessonkit.check.kinds import _PLACEHOLDER, _fill, contact, time_budget
from lessonkit.check.plain import ANY_TOKEN
from lessonkit.check.rulebook import load_rulebook
from lessonkit.linear_re import Hit, Scanner
from test_linear_re_ascii import SCANNERS, _sentences

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = _sentences()


def _copy(scan: Scanner) -> Scanner:
    """The same scanner, before any program was compiled (programs keep their search function)."""
    return Scanner.prepared(scan.pattern, scan.flags, scan.re2_source, scan.names, scan.limit)


def _hits(scan: Scanner, texts: list[str]) -> list[list[Hit]]:
    return [list(scan.finditer(t)) for t in texts]


# Each scanner is compiled afresh twice: a third of the rules' (the search path is the same code for
# all) and every hand-written scanner; UTF-8 programs (10-20 ms each to compile) for a sample of those.
# The token scanner has a named group (`inner`), which a hit reports from the spans.
TOKEN = ("plain:token", Scanner(ANY_TOKEN.pattern, ANY_TOKEN.flags))
COMPARED = [(name, scan) for name, scan in SCANNERS[:-5:3] + SCANNERS[-5:] + [TOKEN] if scan.re2_source is not None]
UTF8_SCANNERS = {name for name, _ in COMPARED[::4] + SCANNERS[-5:] + [TOKEN]}
TOKENS = ["Call {{ help.line }} or {{x}} now.", "{{}}{{ a }} {{ b", "Café {{ help.über }} – {{ x }}"]


def _texts(name: str) -> list[str]:
    mixed = [s + " Straße café – " + s for s in SENTENCES[::7]]  # the UTF-8 program
    some = [*SENTENCES[::3], *TOKENS]  # (the Latin-1 program for ASCII text)
    return [*some, *mixed] if name in UTF8_SCANNERS else some


def test_the_direct_search_finds_what_the_public_search_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    assert linear_re._UNANCHORED is not None  # the direct path is the one the checker runs
    direct = {name: _hits(_copy(scan), _texts(name)) for name, scan in COMPARED}
    monkeypatch.setattr(linear_re, "_UNANCHORED", None)
    public = {name: _hits(_copy(scan), _texts(name)) for name, scan in COMPARED}
    assert direct == public
    hits = [hit for found in direct.values() for per_text in found for hit in per_text]
    assert len(hits) > 100 and any(hit.groups.get("inner") for hit in hits)  # hits, some with a named group


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab-.@ 1(xé\n"), max_size=60), st.sampled_from(SCANNERS[-5:]))
def test_the_direct_search_agrees_on_generated_text(text: str, named: tuple[str, Scanner]) -> None:
    scan = named[1]  # the hand-written scanners: context groups, `m`/`m2`, restarts
    direct = list(_copy(scan).finditer(text))
    saved, linear_re._UNANCHORED = linear_re._UNANCHORED, None
    try:
        assert list(_copy(scan).finditer(text)) == direct
    finally:
        linear_re._UNANCHORED = saved


@pytest.mark.parametrize(
    "pattern", [r"a(?P<x>b)?", r"\(?P<", r"(?P<neg0>not )?blame", r"plain words", r"(?:x)(?P<m>y)", r"[(?P<]"]
)
def test_names_without_compiling_agree_with_python(pattern: str) -> None:
    expected = tuple(n for n in re.compile(pattern).groupindex if not re.match(r"^m\d*$", n))
    assert Scanner(pattern).names == expected


def _reference_contacts(text: str, language: str) -> list[tuple[int, str, str]]:
    blanked = contact._TOKEN.sub(lambda m: " " * len(m.text), text)
    seen: set[int] = set()
    found = []
    for start, what, value in sorted(contact._contacts(blanked, language)):
        if start not in seen:
            seen.add(start)
            found.append((start, what, value))
    return found


CONTACT_RULE = next(r for r in load_rulebook(ROOT / "rules").rules if r.spec.kind == "raw-contact")
PIECES = ["call ", "116 111", "+49 30 1234567", "{{ help.line }}", "{{ 0800 111 0 111 }}", "www.", "example.com"]
PIECES += ["a@b.de", "@", "2024-2025", "10.731", ".org", "://", "x", " ", "\n", "1", "12", "(0)"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25), st.sampled_from(["en", "de"]))
def test_raw_contact_skips_only_parts_without_contacts(pieces: list[str], language: str) -> None:
    text = "".join(pieces)
    document = text_document(Path("c.md"), text + "\n", language, "students", "11-13")
    rule = CONTACT_RULE
    with time_budget(60.0):
        reported = [(d.location.line, d.location.column, d.message) for d in contact.raw_contact(rule, document)]
    expected = [
        (where.line, where.column, text_message)
        for unit in document.units
        if rule.reads_unit(unit)
        for start, what, value in _reference_contacts(unit.raw, language)
        for where, text_message in [(unit.location(start), _message(rule.spec.message, what, value))]
    ]
    assert reported == expected


def _message(template: str, what: str, value: str) -> str:
    table = {"what": what, "match": " ".join(value.split())}
    return _PLACEHOLDER.sub(lambda m: table.get(m.group(1), m.group(0)), template)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("{}ab_ .xA"), max_size=40),
    st.dictionaries(st.sampled_from(["a", "b", "ab", "a_b", "x"]), st.text(alphabet="{}ab x", max_size=5)),
)
def test_fill_agrees_with_the_substitution(template: str, table: dict[str, str]) -> None:
    assert _fill(template, table) == _PLACEHOLDER.sub(lambda m: table.get(m.group(1), m.group(0)), template)


def _fold_reference(text: str) -> str:
    return text.replace("İ", "i").lower().translate(anchors._FOLD)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(alphabet=st.characters(max_codepoint=127)), st.text()))
def test_fold_agrees_with_the_table_on_any_text(text: str) -> None:
    assert anchors.fold(text) == _fold_reference(text)


def test_fold_of_ascii_text_skips_the_table_because_it_maps_no_ascii() -> None:
    assert not anchors._FOLDS_ASCII and all(code >= 128 for code in anchors._FOLD)
    every = "".join(map(chr, range(128)))
    assert anchors.fold(every) == _fold_reference(every)
    assert anchors.fold("İstanbul ſ K") == _fold_reference("İstanbul ſ K")
