"""Words with their offsets; English contractions are split into the words they stand for.

Importing this module builds nothing: a check whose pre-filter analyses no sentence (most small
files) never compiles the word pattern, and a `Token` is a named tuple, whose class costs a
fraction of a dataclass's to create (and whose instances, made for every word analysed, are
cheaper to make than a frozen dataclass's).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final, NamedTuple

from lessonkit.check.linguistic import arabic
from lessonkit.lazy_re import LazyPattern

# Letters with inner apostrophes or hyphens ("don't", "well-known"), any script; digits are words too.
_WORD_SOURCE: Final = r"[^\W_]+(?:['\u2019\u02bc][^\W_]+|-[^\W_]+)*"
# Typographic apostrophes are one apostrophe to the lexicon.
_APOSTROPHES: Final = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'"})
# English contractions: a word's tail that is a word of its own ("shouldn't" = should + not).
_TAILS: Final = (("n't", "not"), ("'ve", "have"), ("'ll", "will"), ("'re", "are"), ("'m", "am"), ("'d", "'d"))
_WHOLE: Final = {
    "can't": ("can", "not"),
    "won't": ("will", "not"),
    "shan't": ("shall", "not"),
    "cannot": ("can", "not"),
}


class Token(NamedTuple):
    """One word: its span in the text, its written form and its lower-case form (`norm`)."""

    start: int
    end: int
    text: str
    norm: str

    @property
    def capitalised(self) -> bool:
        """True when the word as written starts with a capital letter."""
        return self.text[:1].isupper()


_WORD: Final = LazyPattern(_WORD_SOURCE)
_ARABIC_WORD: Final = LazyPattern(arabic.WORD_SOURCE)


# A Token made without the named tuple's Python-level `__new__` (one call per word analysed).
_token: Final = tuple.__new__


def tokenise(text: str, language: str) -> list[Token]:
    """The words of a text in order; in English, contractions give two tokens over the same span."""
    found: list[Token] = []
    english = language == "en"
    if language == "ar":
        # A word keeps its vowel marks in `text` (its span) and loses them in `norm`, as the lexicon writes it.
        return [
            _token(Token, (*m.span(), m.group(), arabic.plain(m.group()).lower())) for m in _ARABIC_WORD.finditer(text)
        ]
    for match in _WORD.finditer(text):
        word = match.group()
        norm = word.lower()
        if not norm.isascii():  # the typographic apostrophes are the only characters translated
            norm = norm.translate(_APOSTROPHES)
        start, end = match.span()
        if english and ("'" in norm or norm in _WHOLE):
            found.extend(_split_contraction(start, end, word, norm))
        else:
            found.append(_token(Token, (start, end, word, norm)))
    return found


@lru_cache(maxsize=1 << 12)
def parts(norm: str, language: str) -> tuple[str, ...]:
    """The word forms a lower-case word gives as tokens ("shouldn't" -> should, not): the tokeniser's split."""
    if language != "en" or ("'" not in norm and norm not in _WHOLE):
        return (norm,)
    return tuple(t.norm for t in _split_contraction(0, len(norm), norm, norm))


_LONGEST_WHOLE: Final = max(len(word) for word in _WHOLE)


def _split_contraction(start: int, end: int, word: str, norm: str) -> list[Token]:
    # The head may be a contraction too ("shouldn't've" = should + not + have): tails are taken off
    # one by one, by moving an end index, so a word of a thousand tails costs neither a deep
    # recursion nor a copy of the word per tail.
    tails: list[Token] = []
    cut = len(norm)
    while True:
        whole = _WHOLE.get(norm[:cut]) if cut <= _LONGEST_WHOLE else None
        if whole is not None:
            head = [Token(start, end, word, whole[0]), Token(start, end, word, whole[1])]
            break
        tail = next((t for t in _TAILS if norm.endswith(t[0], 0, cut) and cut > len(t[0])), None)
        if tail is not None:
            tails.append(Token(start, end, word, tail[1]))
            cut -= len(tail[0])
            continue
        rest = norm[:cut]
        if rest.endswith("'s") and len(rest) > 2:
            # "it's", "she's" (is or has), "Maya's" (possessive): the second part is the bare "'s".
            head = [Token(start, end, word, rest[:-2]), Token(start, end, word, "'s")]
        else:
            head = [Token(start, end, word, rest)]
        break
    return head + tails[::-1]
