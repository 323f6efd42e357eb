"""The rare-word kind's fast path gives exactly the findings of the walk over every match.

`unfamiliar` judges each distinct token once, skips the tokens of a part already known to be
quiet with set operations, locates only the first use of a word to report, and looks words up
in the frequency bucket file instead of an unpacked dict. The reference below is the kind as it
was before (every match walked in order, each distinct token judged once, a plain dict of
wordfreq's figures): the two must give equal findings, in the same order, on real lessons and
translations and on generated text full of repeats, names, compounds and vowel marks.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from functools import cache
from math import log10
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit import cache_file
from lessonkit.check import resources
from lessonkit.check.compounds import familiar_compound
from lessonkit.check.document import Document
from lessonkit.check.documents import text_document
from lessonkit.check.kinds import finding, units
from lessonkit.check.kinds.unfamiliar import _defined, unfamiliar
from lessonkit.check.linguistic.arabic import clitic_free
from lessonkit.check.linguistic.lemmas import candidates
from lessonkit.check.rulebook import Rule, load_rulebook
from lessonkit.check.sentences import WITHOUT_MARKS, WORD
from lessonkit.diagnostics import Diagnostic

ROOT = Path(__file__).resolve().parent.parent


@cache
def _whole_table(language: str) -> dict[str, float]:
    import wordfreq

    return {w: round(log10(f) + 9, 2) for w, f in wordfreq.get_frequency_dict(language).items() if f >= 1e-8}


@cache
def _rule(language: str) -> Rule:
    (rule,) = [r for r in load_rulebook(ROOT / "rules").for_language(language) if r.spec.kind == "unfamiliar"]
    return rule


def _reference(rule: Rule, document: Document) -> Iterator[Diagnostic]:
    """The kind before its fast path: every match in order, each distinct token judged once, a dict table."""
    threshold = rule.limit(document.band)
    table = _whole_table(document.language)
    assert threshold is not None and table
    allowed = {w.casefold() for w in rule.spec.words}
    seen: set[str] = set()
    judged: dict[str, tuple[str, float | None]] = {}
    for unit in units(rule, document):
        for match in WORD.finditer(unit.plain):
            token = match.group(0)
            if rule.spec.skip_capitalised and token[0].isupper():
                continue
            if token in document.names or (token[-1] == "s" and token[:-1] in document.names):
                continue  # the rule since 2026-12-03: a translation's names from its source lesson
            if token not in judged:
                word = WITHOUT_MARKS.sub("", token).casefold()
                score: float | None = None
                if len(word) >= rule.spec.min_length and word not in allowed:
                    parts = word.replace("'", "-").split("-") if word not in table else [word]
                    score = min(table.get(part, 0.0) for part in parts if part) if parts else 0.0
                    if document.language == "ar":  # the rule since 2026-12-03: clitic-free forms count
                        score = max(score, *(table.get(stem, 0.0) for stem in clitic_free(word)))
                    if document.language == "de":  # the rule since 2026-12-03: a lemma's score counts
                        score = max(score, *(table.get(lemma, 0.0) for lemma in candidates(word, "de")))
                    if document.language == "de" and familiar_compound(word, lambda w: table.get(w, 0.0), threshold):
                        score = threshold  # the rule since 2026-12-03: compounds of familiar words
                    if score >= threshold or _defined(word, document.vocabulary):
                        score = None
                judged[token] = (word, score)
            word, score = judged[token]
            if score is None or word in seen:
                continue
            seen.add(word)
            yield finding(rule, unit.location(match.start()), match=token, zipf=score, limit=threshold)


@pytest.fixture(scope="module", autouse=True)
def _bucket_files(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Frequency tables read from bucket files in a cache folder, signed with a key of the test's own."""
    folder = tmp_path_factory.mktemp("words-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(folder / "key-home"))
        patch.setattr(cache_file, "_keys", {})
        resources.use_cache_dir(folder)
        resources.frequency_table.cache_clear()
        try:
            for language in ("en", "de", "ar"):
                resources.frequency_table(language)  # written cold
                resources.frequency_table.cache_clear()
                assert isinstance(resources.frequency_table(language)._source, resources.ShardFile), language
            yield
        finally:
            resources.frequency_table.cache_clear()
            resources.use_cache_dir(None)


def _same(document: Document) -> int:
    rule = _rule(document.language)
    fast = list(unfamiliar(rule, document))
    assert fast == list(_reference(rule, document))
    return len(fast)


REAL = [
    *sorted((ROOT / "lessons").rglob("*.md")),
    *sorted((ROOT / "docs").glob("*.md")),
    *sorted((ROOT / "locales" / "de").rglob("*.po")),
    *sorted((ROOT / "locales" / "ar").rglob("*.po")),
]


def test_same_findings_on_real_text() -> None:
    """Lessons, guides and docs in English, translations in German (nouns capitalised) and Arabic (vowel marks)."""
    reported = 0
    for path in REAL:
        language = "en" if path.suffix == ".md" else path.relative_to(ROOT / "locales").parts[0]
        text = path.read_text(encoding="utf-8")
        for band in ("4-7", "14-18"):
            document = text_document(path, text, language, "students", band)
            reported += _same(document)
            # The lesson's vocabulary defines some of its words: those are not reported.
            defined = frozenset(WORD.findall(text)[::7])
            reported += _same(dataclasses.replace(document, vocabulary=defined))
    assert reported > 500  # the texts do hold rare words: the comparison is not of two empty lists


def test_same_findings_on_all_of_the_lessons_as_one_document() -> None:
    """One long document: most of its parts then hold no token that was not met before."""
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in REAL if p.suffix == ".md")
    # Without the `:::` section lines every paragraph is one part that the students read.
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(":::"))
    assert _same(text_document(Path("all.md"), text, "en", "students", "11-13")) > 100


VOCABULARY = {
    "en": [
        "you",
        "You",
        "trusted",
        "adult",
        "sextortion",
        "Sextortion",
        "groomer",
        "groomers",
        "self-esteem",
        "rock'n'roll",
        "don't",
        "o'clock",
        "zxqvw",
        "zxqvw-trusted",
        "Amira",
        "naïve",
        "naïve",
        "café",
        "cafe\u0301",
        "livestreaming",
        "screenshot",
        "unbelievably",
        "perspicacious",
        "Perspicacious",
        "PERSPICACIOUS",
    ],
    "de": ["Vertrauensperson", "vertrauensperson", "Erpressung", "erpressung", "Übung", "ÜBUNG", "Hilfe", "zxqvw"],
    "ar": [
        "مرحبا",
        "متدخّل",
        "متدخل",
        "الإنترنت",
        "ابتزاز",
        "ابتزازٌ",
        "زxq",
    ],
}
GAPS = [" ", " ", ", ", ". ", "\n", "\n\n", "\n\n", " - ", "'", "-", "1"]


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["en", "de", "ar"]).flatmap(
        lambda language: st.tuples(
            st.just(language),
            st.lists(st.one_of(st.sampled_from(VOCABULARY[language]), st.sampled_from(GAPS)), max_size=80),
            st.frozensets(st.sampled_from(VOCABULARY[language]), max_size=3),
            st.sampled_from(["4-7", "8-10", "11-13", "14-18"]),
        )
    )
)
def test_same_findings_on_generated_text(case: tuple[str, list[str], frozenset[str], str]) -> None:
    language, pieces, defined, band = case
    document = text_document(Path("x.md"), "".join(pieces), language, "students", band)
    _same(dataclasses.replace(document, vocabulary=defined))


def test_words_with_a_line_separator_are_never_in_the_bucket_table() -> None:
    table = resources.frequency_table("en")
    assert table.get("you", 0.0) > 6.0 and "you" in table
    for word in ("you\tyou", "you\n", "\tyou", "you\t6.0\nyou", "", "\n", "\ud800you"):
        assert table.get(word, None) is None and word not in table
