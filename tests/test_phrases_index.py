"""The pattern kinds read only the parts the document's index offers (`patterns.PartIndex`): same findings.

Each rule visits the parts that hold one of its wanted anchor strings instead of every part.
These tests run every existence, substitution and occurrence rule of every language twice on
the same document, once reading every part (no index) and once through the index, and ask for
the same findings; they also hold the index to its promise (every part on which `may_match`
says yes is offered) and check that the time budget still stops a rule that reads through it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.check import engine, kinds, patterns
from lessonkit.check.document import Document
from lessonkit.check.documents import text_document
from lessonkit.check.kinds import phrases
from lessonkit.check.rulebook import Rule, load_rulebook, runner
from lessonkit.diagnostics import Diagnostic
from test_linear_re_ascii import _sentences

ROOT = Path(__file__).resolve().parent.parent
PATTERN_KINDS = ("existence", "substitution", "occurrence")
RULES = [r for r in load_rulebook(ROOT / "rules").rules if r.spec.kind in PATTERN_KINDS]
SENTENCES = _sentences()


@pytest.fixture(autouse=True)
def _strings() -> Iterator[None]:
    """A fresh string set per test, so that neither the order of tests nor a built set decides the path."""
    saved, patterns._STRINGS = patterns._STRINGS, patterns._AnchorStrings()
    phrases._indexed.clear()
    try:
        yield
    finally:
        patterns._STRINGS = saved
        phrases._indexed.clear()


def _findings(rules: list[Rule], document: Document, indexed: bool) -> list[Diagnostic]:
    phrases._indexed.clear()
    if indexed:
        index = patterns.PartIndex.of([u.folded for u in document.units]) if patterns._STRINGS.build_now() else None
        assert index is not None
        phrases._indexed.append((document, index))
    else:
        phrases._indexed.append((document, None))  # what a small document gets: every part read
    found: list[Diagnostic] = []
    with kinds.time_budget(kinds.TIME_BUDGET_SECONDS):
        for rule in rules:
            if rule.reads(document):
                found += runner(rule.spec.kind)(rule, document)
    return engine.in_order(found)


def _document(tmp_path: Path, texts: list[str], language: str, audience: str = "students") -> Document:
    text = "\n\n".join(" ".join(t.split()) for t in texts) + "\n"
    return text_document(tmp_path / f"{language}.md", text, language, audience, "11-13")


@pytest.mark.parametrize("language", sorted({r.language for r in RULES}))
@pytest.mark.parametrize("audience", ["students", "parents"])
def test_the_index_finds_what_reading_every_part_finds(tmp_path: Path, language: str, audience: str) -> None:
    """The rules' examples and regression sentences, one part each, in every language."""
    rules = [r for r in RULES if r.language == language]
    document = _document(tmp_path, SENTENCES, language, audience)
    assert len(document.units) > 500
    every = _findings(rules, document, indexed=False)
    assert len(every) > 10  # the examples trigger the rules: the comparison has something to compare
    assert _findings(rules, document, indexed=True) == every


def test_the_index_offers_every_part_may_match_admits(tmp_path: Path) -> None:
    document = _document(tmp_path, SENTENCES, "en")
    assert patterns._STRINGS.build_now()
    index = patterns.PartIndex.of([u.folded for u in document.units])
    assert index is not None
    assert not index.unread  # the set read every part
    offered = skipped = exact = 0
    for rule in RULES:
        found = [phrases.matcher(rule)] if rule.spec.kind != "substitution" else [m for m, _ in phrases._entries(rule)]
        for made in found:
            parts = index.parts(made)
            if parts is None:
                continue
            assert parts == sorted(set(parts))
            admitted = [i for i, u in enumerate(document.units) if made.may_match(u.folded)]
            assert set(admitted) <= set(parts), made.source[:80]
            if made._numbering()[2] is not None:
                # The phrase test ran in the index: it offers exactly the parts `may_match` admits.
                assert parts == admitted, made.source[:80]
                exact += 1
            offered += len(parts)
            skipped += len(document.units) - len(parts)
    assert skipped > offered  # the index does leave parts out
    assert exact > len(RULES) // 2  # most matchers have their phrases as numbers


WORDS = sorted(
    {
        s
        for rule in RULES
        for made in ([phrases.matcher(rule)] if rule.spec.kind != "substitution" else [])
        if made.anchor is not None
        for needs in made.anchor.phrases
        for need in needs
        for s in need
    }
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from([*WORDS, " ", ", ", ". ", "? ", '"', "not ", "x"]), min_size=1, max_size=12),
        min_size=1,
        max_size=40,
    ),
    st.sampled_from(["en", "de"]),
)
def test_the_index_agrees_on_generated_text(paragraphs: list[list[str]], language: str) -> None:
    rules = [r for r in RULES if r.language == language]
    text = "\n\n".join("".join(p) for p in paragraphs) + "\n"
    document = text_document(Path("generated.md"), text, language, "students", "11-13")
    assert _findings(rules, document, indexed=True) == _findings(rules, document, indexed=False)


def test_a_large_document_builds_the_set_at_once(tmp_path: Path) -> None:
    small = [u.folded for u in _document(tmp_path, SENTENCES[:10], "en").units]
    assert patterns.PartIndex.of(small) is None and patterns._STRINGS.matcher is None  # a small file never pays
    large = [u.folded for u in _document(tmp_path, SENTENCES, "en").units]
    assert len(large) >= patterns.PartIndex.BUILD_FROM_PARTS
    assert patterns.PartIndex.of(large) is not None and patterns._STRINGS.matcher is not None


def test_the_time_budget_stops_a_rule_that_reads_through_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kinds, "TIME_BUDGET_SECONDS", 0.0)
    rules = [r for r in RULES if r.language == "en" and r.spec.kind == "existence"]
    document = _document(tmp_path, SENTENCES, "en")
    assert patterns.PartIndex.of([u.folded for u in document.units]) is not None  # large: read through the index
    findings = engine.check_document(document, rules)
    budget = [f for f in findings if f.code == engine.OUT_OF_TIME]
    assert len(budget) == 1 and budget[0].location.path == tmp_path / "en.md"


@pytest.mark.parametrize("language", ["en", "de", "es", "ar"])
def test_a_document_program_finds_what_the_whole_program_finds(tmp_path: Path, language: str) -> None:
    """A rule's program of only the phrases met in the parts offered to it (`PartIndex.phrases`) finds the same.

    Fresh matchers, so that no whole program is compiled yet: every part is searched with the document
    program first, then with the whole program, and the hits must be equal.
    """
    patterns._compile.cache_clear()
    phrases._entries.cache_clear()
    try:
        rules = [r for r in RULES if r.language == language and r.spec.kind != "substitution"]
        document = _document(tmp_path, SENTENCES[::5], language)
        assert patterns._STRINGS.build_now()
        index = patterns.PartIndex.of([u.folded for u in document.units])
        assert index is not None
        searches: list[tuple[patterns.Matcher, str, str, frozenset[int] | None]] = []
        for rule in rules:
            made = phrases.matcher(rule)
            offered = index.parts(made)
            keep = index.phrases(made)
            for at in offered if offered is not None else range(len(document.units)):
                unit = document.units[at]
                searches.append((made, unit.plain, unit.folded, keep))
        with_programs = [list(m.finditer(text, folded, keep)) for m, text, folded, keep in searches]
        served = {id(m) for m, *_ in searches if m.__dict__.get("_programs") and not m.scanner.compiled}  # type: ignore[union-attr]
        assert len(served) >= 3  # document programs did the searching for several rules
        whole = [list(m.finditer(text, folded)) for m, text, folded, _ in searches]
        assert with_programs == whole
        assert sum(map(len, whole)) > 10  # the examples match: the comparison compares something
    finally:
        patterns._compile.cache_clear()
        phrases._entries.cache_clear()
