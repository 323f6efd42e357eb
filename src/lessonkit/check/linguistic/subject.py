"""The subject of a clause: the first word naming who someone is, before the clause's first verb.

English puts the subject before the finite verb ("you should have..."), except in questions and
inverted conditions ("had you told us...", "why did you..."), where it follows the first
auxiliary. German puts it next to the finite verb, before or after it. Neither needs a parser to
find the subject when it is a pronoun or a noun from the lexicon, which is what shapes ask about;
a clause whose subject is something else has no subject here ("none of this would have happened").
"""

from __future__ import annotations

from typing import Final

from lessonkit.check.linguistic import arabic
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


def who(
    token: Token, language: str, lexicon: Lexicon, first: bool, following: str = "", addressed: bool = False
) -> str | None:
    """The class of a word that names who someone is (`lexicon.WHO`), or None.

    `addressed`: the sentence speaks to the child elsewhere ("du", "dein"), so a German "Sie" that
    opens it is "they": "Sie wollen, dass du glaubst, ..." does not call the child both "Sie" and "du".
    """
    found = lexicon.who.get(token.norm)
    if language == "de" and token.norm == "sie" and token.capitalised:
        if not first:
            return "you"  # the polite "Sie" inside a sentence
        if addressed:
            return "person"
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


def subject(
    tokens: list[Token], language: str, sentence_start: bool, addressed: bool = False
) -> tuple[int, str] | None:
    """The index and class of the clause's subject, or None when it names no one the lexicon knows.

    `addressed`: the sentence speaks to the child elsewhere. In Arabic a verb that may be "you" or
    "she" (أرسلت) is then read as "you"; in German a "Sie" that opens it is "they" (`who`).
    """
    lexicon = LEXICONS.get(language)
    if lexicon is None:
        return None
    if language == "es":
        return _spanish(tokens, lexicon, sentence_start)
    if language == "ar":
        return arabic.subject([t.norm for t in tokens], [t.text for t in tokens], lexicon.who, addressed)
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
    object_found: tuple[int, str] | None = None
    for position in range(index, min(len(tokens), index + _SCAN)):
        token = tokens[position]
        first = sentence_start and position == 0
        following = tokens[position + 1].norm if position + 1 < len(tokens) else ""
        found = who(token, language, lexicon, first, following, addressed)
        if found is not None and token.norm in lexicon.objects:
            object_found = object_found or (position, found)
            continue
        if found is not None:
            return position, found
        if language == "en" and not inverted and token.norm in _EN_AUX:
            return None  # the finite verb came first: the subject is not a word the lexicon knows
        if language == "en" and first and token.capitalised and found is None and token.norm in _EN_NOT_NAMES:
            continue
    return object_found


def offender_like(tokens: list[Token], language: str) -> bool:
    """True when an offender noun comes before a person pronoun in the clause ("the man ... he")."""
    lexicon = LEXICONS.get(language)
    return lexicon is not None and any(lexicon.who.get(t.norm) == "offender" for t in tokens)


# Spanish finite verbs of the second person singular that neither `lexicon.who` (the modals and
# auxiliaries) nor the endings below reach (too short for them: "diste", "viste", "dabas").
_ES_YOU: Final = frozenset(
    [
        "vas",
        "crees",
        "creías",
        "creíste",
        "piensas",
        "pensabas",
        "conocías",
        "conoces",
        "mandas",
        "envías",
        "diste",
        "viste",
        "dabas",
    ]
)
# Finite verbs of another person: the subject, if named, came before them (pro-drop otherwise).
_ES_OTHER: Final = frozenset(
    [
        "es",
        "era",
        "fue",
        "son",
        "eran",
        "fueron",
        "sea",
        "está",
        "estaba",
        "estuvo",
        "están",
        "ha",
        "había",
        "hubo",
        "han",
        "habían",
        "hubiera",
        "hubiese",
        "habría",
        "hubieran",
        "habrían",
        "tiene",
        "tenía",
        "tuvo",
        "tienen",
        "tendría",
        "debe",
        "debía",
        "debió",
        "debería",
        "deben",
        "deberían",
        "puede",
        "podía",
        "pudo",
        "podría",
        "pueden",
        "hace",
        "hizo",
        "hacen",
        "dice",
        "dijo",
        "dicen",
        "quiere",
        "quería",
        "quiso",
        "sabe",
        "sabía",
        "supo",
        "va",
        "iba",
        "van",
        "hay",
        "soy",
        "estoy",
        "he",
        "había",
        "tengo",
        "debo",
        "puedo",
        "sé",
    ]
)
_ES_NOT_YOU: Final = frozenset(["existe", "insiste", "consiste", "resiste", "asiste", "triste", "chiste", "despiste"])
_ES_NOT_NAMES: Final = frozenset(
    [
        "esto",
        "eso",
        "esta",
        "este",
        "ese",
        "esa",
        "estos",
        "esas",
        "aquello",
        "todo",
        "toda",
        "nada",
        "algo",
        "lo",
        "la",
        "el",
        "los",
        "las",
        "una",
        "un",
        "uno",
        "hoy",
        "ahora",
        "aquí",
        "así",
        "también",
        "tampoco",
        "nunca",
        "siempre",
        "cada",
        "mucha",
        "mucho",
        "muchos",
        "muchas",
        "mandar",
        "enviar",
        "hablar",
        "contar",
        "quien",
        # Before a verb of another person ("Algunos dirán que ...", "Luego pensarán ..."): a quantifier or an adverb.
        "algunos",
        "algunas",
        "otros",
        "otras",
        "varios",
        "varias",
        "pocos",
        "pocas",
        "unos",
        "unas",
        "luego",
        "después",
        "entonces",
        "mañana",
        "pronto",
        "ya",
    ]
)
# Openings that hedge what follows: its subject is named after them ("Puede que el chantajista diga que ...").
_ES_HEDGES: Final = (
    ("es", "posible", "que"),
    ("es", "probable", "que"),
    ("puede", "que"),
    ("lo", "más", "probable", "es", "que"),
)
# "Todo el que vea el vídeo se reirá de ti": a free relative that takes in everyone is the subject, and no word of
# it names everyone in `lexicon.who` ("todo" alone is "everything").
_ES_EVERYONE: Final = (
    ("todo", "el", "que"),
    ("toda", "la", "que"),
    ("todos", "los", "que"),
    ("todas", "las", "que"),
    ("cualquiera", "que"),
)
_ES_QUESTION_WORDS: Final = frozenset(["qué", "cómo", "cuándo", "dónde", "por", "para", "quién", "cuánto"])


def _opens(tokens: list[Token], index: int, words: tuple[str, ...]) -> bool:
    """Whether the words at `index` are exactly `words` (normalised)."""
    return tuple(t.norm for t in tokens[index : index + len(words)]) == words


def _spanish_person(norm: str) -> str | None:
    """'you' for a finite verb of the second person singular, 'other' for another person, None: not known."""
    if norm in _ES_YOU:
        return "you"
    if norm.endswith(("aste", "iste")) and len(norm) >= 6 and norm not in _ES_NOT_YOU:
        return "you"  # preterite: "aceptaste", "metiste"
    if norm.endswith(("abas", "ieras", "ieses")) and len(norm) >= 6:
        return "you"  # imperfect, past subjunctive: "estabas", "hicieras"
    if norm in _ES_OTHER or (norm.endswith(("ó", "aron", "ieron", "rá")) and len(norm) >= 4):
        return "other"
    if norm.endswith("rán") and len(norm) >= 5:
        return "other"  # future, third person: "dirán que eres ...", others' words; the child's is "dirás"
    return None


def _spanish(tokens: list[Token], lexicon: Lexicon, sentence_start: bool) -> tuple[int, str] | None:
    """Spanish drops subject pronouns: a named subject before the finite verb, else the verb's person.

    "Si mi hijo me hubiera escuchado" -> the child; "Si te hubieras alejado" -> you (hubieras);
    "Debería haber pensado" -> nobody named (first or third person): not reported as the child.
    """
    index = 0
    while index < len(tokens) and (tokens[index].norm in lexicon.skip or tokens[index].norm in lexicon.openers):
        index += 1
    while index < len(tokens) and tokens[index].norm in _ES_QUESTION_WORDS:
        index += 1
    for hedge in _ES_HEDGES:
        if _opens(tokens, index, hedge):
            index += len(hedge)  # "Es posible que el extorsionador diga ...": the subject comes after the hedge
            break
    if any(_opens(tokens, index, everyone) for everyone in _ES_EVERYONE):
        return index, "everyone"
    for position in range(index, min(len(tokens), index + _SCAN)):
        token = tokens[position]
        norm = token.norm
        if norm in lexicon.clitics:
            continue  # "te hubieras alejado": the clitic is the object, the verb says who acts
        found = lexicon.who.get(norm)
        if found is not None:
            return position, found
        following = tokens[position + 1].norm if position + 1 < len(tokens) else ""
        first = sentence_start and position == 0
        name = token.capitalised and norm.isalpha() and norm not in _ES_NOT_NAMES and _spanish_person(norm) is None
        if name and (not first or _spanish_person(following) is not None):
            return position, "person"  # a name: "Si Mateo hubiera...", "Lucía fue muy ingenua"
        person = _spanish_person(norm)
        if person == "you":
            return position, "you"
        if person == "other":
            return None
    return None
