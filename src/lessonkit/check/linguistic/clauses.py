"""A sentence cut into clauses, each analysed: its subject, its negators and its modality.

Clauses end at commas, semicolons, colons, dashes and brackets, and before a word that opens a
clause ("because", "but", "if", "weil", "wenn"). "and" and "or" ("und", "oder") open one only
before a subject pronoun, so "you and your friends" stays one noun phrase.

`Clause` and `Analysis` are named tuples rather than dataclasses: their classes are made at
every start-up, where a dataclass's generated methods cost several times as much to make.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise
from typing import Final, NamedTuple

from lessonkit.check.linguistic import arabic, modality
from lessonkit.check.linguistic.lexicon import LEXICONS, Lexicon
from lessonkit.check.linguistic.subject import subject, who
from lessonkit.check.linguistic.tokens import Token, tokenise
from lessonkit.lazy_re import LazyPattern

_CUTS: Final = frozenset(",;:()\u2013\u2014\u060c\u061b")  # with the Arabic comma and semicolon
_LEADING: Final = frozenset(["even", "only", "just", "auch", "nur", "selbst"])
_FAMILIAR: Final = frozenset(["du", "dich", "dir", "dein", "deine", "deinen", "deinem", "deiner", "deines"])
# Read only for a language whose openers hold them: Spanish "y", "o" are not English words to cut at.
_WEAK_OPENERS: Final = frozenset(["and", "or", "und", "oder", "y", "o", "e", "u"])


class Clause(NamedTuple):
    """One clause: its words, its subject's index (or -1) and class, its negators, its modality, its voice."""

    tokens: tuple[Token, ...]
    subject: int
    who: str | None
    negators: tuple[int, ...]
    modalities: frozenset[str]
    passive: bool = False

    def negated(self, position: int, language: str) -> bool:
        """True when a negator of the clause governs the word at `position` (see `modality.in_scope`)."""
        return modality.in_scope(list(self.negators), position, language, [t.norm for t in self.tokens])


class Analysis(NamedTuple):
    """A sentence's clauses, and whether it talks about language ("avoid saying ...")."""

    clauses: tuple[Clause, ...]
    meta: bool


def split(text: str, tokens: list[Token], language: str) -> list[list[Token]]:
    """The clauses of a sentence, as lists of its tokens."""
    lexicon = LEXICONS.get(language)
    openers = lexicon.openers if lexicon is not None else frozenset()
    clauses: list[list[Token]] = [[]]
    previous_end = 0
    # Whether the open clause holds only leading adverbs ("even", "only"): kept as words come, not
    # read again at every cut (", even, even, even, ..." made that quadratic).
    leading_only = True
    for index, token in enumerate(tokens):
        cut = not _CUTS.isdisjoint(text[previous_end : token.start])  # a cutting mark in the gap (set test in C)
        if not cut and token.norm in openers and clauses[-1] and token.start != previous_end:
            if token.norm in _WEAK_OPENERS:
                following = tokens[index + 1] if index + 1 < len(tokens) else None
                cut = following is not None and lexicon is not None and following.norm in lexicon.who
            else:
                cut = True
        if cut and leading_only:
            cut = False  # ", even if": nothing to close yet
        if cut and clauses[-1]:
            # "even if", "only if": the adverb belongs to the clause its conjunction opens.
            moved = [clauses[-1].pop()] if clauses[-1][-1].norm in _LEADING and len(clauses[-1]) > 1 else []
            clauses.append(moved)
            leading_only = True  # the moved adverb, if any, is a leading one
        clauses[-1].append(token)
        leading_only = leading_only and token.norm in _LEADING
        previous_end = token.end
    return [c for c in clauses if c]


@lru_cache(maxsize=1 << 14)
def analyse(text: str, language: str) -> Analysis:
    """A sentence's analysis (kept for the run: every grammar rule reads the same sentences)."""
    tokens = tokenise(text, language)
    question = text.rstrip().rstrip("\"'\u201d\u00bb)").endswith(("?", "\u061f"))
    lexicon = LEXICONS.get(language)
    clauses = []
    arabic_text = language == "ar"
    # Arabic: whether the sentence speaks to the child (أنت, a pronoun ك...), and whether it is
    # contrary to fact as a whole (لو ... لما): both are said across its clauses.
    addressed = arabic_text and any(arabic.second_person(t.norm, t.text) for t in tokens)
    # German: whether it calls the child "du" (then a "Sie" that opens it is "they", `subject.who`).
    addressed = addressed or (language == "de" and not _FAMILIAR.isdisjoint(t.norm for t in tokens))
    contrary = arabic_text and arabic.counterfactual_sentence([t.norm for t in tokens])
    for number, words in enumerate(split(text, tokens, language)):
        modalities = modality.modalities(words, language, question)
        if contrary and arabic.if_only([t.norm for t in words]):
            modalities = (modalities - {modality.STATEMENT}) | {modality.COUNTERFACTUAL}
        # "كان يجب أن تعرف", "لو لم تنشر ... لما": in a clause of what should have been, ترسل/أرسلت is "you".
        found = subject(
            words, language, number == 0, addressed or (arabic_text and modality.COUNTERFACTUAL in modalities)
        )
        clauses.append(
            Clause(
                tuple(words),
                found[0] if found else -1,
                found[1] if found else None,
                tuple(modality.negators(words, language)),
                modalities,
                modality.passive(words, language),
            )
        )
    meta = lexicon is not None and (
        not lexicon.meta.isdisjoint([t.norm for t in tokens])
        or _directive(_without_aside(tokens, text))
        or (language == "es" and _spanish_directive(tokens))
        or (language == "de" and (_pretends(tokens) or _GERMAN_QUESTION_REPORTED.search(text) is not None))
        or (_reported(clauses, lexicon, language) and not _confirmed(tokens, lexicon))
    )
    return Analysis(tuple(clauses), meta)


# "Don't say ...", "never tell ...", "nie sagen": the sentence is advice about wording, not the wording.
_SAYING: Final = frozenset(["say", "tell", "ask", "call", "use", "sagen", "sag", "fragen", "frag", "nennen"])


# "No digas ...", "nunca le diga ...": advice about wording in Spanish.
_SPANISH_SAYING: Final = frozenset(
    ["digas", "diga", "digan", "digáis", "uses", "use", "usen", "llames", "llame", "preguntes", "pregunte"]
)
_SPANISH_NEVER: Final = frozenset(["no", "nunca", "jamás"])

_GERMAN_SAYING: Final = frozenset(["sagen", "erzählen", "geben", "nennen", "schreiben", "sprechen", "drohen", "reden"])


def _directive(tokens: list[Token]) -> bool:
    norms = [t.norm for t in tokens[:4]]
    if norms[:1] == ["bitte"]:
        norms, tokens = norms[1:], tokens[1:]
    if len(tokens) > 1 and tokens[1].text == "Sie" and norms[0] in _GERMAN_SAYING:
        return True  # "Sagen Sie ... nicht", "Erzählen Sie der Klasse nicht ...": advice to adults on wording
    if norms[:2] == ["refrain", "from"] and norms[2:3] != [] and norms[2] in _REFRAINED:
        return True  # "Refrain from describing a pupil as ..."
    if (
        norms[:1] == ["omit"]
        or norms[:2] in (["leave", "out"], ["cut", "out"])
        or norms[:3] == ["steer", "clear", "of"]
    ) and any(t.norm in _RELATIVE_THAT and following.norm in _IMPLYING for t, following in pairwise(tokens)):
        return True  # "Omit any comment which suggests that ...", "Leave out any remark that implies ..."
    return (
        (norms[:2] == ["do", "not"] and norms[2:3] != [] and norms[2] in _SAYING)
        or (norms[:1] in (["never"], ["nie"], ["niemals"]) and len(norms) > 1 and norms[1] in _SAYING)
        # "Sag nicht zu einer Freundin: Warum ...?", "Frag nie: ..."
        or (norms[:1] != [] and norms[0] in _SAYING and norms[1:2] in (["nicht"], ["nie"], ["niemals"]))
    )


_REFRAINED: Final = frozenset(["describing", "calling", "saying", "suggesting", "implying", "telling", "asking"])
# What wording to leave out does: "... any comment which suggests (implies, hints) that ...".
_RELATIVE_THAT: Final = frozenset(["that", "which"])
_IMPLYING: Final = frozenset(["suggests", "suggested", "implies", "implied", "hints", "hinted"])


def _without_aside(tokens: list[Token], text: str) -> list[Token]:
    """The tokens without an aside set off by commas after the opening word or two.

    "Never, even when you are angry, tell a pupil that ...", "Do not, under any circumstances, say ...", "Refrain, in
    the staffroom too, from describing ...": the aside stands between the directive's words (the lead, thirty-fifth
    session). An aside of at most 80 characters, closed by a comma.
    """
    for opening in (1, 2):
        if len(tokens) <= opening + 1 or text[tokens[opening - 1].end : tokens[opening].start].strip() != ",":
            continue
        close = text.find(",", tokens[opening].start, tokens[opening].start + 80)
        if close < 0:
            return tokens
        return [*tokens[:opening], *(t for t in tokens[opening:] if t.start > close)]
    return tokens


_PRETENDING: Final = frozenset(["tut", "tun", "tat", "taten", "tust"])
# "Manche Eltern fragen aus Schreck: Warum hast du das gemacht?": others' question after a colon, reported. Not "fragt"
# as a verb of saying (`Lexicon.reporting`): "..., dass ein echter Freund so etwas nie fragt" ends a clause with it.
_GERMAN_QUESTION_REPORTED: Final = LazyPattern(
    r"(?i:(?:eltern|erwachsene\w*|mütter|väter|lehrer\w*|leute|freunde|freundinnen)\s+(?:\w+\s+){0,4}?"
    r"(?:fragen|fragt|fragte|fragten)(?:\s+\w+){0,3}\s*:)"
)


def _pretends(tokens: list[Token]) -> bool:
    """German "... tut so, als wärst du ...": what someone pretends is reported as a pretence, not said as true."""
    norms = [t.norm for t in tokens]
    return any(
        norms[at] == "so" and norms[at + 1] == "als" and not _PRETENDING.isdisjoint(norms[max(0, at - 4) : at])
        for at in range(1, len(norms) - 1)
    )


def _spanish_directive(tokens: list[Token]) -> bool:
    """Advice on wording in Spanish: "No le digas a un niño ...", "nunca use ..." (not English: "no use")."""
    norms = [t.norm for t in tokens[:3]]
    return bool(norms) and norms[0] in _SPANISH_NEVER and not _SPANISH_SAYING.isdisjoint(norms[1:3])


def _reported(clauses: list[Clause], lexicon: Lexicon, language: str) -> bool:
    """True when someone other than the child or the speaker says, claims or threatens what follows.

    "Blackmailers claim...", "he says your life will be over", "(a new friend) then says that
    something bad will happen", "offenders often tell children that ...", "they want you to feel
    ...": the harm is reported as the offender's words or aim, a warning sign. "Your child may feel
    they will never escape": the harm is a child's fear, reported to an adult.
    """
    reporting = lexicon.reporting
    for number, clause in enumerate(clauses):
        if clause.who in ("you", "speaker") or modality.COUNTERFACTUAL in clause.modalities:
            continue
        if (
            clause.subject > 0
            and language in _FELT_THAT
            and _felt(clause.tokens, range(clause.subject), lexicon, language)
        ):
            return True  # a feeling, then the subject of what is felt: "قد تشعر أن الجميع سيعرف"
        offending = _offending(clause, lexicon)
        if clause.who in _JUDGES and modality.FUTURE in clause.modalities and not offending:
            continue  # "people will say you are desperate": a prediction of others' judgement, not a report
        after = _after_subject(clause, lexicon, offending)
        if any(t.norm in reporting and _introduces(clause.tokens, t, language) for t in after):
            return True
        if (clause.who == "offender" or offending) and (
            _tells(clause, after, lexicon) or _says_too(clause, lexicon, language)
        ):
            return True
        if number + 1 < len(clauses) and _wants_believed_next(clause, clauses[number + 1], lexicon):
            return True
        start = clause.subject + 1
        if clause.who == "child" and _felt(clause.tokens, range(start, start + len(after)), lexicon, language):
            return True
        if _wants_believed(clause, lexicon):
            return True
        # "... fragt und dann schreibt, dass ...": the verb of saying ends its clause, far from its subject.
        if clause.tokens and clause.tokens[-1].norm in reporting:
            return True
    return False


def _after_subject(clause: Clause, lexicon: Lexicon, offending: bool = False) -> tuple[Token, ...]:
    """The words where a verb of saying follows the subject: three, six after a relative word, seven for an offender.

    "Alguien que te chantajea dice que ...", "Quien te extorsiona dirá que ...": a short relative clause on the
    subject, or opening a clause with no subject named, stands between it and its verb. "The person who is
    blackmailing you will say that ...": the offender named by what they do (`_offending`).
    """
    start = clause.subject + 1
    tokens = clause.tokens
    if offending:
        return tokens[start : start + 7]
    if start < len(tokens) and tokens[start].norm in lexicon.relatives:
        return tokens[start : start + 6]
    return tokens[start : start + 3]


# What opens the content of a feeling in the languages whose feelings are also felt of things ("sienten pánico"). Only
# there is a feeling before the subject read as a report: English "a bit of fear keeps children safe" is no feeling
# reported (an English regression item lost its error when it was).
_FELT_THAT: Final = {"es": frozenset(["que"]), "ar": frozenset(["أن", "بأن", "أنه", "أنها", "أنهم", "وكأن", "كأن"])}


def _felt(tokens: tuple[Token, ...], where: range, lexicon: Lexicon, language: str) -> bool:
    """True when a verb of feeling at one of the positions `where` reports what is felt.

    In Spanish and Arabic only with "que"/"أن" after it: "Algunos chicos sienten que su vida se ha acabado" reports a
    feeling, "Conviene que los alumnos sientan pánico" wants one.
    """
    opens = _FELT_THAT.get(language)
    for at in where:
        if at >= len(tokens) or tokens[at].norm not in lexicon.feeling:
            continue
        if opens is None or (at + 1 < len(tokens) and tokens[at + 1].norm in opens):
            return True
    return False


# "And" joining a second verb to the subject's first: "Los delincuentes se hacen pasar por menores y dicen que ...".
_AND: Final = frozenset(["and", "und", "y", "e"])


def _says_too(clause: Clause, lexicon: Lexicon, language: str) -> bool:
    """True when an offender's second verb, joined by "and", is a verb of saying ("... y dicen que", "... ويقولون إن").

    The subject is not repeated before the second verb, so it is further from it than `_after_subject` looks.
    """
    tokens = clause.tokens
    for at in range(clause.subject + 1, len(tokens) - 1):
        norm = tokens[at].norm
        if norm in _AND and tokens[at + 1].norm in lexicon.reporting:
            return _introduces(tokens, tokens[at + 1], language)
        if language == "ar" and norm[:1] == "و" and norm[1:] in lexicon.reporting:
            return True  # Arabic writes "and" on the verb: "ويقولون"
    return False


def _offending(clause: Clause, lexicon: Lexicon) -> bool:
    """True when an offending verb is among the four words after the subject: it names an offender by their act.

    "Whoever is blackmailing you", "la persona que te extorsiona", "Quien te chantajea ..." (no subject named). Such a
    subject then says or tells as "the blackmailer" does (`_reported`); "whoever" alone is everyone.
    """
    start = clause.subject + 1
    return not lexicon.offending.isdisjoint(t.norm for t in clause.tokens[start : start + 4])


def _confirmed(tokens: list[Token], lexicon: Lexicon) -> bool:
    """True when the writer agrees with what the sentence reports ("..., and that is true"; not "that is not true").

    "Offenders tell children that their life is over, and that is true" is the writer's own claim.
    """
    norms = [t.norm for t in tokens]
    for phrase in lexicon.confirming:
        size = len(phrase)
        for at in range(1, len(norms) - size + 1):
            if tuple(norms[at : at + size]) == phrase:
                following = norms[at + size : at + size + 1]
                if not following or following[0] not in lexicon.negators:
                    return True
    return False


# Those whose future words about the child shame them (`tone.grammar-others-label`): the writer predicts them.
_JUDGES: Final = frozenset(["everyone", "school", "family"])


def _tells(clause: Clause, after: tuple[Token, ...], lexicon: Lexicon) -> bool:
    """A verb of telling after the subject, or a separable one whose particle ends the clause ("reden ... ein")."""
    if not lexicon.telling.isdisjoint(t.norm for t in after):
        return True
    last = clause.tokens[-1].norm if clause.tokens else ""
    return any((t.norm, last) in lexicon.telling_apart for t in after)


def _wants_believed_next(clause: Clause, following: Clause, lexicon: Lexicon) -> bool:
    """The aim in a clause of its own, then the child believing: "Sie wollen, dass du glaubst, dass ...".

    The wanting clause is its subject and verb alone, so "Deine Eltern wollen, dass dein Leben ..." (no belief) and
    "Sie wollen dich warnen" are not read so.
    """
    tokens = clause.tokens
    if len(tokens) != clause.subject + 2 or tokens[-1].norm not in lexicon.intending:
        return False
    return following.who in ("you", "child") and not lexicon.believing.isdisjoint(t.norm for t in following.tokens)


# Object pronouns that may stand for the child made to believe something ("you" and children are read from `who`).
_MADE_TO_BELIEVE: Final = frozenset(["him", "her", "them", "us"])


def _wants_believed(clause: Clause, lexicon: Lexicon) -> bool:
    """A verb of wanting, its object, "to", a verb of belief: "they want you to feel you will never be free".

    Only with an object between: "people want to think you asked for it" is not someone's aim for the child.
    """
    if not lexicon.intending:
        return False
    tokens = clause.tokens
    start = clause.subject + 1
    for at in range(start, min(start + 3, len(tokens) - 3)):
        if tokens[at].norm not in lexicon.intending:
            continue
        whom = tokens[at + 1].norm
        if (
            (whom in _MADE_TO_BELIEVE or lexicon.who.get(whom) in ("you", "child"))
            and tokens[at + 2].norm == "to"
            and tokens[at + 3].norm in lexicon.believing
        ):
            return True
    return False


def _introduces(tokens: tuple[Token, ...], verb: Token, language: str) -> bool:
    """True when a verb of saying introduces what is said: in Spanish, with "que" just after it ("dice que").

    "Los niños que dicen su dirección..." tells what children give away, not what someone claims.
    """
    if language != "es":
        return True
    at = tokens.index(verb)
    return any(t.norm == "que" for t in tokens[at + 1 : at + 5])


__all__ = ["Analysis", "Clause", "analyse", "split", "who"]
