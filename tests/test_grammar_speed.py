"""The grammar kind's fast paths give exactly what the slow ones gave (issue 18, speed only).

- `_words` answers as the word-by-word version it replaced (kept here as the reference);
- the candidate parts found from the document index are exactly the parts whose words meet every
  need of the rule, as `_Need.met` reads them on each part (the test the index stands in for);
- `_Need.met` is "some entry has a form of each of its words in the text", whatever the entry sizes;
- needs made one at a time, on first use, are the needs made all at once;
- the tokeniser, the clause splitter and the "talks about wording" mark answer as the versions
  they replaced (kept here as references), and a text without a quotation is judged as it is;
- a shape's lemma lists are found in a clause where the replaced lookup found them;
- importing the kind compiles no pattern (a small file's check never needs one).
Real text (the tone corpus, the grammar examples) and generated text (hypothesis) alike.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.check import quotation
from lessonkit.check.document import TextUnit
from lessonkit.check.documents import text_document
from lessonkit.check.kinds import grammar as grammar_kind
from lessonkit.check.linguistic import clauses, modality, shape, tokens
from lessonkit.check.linguistic.lemmas import candidates, forms
from lessonkit.check.linguistic.lexicon import LEXICONS
from lessonkit.check.linguistic.tokens import Token, parts
from lessonkit.check.rulebook import Rule, load_rulebook
from lessonkit.check.sentences import sentences

ROOT = Path(__file__).resolve().parent.parent
BOOK = load_rulebook(ROOT / "rules")
GRAMMAR_RULES = [r for r in BOOK.rules if r.spec.kind == "grammar"]


def _reference_words(text: str, language: str) -> frozenset[str]:
    """`_words` as it was: every word tested for an apostrophe or a hyphen, its pieces added."""
    found = set(text.lower().translate(grammar_kind._SPACES).split())
    marked = [w for w in found if "'" in w or "-" in w]
    for word in marked:
        bare = word.strip("'-")
        found.add(bare)
        found.update(parts(bare, language))
        found.update(word.replace("'", " ").replace("-", " ").split())
    return frozenset(found)


def _tone_texts(language: str) -> list[str]:
    texts = [
        item["text"]
        for path in sorted((ROOT / "corpus" / "tone" / language).glob("*.yml"))
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]
    ]
    for groups in yaml.safe_load(
        (ROOT / "tests" / "checker_examples" / "grammar.yml").read_text(encoding="utf-8")
    ).values():
        for group in groups:
            if group["lang"] == language:
                texts += [t for key in ("flag", "pass") for t in group.get(key, []) if isinstance(t, str)]
    return texts


PIECES = [
    "you", "You", "shouldn't've", "could've", "you'd", "can't", "cannot", "won't", "it's", "Maya's", "'s",
    "well-known", "-", "--", "'", "''", "'quoted'", "\u2018quoted\u2019", "don\u2019t", "I\u02bcm", "l'école",
    "co-operate", "self-esteem", "naive", "naïve", "Naiv", "hättest", "wärst", "Kinder", "trusted", "trusting",
    "be", "on", "is", "mistake", "your", "life", "ruined", "forever", "never", "no", "one", "will", "ever",
    "have", "had", "if", "why", "how", "come", "hurt", "them", "du", "bist", "so", "dumm", "x", "42", "Straße",
]  # fmt: skip
GAPS = [
    " ",
    " ",
    "  ",
    "\n",
    ". ",
    "! ",
    "? ",
    ", ",
    "; ",
    ": ",
    " - ",
    " \u2013 ",
    '"',
    "'",
    "(",
    ")",
    "\u201e",
    "\u201c",
    "\u00a0",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from(GAPS)), max_size=60), st.sampled_from(["en", "de"]))
def test_words_of_word_salad_are_the_reference_words(pieces: list[str], language: str) -> None:
    text = "".join(pieces)
    assert grammar_kind._words.__wrapped__(text, language) == _reference_words(text, language)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=120), st.sampled_from(["en", "de"]))
def test_words_of_any_characters_are_the_reference_words(text: str, language: str) -> None:
    assert grammar_kind._words.__wrapped__(text, language) == _reference_words(text, language)


@pytest.mark.parametrize("language", ["en", "de"])
def test_words_of_real_text_are_the_reference_words(language: str) -> None:
    texts = _tone_texts(language)
    assert len(texts) > 500
    for text in texts:
        assert grammar_kind._words.__wrapped__(text, language) == _reference_words(text, language), text


def _met_by_definition(entries: tuple[tuple[str, ...], ...], words: frozenset[str], language: str) -> bool:
    return any(all(not forms(w, language).isdisjoint(words) for w in entry) for entry in entries)


ENTRY_WORDS = ["be", "on", "you", "your", "mistake", "own", "choice", "naive", "so", "trust", "hurt", "them", "find"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(ENTRY_WORDS), min_size=1, max_size=3).map(tuple), min_size=1, max_size=6),
    st.sets(st.sampled_from(sorted({f for w in ENTRY_WORDS for f in forms(w, "en")} | {"the", "a"}))),
)
def test_a_need_is_met_when_some_entry_has_a_form_of_each_of_its_words(
    entries: list[tuple[str, ...]], words: set[str]
) -> None:
    need = grammar_kind._need(tuple(entries), "en")
    assert need.met(frozenset(words)) == _met_by_definition(tuple(entries), frozenset(words), "en")


def _admitted_by_every_need(rule: Rule, document_units: tuple[object, ...]) -> list[object]:
    """The parts the index stands in for: those whose words meet every need (a question mark aside)."""
    compiled = grammar_kind._compiled(rule)
    needs = list(compiled.needs())
    return [
        unit
        for unit in document_units
        if all(need.met(grammar_kind._words(unit.plain, rule.language)) for need in needs)  # type: ignore[attr-defined]
    ]


def _candidate_units(rule: Rule, text: str) -> tuple[list[object], list[object]]:
    document = text_document(Path("t.md"), text, rule.language, "students", "11-13")
    reading = grammar_kind._candidates(grammar_kind._compiled(rule), document, rule.language)
    return list(reading.units), _admitted_by_every_need(rule, document.units)


@pytest.mark.parametrize("rule", GRAMMAR_RULES, ids=lambda r: f"{r.language}:{r.id}")
def test_candidate_parts_are_exactly_the_parts_meeting_every_need(rule: Rule) -> None:
    texts = _tone_texts(rule.language)
    found, expected = _candidate_units(rule, "\n\n".join(texts))
    assert found == expected
    if rule.id.endswith(("labels", "hindsight-child", "catastrophising")):
        assert found, "the rule's own corpus should give it parts to read"


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.lists(st.one_of(st.sampled_from(PIECES + ENTRY_WORDS), st.sampled_from(GAPS)), max_size=30), max_size=8
    ),
    st.sampled_from(GRAMMAR_RULES),
)
def test_candidate_parts_of_generated_documents(paragraphs: list[list[str]], rule: Rule) -> None:
    text = "\n\n".join("".join(p) for p in paragraphs)
    found, expected = _candidate_units(rule, text)
    assert found == expected


@pytest.mark.parametrize("rule", GRAMMAR_RULES, ids=lambda r: f"{r.language}:{r.id}")
def test_needs_made_on_first_use_are_the_needs_made_at_once(rule: Rule) -> None:
    compiled = grammar_kind._compiled.__wrapped__(rule)
    # Only the first is made. A rule may have none: where the subject pronoun may be dropped (es, ar)
    # and no modal word marks the shape, every sentence is analysed.
    first = next(compiled.needs(), None)
    lazily = list(compiled.needs())
    eager = [grammar_kind._need(entries, rule.language) for entries in compiled._entries]
    assert lazily[0] is first if lazily else first is None
    assert [(n.single, n.rest, n.multi) for n in lazily] == [(n.single, n.rest, n.multi) for n in eager]
    assert [len(e) for e in compiled._entries] == sorted(len(e) for e in compiled._entries)


def test_importing_the_kind_compiles_no_pattern() -> None:
    """A check whose pre-filter admits no sentence never tokenises or blanks quotes: nothing is compiled at import."""
    code = (
        "import lessonkit.check.kinds.grammar as g\n"
        "from lessonkit.check.linguistic import tokens\n"
        "print(tokens._WORD._compiled is None, tokens._ARABIC_WORD._compiled is None)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["True", "True"]


def _reference_tokenise(text: str, language: str) -> list[Token]:
    """`tokenise` as it was: every word's norm translated, every Token made through its constructor."""
    found: list[Token] = []
    for match in tokens._WORD.finditer(text):
        word = match.group()
        norm = word.lower().translate(tokens._APOSTROPHES)
        start, end = match.span()
        if language == "en" and ("'" in norm or norm in tokens._WHOLE):
            found.extend(tokens._split_contraction(start, end, word, norm))
        else:
            found.append(Token(start, end, word, norm))
    return found


def _reference_clauses(text: str, found: list[Token], language: str) -> list[list[Token]]:
    """`split` as it was: the gap before each word scanned character by character in Python."""
    lexicon = LEXICONS.get(language)
    openers = lexicon.openers if lexicon is not None else frozenset()
    parts_: list[list[Token]] = [[]]
    previous_end = 0
    leading_only = True
    for index, token in enumerate(found):
        gap = text[previous_end : token.start]
        cut = any(char in clauses._CUTS for char in gap)
        if not cut and token.norm in openers and parts_[-1] and token.start != previous_end:
            if token.norm in clauses._WEAK_OPENERS:
                following = found[index + 1] if index + 1 < len(found) else None
                cut = following is not None and lexicon is not None and following.norm in lexicon.who
            else:
                cut = True
        if cut and leading_only:
            cut = False
        if cut and parts_[-1]:
            moved = [parts_[-1].pop()] if parts_[-1][-1].norm in clauses._LEADING and len(parts_[-1]) > 1 else []
            parts_.append(moved)
            leading_only = True
        parts_[-1].append(token)
        leading_only = leading_only and token.norm in clauses._LEADING
        previous_end = token.end
    return [c for c in parts_ if c]


def _reference_passive(found: tuple[Token, ...], language: str) -> bool:
    """`modality.passive` as it was: the last German participle looked for in every language.

    Since the twenty-eighth session a German clause with "worden" is passive ("... angeschrieben worden"): a change
    of what is read, not of speed, so the reference has it too.
    """
    norms = [t.norm for t in found]
    if language == "de" and "worden" in norms:
        return True
    last_participle = max((i for i, n in enumerate(norms) if n.startswith("ge") and n.endswith("t")), default=-1)
    for i, norm in enumerate(norms[:-1]):
        if norm not in modality._BE:
            continue
        following = norms[i + 1]
        if language == "en" and (
            following in modality._PARTICIPLES or (following.endswith("ed") and len(following) > 4)
        ):
            return True
        if language == "de" and norm.startswith("w") and last_participle >= i:
            return True
    return False


def _same_analysis(text: str, language: str) -> None:
    found = tokens.tokenise(text, language)
    reference = _reference_tokenise(text, language)
    assert found == reference and all(type(t) is Token for t in found), text
    assert clauses.split(text, found, language) == _reference_clauses(text, reference, language), text
    lexicon = LEXICONS[language]
    analysis = clauses.analyse.__wrapped__(text, language)
    talks_of_wording = (
        any(t.norm in lexicon.meta for t in reference)
        or clauses._directive(clauses._without_aside(reference, text))
        or (
            language == "de"
            and (clauses._pretends(reference) or clauses._GERMAN_QUESTION_REPORTED.search(text) is not None)
        )
        or (clauses._reported(list(analysis.clauses), lexicon, language) and not clauses._confirmed(reference, lexicon))
    )
    assert analysis.meta == talks_of_wording, text
    assert [c.passive for c in analysis.clauses] == [_reference_passive(c.tokens, language) for c in analysis.clauses]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from(GAPS)), max_size=60), st.sampled_from(["en", "de"]))
def test_tokens_and_clauses_of_word_salad_are_the_reference_ones(pieces: list[str], language: str) -> None:
    _same_analysis("".join(pieces), language)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=120), st.sampled_from(["en", "de"]))
def test_tokens_and_clauses_of_any_characters_are_the_reference_ones(text: str, language: str) -> None:
    _same_analysis(text, language)


@pytest.mark.parametrize("language", ["en", "de"])
def test_tokens_and_clauses_of_real_text_are_the_reference_ones(language: str) -> None:
    for text in _tone_texts(language):
        _same_analysis(text, language)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from(GAPS)), max_size=40))
def test_a_sentence_without_a_quotation_is_judged_as_it_is(pieces: list[str]) -> None:
    """Quotes are blanked by check/quotation.py (the one definition): a text that quotes nothing is left alone."""
    text = "".join(pieces)
    if quotation.quotations(text).starts:
        return
    unit = TextUnit("section", "body", Path("x.md"), 1, 1, text, text)
    for sentence in sentences(unit):
        assert quotation.blank_quoted(sentence.text, sentence.start, text) == sentence.text


def _reference_span(
    entries: tuple[tuple[str, ...], ...], found: tuple[Token, ...], language: str
) -> tuple[int, int] | None:
    """`shape._span` as it was: each word looked up by its form and then by every candidate (the form again)."""
    index = shape._index(entries)
    for position, token in enumerate(found):
        for key in (token.norm, *candidates(token.norm, language)):
            for entry in index.get(key, ()):
                end = position + len(entry)
                if end <= len(found) and all(shape._is(w, found[position + k], language) for k, w in enumerate(entry)):
                    return position, end
    return None


@pytest.mark.parametrize("language", ["en", "de"])
def test_lemma_lists_are_found_where_the_replaced_lookup_found_them(language: str) -> None:
    shapes = [grammar_kind._compiled(rule).shape for rule in GRAMMAR_RULES if rule.language == language]
    lists = {entries for s in shapes for entries in (s.lemmas, s.also, s.unless, s.unless_sentence) if entries}
    found = 0
    for text in _tone_texts(language):
        for clause in clauses.analyse(text, language).clauses:
            for entries in lists:
                span = shape._span(entries, clause.tokens, language)
                assert span == _reference_span(entries, clause.tokens, language), (text, entries[:3])
                found += span is not None
    assert found > 100
