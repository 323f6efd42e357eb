"""The `grammar` kind: rules stated as linguistic shapes, matched by the linguistic layer.

A pattern rule names wordings; a grammar rule names a shape ("the child is the subject of a
hindsight clause", "a label is said of the child, not negated"), and `lessonkit.check.linguistic`
finds it in any wording its lexicon can read. It runs on every sentence, so it is guarded by a
keyword pre-filter: each part's words are indexed once per document, a rule reads only the parts
that hold a form of a word of each of its needs (its lemma entries, modal words, subject words),
then only the sentences that do, and each sentence is analysed once per run, whatever the number
of grammar rules. The forms come from `lemmas.forms`, the inverse of the lemmatiser's suffix rules,
so the pre-filter never drops a sentence the analysis would report (tests/test_grammar_layer.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Final, cast

from lessonkit.check.document import Document, TextUnit
from lessonkit.check.kinds import finding, units
from lessonkit.check.linguistic.clauses import analyse
from lessonkit.check.linguistic.lemmas import forms
from lessonkit.check.linguistic.lexicon import LEXICONS
from lessonkit.check.linguistic.modality import COUNTERFACTUAL
from lessonkit.check.linguistic.shape import Shape, compile_shape, match
from lessonkit.check.linguistic.tokens import parts
from lessonkit.check.patterns import in_question
from lessonkit.check.rulebook import Rule
from lessonkit.diagnostics import Diagnostic
from lessonkit.problems import LessonkitError

# The words a modality needs: no clause has the modality without one of them.
_MODAL_WORDS: Final = {
    ("en", "counterfactual"): "have 've had 'd",
    ("en", "future"): "will 'll shall gonna going",
    ("en", "possible"): "could might may can",
    ("de", "counterfactual"): "hätte hättest hätten hättet hatte hattest wäre wärst wären wärest wärt",
    ("de", "future"): "werde wirst wird werdet werden",
    ("de", "possible"): "könnte könntest könnten kann kannst können dürfte",
}
_EN_HINDSIGHT: Final = ("should", "must", "could", "would", "might", "ought", "if", "had", "'d")
# Quoted words (a character's lines, or harmful wording cited to be avoided) are blanked when a rule skips them;
# German „...“ may reach here as „..." (plain text straightens closing quotes).
_QUOTED: Final = re.compile(
    '"[^"\\n]*"|\u201c[^\u201d\\n]*\u201d|\u201e[^\u201c\u201d"\\n]*[\u201c\u201d"]|\u00ab[^\u00bb\\n]*\u00bb|\u00bb[^\u00ab\\n]*\u00ab'
    "|\u2018[^\u2019\\n]*\u2019|(?<!\\w)'[^'\\n]*'(?!\\w)"
)


@dataclass(frozen=True)
class _Need:
    """Word lists a text must meet: some form of every word of at least one entry.

    `any` holds the forms of each entry's longest word, so most texts fail one set test; `rest`
    gives, for each of those forms, the other words (their forms) of the entries it stands for.
    """

    any: frozenset[str]
    rest: dict[str, tuple[tuple[frozenset[str], ...], ...]]

    def met(self, words: frozenset[str]) -> bool:
        """True when the words hold some form of every word of one entry."""
        for word in self.any.intersection(words):
            for others in self.rest[word]:
                if all(not other.isdisjoint(words) for other in others):
                    return True
        return False


def _need(entries: list[tuple[str, ...]], language: str) -> _Need:
    rest: dict[str, list[tuple[frozenset[str], ...]]] = {}
    for entry in entries:
        key = max(entry, key=len)
        others = tuple(forms(w, language) for i, w in enumerate(entry) if i != entry.index(key))
        for form in forms(key, language):
            rest.setdefault(form, []).append(others)
    return _Need(frozenset(rest), {form: tuple(found) for form, found in rest.items()})


@dataclass(frozen=True)
class _Compiled:
    """A rule's shape and its pre-filter: word lists a text must meet, every one, before it is analysed."""

    shape: Shape
    needs: tuple[_Need, ...]
    question: bool  # the shape is about questions: a text without a question mark cannot match

    def admits(self, words: frozenset[str], text: str) -> bool:
        """False when the text cannot hold the shape (the cheap test, before any analysis)."""
        if self.question and "?" not in text and "\u061f" not in text:
            return False
        return all(need.met(words) for need in self.needs)


# Punctuation becomes a space, so that `str.split` (in C) yields the words: a regex over every part of
# a megabyte of prose costs more than the rest of the pre-filter. Apostrophes and hyphens stay inside
# words, as the tokeniser keeps them; the pieces are added below.
_SPACES: Final = str.maketrans(
    {c: " " for c in '!"#$%&()*+,./:;<=>?@[\\]^_`{|}~'}
    | {c: " " for c in "\u00a0\u00ab\u00bb\u00bf\u00a1\u2013\u2014\u201c\u201d\u201e\u2026\u061f\u060c\u061b"}
    | {"\u2018": "'", "\u2019": "'", "\u02bc": "'"}
)


@lru_cache(maxsize=1 << 15)
def _words(text: str, language: str) -> frozenset[str]:
    """The lower-case words of a text, contractions and hyphenated words also as their parts.

    What the pre-filters look up; it holds every token norm the tokeniser would give (and more).
    Kept for the run: every grammar rule reads the same parts and sentences, one rule after another.
    """
    found = set(text.lower().translate(_SPACES).split())
    marked = [w for w in found if "'" in w or "-" in w]
    for word in marked:
        bare = word.strip("'-")
        found.add(bare)
        found.update(parts(bare, language))
        found.update(word.replace("'", " ").replace("-", " ").split())
    return frozenset(found)


@cache
def _compiled(rule: Rule) -> _Compiled:
    """The rule's shape and pre-filter; a problem is reported at the rule's place in its file."""
    language = rule.language
    if language not in LEXICONS:
        raise LessonkitError(f"{rule.location}: rule {rule.id}: the linguistic layer has no lexicon for '{language}'")
    try:
        shape = compile_shape(rule.spec.shape, rule.define)
    except ValueError as err:
        raise LessonkitError(f"{rule.location}: rule {rule.id}: {err}") from err
    lexicon = LEXICONS[language]
    needs: list[_Need] = []
    if shape.lemmas:
        needs.append(_need(list(shape.lemmas), language))
    if shape.also:
        needs.append(_need(list(shape.also), language))
    question = shape.modality == frozenset({"question"})
    if shape.modality is not None and not question and "statement" not in shape.modality:
        words = [_MODAL_WORDS.get((language, m)) for m in sorted(shape.modality)]
        if all(words):
            needs.append(_need([(w,) for w in " ".join(w for w in words if w).split()], language))
        if shape.modality == frozenset({COUNTERFACTUAL}) and language == "en":
            needs.append(_need([(w,) for w in _EN_HINDSIGHT], language))  # and a modal, "if" or "had"
    if shape.subject is not None and not shape.subject & {"none", "person"}:
        needs.append(_need([(w,) for w, who in lexicon.who.items() if who in shape.subject], language))
    if shape.mentions and not shape.lemmas:
        needs.append(_need([(w,) for w, who in lexicon.who.items() if who in shape.mentions], language))
    # The rarest words first: most texts fail the first test.
    return _Compiled(shape, tuple(sorted(needs, key=lambda need: len(need.any))), question)


def _blank_quotes(text: str) -> str:
    return _QUOTED.sub(lambda m: " " * len(m.group()), text)


@dataclass(frozen=True)
class _Parts:
    """Some parts of a document, in its order: what `units` walks (with its time budget) for one rule."""

    units: tuple[TextUnit, ...]


# The words of each part of the documents being checked, inverted (word -> numbers of the parts that
# hold it), so that a rule finds its candidate parts by looking up its rarest words, not by testing
# every part. The grammar rules read a document one after another: a few documents are kept.
_KEPT_DOCUMENTS: Final = 8
_indexes: dict[int, tuple[object, str, dict[str, list[int]]]] = {}


def _index(document: Document, language: str) -> dict[str, list[int]]:
    # Keyed by the parts themselves: the engine may hand each rule its own view of one document.
    parts = document.units
    kept = _indexes.get(id(parts))
    if kept is not None and kept[0] is parts and kept[1] == language:
        return kept[2]
    index: dict[str, list[int]] = {}
    for number, unit in enumerate(document.units):
        for word in _words(unit.plain, language):
            index.setdefault(word, []).append(number)
    if len(_indexes) >= _KEPT_DOCUMENTS:
        _indexes.clear()
    _indexes[id(parts)] = (parts, language, index)
    return index


def _candidates(compiled: _Compiled, document: Document, language: str) -> Document | _Parts:
    """The parts that hold a word of each of the rule's needs (all parts when the rule has no word to look for)."""
    if not compiled.needs:
        return document
    index = _index(document, language)
    numbers: set[int] | None = None
    for need in compiled.needs:  # a part must hold a word of every need
        holding: set[int] = set()
        for word in need.any:
            holding.update(index.get(word, ()))
        numbers = holding if numbers is None else numbers & holding
        if not numbers:
            break
    return _Parts(tuple(document.units[n] for n in sorted(numbers or ())))


def grammar(rule: Rule, document: Document) -> Iterator[Diagnostic]:
    """Report each sentence with a clause of the rule's shape, at the word the shape reacted to."""
    compiled = _compiled(rule)
    language = rule.language
    reading = _candidates(compiled, document, language)
    # `units` reads only `.units` (and keeps the time budget): the candidate parts stand in for the document.
    for unit in units(rule, cast(Document, reading)):
        text = unit.plain
        if not compiled.admits(_words(text, language), text):
            continue
        from lessonkit.check.sentences import sentences  # only for parts that may hold the shape

        for sentence in sentences(unit):
            if not compiled.admits(_words(sentence.text, language), sentence.text):
                continue
            judged = _blank_quotes(sentence.text) if rule.spec.skip_quoted else sentence.text
            if judged != sentence.text and not compiled.admits(_words(judged, language), judged):
                continue
            if rule.spec.skip_questions and in_question(text, sentence.start):
                continue
            found = match(compiled.shape, analyse(judged, language), language)
            if found is None:
                continue
            clause, where = found
            first, last = clause.tokens[0], clause.tokens[-1]
            word = clause.tokens[where]
            yield finding(
                rule,
                unit.location(sentence.start + word.start),
                match=judged[first.start : last.end],
                word=judged[word.start : word.end],
            )
