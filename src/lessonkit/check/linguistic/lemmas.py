"""Lemmas: the shipped irregular forms first, then suffix rules that undo regular inflection.

A word may have more than one possible lemma ("used" -> use; "chatted" -> chat; German "naiven" ->
naiv): `candidates` lists them all, most likely first, and a shape's lemma list matches a word when
it holds any of them. That keeps the rules simple (base forms only) without a dictionary.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Final

from lessonkit.check.linguistic import arabic
from lessonkit.check.linguistic.lexicon import LEXICONS

_VOWELS = frozenset("aeiouy")


# No word of these languages is longer (German compounds stay under 80 letters). A longer "word" is
# input run together: it is read as itself, since its candidates (a dozen copies of nearly the
# whole word, a quarter of a megabyte each at the part limit) would be kept in the caches below.
LONGEST_WORD: Final = 100


@lru_cache(maxsize=1 << 14)
def candidates(form: str, language: str) -> tuple[str, ...]:
    """The possible lemmas of a lower-case word form, most likely first (the form itself included)."""
    if len(form) > LONGEST_WORD:
        return (form,)
    lexicon = LEXICONS.get(language)
    found: list[str] = []
    if lexicon is not None and form in lexicon.irregular:
        found.append(lexicon.irregular[form])
    if language == "en":
        found += _english(form)
    elif language == "de":
        found += _german(form)
    elif language == "es":
        found += _spanish(form)
    elif language == "ar" and lexicon is not None:
        # A lemma the lexicon knows first ("وابنتك" -> ابنة): `shape` reads the first for who a noun names.
        read = arabic.candidates(form)
        found += [c for c in read if c in lexicon.who] + list(read)
    found.append(form)
    return tuple(dict.fromkeys(found))


def lemma(form: str, language: str) -> str:
    """The most likely lemma of a lower-case word form."""
    return candidates(form, language)[0]


def _vowel_groups(stem: str) -> int:
    groups, previous = 0, False
    for char in stem:
        vowel = char in _VOWELS
        groups += vowel and not previous
        previous = vowel
    return groups


def _restore_e(stem: str) -> list[str]:
    """'believ' -> believe, 'hat' -> hate, 'chatt' -> chat, 'ruin' -> ruin: the base under -ed / -ing."""
    if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in "lsfz" + "aeiou":
        return [stem[:-1]]  # doubled consonant: chatted, stopped
    if stem.endswith(("v", "c", "z", "g", "u", "s")) and not stem.endswith(("ss", "ng")):
        return [stem + "e", stem]
    one_syllable = _vowel_groups(stem) == 1 and len(stem) >= 2
    closed = one_syllable and stem[-1] not in _VOWELS | {"w", "x"} and stem[-2] in _VOWELS
    if closed and (len(stem) == 2 or stem[-3] not in _VOWELS):
        return [stem + "e", stem] if stem[-1] in "tkdmnp" and not stem.endswith("nd") else [stem, stem + "e"]
    return [stem, stem + "e"]


def _english(form: str) -> list[str]:
    if len(form) <= 3:
        return []
    if form.endswith("ied"):
        return [form[:-3] + "y"]
    if form.endswith("ies"):
        return [form[:-3] + "y"]
    if form.endswith("ed"):
        return _restore_e(form[:-2])
    if form.endswith("ing") and len(form) > 5:
        return _restore_e(form[:-3])
    if form.endswith(("ses", "xes", "ches", "shes", "oes")):
        return [form[:-2]]
    if form.endswith("s") and not form.endswith(("ss", "us", "is")):
        return [form[:-1]]
    if form.endswith("ly") and len(form) > 5:
        return [form[:-2]]
    return []


_GERMAN_ENDINGS = ("ern", "em", "en", "er", "es", "st", "e", "t", "n", "s")


def _german(form: str) -> list[str]:
    found: list[str] = []
    if form.startswith("ge") and form.endswith("t") and len(form) > 5:
        found.append(form[2:-1] + "en")  # geschickt -> schicken (weak participles)
    for ending in ("test", "tet", "te", "st", "t"):
        if form.endswith(ending) and len(form) - len(ending) >= 4:
            found.append(form[: -len(ending)] + "en")  # entführt, zerstörte, schickst -> the infinitive
            break
    for ending in _GERMAN_ENDINGS:
        if form.endswith(ending) and len(form) - len(ending) >= 3:
            found.append(form[: -len(ending)])
    return found


# Spanish regular inflection: the endings of each infinitive class (present, preterite, imperfect, future,
# conditional, subjunctives, participle, gerund). A form is read as stem + ending; its lemma is stem + class.
_ES_COMMON: Final = ("o", "amos", "áis", "an", "a", "as", "e", "es", "emos", "éis", "en")
_ES_AR: Final = (
    *_ES_COMMON,
    "é", "aste", "ó", "asteis", "aron", "aba", "abas", "ábamos", "abais", "aban",
    "aré", "arás", "ará", "aremos", "aréis", "arán", "aría", "arías", "aríamos", "aríais", "arían",
    "ara", "aras", "áramos", "arais", "aran", "ase", "ases", "ásemos", "aseis", "asen",
    "ado", "ada", "ados", "adas", "ando",
)  # fmt: skip
_ES_ER_IR: Final = (
    "í", "iste", "ió", "imos", "isteis", "ieron", "ía", "ías", "íamos", "íais", "ían",
    "iera", "ieras", "iéramos", "ierais", "ieran", "iese", "ieses", "iésemos", "ieseis", "iesen",
    "ido", "ida", "idos", "idas", "iendo", "yó", "yeron", "yendo",
)  # fmt: skip
_ES_ENDINGS: Final = {
    "ar": _ES_AR,
    "er": (*_ES_COMMON, *_ES_ER_IR, "eré", "erás", "erá", "eremos", "eréis", "erán", "ería", "erías", "erían"),
    "ir": (*_ES_COMMON, *_ES_ER_IR, "ís", "iré", "irás", "irá", "iremos", "iréis", "irán", "iría", "irías", "irían"),
}
# Object pronouns written onto an infinitive ("mandarla", "dárselo"): one, or two after an accented vowel.
_ES_CLITICS: Final = ("me", "te", "se", "lo", "la", "le", "los", "las", "les", "nos", "os")
_ES_PAIRS: Final = tuple(
    a + b for a in ("me", "te", "se", "nos", "os") for b in ("lo", "la", "los", "las", "le", "les")
)
_ES_UNACCENT: Final = str.maketrans("áéíóú", "aeiou")
_ES_ACCENT: Final = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú"}
_ES_MIN_STEM: Final = 2


def _spanish(form: str) -> list[str]:
    found: list[str] = []
    # Adjectives and nouns first (`lemma` is the first candidate, and `shape` reads it for who a noun names):
    # feminine and plural back to the masculine singular ("ingenuas" -> ingenuo, "abuelas" -> abuelo).
    if len(form) > 3:
        if form.endswith(("a", "os", "as")):
            found.append(form[: -1 if form.endswith("a") else -2] + "o")
        if form.endswith("s"):
            found.append(form[:-1])
        if form.endswith("es"):
            found.append(form[:-2])
    # Verbs: stem + regular ending -> infinitive; a stressed i/u of the stem ("envías", "confía") is unaccented.
    for kind, endings in _ES_ENDINGS.items():
        for ending in endings:
            if form.endswith(ending) and len(form) - len(ending) >= _ES_MIN_STEM:
                stem = form[: -len(ending)]
                found.append(stem + kind)
                if "í" in stem[-2:] or "ú" in stem[-2:]:
                    found.append(stem.replace("í", "i").replace("ú", "u") + kind)
    # An infinitive with its object pronouns: "mandarla" -> mandar, "dárselo" -> dar.
    for pair in _ES_PAIRS:
        head = form[: -len(pair)]
        if form.endswith(pair) and head.endswith(("ár", "ér", "ír")) and len(head) >= 3:
            found.append(head[:-2] + head[-2].translate(_ES_UNACCENT) + "r")
    for clitic in _ES_CLITICS:
        head = form[: -len(clitic)]
        if form.endswith(clitic) and head.endswith(("ar", "er", "ir")) and len(head) >= 3:
            found.append(head)
    return found


def _spanish_forms(lemma_: str) -> set[str]:
    """The inverse of `_spanish`: every form whose candidates include this lemma."""
    w = lemma_
    found: set[str] = set()
    kind = w[-2:]
    if kind in _ES_ENDINGS and len(w) - 2 >= _ES_MIN_STEM:
        stem = w[:-2]
        stems = {stem}
        last = max(stem.rfind("i"), stem.rfind("u"))
        if last >= len(stem) - 2 and last >= 0:
            stems.add(stem[:last] + _ES_ACCENT[stem[last]] + stem[last + 1 :])
        found |= {s + ending for s in stems for ending in _ES_ENDINGS[kind]}
    if kind in _ES_ENDINGS and len(w) >= 3:
        found |= {w + clitic for clitic in _ES_CLITICS}
        found |= {w[:-2] + _ES_ACCENT[w[-2]] + "r" + pair for pair in _ES_PAIRS}
    if w.endswith("o") and len(w) > 2:
        found |= {w[:-1] + "a", w[:-1] + "os", w[:-1] + "as"}
    found |= {w + "s", w + "es"}
    return found


@cache
def _irregular_forms(language: str) -> dict[str, frozenset[str]]:
    """The shipped irregular table inverted (lemma -> its irregular forms), made once per language."""
    lexicon = LEXICONS.get(language)
    inverse: dict[str, set[str]] = {}
    for form, base in lexicon.irregular.items() if lexicon is not None else ():
        inverse.setdefault(base, set()).add(form)
    return {base: frozenset(found) for base, found in inverse.items()}


@lru_cache(maxsize=1 << 12)
def forms(lemma_: str, language: str) -> frozenset[str]:
    """Every written form whose `candidates` include this lemma: the inverse of the suffix rules.

    The checker's pre-filter looks these up in a text's set of words, so it must hold every form
    the analysis would read as the lemma (`tests/test_grammar_layer.py` checks the two agree).
    """
    found = {lemma_}
    # The irregular forms from the inverted table: a scan of the whole table for each of a rule
    # file's few hundred lemmas was most of the time its pre-filters took to build.
    found |= _irregular_forms(language).get(lemma_, frozenset())
    w = lemma_
    if language == "en":
        found |= {w + "s", w + "es", w + "ed", w + "d", w + "ing", w + "ly", w + w[-1:] + "ed", w + w[-1:] + "ing"}
        if w.endswith("y"):
            found |= {w[:-1] + "ied", w[:-1] + "ies"}
        if w.endswith("e"):
            found |= {w[:-1] + "ing", w[:-1] + "ed"}
    elif language == "de":
        found |= {w + ending for ending in _GERMAN_ENDINGS}
        if w.endswith("en"):
            found |= {"ge" + w[:-2] + "t"} | {w[:-2] + ending for ending in ("test", "tet", "te", "st", "t")}
    elif language == "es":
        found |= _spanish_forms(w)
    # Arabic: the lemma alone. A word may carry thousands of clitic combinations and vowel marks besides,
    # so the grammar kind's pre-filter reads each Arabic text's words as their lemmas (`arabic.words`).
    return frozenset(found)
