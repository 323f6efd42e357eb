"""The subject of a clause: the first word naming who someone is, before the clause's first verb.

English puts the subject before the finite verb ("you should have..."), except in questions and
inverted conditions ("had you told us...", "why did you..."), where it follows the first
auxiliary. German puts it next to the finite verb, before or after it. Neither needs a parser to
find the subject when it is a pronoun or a noun from the lexicon, which is what shapes ask about;
a clause whose subject is something else has no subject here ("none of this would have happened").
"""

from __future__ import annotations

from typing import Final

from lessonkit.check.linguistic.lexicon import LEXICONS, Lexicon
from lessonkit.check.linguistic.modality import EN_FINITE
from lessonkit.check.linguistic.tokens import Token

# English auxiliaries and modals: a subject comes before the first of them, or just after it in a question.
# The finite ones that carry a negation, and the non-finite and rarer ones.
_EN_AUX: Final = EN_FINITE | frozenset(["be", "been", "'d", "ought"])
_EN_DETERMINERS: Final = frozenset(
    ["the", "a", "an", "this", "that", "these", "those", "some", "any", "all", "every", "such"]
)
# Capitalised words that begin sentences without being names.
_EN_NOT_NAMES: Final = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "there",
        "here",
        "what",
        "why",
        "how",
        "who",
        "when",
        "where",
        "which",
        "whose",
        "tell",
        "ask",
        "show",
        "let",
        "make",
        "imagine",
        "remember",
        "think",
        "don't",
        "do",
        "never",
        "always",
        "please",
        "your",
        "my",
        "our",
        "their",
        "his",
        "her",
        "its",
        "none",
        "some",
        "every",
        "each",
        "no",
        "any",
        "all",
        "one",
        "many",
        "most",
        "few",
        "both",
        "either",
        "neither",
        "nothing",
        "everything",
        "something",
        "anything",
        "sorry",
        "yes",
        "okay",
    ]
)
# German: a capitalised first word followed by one of these verbs is a name ("Jonas ist so naiv").
_DE_NAME_VERBS: Final = frozenset(
    ["ist", "war", "hat", "hatte", "hätte", "wäre", "wird", "würde", "sollte", "muss", "kann"]
)
_DE_NOT_NAMES: Final = frozenset(
    ["der", "die", "das", "es", "dies", "diese", "dieser", "man", "wer", "was", "wie", "warum"]
)
_SCAN: Final = 8  # a subject is among a clause's first words


def who(token: Token, language: str, lexicon: Lexicon, first: bool, following: str = "") -> str | None:
    """The class of a word that names who someone is (`lexicon.WHO`), or None."""
    found = lexicon.who.get(token.norm)
    if language == "de" and token.norm == "sie" and token.capitalised and not first:
        return "you"  # the polite "Sie" inside a sentence
    if found is not None:
        return found
    if (
        language == "de"
        and first
        and token.capitalised
        and token.norm not in _DE_NOT_NAMES
        and following in _DE_NAME_VERBS
    ):
        return "person"
    known = token.norm in _EN_NOT_NAMES or token.norm in lexicon.skip or token.norm in lexicon.openers
    if language == "en" and token.capitalised and token.norm.isalpha() and not known and token.norm not in _EN_AUX:
        return "person"  # a name ("Leo is so naive")
    return None


def subject(tokens: list[Token], language: str, sentence_start: bool) -> tuple[int, str] | None:
    """The index and class of the clause's subject, or None when it names no one the lexicon knows."""
    lexicon = LEXICONS.get(language)
    if lexicon is None:
        return None
    index = 0
    while index < len(tokens) and (tokens[index].norm in lexicon.skip or tokens[index].norm in lexicon.openers):
        index += 1
    # Question words and inverted auxiliaries come before the subject: "why did you", "had you told".
    inverted = False
    while index < len(tokens) and tokens[index].norm in ("why", "how", "what", "whose", "warum", "wieso", "wie", "was"):
        index += 1
        inverted = True
    if language == "en" and index < len(tokens) and tokens[index].norm in _EN_AUX:
        index += 1
        inverted = True
    for position in range(index, min(len(tokens), index + _SCAN)):
        token = tokens[position]
        first = sentence_start and position == 0
        following = tokens[position + 1].norm if position + 1 < len(tokens) else ""
        found = who(token, language, lexicon, first, following)
        if found is not None:
            return position, found
        if language == "en" and not inverted and token.norm in _EN_AUX:
            return None  # the finite verb came first: the subject is not a word the lexicon knows
        if language == "en" and first and token.capitalised and found is None and token.norm in _EN_NOT_NAMES:
            continue
    return None


def offender_like(tokens: list[Token], language: str) -> bool:
    """True when an offender noun comes before a person pronoun in the clause ("the man ... he")."""
    lexicon = LEXICONS.get(language)
    return lexicon is not None and any(lexicon.who.get(t.norm) == "offender" for t in tokens)
