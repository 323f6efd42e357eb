"""The bundled pictures (OpenMoji, CC BY-SA 4.0): the names lessons and templates use, and their files.

Each name is an SVG (print and website) and a PNG rendering (slide decks) under
`handouts/pictures/openmoji/`, listed with its OpenMoji code and designer in that folder's
ATTRIBUTION.md. A lesson names pictures in its front matter (`pictures:`); the loader refuses
a name that is not here, so a picture can never be a path chosen by lesson text.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath
from typing import NamedTuple

PICTURE_DIR = PurePosixPath("pictures") / "openmoji"  # inside handouts/
SYMBOL_SET = "OpenMoji"

# name -> OpenMoji code point(s) it was copied from.
ICONS: dict[str, str] = {
    "ask-for-help": "1F64B",
    "remember": "1F4A1",
    "activity": "270F",
    "draw": "1F58D",
    "words": "1F4D6",
    "safeguarding": "1F6E1",
    "home": "1F3E0",
    "cut-out": "2702",
    "timing": "23F1",
    "you-will-need": "1F4CB",
}
# Recurring characters always get the same picture.
CHARACTERS: dict[str, str] = {
    "benny-the-bear": "1F43B",
    "sami-the-squirrel": "1F43F",
    "hattie-the-hedgehog": "1F994",
    "kiko-the-koala": "1F428",
    "pip-the-penguin": "1F427",
    "rosie-the-rabbit": "1F430",
}
THINGS: dict[str, str] = {
    "trusted-adult": "1F9D1-200D-1F3EB",
    "helping-hand": "1F590",
    "stop-hand": "270B",
    "tablet": "1F4F1",
    "game": "1F3AE",
    "surprise-gift": "1F381",
    "worried-face": "1F61F",
    "speaking-up": "1F5E3",
    "thumbs-up": "1F44D",
    "family": "1F46A",
}
PICTURES: dict[str, str] = {**ICONS, **CHARACTERS, **THINGS}


def picture_file(name: str, suffix: str = ".svg") -> PurePosixPath:
    """The file of a picture, relative to the handouts folder (`.svg`, or `.png` for decks)."""
    if name not in PICTURES:
        raise KeyError(f"unknown picture '{name}'")
    return PICTURE_DIR / f"{name}{suffix}"


# ---------------------------------------------------------------------------------------------
# Symbols for easy-read handouts: one picture beside each line, chosen by what the line says.
#
# The table is small and reviewed by hand for every student text of the 4-7 band in every
# language: a line gets a symbol only when a word in it clearly names what the picture shows,
# and a neutral bullet otherwise, because a wrong symbol misleads a reader who leans on symbols
# more than a missing one does. Rules are tried in order, the first that matches wins. Words are
# compared from their start ("tell" finds "telling"), after lower-casing and dropping accents and
# Arabic vowel marks; an Arabic word is also tried without its article or a one-letter prefix.
# Speech in quotation marks and text in brackets is not read (a story's "Do not tell your mum"
# must not earn the symbol for telling), and a rule marked `affirm` is skipped when one of the language's
# negation words stands within three words of the match ("do not tell", "erzähl es nicht").
# ---------------------------------------------------------------------------------------------

# symbol -> its alt text in English, translated through the interface catalogue. A lesson that
# names the same picture in its `pictures` lends its own alt text instead.
SYMBOL_LABELS: dict[str, str] = {
    "draw": "A crayon: draw or colour",
    "stop-hand": "A raised hand: stop",
    "thumbs-up": "A thumbs up: well done",
    "speaking-up": "A person speaking: tell someone",
    "trusted-adult": "A grown-up who helps",
    "worried-face": "A worried face",
    "helping-hand": "A helping hand",
    "game": "A game controller",
    "tablet": "A tablet or phone",
    "surprise-gift": "A wrapped present: a surprise",
    "family": "A family",
}


class SymbolRule(NamedTuple):
    """Words (phrases of word starts) that earn a symbol; `start`: only at the start of a line."""

    symbol: str
    phrases: tuple[str, ...]
    affirm: bool = False
    start: bool = False


_EN = (
    SymbolRule("draw", ("draw", "colour", "circle"), start=True),
    SymbolRule("stop-hand", ("stop", "say no", "can say no")),
    SymbolRule(
        "thumbs-up",
        (
            "not be in trouble",
            "not in trouble",
            "not my fault",
            "not your fault",
            "never my fault",
            "never your fault",
            "good choice",
            "brave",
            "always right",
        ),
    ),
    SymbolRule("speaking-up", ("tell", "practise saying", "talk"), affirm=True),
    SymbolRule("trusted-adult", ("trusted adult", "grown-up", "grown up", "adult")),
    SymbolRule("worried-face", ("worried", "uh-oh", "wobbly", "sad")),
    SymbolRule("helping-hand", ("hand", "help"), affirm=True),
    SymbolRule("game", ("game", "play")),
    SymbolRule("tablet", ("online", "screen", "tablet", "chat", "internet")),
    SymbolRule("surprise-gift", ("surprise", "birthday", "party", "present")),
    SymbolRule("family", ("family",)),
)
_DE = (
    SymbolRule("draw", ("mal", "zeichne", "kreis"), start=True),
    SymbolRule("stop-hand", ("halt an", "stopp", "hör auf", "sag nein", "nein sagen", "nein")),
    SymbolRule(
        "thumbs-up",
        (
            "keinen ärger",
            "nicht meine schuld",
            "nicht deine schuld",
            "nie meine schuld",
            "nie deine schuld",
            "gute wahl",
            "mutig",
            "immer richtig",
        ),
    ),
    SymbolRule("speaking-up", ("erzähl", "übe diesen satz", "sprech", "sprich", "red"), affirm=True),
    SymbolRule("trusted-adult", ("erwachsen",)),
    SymbolRule("worried-face", ("besorgt", "sorge", "uh-oh", "oh-oh", "mulmig", "wackel", "traurig")),
    SymbolRule("helping-hand", ("hand", "hilf", "helf"), affirm=True),
    SymbolRule("game", ("spiel",)),
    SymbolRule("tablet", ("online", "bildschirm", "tablet", "chatt", "internet")),
    SymbolRule("surprise-gift", ("überraschung", "geburtstag", "party", "feier", "geschenk")),
    SymbolRule("family", ("familie",)),
)
_ES = (
    SymbolRule("draw", ("dibuja", "colorea", "rodea"), start=True),
    SymbolRule("stop-hand", ("paro", "detente", "di que no", "decir que no")),
    SymbolRule(
        "thumbs-up",
        (
            "ningun lio",
            "no es culpa",
            "nunca es culpa",
            "buena eleccion",
            "buena decision",
            "valiente",
            "siempre esta bien",
        ),
    ),
    SymbolRule("speaking-up", ("cuent", "contar", "contand", "habla"), affirm=True),
    SymbolRule("trusted-adult", ("persona adulta", "persona mayor", "adulto", "adulta")),
    SymbolRule("worried-face", ("preocup", "oh oh", "temblor", "triste")),
    SymbolRule("helping-hand", ("mano", "ayud"), affirm=True),
    SymbolRule("game", ("jueg", "jugar")),
    SymbolRule("tablet", ("internet", "pantalla", "tableta", "chat")),
    SymbolRule("surprise-gift", ("sorpresa", "cumpleanos", "fiesta", "regalo")),
    SymbolRule("family", ("familia",)),
)
_AR = (
    SymbolRule("draw", ("ارسم", "ضع دائرة", "لون"), start=True),
    SymbolRule("stop-hand", ("توقف", "قل لا", "اقول لا", "تقول لا")),
    SymbolRule(
        "thumbs-up",
        ("تقع في مشكلة", "اقع في مشكلة", "خطئي", "خطاك", "ذنبي", "ذنبك", "اختيار جيد", "شجاعة"),
    ),
    SymbolRule(
        "speaking-up",
        ("اخبر", "اخبار", "تخبر", "يخبر", "نخبر", "تدرب على ان تقول", "يتكلم", "تتكلم", "يتحدث", "تتحدث"),
        affirm=True,
    ),
    SymbolRule("trusted-adult", ("بالغ", "شخصا كبيرا", "شخص كبير", "الشخص الكبير")),
    SymbolRule("worried-face", ("قلق", "اوه اوه", "ارتباك", "حزن")),
    SymbolRule("helping-hand", ("يد", "ساعد", "مساعد", "يساعد", "تساعد"), affirm=True),
    SymbolRule("game", ("لعب", "العاب", "تلعب", "يلعب")),
    SymbolRule("tablet", ("انترنت", "شاشة", "دردش", "تدردش", "جهاز")),
    SymbolRule("surprise-gift", ("مفاجا", "هدية", "عيد ميلاد", "حفلة")),
    SymbolRule("family", ("عائلة", "اسرة")),
)
SYMBOL_RULES: dict[str, tuple[SymbolRule, ...]] = {"en": _EN, "de": _DE, "es": _ES, "ar": _AR}
NEGATIONS: dict[str, frozenset[str]] = {
    "en": frozenset({"not", "never", "don't", "dont", "no"}),
    "de": frozenset({"nicht", "nie", "niemals", "kein", "keinem", "keinen", "niemand"}),
    "es": frozenset({"no", "nunca", "nadie", "ni"}),
    "ar": frozenset({"لا", "لن", "لم", "ليس", "ليست", "ما"}),
}
_QUOTED = re.compile(r"[\"“„«][^\"“”„«»]*[\"”“»]")
_ASIDE = re.compile(r"\([^)]*\)|\{\{[^}]*\}\}|\{[^}]*\}")
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# Alef with hamza or madda is compared as a bare alef (spelling varies in children's texts).
_ALEF_FORMS = str.maketrans("أإآٱ", "اااا")
_ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_WORD = re.compile(r"[\w'’-]+")


def _normal(text: str, language: str) -> list[str]:
    """The line's words as the table compares them: lower case, no accents or vowel marks."""
    # Speech in quotation marks is not read; a quoted word or two is a name ("uh-oh") and is.
    text = _QUOTED.sub(lambda m: m[0] if len(m[0].split()) <= 3 else " ", _ASIDE.sub(" ", text))
    if language == "ar":
        text = _ARABIC_MARKS.sub("", text)
        text = text.translate(_ALEF_FORMS)
    else:
        # German keeps its umlauts (the table spells them); other languages drop every accent.
        if language != "de":
            text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return [w.replace("’", "'").strip("'-") for w in _WORD.findall(text.lower())]


def _forms(word: str, language: str) -> tuple[str, ...]:
    if language != "ar":
        return (word,)
    return (word, *(word[len(p) :] for p in _ARABIC_PREFIXES if word.startswith(p) and len(word) > len(p) + 1))


def _matches_at(words: list[str], index: int, phrase: list[str], language: str) -> bool:
    if index + len(phrase) > len(words):
        return False
    for offset, part in enumerate(phrase):
        forms = _forms(words[index + offset], language)
        last = offset == len(phrase) - 1
        # Inside a phrase every word but the last must match whole; the last may go on ("telling").
        if not any((form.startswith(part) if last else form == part) for form in forms):
            return False
    return True


def line_symbol(text: str, language: str) -> str | None:
    """The symbol of the reviewed table for one line of easy-read text, or None (a neutral bullet)."""
    language = language.split("-")[0].lower()
    rules = SYMBOL_RULES.get(language)
    if not rules:
        return None
    negations = NEGATIONS.get(language, frozenset())
    words = _normal(text, language)
    for rule in rules:
        for phrase in rule.phrases:
            parts = _normal(phrase, language)
            for index in range(1 if rule.start else len(words)):
                if not _matches_at(words, index, parts, language):
                    continue
                # German and Spanish may put the negation after the verb ("Erzähl es nicht weiter").
                near = words[max(0, index - 3) : index] + words[index + len(parts) : index + len(parts) + 3]
                if rule.affirm and negations & set(near):
                    continue
                return rule.symbol
    return None
