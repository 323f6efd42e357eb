"""The shapes of rule files: what a clause must be for a `grammar` rule to report it.

A shape is a mapping of plain strings (lists are written `a|b|c`, and `{NAME}` inserts a list
from the rule file's `define:`):
  - `subject`: classes of the clause's subject (`lexicon.WHO`, or `any`, `none`);
  - `lemmas`: the clause holds a word with one of these lemmas (an entry may be several words);
  - `also`: it holds one of these as well (anywhere in the clause);
  - `unless`: it holds none of these; `unless_sentence`: nor does its sentence (words that clear it:
    "fault", "lie", "okay": "if you had known it was a scam you would not have replied; scammers lie");
  - `mentions`: the clause's subject or some word of it names one of these classes (`family`, `school`, `future`...);
  - `modality`: one of counterfactual, future, possible, question, statement (or `any`, alone);
  - `negated`: `no` (the default: a negator governing the `lemmas` word, or anywhere in the clause
    when there is none, rules it out), `yes`, or `any`;
  - `voice`: `active`, `passive` ("you should have been asked": the subject is acted on) or `any` (the default);
  - `attributive`: `no` keeps a `lemmas` word only when it is said of the subject or of a person ("Leo is
    silly", "a silly kid"), not of a thing ("a silly hat"); `yes` (the default) keeps it anywhere;
  - `within`: `clause` (the default) or `sentence`: where `also` and `mentions` are looked for.
A list that comes out empty (`"|"`, or a `define` entry with no words) is an error: it would put no
condition on the clause. `any` stands alone in a list; `negated`, `voice`, `attributive`, `within` take one value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Final, NamedTuple

from lessonkit.check import macros
from lessonkit.check.linguistic.lemmas import candidates
from lessonkit.check.linguistic.lexicon import LEXICONS, WHO
from lessonkit.check.linguistic.modality import MODALITIES

if TYPE_CHECKING:  # only `match` reads analyses, and its caller made them: no import of the analyser here
    from lessonkit.check.linguistic.clauses import Analysis, Clause
    from lessonkit.check.linguistic.tokens import Token

KEYS: Final = (
    "subject",
    "lemmas",
    "also",
    "unless",
    "unless_sentence",
    "mentions",
    "modality",
    "negated",
    "voice",
    "attributive",
    "within",
)
_CHOICES: Final = {
    "subject": (*WHO, "any", "none"),
    "mentions": WHO,
    "modality": (*MODALITIES, "any"),
    "negated": ("yes", "no", "any"),
    "within": ("clause", "sentence"),
    "voice": ("active", "passive", "any"),
    "attributive": ("yes", "no"),
}
# Words that may follow a predicative label ("so naive that", "naive enough to"): not a noun it modifies.
_AFTER_LABEL: Final = frozenset(
    [
        "to",
        "of",
        "for",
        "and",
        "or",
        "but",
        "that",
        "because",
        "when",
        "if",
        "enough",
        "as",
        "at",
        "in",
        "on",
        "with",
        "about",
        "than",
        "so",
        "by",
        "too",
        "really",
        "very",
        "then",
        "now",
        "online",
        "again",
        "anyway",
        "und",
        "oder",
        "dass",
        "weil",
        "wenn",
        "genug",
        "zu",
        "für",
        "als",
    ]
)
_LISTS: Final = ("lemmas", "also", "unless", "unless_sentence")
# Keys that take one value, not a list: "yes|no" would silently read as one of them.
_SINGLE: Final = ("negated", "within", "voice", "attributive")


class ShapeError(ValueError):
    """A problem with a shape as written; `key` names the shape key it is about (None: the shape as a whole)."""

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


def shape_error(shape: dict[str, str]) -> ShapeError | None:
    """What is wrong with a shape as written (before macros are filled in), or None."""
    if not shape:
        return ShapeError("a grammar rule needs a 'shape'")
    for key, value in shape.items():
        if key not in KEYS:
            return ShapeError(f"unknown shape key '{key}'; known: {', '.join(KEYS)}", key)
        if not value.strip():
            return ShapeError(f"shape key '{key}' is empty", key)
        if not macros.MACRO.search(value) and not [v for v in value.split("|") if v.strip()]:
            # "|" alone: an empty list would put no condition on the clause and fire on every one.
            return ShapeError(f"shape key '{key}' lists nothing (only '|')", key)
        if key in _CHOICES:
            values = [v.strip() for v in value.split("|")]
            wrong = [v for v in values if v not in _CHOICES[key]]
            if wrong:
                return ShapeError(f"shape '{key}': unknown value '{wrong[0]}'; known: {', '.join(_CHOICES[key])}", key)
            if key in _SINGLE and len(values) > 1:
                return ShapeError(f"shape '{key}' takes one value, not a list: '{value}'", key)
            if "any" in values and len(values) > 1:
                # "any|future" would read as "any" to one reader and as "future" to another: say which.
                return ShapeError(f"shape '{key}': 'any' stands alone (it already allows every value)", key)
    if not {"lemmas", "modality", "mentions"} & set(shape):
        return ShapeError(
            "a shape needs at least one of 'lemmas', 'modality', 'mentions' (a subject alone says nothing)"
        )
    return None


def shape_problem(shape: dict[str, str]) -> str | None:
    """What is wrong with a shape as written (before macros are filled in), or None."""
    error = shape_error(shape)
    return str(error) if error is not None else None


class Shape(NamedTuple):
    """A compiled shape: lemma lists as tuples of word sequences, choices as sets.

    A named tuple, not a dataclass: its class is made at every start-up (see `clauses`).
    """

    subject: frozenset[str] | None
    lemmas: tuple[tuple[str, ...], ...]
    also: tuple[tuple[str, ...], ...]
    unless: tuple[tuple[str, ...], ...]
    unless_sentence: tuple[tuple[str, ...], ...]
    mentions: frozenset[str]
    modality: frozenset[str] | None
    negated: str
    within: str
    voice: str = "any"
    attributive: str = "yes"

    def words(self) -> list[str]:
        """Every word of the lemma lists (what a pre-filter may look for)."""
        return [word for entry in self.lemmas for word in entry]


def _fill(value: str, define: dict[str, str], key: str) -> str:
    """`value` with its macros filled in, and theirs (`ABSOLUTE: "{LIFELONG}|always"`), to any depth."""
    try:
        return macros.fill(value, define)
    except macros.MacroError as err:
        problem = f"no macro '{err.name}' in the file's define" if err.unknown else str(err)
        raise ShapeError(f"shape '{key}': {problem}", key) from err


def _words(entry: str, language: str, key: str) -> tuple[str, ...]:
    """An entry as the words a clause's tokens are compared with: tokenised as text is.

    So "can't help you" is "can not help you" and "لستِ" is "لست", as in every sentence read; an
    entry written otherwise could never match.
    """
    from lessonkit.check.linguistic.tokens import tokenise  # the analyser's module, loaded with rules

    words = tuple(t.norm for t in tokenise(entry, language))
    if not words:
        raise ShapeError(f"shape '{key}': '{entry}' holds no word", key)
    return words


def _holds(entry: tuple[str, ...], part: tuple[str, ...]) -> bool:
    return any(entry[i : i + len(part)] == part for i in range(len(entry) - len(part) + 1))


def dead_entry(shape: Shape) -> ShapeError | None:
    """A `lemmas` entry that its own rule's `unless` or `unless_sentence` words would always clear.

    The words of a matched entry are in its clause and its sentence, so such an entry can never be
    reported. Asked when a rule file is loaded (its problems are located there), not at every start.
    """
    for entry in shape.lemmas:
        for key, clearing in (("unless", shape.unless), ("unless_sentence", shape.unless_sentence)):
            cleared = next((part for part in clearing if _holds(entry, part)), None)
            if cleared is not None:
                return ShapeError(
                    f"shape 'lemmas': '{' '.join(entry)}' can never be reported: "
                    f"'{' '.join(cleared)}' in '{key}' clears every clause that holds it",
                    "lemmas",
                )
    return None


def compile_shape(shape: dict[str, str], define: dict[str, str], language: str) -> Shape:
    """The compiled shape; raises ShapeError (a ValueError) for a problem (an unknown macro, a bad key)."""
    error = shape_error(shape)
    if error is not None:
        raise error

    def filled(key: str) -> list[str]:
        value = shape.get(key, "")
        found = [v.strip().lower() for v in _fill(value, define, key).split("|") if v.strip()]
        if key in shape and not found:
            # An empty `define` entry: no words would mean no condition, and the rule would fire on every clause.
            raise ShapeError(f"shape '{key}': '{value}' lists nothing once its macros are filled in", key)
        if key in _CHOICES:
            wrong = [v for v in found if v not in _CHOICES[key]]
            if wrong:
                raise ShapeError(f"shape '{key}': unknown value '{wrong[0]}'; known: {', '.join(_CHOICES[key])}", key)
            if "any" in found and len(found) > 1:
                raise ShapeError(f"shape '{key}': 'any' stands alone (it already allows every value)", key)
        return found

    def entries(key: str) -> tuple[tuple[str, ...], ...]:
        found = filled(key)
        # Letters and spaces alone are already as the tokeniser gives them (a vowel mark is not a letter to
        # `isalpha`): one test per list, since shapes are compiled at every start.
        if "".join(found).replace(" ", "").isalpha():
            return tuple(tuple(entry.split()) for entry in found)
        return tuple(_words(entry, language, key) for entry in found)

    subject = frozenset(filled("subject")) if "subject" in shape else None
    modality = frozenset(filled("modality")) if "modality" in shape else None
    if subject is not None and "any" in subject:
        subject = None
    if modality is not None and "any" in modality:
        modality = None
    return Shape(
        subject,
        entries("lemmas"),
        entries("also"),
        entries("unless"),
        entries("unless_sentence"),
        frozenset(filled("mentions")),
        modality,
        shape.get("negated", "no").strip(),
        shape.get("within", "clause").strip(),
        shape.get("voice", "any").strip(),
        shape.get("attributive", "yes").strip(),
    )


def _find(entries: tuple[tuple[str, ...], ...], tokens: tuple[Token, ...], language: str) -> int:
    """The position of the first word where an entry (a sequence of lemmas) matches, or -1."""
    found = _span(entries, tokens, language)
    return found[0] if found else -1


# Each list's entries by their first word, kept by the list's identity: a shape's lists live as long
# as the compiled rule, and `_span` runs for every clause of every admitted sentence, where a cache
# keyed by the list itself would hash every entry of it at each call.
_KEPT_INDEXES: Final = 256
_indexes: dict[int, tuple[tuple[tuple[str, ...], ...], dict[str, tuple[tuple[str, ...], ...]]]] = {}


def _index(entries: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The entries by their first word: a clause's words are looked up, not compared with every entry."""
    kept = _indexes.get(id(entries))
    if kept is not None and kept[0] is entries:
        return kept[1]
    index: dict[str, list[tuple[str, ...]]] = {}
    for entry in entries:
        index.setdefault(entry[0], []).append(entry)
    found = {word: tuple(found) for word, found in index.items()}
    if len(_indexes) >= _KEPT_INDEXES:
        _indexes.clear()
    _indexes[id(entries)] = (entries, found)
    return found


def _is(word: str, token: Token, language: str) -> bool:
    return word == token.norm or word in candidates(token.norm, language)


@lru_cache(maxsize=1 << 14)
def _keys(norm: str, language: str) -> tuple[str, ...]:
    """The words a token is looked up by in `_span`: its own form, then its other candidate lemmas.

    Once each: the form is among its candidates, and its entries, already tried, would fail again.
    Kept for the run: made once per word form, not once per token of every clause of every rule.
    """
    return (norm, *(lemma for lemma in candidates(norm, language) if lemma != norm))


def _span(entries: tuple[tuple[str, ...], ...], tokens: tuple[Token, ...], language: str) -> tuple[int, int] | None:
    """The first (start, end) of tokens where an entry (a sequence of lemmas) matches, or None."""
    index = _index(entries)
    for position, token in enumerate(tokens):
        for key in _keys(token.norm, language):
            for entry in index.get(key, ()):
                end = position + len(entry)
                if end <= len(tokens) and all(_is(w, tokens[position + k], language) for k, w in enumerate(entry)):
                    return position, end
    return None


def _modifies_a_thing(tokens: tuple[Token, ...], span: tuple[int, int], language: str) -> bool:
    """True when the label names a thing ("etwas Blödes"), or modifies a noun that names no person ("a silly hat")."""
    start, end = span
    lexicon = LEXICONS.get(language)
    if lexicon is not None and lexicon.capital_nouns:
        if start > 0 and tokens[start].text[:1].isupper() and tokens[start - 1].norm in lexicon.things:
            return True  # "wenn dir jemand etwas Blödes schickt": a thing, not the child
        if end < len(tokens) and not tokens[end].text[:1].isupper():
            # Every noun has a capital: "dumm" before "bist" or "warst" (a clause that ends on its verb,
            # "weil du so naiv warst") is said of the subject, and "ein dummer Fehler" modifies a thing.
            return False
    if end >= len(tokens):
        return False
    following = tokens[end].norm
    if following in _AFTER_LABEL or (
        lexicon is not None and (following in lexicon.who or following in lexicon.after_label)
    ):
        return False
    return following.isalpha() and (lexicon is None or following not in lexicon.negators)


def _negated_above(clauses: tuple[Clause, ...], number: int, language: str) -> bool:
    """True when the clause is what a negated clause before it says ("Das heißt nicht, dass du dumm bist").

    German cuts a clause at "dass", so the negator of "niemand sollte denken" or "es bedeutet nicht" stands in the
    clause before the label it denies; a clause of reason ("..., weil du dumm warst") is not governed so.
    """
    lexicon = LEXICONS.get(language)
    if lexicon is None or number == 0 or clauses[number].tokens[0].norm not in lexicon.complements:
        return False
    return bool(clauses[number - 1].negators)


def _mentions(classes: frozenset[str], tokens: tuple[Token, ...], language: str) -> bool:
    lexicon = LEXICONS.get(language)
    return lexicon is not None and any(
        lexicon.who.get(t.norm) in classes or lexicon.who.get(candidates(t.norm, language)[0]) in classes
        for t in tokens
    )


def _named(mentions: frozenset[str], clauses: Sequence[Clause], tokens: tuple[Token, ...], language: str) -> bool:
    """Whether a class of `mentions` is named by one of the clauses' subjects or by one of the tokens.

    The subjects count too: a subject's class may come from no one word ("todo el que").
    """
    return any(c.who in mentions for c in clauses) or _mentions(mentions, tokens, language)


def match(
    shape: Shape, analysis: Analysis, language: str, skip: Callable[[Clause], bool] | None = None
) -> tuple[Clause, int] | None:
    """The first clause the shape matches and the position of the word it reacted to, or None.

    `skip`: clauses not to report even when they match (a rule's `exceptions`); a later clause
    of the sentence may still be.

    Every test reads one clause, except the sentence-wide ones (`unless_sentence`, and `also` and
    `mentions` with `within: sentence`): those are answered once per sentence, on first need, so
    a sentence of many clauses costs time in proportion to its length, not to its length squared.
    """
    if analysis.meta:
        return None  # a sentence about wording ("avoid saying ...") quotes harm, it does not do it
    sentence_wide = shape.within == "sentence"
    lexicon = LEXICONS.get(language)
    reported_mood = lexicon.reported_mood if lexicon is not None else frozenset()
    everything: tuple[Token, ...] | None = None
    answers: dict[str, bool] = {}

    def in_sentence(test: str) -> bool:
        nonlocal everything
        if test not in answers:
            if everything is None:
                everything = tuple(t for c in analysis.clauses for t in c.tokens)
            if test == "also":
                answers[test] = _find(shape.also, everything, language) >= 0
            elif test == "unless_sentence":
                answers[test] = _find(shape.unless_sentence, everything, language) >= 0
            else:
                answers[test] = _named(shape.mentions, analysis.clauses, everything, language)
        return answers[test]

    if shape.unless_sentence and in_sentence("unless_sentence"):
        return None  # a word of the sentence clears every clause of it
    for number, clause in enumerate(analysis.clauses):
        if shape.subject is not None and (clause.who or "none") not in shape.subject:
            continue
        if shape.modality is not None and not shape.modality & clause.modalities:
            continue
        if shape.voice != "any" and clause.passive != (shape.voice == "passive"):
            continue
        span = _span(shape.lemmas, clause.tokens, language) if shape.lemmas else (max(clause.subject, 0), 0)
        if span is None:
            continue
        where = span[0]
        if shape.attributive == "no" and shape.lemmas and _modifies_a_thing(clause.tokens, span, language):
            continue
        # The word must belong to what is said about the subject, after it ("you are naive"), or
        # modify the subject just before it ("naive kids"), not stand far before the subject.
        if shape.subject is not None and clause.subject >= 0 and shape.lemmas and where + 3 < clause.subject:
            continue
        if shape.also:
            found = in_sentence("also") if sentence_wide else _find(shape.also, clause.tokens, language) >= 0
            if not found:
                continue
        if shape.unless and _find(shape.unless, clause.tokens, language) >= 0:
            continue
        if shape.mentions:
            named = (
                in_sentence("mentions") if sentence_wide else _named(shape.mentions, (clause,), clause.tokens, language)
            )
            if not named:
                continue
        if shape.negated != "any":
            negated = clause.negated(where, language) if shape.lemmas else bool(clause.negators)
            negated = negated or _negated_above(analysis.clauses, number, language)
            if negated != (shape.negated == "yes"):
                continue
        if skip is not None and skip(clause):
            continue
        if reported_mood and not reported_mood.isdisjoint([t.norm for t in clause.tokens]):
            continue  # someone else's words, in the mood of reported speech
        return clause, where
    return None
