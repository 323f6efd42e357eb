"""The `grammar` kind: rules stated as linguistic shapes, matched by the linguistic layer.

A pattern rule names wordings; a grammar rule names a shape ("the child is the subject of a
hindsight clause", "a label is said of the child, not negated"), and `lessonkit.check.linguistic`
finds it in any wording its lexicon can read. It runs on every sentence, so it is guarded by a
keyword pre-filter: each part's words are indexed once per document (shared by every grammar
rule), a rule reads only the parts that meet each of its needs (some form of every word of one of
its lemma entries, a modal word, a subject word), found from that index, then only the sentences
that do, and each sentence is analysed once per run, whatever the number of grammar rules. The
forms come from `lemmas.forms`, the inverse of the lemmatiser's suffix rules, so the pre-filter
never drops a sentence the analysis would report (tests/test_grammar_layer.py); the index gives
exactly the parts the needs' own test keeps (tests/test_grammar_speed.py).

Start-up: a rule's needs are made on first use, the shortest list first, so a small file that
fails a rule's first need never expands its other lists; importing the kind and the layer builds
no pattern and no dataclass (named tuples and slotted classes cost a fraction to create).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Final, cast

from lessonkit.check.document import Document, TextUnit
from lessonkit.check.kinds import finding, units
from lessonkit.check.kinds.exceptions import Excepted, exceptions_of
from lessonkit.check.linguistic.arabic import words as arabic_words
from lessonkit.check.linguistic.lemmas import forms
from lessonkit.check.linguistic.lexicon import LEXICONS
from lessonkit.check.linguistic.modality import COUNTERFACTUAL
from lessonkit.check.linguistic.shape import compile_shape, match
from lessonkit.check.linguistic.tokens import parts
from lessonkit.check.patterns import in_question
from lessonkit.check.quotation import aligned_words, blank_quoted, sentence_origin
from lessonkit.problems import LessonkitError

if TYPE_CHECKING:
    from lessonkit.check.linguistic.clauses import Clause
    from lessonkit.check.linguistic.shape import Shape
    from lessonkit.check.rulebook import Rule
    from lessonkit.diagnostics import Diagnostic

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


class _Need:
    """Word lists a text must meet: some form of every word of at least one entry.

    `single` holds the forms of the one-word entries (most entries: one set test decides them);
    `rest` gives, for each form of a longer entry's longest word, the other words' forms of the
    entries it stands for; `multi` holds each longer entry as the forms of each of its words,
    longest word first (what the document index intersects); `any` is every form that can start
    to meet the need. Plain slotted classes here, not dataclasses: a dataclass's generated
    methods cost more to make at every start-up than the few lines written out.
    """

    __slots__ = ("any", "multi", "rest", "single")

    def __init__(
        self,
        single: frozenset[str],
        rest: dict[str, tuple[tuple[frozenset[str], ...], ...]],
        multi: tuple[tuple[frozenset[str], ...], ...],
    ) -> None:
        self.single: Final = single
        self.rest: Final = rest
        self.multi: Final = multi
        self.any: Final = single.union(rest)

    def met(self, words: frozenset[str]) -> bool:
        """True when the words hold some form of every word of one entry."""
        if not self.single.isdisjoint(words):
            return True
        rest = self.rest
        if rest:
            for word in rest.keys() & words:
                for others in rest[word]:
                    if all(not other.isdisjoint(words) for other in others):
                        return True
        return False


def _need(entries: tuple[tuple[str, ...], ...], language: str) -> _Need:
    singles: list[frozenset[str]] = []
    rest: dict[str, list[tuple[frozenset[str], ...]]] = {}
    multi: list[tuple[frozenset[str], ...]] = []
    for entry in entries:
        if len(entry) == 1:
            singles.append(forms(entry[0], language))
            continue
        key = max(entry, key=len)
        at = entry.index(key)
        others = tuple(forms(w, language) for i, w in enumerate(entry) if i != at)
        for form in forms(key, language):
            rest.setdefault(form, []).append(others)
        multi.append((forms(key, language), *others))
    return _Need(frozenset().union(*singles), {form: tuple(found) for form, found in rest.items()}, tuple(multi))


class _Compiled:
    """A rule's shape and its pre-filter: word lists a text must meet, every one, before it is analysed.

    Each need is made (its words' forms looked up) on first use, in order of its entry count,
    the fewest first: a small file fails most rules' first need, and their other needs, often
    the rules' lemma lists of a few hundred forms, are then never made.
    """

    __slots__ = ("_entries", "_language", "_made", "question", "shape")

    def __init__(
        self, shape: Shape, entries: tuple[tuple[tuple[str, ...], ...], ...], language: str, question: bool
    ) -> None:
        self.shape: Final = shape
        self.question: Final = question  # the shape is about questions: a text without a question mark cannot match
        self._entries: Final = entries
        self._language: Final = language
        self._made: list[_Need] = []

    def needs(self) -> Iterator[_Need]:
        """The needs in order, each made when it is first reached."""
        made = self._made
        if len(made) == len(self._entries):
            yield from made
            return
        for number, entries in enumerate(self._entries):
            if number == len(made):
                made.append(_need(entries, self._language))
            yield made[number]

    def admits(self, words: frozenset[str], text: str) -> bool:
        """False when the text cannot hold the shape (the cheap test, before any analysis)."""
        if self.question and "?" not in text and "\u061f" not in text:
            return False
        return all(need.met(words) for need in self.needs())


# Punctuation becomes a space, so that `str.split` (in C) yields the words: a regex over every part of
# a megabyte of prose costs more than the rest of the pre-filter. Apostrophes and hyphens stay inside
# words, as the tokeniser keeps them; the pieces are added below.
_SPACES: Final = str.maketrans(
    {c: " " for c in '!"#$%&()*+,./:;<=>?@[\\]^_`{|}~'}
    | {c: " " for c in "\u00a0\u00ab\u00bb\u00bf\u00a1\u2013\u2014\u201c\u201d\u201e\u2026\u061f\u060c\u061b"}
    | {"\u2018": "'", "\u2019": "'", "\u02bc": "'"}
)


def _read_words(text: str, language: str) -> frozenset[str]:
    """The lower-case words of a text, contractions and hyphenated words also as their parts.

    What the pre-filters look up; it holds every token norm the tokeniser would give (and more).
    Kept for the run: every grammar rule reads the same parts and sentences, one rule after another.
    A text without an apostrophe or a hyphen (half the parts of a megabyte of prose) is one split
    into a frozenset, without a look at each word for the marks and a copy of the set.
    """
    if language == "ar":
        # Vowel marks dropped and clitics taken off: each word with its candidate lemmas, so that
        # `lemmas.forms` of an Arabic lemma is the lemma itself (linguistic/arabic.py).
        return arabic_words(text)
    spaced = text.lower().translate(_SPACES)
    if "'" not in spaced and "-" not in spaced:
        return frozenset(spaced.split())
    found = set(spaced.split())
    for word in [w for w in found if "'" in w or "-" in w]:
        found.update(_marked(word, language))
    return frozenset(found)


# How many words the kept word sets may hold in all. An Arabic text's set holds each word's candidate
# lemmas (a dozen strings per word): a 240,000-character part of distinct words gives 320,000, about
# 50 MB, and a cache bounded only by its number of texts (32,768) kept that for every part of every
# file read. A megabyte of prose holds far fewer words in all its parts and sentences, so nothing
# is dropped in a real run; past the bound the oldest sets are dropped and made again when needed.
_WORDS_KEPT: Final = 4_000_000


class _KeptWords:
    """`_read_words` kept for the run, bounded by the words held, not by the number of texts."""

    __slots__ = ("held", "size")
    __wrapped__ = staticmethod(_read_words)  # the uncached function, as functools' caches expose it

    def __init__(self) -> None:
        self.held: dict[tuple[str, str], frozenset[str]] = {}
        self.size = 0

    def __call__(self, text: str, language: str) -> frozenset[str]:
        key = (text, language)
        found = self.held.get(key)
        if found is None:
            found = _read_words(text, language)
            held = self.held
            held[key] = found
            self.size += len(found) + 1
            while self.size > _WORDS_KEPT and len(held) > 1:
                self.size -= len(held.pop(next(iter(held)))) + 1  # the oldest first
        return found


_words: Final = _KeptWords()


@lru_cache(maxsize=1 << 14)
def _marked(word: str, language: str) -> tuple[str, ...]:
    """What a word with an apostrophe or a hyphen adds: itself bare, its contraction's parts, its pieces.

    Kept for the run: the same few hundred such words ("don't", "it's", "e-mail") recur in every part.
    """
    bare = word.strip("'-")
    return (bare, *parts(bare, language), *word.replace("'", " ").replace("-", " ").split())


@cache
def _compiled(rule: Rule) -> _Compiled:
    """The rule's shape and pre-filter; a problem is reported at the rule's place in its file."""
    language = rule.language
    if language not in LEXICONS:
        raise LessonkitError(f"{rule.location}: rule {rule.id}: the linguistic layer has no lexicon for '{language}'")
    try:
        shape = compile_shape(rule.spec.shape, rule.define, language)
    except ValueError as err:
        raise LessonkitError(f"{rule.location}: rule {rule.id}: {err}") from err
    if rule.spec.exceptions:
        exceptions_of(rule)  # a bad exception is reported with the rule, on any text
    lexicon = LEXICONS[language]
    needs: list[tuple[tuple[str, ...], ...]] = []
    if shape.lemmas:
        needs.append(shape.lemmas)
    if shape.also:
        needs.append(shape.also)
    question = shape.modality == frozenset({"question"})
    if shape.modality is not None and not question and "statement" not in shape.modality:
        words = [_MODAL_WORDS.get((language, m)) for m in sorted(shape.modality)]
        if all(words):
            needs.append(tuple((w,) for w in " ".join(w for w in words if w).split()))
        if shape.modality == frozenset({COUNTERFACTUAL}) and language == "en":
            needs.append(tuple((w,) for w in _EN_HINDSIGHT))  # and a modal, "if" or "had"
    # Where the subject pronoun may be dropped, the child is the subject of "aceptaste" with no word of
    # `who` in the sentence: that need would drop what the analysis reports.
    if shape.subject is not None and not shape.subject & {"none", "person"} and not lexicon.pro_drop:
        needs.append(tuple((w,) for w, who in lexicon.who.items() if who in shape.subject))
    if shape.mentions and not shape.lemmas:
        needs.append(tuple((w,) for w, who in lexicon.who.items() if who in shape.mentions))
    # The shortest lists first: most texts fail the first test (and the later needs are not made).
    return _Compiled(shape, tuple(sorted(needs, key=len)), language, question)


class _Parts:
    """Some parts of a document, in its order: what `units` walks (with its time budget) for one rule."""

    __slots__ = ("units",)

    def __init__(self, units: tuple[TextUnit, ...]) -> None:
        self.units: Final = units


class _Index:
    """The words of a document's parts, inverted: word -> numbers of the parts that hold it.

    A rule finds its candidate parts by looking up its words, not by testing every part. Built
    once per document and shared by every grammar rule (they read a document one after another);
    the parts holding some form of a word are kept too, as several entries and rules share words.
    """

    __slots__ = ("holding", "words")

    def __init__(self, words: dict[str, list[int]]) -> None:
        self.words: Final = words
        self.holding: Final[dict[frozenset[str], set[int]]] = {}

    def with_any(self, found: frozenset[str]) -> set[int]:
        """The parts that hold one of these words (a set the caller must not change)."""
        kept = self.holding.get(found)
        if kept is None:
            kept = set()
            words = self.words
            for word in words.keys() & found:  # in C, over the smaller of the two
                kept.update(words[word])
            self.holding[found] = kept
        return kept

    def meeting(self, need: _Need) -> set[int]:
        """The parts whose words meet the need: exactly those where `need.met` holds."""
        found = set(self.with_any(need.single))
        for entry in need.multi:
            common: set[int] | None = None
            for forms_ in entry:  # the longest word first: most often the rarest
                common = set(self.with_any(forms_)) if common is None else common & self.with_any(forms_)
                if not common:
                    break
            found |= common or set()
        return found


_KEPT_DOCUMENTS: Final = 8
_indexes: dict[int, tuple[object, str, _Index]] = {}


def _index(document: Document, language: str) -> _Index:
    # Keyed by the parts themselves: the engine may hand each rule its own view of one document.
    held = document.units
    kept = _indexes.get(id(held))
    if kept is not None and kept[0] is held and kept[1] == language:
        return kept[2]
    # A defaultdict, not `setdefault(word, [])`: that made (and dropped) a list for each of the
    # hundred thousand words of a megabyte of prose.
    words: defaultdict[str, list[int]] = defaultdict(list)
    for number, unit in enumerate(held):
        for word in _words(unit.plain, language):
            words[word].append(number)
    index = _Index(words)
    if len(_indexes) >= _KEPT_DOCUMENTS:
        _indexes.clear()
    _indexes[id(held)] = (held, language, index)
    return index


def _candidates(compiled: _Compiled, document: Document, language: str) -> Document | _Parts:
    """The parts whose words meet every need of the rule (all parts when the rule has no word to look for).

    Exactly the parts `_Compiled.admits` would keep, but found from the index: an entry of several
    words takes the parts that hold a form of each of its words, not every part holding its
    longest word ("be on you": the parts with "you", a third of a megabyte of prose).
    """
    index: _Index | None = None
    numbers: set[int] | None = None
    for need in compiled.needs():  # a part must meet every need
        index = index or _index(document, language)
        holding = index.meeting(need)
        numbers = holding if numbers is None else numbers & holding
        if not numbers:
            break
    if index is None:
        return document  # no word to look for
    return _Parts(tuple(document.units[n] for n in sorted(numbers or ())))


def _in_exception(spans: Excepted, sentence: str, start: int, text: str) -> Callable[[Clause], bool]:
    """Whether a clause of this sentence lies wholly inside one of the rule's exception matches in `text`."""

    def within(clause: Clause) -> bool:
        first, last = clause.tokens[0], clause.tokens[-1]
        low = _offset(sentence, start, text, first.start)
        return spans.covers(low, _offset(sentence, start, text, last.end - 1) + 1)

    return within


def _offset(sentence: str, start: int, text: str, index: int) -> int:
    """Where the character at `index` of `sentence` is in `text` (`start + index` should the two not line up).

    The sentence begins with any marks before its first word (at `start`) and has each run of
    whitespace as one space, as `check.sentences` gives it, so a word after blanked markup
    ('**so** naive') or a line break is further on in `text` than in the sentence.
    """
    origin = sentence_origin(sentence, start, text)
    if origin < 0:
        return start + index
    for place in aligned_words(sentence, origin, text):
        if place is None:
            break
        into, at, length = place
        if index < into + length:
            return at + index - into
    return start + index


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
        spans: Excepted | None = None  # the rule's exceptions in this part, found when needed
        # Imported here: only parts that may hold the shape need the splitter and the analyser.
        from lessonkit.check.linguistic.clauses import analyse
        from lessonkit.check.sentences import sentences

        for sentence in sentences(unit):
            if not compiled.admits(_words(sentence.text, language), sentence.text):
                continue
            # Quoted words (a character's lines, or wording cited to be avoided), by the one definition
            # of quotation the pattern rules also skip: it reads the whole part (a quotation may run
            # over several sentences; „...“ closes at its own mark).
            judged = blank_quoted(sentence.text, sentence.start, text) if rule.spec.skip_quoted else sentence.text
            if judged != sentence.text and not compiled.admits(_words(judged, language), judged):
                continue
            if rule.spec.skip_questions and in_question(text, sentence.start):
                continue
            skip = None
            if rule.spec.exceptions:
                spans = Excepted(rule, text, unit.folded) if spans is None else spans
                skip = _in_exception(spans, sentence.text, sentence.start, text) if spans.any() else None
            found = match(compiled.shape, analyse(judged, language), language, skip)
            if found is None:
                continue
            clause, where = found
            first, last = clause.tokens[0], clause.tokens[-1]
            word = clause.tokens[where]
            yield finding(
                rule,
                unit.location(_offset(sentence.text, sentence.start, text, word.start)),
                match=judged[first.start : last.end],
                word=judged[word.start : word.end],
            )
