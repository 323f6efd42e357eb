"""Negation and its scope; the modality of a clause: hindsight (counterfactual), future, possibility, question.

A negator ("not", "never", "no", "nicht", "kein") negates what follows it in its clause: "it is
never your fault" negates "fault", "you are not naive" negates "naive". Modality is read from
the auxiliaries: a modal with a perfect ("should have", "could've", "hättest ... sollen"), a past
perfect in an "if" clause or an inverted one ("if you had", "had you", "wenn du ... hättest") is
hindsight; "will", "going to", "werden" are the future; "could", "might", "können" possibility.
"""

from __future__ import annotations

from typing import Final

from lessonkit.check.linguistic import arabic
from lessonkit.check.linguistic.lexicon import LEXICONS
from lessonkit.check.linguistic.tokens import Token

COUNTERFACTUAL: Final = "counterfactual"
FUTURE: Final = "future"
POSSIBLE: Final = "possible"
QUESTION: Final = "question"
STATEMENT: Final = "statement"
MODALITIES: Final = (COUNTERFACTUAL, FUTURE, POSSIBLE, QUESTION, STATEMENT)
# Words between a modal and its "have" ("should never have", "could at least have").
_BETWEEN: Final = frozenset(
    ["not", "never", "just", "at", "least", "only", "simply", "even", "really", "you", "she", "he", "they", "i", "we"]
)


def negators(tokens: list[Token], language: str) -> list[int]:
    """Positions of the clause's negators."""
    lexicon = LEXICONS.get(language)
    if lexicon is None:
        return []
    if language == "ar":
        return arabic.negators([t.norm for t in tokens])
    found = [i for i, t in enumerate(tokens) if t.norm in lexicon.negators]
    if language == "en":
        # "not only", "no doubt", "no matter": not a negation of what follows.
        found = [i for i in found if i + 1 >= len(tokens) or tokens[i + 1].norm not in ("only", "doubt", "matter")]
    return found


# English auxiliaries after which a negator negates the predicate ("your reputation is not ruined").
EN_FINITE: Final = frozenset(
    [
        "am",
        "is",
        "are",
        "was",
        "were",
        "'s",
        "'re",
        "'m",
        "have",
        "has",
        "had",
        "'ve",
        "do",
        "does",
        "did",
        "will",
        "'ll",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
    ]
)


def in_scope(negations: list[int], position: int, language: str, norms: list[str] | None = None) -> bool:
    """True when a negator governs the word at `position`.

    In English a negator governs what follows it in its clause ("it is never your fault"); when the
    word is in the subject, before the finite verb, a negator after that verb negates what is said
    of it ("your reputation is not ruined"). In German the negator may follow the finite verb it
    negates ("du bist nicht schuld", verb-final clauses), so there any negator in the clause counts.
    """
    if language == "de":
        return bool(negations)
    if language == "es":
        # Spanish puts its negator before the verb it negates ("no eres tonta", "nunca es tu culpa").
        return any(n < position for n in negations)
    if language == "ar":
        # Arabic too, and its negator governs the next few words only, up to the next verb (`arabic.negates`).
        return arabic.negates(negations, position, norms or [])
    if any(n < position for n in negations):
        return True
    if norms is None:
        return False
    # Linear, not a scan per negator: the first finite verb after the word, then any negator after it.
    finite = next((j for j in range(position + 1, len(norms)) if norms[j] in EN_FINITE), None)
    return finite is not None and any(n > finite for n in negations)


_BE: Final = frozenset(
    [
        "be",
        "been",
        "being",
        "was",
        "were",
        "is",
        "are",
        "am",
        "get",
        "got",
        "gets",
        "gotten",
        "werden",
        "wurde",
        "wurdest",
        "worden",
    ]
)
_PARTICIPLES: Final = frozenset(
    ["told", "asked", "sent", "shown", "given", "taken", "made", "seen", "caught", "tricked", "groomed", "forced"]
)


def passive(tokens: list[Token], language: str) -> bool:
    """True when the clause is passive ("you were asked", "du wurdest erpresst"): the subject is acted on."""
    norms = [t.norm for t in tokens]
    if language == "es":
        return _spanish_passive(norms)
    if language == "ar":
        return False  # the Arabic passive is only in the (unwritten) vowels
    # German: a form of "werden" with a participle after it; the last participle's place, found once
    # (and only for German: English clauses never read it).
    last_participle = -1
    if language == "de":
        if "worden" in norms:
            # "wären ... angeschrieben worden": "worden" is the passive's own participle ("geworden" is not).
            return True
        last_participle = max((i for i, n in enumerate(norms) if n.startswith("ge") and n.endswith("t")), default=-1)
    for i, norm in enumerate(norms[:-1]):
        if norm not in _BE:
            continue
        following = norms[i + 1]
        if language == "en" and (following in _PARTICIPLES or (following.endswith("ed") and len(following) > 4)):
            return True
        if language == "de" and norm.startswith("w") and last_participle >= i:
            return True
    return False


def modalities(tokens: list[Token], language: str, question: bool) -> frozenset[str]:
    """The modalities of a clause (a clause may have none but `statement`)."""
    lexicon = LEXICONS.get(language)
    found: set[str] = {QUESTION} if question else set()
    if lexicon is None:
        return frozenset(found or {STATEMENT})
    norms = [t.norm for t in tokens]
    if language == "en":
        found |= _english(norms, lexicon.conditional, lexicon.hindsight, lexicon.future, lexicon.possible)
    elif language == "de":
        found |= _german(norms, lexicon.conditional, lexicon.perfect, lexicon.future, lexicon.possible)
    elif language == "es":
        found |= _spanish(norms, lexicon.hindsight, lexicon.perfect, lexicon.future, lexicon.possible)
    elif language == "ar":
        found |= arabic.modalities(norms)
    if not found - {QUESTION}:
        found.add(STATEMENT)
    return frozenset(found)


def _english(
    norms: list[str],
    conditional: frozenset[str],
    hindsight: frozenset[str],
    future: frozenset[str],
    possible: frozenset[str],
) -> set[str]:
    found: set[str] = set()
    for i, norm in enumerate(norms):
        if norm in hindsight:
            j = i + 1
            while j < len(norms) and j < i + 4 and norms[j] in _BETWEEN:
                j += 1
            if j < len(norms) and norms[j] in ("have", "'ve") and _participle_after(norms, j + 1):
                found.add(COUNTERFACTUAL)
                continue
            if (
                norm == "ought"
                and norms[j : j + 2] in (["to", "have"], ["to", "'ve"])
                and _participle_after(norms, j + 2)
            ):
                found.add(COUNTERFACTUAL)
                continue
        if norm in future:
            if norm != "going" or (i + 1 < len(norms) and norms[i + 1] == "to"):
                found.add(FUTURE)
        elif norm in possible:
            found.add(POSSIBLE)
    opener = next((n for n in norms if n not in ("only", "just", "but", "and", "so")), "")
    if opener in conditional or (norms[:2] == ["if", "only"]):
        # "if you had listened", "if you'd just said no"; not "if you'd like" (would) or "if you had a phone".
        if any(n in ("had", "'d") and _participle_after(norms, i + 1) for i, n in enumerate(norms)):
            found.add(COUNTERFACTUAL)
    elif opener == "had" and len(norms) > 2:
        found.add(COUNTERFACTUAL)  # "had you told us sooner"
    if norms[:2] == ["if", "only"]:
        found.add(COUNTERFACTUAL)
    return found


# Irregular past participles (the regular ones end in -ed): what a perfect ("should have ...") needs next.
_PARTICIPLES_EN: Final = frozenset(
    [
        "been",
        "known",
        "told",
        "sent",
        "made",
        "done",
        "gone",
        "seen",
        "taken",
        "given",
        "kept",
        "left",
        "met",
        "said",
        "thought",
        "brought",
        "got",
        "gotten",
        "let",
        "put",
        "felt",
        "found",
        "lost",
        "paid",
        "shown",
        "spoken",
        "written",
        "chosen",
        "fallen",
        "run",
        "come",
        "become",
        "heard",
        "held",
        "meant",
        "read",
        "sat",
        "stood",
        "understood",
        "won",
        "bought",
        "caught",
        "taught",
    ]
)
_ADVERBS_EN: Final = frozenset(
    ["not", "never", "just", "only", "simply", "even", "at", "least", "really", "already", "ever", "so", "more"]
)


def _participle_after(norms: list[str], start: int) -> bool:
    """True when a past participle follows (adverbs skipped): "have just blocked", not "have a copy", "have to"."""
    j = start
    while j < len(norms) and norms[j] in _ADVERBS_EN:
        j += 1
    if j >= len(norms):
        return False
    word = norms[j]
    return word in _PARTICIPLES_EN or (word.endswith("ed") and len(word) > 3)


def _german(
    norms: list[str],
    conditional: frozenset[str],
    perfect: frozenset[str],
    future: frozenset[str],
    possible: frozenset[str],
) -> set[str]:
    found: set[str] = set()
    has_perfect = any(n in perfect for n in norms)
    if has_perfect and any(n.startswith(("hätt", "hatt")) for n in norms):
        found.add(COUNTERFACTUAL)  # "du hättest ... sollen", "wenn du ... hättest", "hättest du ..."
    elif has_perfect and ("gewesen" in norms or (norms and norms[0] in conditional)):
        found.add(COUNTERFACTUAL)  # "wärst du vorsichtiger gewesen", "wenn du ... wärst"
    elif norms and norms[0] in perfect and any(_german_participle(n) for n in norms[1:]):
        found.add(COUNTERFACTUAL)  # "wärst du nicht in den Chat gegangen, ...": the verb first makes the condition
    for norm in norms:
        if norm in future:
            found.add(FUTURE)
        elif norm in possible:
            found.add(POSSIBLE)
    return found


def _german_participle(norm: str) -> bool:
    """A German past participle by its form: "gegangen", "eingestiegen" (a separable prefix before "ge"), "verschickt".

    Asked only after a verb-first "wärst"/"wäre", where an infinitive cannot stand, so "-en" after an inseparable
    prefix ("verschwunden", "bekommen") is read as a participle too.
    """
    if len(norm) <= 5 or not norm.endswith(("en", "t")):
        return False
    if norm.startswith("ge"):
        return True
    if any(norm.startswith(prefix + "ge") and len(norm) > len(prefix) + 4 for prefix in _SEPARABLE_DE):
        return True
    return norm.startswith(_INSEPARABLE_DE)


# Separable verb prefixes ("eingestiegen", "ausgegangen", "mitgemacht") and inseparable ones, which take no "ge"
# ("verschickt", "bekommen", "erzählt", "entdeckt").
_SEPARABLE_DE: Final = (
    *("ab", "an", "auf", "aus", "bei", "ein", "fest", "heim", "her", "hin", "los", "mit", "nach", "vor", "weg"),
    *("weiter", "zu", "zurück", "zusammen", "herein", "hinein", "heraus", "hinaus", "rein", "raus", "rüber"),
)
_INSEPARABLE_DE: Final = ("be", "emp", "ent", "er", "miss", "ver", "zer")


# Spanish irregular past participles (the regular ones end in -ado/-ido): what a perfect needs next.
_PARTICIPLES_ES: Final = frozenset(
    [
        "sido",
        "dicho",
        "hecho",
        "puesto",
        "visto",
        "escrito",
        "vuelto",
        "abierto",
        "roto",
        "muerto",
        "cubierto",
        "descubierto",
        "resuelto",
        "devuelto",
        "impuesto",
        "propuesto",
        "frito",
        "impreso",
        "satisfecho",
        "deshecho",
        "supuesto",
    ]
)
_ADVERBS_ES: Final = frozenset(
    ["ya", "no", "nunca", "jamás", "solo", "sólo", "simplemente", "también", "siquiera", "antes", "bien", "más"]
)
_ES_CLITIC_TAILS: Final = ("me", "te", "se", "lo", "la", "le", "los", "las", "les", "nos", "os")
# Forms of "ser": with a participle after them the clause is passive ("fuiste engañada").
_ES_SER: Final = frozenset(
    [
        "ser",
        "sido",
        "es",
        "eres",
        "son",
        "era",
        "eras",
        "eran",
        "fue",
        "fuiste",
        "fueron",
        "fuimos",
        "será",
        "serás",
        "serán",
        "sería",
    ]
)
# Future endings (-rá, -rás, -rán, -remos, -réis) and words that end so without being futures.
_ES_FUTURE_ENDINGS: Final = ("rá", "rás", "rán", "remos", "réis")
_ES_NOT_FUTURE: Final = frozenset(["atrás", "detrás", "remos"])


def _es_participle(word: str) -> bool:
    return word in _PARTICIPLES_ES or (word.endswith(("ado", "ido", "ada", "ida")) and len(word) > 4)


def _es_participle_after(norms: list[str], start: int) -> bool:
    """True when a past participle follows (adverbs and object pronouns skipped): "hubieras ya mandado"."""
    j = start
    while j < len(norms) and j < start + 3 and (norms[j] in _ADVERBS_ES or norms[j] in _ES_CLITIC_TAILS):
        j += 1
    return j < len(norms) and _es_participle(norms[j])


def _es_haber(word: str) -> bool:
    """'haber', or 'haber' with its object pronouns ("haberte", "habérselo")."""
    if word in ("haber", "habérselo", "habérsela", "habérselos", "habérselas", "habérmelo", "habértelo"):
        return True
    return word.startswith("haber") and word[5:] in _ES_CLITIC_TAILS


def _spanish(
    norms: list[str],
    hindsight: frozenset[str],
    perfect: frozenset[str],
    future: frozenset[str],
    possible: frozenset[str],
) -> set[str]:
    found: set[str] = set()
    for i, norm in enumerate(norms):
        if norm in perfect and _es_participle_after(norms, i + 1):
            found.add(COUNTERFACTUAL)  # "si hubieras puesto", "habrías visto"
        elif norm in hindsight:
            # "deberías haber dicho", "tendrías que haberte negado", "podrías haberlo bloqueado"
            j = i + 1
            while j < len(norms) and j < i + 4 and (norms[j] in _ADVERBS_ES or norms[j] in ("que", "de")):
                j += 1
            if j < len(norms) and _es_haber(norms[j]) and _es_participle_after(norms, j + 1):
                found.add(COUNTERFACTUAL)
        if norm in future:
            # "ir a" + infinitive: "se va a enterar", "te van a respetar"
            following = norms[i + 2] if i + 2 < len(norms) else ""
            if norms[i + 1 : i + 2] == ["a"] and _es_infinitive(following):
                found.add(FUTURE)
        elif norm.endswith(_ES_FUTURE_ENDINGS) and len(norm) >= 4 and norm not in _ES_NOT_FUTURE:
            found.add(FUTURE)
        if norm in possible or norm in ("quizá", "quizás"):
            found.add(POSSIBLE)
    return found


def _es_infinitive(word: str) -> bool:
    for tail in ("", *_ES_CLITIC_TAILS):
        head = word[: len(word) - len(tail)]
        if word.endswith(tail) and head.endswith(("ar", "er", "ir", "ír")) and len(head) >= 3:
            return True
    return False


def _spanish_passive(norms: list[str]) -> bool:
    """A form of "ser" with a participle after it ("fuiste engañada", "ha sido presionado")."""
    return any(norm in _ES_SER and _es_participle_after(norms, i + 1) for i, norm in enumerate(norms[:-1]))
