"""Where a text quotes: the one definition of quotation the checker's rules skip (`skip_quoted`).

Good guidance cites harmful wording to reject it ("Avoid asking 'why did you send it?'",
„Selbst schuld“ ist ein Satz, der nicht stimmt, «Te lo has buscado» es una frase falsa), and
stories give characters their lines: a rule that skips quotations does not judge those words.

A quotation lies within one paragraph (a blank line ends it):

- Double quotes `"`, `“`, `”` pair by their count in the paragraph, whatever other marks stand
  between them, and one left open quotes the rest of its paragraph: the meaning `"` always had in
  the checker (plain text straightens the curly ones, so a lesson and its plain text agree). The
  mark that closes a German `„...“` (the first `“`, `”` or `"` after `„` in its paragraph not taken
  by another `„`; plain text has straightened `“` to `"`) is not one of them: it closes its `„`,
  and does not open a quotation running to the end of the paragraph (until 2026-12-02 it did, and
  every sentence after a German quotation, to the paragraph's end, went unchecked by these rules).
- German `„...“` (closed by `“`, `”` or `"`) and `‚...‘`; guillemets `«...»`, `»...«`, `‹...›`,
  `›...‹` (Spanish, French, Arabic; German); single quotes `'...'` and `‘...’`. The single ones
  double as apostrophes ("don't", "children's", "the kids' phones"), so `'` or `‘` opens only after
  a line start, a space or an opening bracket and before a non-space, and `'` or `’` closes only
  after a non-space and before a space, punctuation or the end. These open only when their
  closing mark follows in the paragraph; a lone one is an apostrophe or a typo, not a quotation
  (one that quoted the rest of the paragraph would silence every rule there). They do not nest:
  what lies inside the outer one is quoted already. Where the two kinds overlap, the spans merge.
- A structured quiz's wrong option is marked `‹...›` in the checker's plain text (`check/plain.py`): it is a
  misconception the item quotes for its feedback to correct.
- A claim refuted where it stands is quoted too, without marks (`_refuted_claims`): a sentence whose next sentence
  opens by calling it untrue ("... That is not true: ...", "Option: ... Feedback: Incorrect.", "... Das stimmt
  nicht; ...", "... Eso no es cierto.", «... هذا غير صحيح»), a clause refuted after its comma ("..., which is
  a myth", «...، وهذا خطأ»), a quotation called untrue by the words after it ('"..." is a myth', «...» es un mito),
  and the claim after a "Myth:" label ("Mythos:", "Mito:", «خرافة:»). The words
  set up to be corrected are a misconception, like a quiz's wrong option; the sentence that corrects them is read.

"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any, Final, NamedTuple

import re2

from lessonkit.lazy_re import LazyPattern
from lessonkit.linear_re import re2_options

# Every character that opens or closes a quotation.
_MARK: Final = re.compile("[\"'\u2018\u2019\u201a\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a]")
_BREAK: Final = LazyPattern(r"\n(?=\n)")  # a paragraph ends at a blank line ("\n\n\n" holds two)

_DOUBLE: Final = '"\u201c\u201d'
_SINGLE_OPEN: Final = "'\u2018"
_SINGLE_CLOSE: Final = "'\u2019"
_LOW_SINGLE_CLOSE: Final = "'\u2018\u2019"
# Each opening mark but the double quotes (`_double_quoted`), and the marks that close it.
_CLOSERS: Final[dict[str, str]] = {
    "\u201e": '\u201c\u201d"',  # „...“
    "\u201a": _LOW_SINGLE_CLOSE,  # ‚...‘
    "\u00ab": "\u00bb",  # «...»
    "\u00bb": "\u00ab",  # »...«
    "\u2039": "\u203a",  # ‹...›
    "\u203a": "\u2039",  # ›...‹
    **dict.fromkeys(_SINGLE_OPEN, _SINGLE_CLOSE),
}
# Closing marks that are also apostrophes: they close only before a space, punctuation or the end.
_APOSTROPHE_LIKE: Final = frozenset("'\u2018\u2019")
_OPEN_AFTER: Final = frozenset("([{")


class Quotations(NamedTuple):
    """The quotations of a text: each from its opening mark to just past its closing mark, in order.

    One left open (a double quote) ends where its paragraph does, before the blank line.
    """

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def spans(self) -> list[tuple[int, int]]:
        """(start, end) of every quotation, marks included."""
        return list(zip(self.starts, self.ends, strict=True))

    def holds(self, offset: int) -> bool:
        """True when `offset` lies inside a quotation: after its opening mark, up to its closing mark."""
        index = bisect_left(self.starts, offset) - 1
        return index >= 0 and offset < self.ends[index]


_NONE: Final = Quotations((), ())

# What calls the claim before it untrue. A sentence of its own: "That is not true", "Not true", "A common myth",
# "Das stimmt nicht", "Eso no es cierto", «هذا غير صحيح», followed by punctuation, so that "That is not true of
# everyone" calls nothing untrue. A bare "Wrong." or "Falsch." may judge a deed as well as a claim, so it counts
# only after a feedback label or a "No,".
_CALLED_UNTRUE: Final = (
    # English
    r"(?:that|this|it)(?:\s++is|'s)\s++(?:not\s++(?:true|right|correct)|false|wrong|untrue|(?:a\s++)?(?:common\s++)?myth)"
    r"|(?:that|this|it)\s++isn't\s++(?:true|right|correct)|not\s++(?:true|correct)|untrue|incorrect"
    r"|(?:a\s++)?(?:common\s++)?myth"
    # German
    r"|(?:das\s++)?stimmt\s++(?:so\s++)?nicht|das\s++ist\s++(?:falsch|nicht\s++wahr|ein\s++(?:verbreiteter\s++)?(?:mythos|irrtum))"
    r"|(?:ein\s++)?(?:verbreiteter\s++)?(?:mythos|irrtum)"
    # Spanish
    r"|(?:eso\s++|esto\s++)?no\s++es\s++(?:cierto|verdad|así)|(?:eso|esto)\s++es\s++(?:falso|mentira|un\s++mito)"
    r"|incorrecto|mentira|(?:es\s++)?un\s++mito|mito"
    # Arabic, with the conjunction و that so often opens the refutation
    r"|و?(?:(?:هذا|هذه|ذلك)\s++)?(?:غير\s++صحيحة?|خرافة|ليس\s++صحيحًا|ليس\s++صحيحا|ليست\s++صحيحة)|و?(?:هذا|ذلك)\s++(?:خطأ|خاطئ)"
)
_BARE_UNTRUE: Final = r"false|wrong|falsch|falso|خطأ|خاطئ|خاطئة"
_AFTER: Final = r"(?=\s*+(?:[.:;,!،؛—–]|$))"
# A feedback label, and a "No," (or "Nein,", «لا،»), before the words that call the claim untrue.
_LABEL: Final = (
    r"(?:feedback|answer|explanation|fact|rückmeldung|erklärung|auflösung|fakt|respuesta|explicación"
    r"|retroalimentación|realidad|التعليق|الرد|الإجابة|التوضيح|الحقيقة)\s*+:\s*+"
)
_NO: Final = r"(?:no|nein|لا)[,.!،]\s*+"
# The clause before a comma called untrue: "..., which is a myth", "..., was nicht stimmt", «...، وهذا خطأ».
_CLAUSE_UNTRUE: Final = (
    r"(?:(?:but|and|yet|aber|doch|und|pero|y)\s++)?(?:"
    r"(?:which\s++is|(?:that|this)(?:\s++is|'s))\s++(?:not\s++(?:true|right|correct)|false|untrue|(?:a\s++)?(?:common\s++)?myth)"
    r"|(?:that|this)\s++isn't\s++true"
    r"|das\s++(?:stimmt\s++(?:so\s++)?nicht|ist\s++(?:falsch|nicht\s++wahr|ein\s++(?:verbreiteter\s++)?(?:mythos|irrtum)))"
    r"|was\s++(?:so\s++)?(?:nicht\s++stimmt|falsch\s++ist|nicht\s++wahr\s++ist)"
    r"|(?:lo\s++cual|lo\s++que|eso|esto)\s++(?:no\s++es\s++(?:cierto|verdad)|es\s++(?:falso|mentira|un\s++mito))"
    r"|(?:pero\s++)?no\s++es\s++(?:cierto|verdad)"
    r"|و?(?:لكن\s++)?(?:هذا|هذه|ذلك)\s++(?:غير\s++صحيحة?|خطأ|خاطئ|خاطئة|خرافة|ليس\s++صحيحًا|ليس\s++صحيحا)"
    r"|و?لكن(?:ه|ها)\s++(?:غير\s++صحيحة?|خطأ|خاطئ|خاطئة|ليس\s++صحيحًا|ليس\s++صحيحا|ليست\s++صحيحة)"
    r")"
)
# "..., that's a fib", "..., that is a lie to scare you": a lie named as one refutes the clause whatever follows.
_CLAUSE_LIE: Final = (
    r"(?:that|this|which)(?:\s++is|'s)\s++(?:just\s++|only\s++|simply\s++)?an?\s++(?:lie|fib|bluff|trick)(?!\w)"
    # The fortieth session: "...; es una mentira para asustarte", "..., das ist eine Lüge", «...، وهذا كذب».
    r"|(?:(?:eso|esto)\s++)?es\s++(?:solo\s++|sólo\s++)?(?:una\s++mentira|un\s++farol)(?!\w)"
    r"|(?:das|dies)\s++ist\s++(?:nur\s++|bloß\s++)?(?:eine\s++lüge|ein\s++bluff|gelogen)(?!\w)"
    r"|(?:ف)?(?:اعلم|اعلمي|اعرف|اعرفي|تذكر|تذكري)\s++أن\s++(?:هذا|هذه|ذلك)\s++(?:مجرد\s++)?(?:أسلوب|حيلة|كذب|كذبة|خدعة)"
)
# The next sentence names the claim before it a lie, or words of the offender's script, whatever follows: "That's a lie
# to scare you.", "That is part of the script to rush you;", "Das ist eine Lüge, um ...", "Eso es un farol para ...",
# «هذا كذب هدفه ...». Words for a deed ("a trick", "a tactic") are not among them: "You were naive. That's a trick they
# use." would take the blame before it for a claim refuted.
_NAMED_LIE: Final = (
    r"(?:(?:that|this|it)(?:\s++is|'s)\s++(?:just\s++|only\s++|all\s++|simply\s++)?"
    r"(?:an?\s++(?:lie|fib|bluff)|part\s++of\s++(?:the|their|his|her|a)\s++script)"
    r"|(?:das|dies)\s++ist\s++(?:nur\s++|bloß\s++|alles\s++)?(?:eine\s++lüge|ein\s++bluff|gelogen)"
    r"|(?:eso|esto)\s++es\s++(?:solo\s++|sólo\s++)?(?:una\s++mentira|un\s++farol|parte\s++del\s++guion)"
    # The fortieth session: the offender's pressure named a tactic, by a noun for what was quoted ("This deadline is a
    # tactic to make you panic", „Dieser Zeitdruck ist eine Masche“, "Esa prisa es una táctica"): a deed word alone
    # ("That's a trick they use") still does not count.
    r"|(?:this|that|the)\s++(?:deadline|countdown|threat|line|message|pressure|rush)\s++is\s++(?:just\s++|only\s++)?"
    r"(?:a\s++|an\s++)?(?:tactic|trick|lie|bluff|scare\s++tactic|pressure\s++tactic)"
    r"|(?:dieser|diese|dieses|der|die|das)\s++(?:zeitdruck|druck|satz|spruch|drohung|countdown|frist)\s++ist\s++"
    r"(?:nur\s++|bloß\s++)?(?:eine\s++)?(?:masche|lüge|taktik|erpressermasche|bluff)"
    r"|(?:esa|esta|la)\s++(?:prisa|amenaza|frase|cuenta\s++atrás|presión)\s++es\s++(?:solo\s++|sólo\s++)?"
    r"(?:una\s++)?(?:táctica|mentira|trampa|farol)"
    r"|و?(?:هذا|ذلك)\s++(?:مجرد\s++)?(?:كذب|كذبة)"
    r")(?!\w)"
)
# A quotation called untrue by the words right after its closing mark: '"Real men don't fall for this" is a myth:',
# „Selbst schuld“ stimmt nicht, «Te lo has buscado» es falso, «...» خرافة. Double quotes and guillemets only: a
# single quote is also an apostrophe, and the opening mark is found by looking back for the nearest one.
_QUOTE_CALLED_UNTRUE: Final = LazyPattern(
    r"[\"\u201c\u201d\u00bb\u00ab](?=\s)\s++(?:(?:"
    r"(?:is|was)\s++(?:(?:just|simply|only|also)\s++)?(?:not\s++(?:true|right|correct)|false|wrong|untrue"
    r"|an?\s++(?:common\s++|old\s++|dangerous\s++|harmful\s++)?(?:myth|lie))"
    r"|isn't\s++(?:true|right|correct)"
    r"|(?:ist\s++)?(?:ein\s++)?(?:verbreiteter\s++|alter\s++|gefährlicher\s++)?(?:mythos|irrtum)"
    r"|(?:ist\s++)?(?:falsch|nicht\s++wahr|gelogen|eine\s++lüge)|stimmt\s++(?:so\s++|einfach\s++)?nicht"
    r"|(?:es|era)\s++(?:un\s++)?(?:mito|falso|mentira|una\s++mentira)|no\s++es\s++(?:cierto|verdad)"
    r"|(?:(?:هو|هي)\s++)?(?:خرافة|غير\s++صحيحة?|كلام\s++غير\s++صحيح|خطأ|خاطئ|خاطئة|كذب|كذبة|ليس\s++صحيحًا|ليس\s++صحيحا)"
    r")" + _AFTER + r"|"
    # Named as an offender's line, whatever follows (the fortieth session): '"..." is a line offenders use to keep you
    # quiet', „...“ ist eine typische Lüge von Erpressern.
    r"(?:is|was)\s++(?:just\s++|only\s++)?(?:a|an|the|one)\s++(?:typical\s++|common\s++|classic\s++|standard\s++|old\s++)?"
    r"(?:line|lie|trick|tactic|threat|script|phrase|bluff)s?\s++(?:that\s++|which\s++)?(?:offenders|blackmailers|scammers"
    r"|groomers|abusers|criminals|they)\s++(?:use|say|send|write)"
    r"|ist\s++(?:eine\s++)?(?:typische\s++|übliche\s++|bekannte\s++|alte\s++)?(?:lüge|masche|drohung)\s++(?:von|der)"
    r"|(?:es|son)\s++(?:una\s++)?(?:típica\s++|frase\s++)?(?:mentira|amenaza|táctica|frase)\s++(?:típica\s++)?(?:de|que\s++usan)"
    r")",
    re.IGNORECASE,
)
# The first word after a closing mark that `_QUOTE_CALLED_UNTRUE` can start with (lower case): the big pattern is
# tried only at a closing mark followed by one of them, found by a small one, and only in a part that holds a word
# of `_VERDICT_WORDS` (`_open_gates`). The big pattern run over every part with a quotation mark cost a megabyte of
# licence texts 0.05 G instructions (cachegrind): the classifier asks for each part's quotations.
_CLOSE_THEN_WORD: Final = LazyPattern(r"[\"\u201c\u201d\u00bb\u00ab]\s+(\S+)")
_UNTRUE_FIRST_WORDS: Final = frozenset(
    (
        "is",
        "was",
        "isn't",
        "ist",
        "ein",
        "eine",
        "falsch",
        "nicht",
        "gelogen",
        "stimmt",
        "mythos",
        "irrtum",
        "verbreiteter",
        "alter",
        "gefährlicher",
        "es",
        "era",
        "no",
        "mito",
        "falso",
        "mentira",
        "son",
        "هو",
        "هي",
        "خرافة",
        "غير",
        "كلام",
        "خطأ",
        "خاطئ",
        "خاطئة",
        "كذب",
        "كذبة",
        "ليس",
    )
)
# A thought named as a common one, to answer it (the fortieth session): "Thinking your life is ruined is a very common
# reaction ...", "Pensar que tu vida está arruinada es una reacción muy frecuente ...". The thought is the claim.
_THOUGHT_NAMED: Final = LazyPattern(
    r"(?:thinking|feeling|believing|worrying)\s++(?:that\s++)?(?P<claim>[^.!?;:\n]+?)\s++(?:is|can\s++be|feels)\s++"
    r"(?:a\s++)?(?:very\s++|really\s++|quite\s++|so\s++|completely\s++)?(?:common|normal|natural|understandable|usual)"
    r"|(?:pensar|sentir|creer|temer)\s++que\s++(?P<pensado>[^.!?;:\n]+?)\s++es\s++(?:una\s++reacción\s++|algo\s++)?"
    r"(?:muy\s++|bastante\s++|totalmente\s++)?(?:frecuente|normal|común|natural|comprensible|habitual)",
    re.IGNORECASE,
)
_THOUGHT_WORDS: Final = (
    "thinking",
    "feeling",
    "believing",
    "worrying",
    "pensar que",
    "sentir que",
    "creer que",
    "temer que",
)
_QUOTE_CLOSERS: Final = '"\u201c\u201d\u00bb\u00ab'
_QUOTE_OPENERS: Final = '"\u201c\u201d\u201e\u00ab\u00bb'
_QUOTE_REACH: Final = 300  # how far back the opening mark is looked for

# Four patterns, not one: each begins with what it needs (a sentence's final mark, a comma, a colon's label), so that
# Python's engine skips to those characters instead of trying every alternative at every character (one pattern of
# them all cost 3.4 G instructions more on a megabyte of prose).
# The next sentence calls the one before it untrue: after the claim's final mark (and a closing quote), the words that
# call it untrue, a bare "Wrong." after a label or a "No,", or a label and a bare "No.".
_NEXT_UNTRUE: Final = LazyPattern(
    r"[.!?\u061f\u2026](?P<after>[\"'\u201c\u201d\u2019\u00bb)]*+(?=\s)[ \t]*+\n?+[ \t]*+(?:(?:"
    r"(?:" + _LABEL + r")?(?:" + _NO + r")?(?:" + _CALLED_UNTRUE + r")"
    r"|(?:" + _LABEL + r"(?:" + _NO + r")?|" + _NO + r")(?:" + _BARE_UNTRUE + r")"
    r"|" + _LABEL + r"(?:no|nein|لا)"
    r")" + _AFTER + r"|" + _NAMED_LIE + r"))",
    re.IGNORECASE,
)
_CLAUSE_REFUTED: Final = LazyPattern(
    r"[,;\u060c\u061b]\s++(?:" + _CLAUSE_UNTRUE + _AFTER + r"|" + _CLAUSE_LIE + r")", re.IGNORECASE
)
_LABELLED: Final = LazyPattern(
    # A claim labelled as a myth, at the start of a line or a sentence: "Myth: ...", "Wrong idea: ...", «خرافة: ...».
    r"(?:^|(?<=[.!?\u061f]\s))[ \t]*+(?:(?P<label>(?:myth|misconception|wrong\s++idea|false\s++belief|mythos|irrtum"
    r"|irrglaube|falsche\s++vorstellung|mito|idea\s++equivocada|idea\s++falsa|falsa\s++creencia|خرافة|الخرافة"
    r"|فكرة\s++خاطئة|اعتقاد\s++خاطئ)\s*+:)"
    # A true-or-false item's statement, quoted only when its answer calls it untrue (`_ANSWERED_UNTRUE`).
    r"|(?P<quiz>(?:true\s++or\s++false|richtig\s++oder\s++falsch|wahr\s++oder\s++falsch"
    r"|¿?verdadero\s++o\s++falso|صح\s++أم\s++خطأ|صح\s++أو\s++خطأ|صحيح\s++أم\s++خطأ|صحيح\s++أو\s++خطأ|صواب\s++أم\s++خطأ)"
    r"\s*+[:?\u061f]))\Z",
    re.IGNORECASE | re.MULTILINE,
)
# A thought the child may have, after a colon, named to reassure: "Vielleicht denkst du: Ich hätte das merken müssen",
# "You might think: I should have known", "Quizá pienses: debí darme cuenta".
_THOUGHT: Final = LazyPattern(
    r"(?:(?:denkst|fragst)\s++du(?:\s++dich)?(?:\s++\w+){0,2}?|you\s++(?:may|might)\s++(?:think|tell\s++yourself)"
    r"|(?:quizá|quizás|tal\s++vez|a\s++lo\s++mejor)\s++(?:pienses|piensas|te\s++digas))\s*+:\Z",
    re.IGNORECASE,
)
# Words one of which every refutation holds (lower case; `_refuted_claims` reads none of the patterns above, nor
# compiles them, for a text without one): most text refutes nothing, and those patterns cost millions of
# instructions to compile (their Arabic letters) and a pass over the text each. Substring tests, not one RE2 pass:
# compiling that program cost a small file 16 M instructions more, for 0.04 G less on a megabyte (cachegrind).
_REFUTING_WORDS: Final = (
    "true",
    "right",
    "correct",
    "fals",
    "wrong",
    "myth",
    "lie",
    "fib",
    "bluff",
    "trick",
    "script",
    "lüge",
    "gelogen",
    "farol",
    "guion",
    "masche",
    "tactic",
    "táctica",
    "أسلوب",
    "حيلة",
    "كذب",
    "feedback",
    "answer",
    "explanation",
    "fact",
    "stimmt",
    "wahr",
    "irrtum",
    "rückmeldung",
    "erklärung",
    "auflösung",
    "fakt",
    "cierto",
    "verdad",
    "así",
    "mentira",
    "mito",
    "respuesta",
    "explicación",
    "retroalimentación",
    "realidad",
    "صحيح",
    "خطأ",
    "خاطئ",
    "خرافة",
    "التعليق",
    "الرد",
    "الإجابة",
    "التوضيح",
    "الحقيقة",
)
_LABEL_WORDS: Final = (
    "myth",
    "misconception",
    "wrong",
    "fals",
    "irrtum",
    "irrglaube",
    "vorstellung",
    "mito",
    "equivocad",
    "creencia",
    "خرافة",
    "خاطئ",
    "true",
    "richtig",
    "wahr",
    "verdadero",
    "صح",
    "صواب",
    "denkst",
    "fragst",
    "think",
    "yourself",
    "piens",
    "digas",
)
# The marks that close a label or a thought, and how far before one its words are looked for: the two patterns
# above end there (`\Z`), so each is tried once a mark, not at every character.
_CLOSING_MARK: Final = LazyPattern(r"[:?\u061f]")
_LABEL_REACH: Final = 80
# The answer after a true-or-false statement that calls it untrue: "False.", "Falsch!", "Incorrecto;", «خطأ؛».
_ANSWERED_UNTRUE: Final = LazyPattern(
    r"(?:" + _LABEL + r")?(?:" + _NO + r")?(?:" + _CALLED_UNTRUE + r"|" + _BARE_UNTRUE + r")" + _AFTER,
    re.IGNORECASE,
)
# Where a claim begins: after the end of the sentence before it, or at its paragraph's start.
_SENTENCE_END: Final = LazyPattern(r"[.!?\u061f\u2026][\"'\u201c\u201d\u2019\u00bb)]*\s+|\n(?=\n)")


def _refuted_claims(text: str) -> list[tuple[int, int]]:
    """The claims `text` calls untrue where it states them (see the module's description), as quotation spans.

    A span starts one character before the claim's first (the blank before it, or -1 at the text's start), as a
    quotation starts at its opening mark: `Quotations.holds` counts the offsets after a start.
    """
    spans: list[tuple[int, int]] = []
    lowered = text.lower()
    # Claims that end where the refutation begins: the claim begins where the sentence before it ended.
    ends_of_claims: list[int] = []
    gates = _open_gates(lowered)
    if "refuting" in gates:
        ends_of_claims += [found.start("after") for found in _NEXT_UNTRUE.finditer(text)]
        ends_of_claims += [found.start() for found in _CLAUSE_REFUTED.finditer(text)]
    if "thought" in gates:
        for thought in _THOUGHT_NAMED.finditer(text):
            group = "claim" if thought.group("claim") is not None else "pensado"
            spans.append((thought.start(group) - 1, thought.end(group)))
    # Not only behind the refuting words: an offender's line may be named so without one ("a line offenders use").
    if "verdict" in gates and any(mark in text for mark in _QUOTE_CLOSERS):
        spans += _quotes_called_untrue(text)
    if ends_of_claims:
        ends = [after.end() for after in _SENTENCE_END.finditer(text)]
        for end in ends_of_claims:
            before = bisect_right(ends, end - 1) - 1  # the last sentence end before the claim's own final mark
            spans.append(((ends[before] if before >= 0 else 0) - 1, end))
    # Claims that begin after a label, a true-or-false frame or "you might think", all closed by a colon (or "?").
    closed = ":" in text or "?" in text or "\u061f" in text
    for mark in _CLOSING_MARK.finditer(text) if closed and "label" in gates else ():
        low, start = max(0, mark.start() - _LABEL_REACH), mark.end()
        found = _LABELLED.search(text, low, start) or (_THOUGHT.search(text, low, start) if mark[0] == ":" else None)
        if found is None:
            continue
        after = _SENTENCE_END.search(text, start)
        if found.lastgroup == "quiz" and (after is None or not _ANSWERED_UNTRUE.match(text, after.end())):
            continue  # a statement answered "True", or not answered here: its words are the text's own
        spans.append((start - 1, after.start() + 1 if after is not None else len(text)))
    return spans


# Words one of which the quotations `_quotes_called_untrue` reads are called untrue or an offender's line with (lower
# case; a superset of what `_QUOTE_CALLED_UNTRUE` needs after its closing mark).
_VERDICT_WORDS: Final = (
    "myth",
    "t true",
    "untrue",
    "false",
    "wrong",
    "t right",
    "t correct",
    "lie",
    "offenders",
    "blackmailers",
    "scammers",
    "groomers",
    "abusers",
    "criminals",
    "they use",
    "they say",
    "they send",
    "they write",
    "irrtum",
    "falsch",
    "wahr",
    "gelogen",
    "lüge",
    "stimmt",
    "masche",
    "drohung",
    "mito",
    "falso",
    "mentira",
    "cierto",
    "verdad",
    "amenaza",
    "táctica",
    "frase",
    "خرافة",
    "صحيح",
    "خطأ",
    "خاطئ",
    "كذب",
)
_GATES: Final = {
    "refuting": _REFUTING_WORDS,
    "thought": _THOUGHT_WORDS,
    "label": _LABEL_WORDS,
    "verdict": _VERDICT_WORDS,
}


@cache
def _gate_set() -> tuple[re2.Set, tuple[frozenset[str], ...]]:
    """One RE2 set of every word of `_GATES`, and for each of its patterns the gates it opens."""
    gates_of: dict[str, set[str]] = {}
    for gate, words in _GATES.items():
        for word in words:
            gates_of.setdefault(word, set()).add(gate)
    matcher = re2.Set.SearchSet(re2_options())
    opened = []
    for word, gates in gates_of.items():
        matcher.Add(re2.escape(word))
        opened.append(frozenset(gates))
    matcher.Compile()
    return matcher, tuple(opened)


def _open_gates(lowered: str) -> frozenset[str]:
    """The gates of `_GATES` whose words `lowered` holds (as substrings), in one RE2 pass.

    Every part a rule or the classifier reads comes here; a Python test per word (some eighty words
    over four gates) cost a megabyte of prose far more than this pass (the fortieth session).
    """
    matcher, opened = _gate_set()
    found: Any = matcher.Match(lowered)  # the numbers of the words found (the stubs type it as a bool)
    return frozenset().union(*(opened[number] for number in found or ()))


def _quotes_called_untrue(text: str) -> list[tuple[int, int]]:
    """Quotations called untrue by the words after them (`_QUOTE_CALLED_UNTRUE`), from opening to closing mark."""
    spans: list[tuple[int, int]] = []
    for after in _CLOSE_THEN_WORD.finditer(text):
        word = after.group(1).lower().rstrip(".,:;!?،؛")
        if word not in _UNTRUE_FIRST_WORDS or _QUOTE_CALLED_UNTRUE.match(text, after.start()) is None:
            continue
        close = after.start()
        low = max(0, close - _QUOTE_REACH, text.rfind("\n\n", 0, close) + 1)
        opening = max(text.rfind(mark, low, close) for mark in _QUOTE_OPENERS)
        if opening >= 0:
            spans.append((opening, close + 1))
    return spans


def _word(char: str) -> bool:
    return char.isalnum() or char == "_"  # Python's `\w` for `str`


def _opens(text: str, at: int) -> bool:
    """Whether the single quote at `at` can open: after a line start, a space or a bracket, before a non-space."""
    before = text[at - 1] if at else " "
    return (before.isspace() or before in _OPEN_AFTER) and at + 1 < len(text) and not text[at + 1].isspace()


def _closes(text: str, at: int) -> bool:
    """Whether an apostrophe-like mark at `at` can close: after a non-space, before a non-word character or the end."""
    return at > 0 and not text[at - 1].isspace() and (at + 1 == len(text) or not _word(text[at + 1]))


@lru_cache(maxsize=16)
def refuted_claims(text: str) -> Quotations:
    """The claims `text` refutes where it states them (`_refuted_claims`), alone: no quotation marks.

    For the rules that read quotations (fear and shame quoted in a story still frighten and shame) but not a
    claim the text calls untrue at once (`skip_refuted`).
    """
    refuted = _refuted_claims(text)
    return _merged(refuted) if refuted else _NONE


@lru_cache(maxsize=16)
def quotations(text: str) -> Quotations:
    """The quotations of `text` (see the module's description)."""
    refuted = refuted_claims(text)
    if _MARK.search(text) is None:
        return refuted  # most text quotes nothing
    marks = [(m.start(), m.group()) for m in _MARK.finditer(text)]
    breaks = [m.start() for m in _BREAK.finditer(text)]
    if "\u201e" in text:  # the marks that close „...“ are not double quotes of their own
        closing = _low_high_closers(marks, breaks, len(text))
        spans = _double_quoted([mark for mark in marks if mark[0] not in closing], breaks, len(text))
    else:
        spans = _double_quoted(marks, breaks, len(text))
    # The other marks that may open here (most text has only double quotes and apostrophes).
    openers = [
        (at, closers)
        for at, char in marks
        if (closers := _CLOSERS.get(char)) is not None and (char not in _SINGLE_OPEN or _opens(text, at))
    ]
    if openers:
        spans += _other_quoted(text, marks, breaks, openers)
    return _merged(spans + refuted.spans())


def _other_quoted(
    text: str, marks: list[tuple[int, str]], breaks: list[int], openers: list[tuple[int, str]]
) -> list[tuple[int, int]]:
    """The quotations of the marks but the double quotes: each opener to the first of its closers in its paragraph."""
    # Where each mark can close a quotation (apostrophe-like ones only where they may close), and
    # the candidates of each set of closers, merged when an opener first asks for them.
    closing: dict[str, list[int]] = {}
    for at, char in marks:
        if char not in _APOSTROPHE_LIKE or _closes(text, at):
            closing.setdefault(char, []).append(at)
    by_set: dict[str, list[int]] = {}
    starts = [at for at, _ in openers]
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(openers):
        at, closers = openers[index]
        candidates = by_set.get(closers)
        if candidates is None:
            candidates = by_set[closers] = sorted(position for c in closers for position in closing.get(c, ()))
        paragraph_end = breaks[at_break] if (at_break := bisect_right(breaks, at)) < len(breaks) else len(text)
        next_close = bisect_right(candidates, at)
        if next_close >= len(candidates) or candidates[next_close] >= paragraph_end:
            index += 1  # no closing mark: not a quotation
            continue
        end = candidates[next_close] + 1
        spans.append((at, end))
        index = bisect_left(starts, end, index + 1)  # marks inside the quotation open nothing
    return spans


def _low_high_closers(marks: list[tuple[int, str]], breaks: list[int], size: int) -> set[int]:
    """Where a German `„` closes: at the first `“`, `”` or `"` after it in its paragraph not taken by another `„`.

    One pass over the marks: each `„` waits for a double mark of its paragraph, and each such mark
    closes one `„` that waits („...„...“...“ nests: both closing marks are taken).
    """
    closing: set[int] = set()
    waiting = 0  # how many `„` of the current paragraph wait for their closing mark
    paragraph_end = -1
    for at, char in marks:
        if at >= paragraph_end:
            waiting = 0
        if char == "\u201e":
            if not waiting:
                at_break = bisect_right(breaks, at)
                paragraph_end = breaks[at_break] if at_break < len(breaks) else size
            waiting += 1
        elif waiting and char in _DOUBLE:
            closing.add(at)
            waiting -= 1
    return closing


def _double_quoted(marks: list[tuple[int, str]], breaks: list[int], size: int) -> list[tuple[int, int]]:
    """The double quotes' quotations: marks paired by their count in each paragraph, one left open to its end."""
    spans: list[tuple[int, int]] = []
    opened = -1
    paragraph_end = -1  # where the paragraph of the open mark ends
    for at, char in marks:
        if char not in _DOUBLE:
            continue
        if opened >= 0 and at < paragraph_end:
            spans.append((opened, at + 1))
            opened = -1
            continue
        if opened >= 0:
            spans.append((opened, paragraph_end))
        at_break = bisect_right(breaks, at)
        opened, paragraph_end = at, breaks[at_break] if at_break < len(breaks) else size
    if opened >= 0:
        spans.append((opened, paragraph_end))
    return spans


def _merged(spans: list[tuple[int, int]]) -> Quotations:
    """Spans in order, overlapping ones joined (an offset is inside after a start and before an end)."""
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(spans):
        if ends and start < ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return Quotations(tuple(starts), tuple(ends))


def blank_quoted(sentence: str, start: int, text: str) -> str:
    """`sentence` with what `text` quotes there, marks included, blanked with spaces (same length).

    `sentence` is a sentence of `text` as `check.sentences` gives it: its first word begins at
    offset `start`, marks before that word ('„Du', '"Send') are part of it, and each run of
    whitespace in `text` is one space in it. A quotation is read on the whole `text` (it may open
    in an earlier sentence). Should the two not line up, the sentence is returned as it is.
    """
    found = quotations(text)
    starts, ends = found.starts, found.ends
    if not starts:
        return sentence
    origin = sentence_origin(sentence, start, text)
    if origin < 0 or origin >= ends[-1]:
        return sentence
    span = bisect_right(ends, origin)  # the first quotation that ends after the sentence starts
    blanked: list[tuple[int, int]] = []
    for place in aligned_words(sentence, origin, text):
        if place is None:
            return sentence  # not the sentence of `text` at `start`
        into, at, length = place
        end = at + length
        while span < len(starts) and ends[span] <= at:
            span += 1
        if span == len(starts):
            break
        following = span
        while following < len(starts) and starts[following] < end:
            low, high = max(starts[following], at), min(ends[following], end)
            if low < high:
                blanked.append((into + low - at, into + high - at))
            following += 1
    if not blanked:
        return sentence
    pieces: list[str] = []
    kept = 0
    for low, high in blanked:
        pieces += (sentence[kept:low], " " * (high - low))
        kept = high
    pieces.append(sentence[kept:])
    return "".join(pieces)


_LETTER: Final = LazyPattern(r"[^\W\d_]")  # how a word of `check.sentences` begins


def sentence_origin(sentence: str, start: int, text: str) -> int:
    """Where a sentence of `check.sentences` begins in `text`, given where its first word begins; -1 if they differ."""
    first = _LETTER.search(sentence)
    lead = sentence[: first.start()] if first is not None else ""
    at = start
    for char in reversed(lead):  # the marks before the first word, found back from it
        if char == " ":
            if at == 0 or not text[at - 1].isspace():
                return -1
            while at > 0 and text[at - 1].isspace():
                at -= 1
        elif at > 0 and text[at - 1] == char:
            at -= 1
        else:
            return -1
    return at


def aligned_words(sentence: str, origin: int, text: str) -> Iterator[tuple[int, int, int] | None]:
    """Each word of a sentence of `check.sentences` as (its offset in `sentence`, its offset in `text`, its length).

    `origin` is where the sentence begins in `text` (`sentence_origin`). The sentence has each run of
    whitespace of `text` as one space, so a word after a line break or blanked markup is further
    on in `text` than in the sentence. Yields None, and stops, at the first word that does not
    line up (the sentence is not the one of `text` there).
    """
    at, into, size = origin, 0, len(text)
    for word in sentence.split(" "):
        while at < size and text[at].isspace():
            at += 1
        if not text.startswith(word, at):
            yield None
            return
        yield into, at, len(word)
        into += len(word) + 1
        at += len(word)


def in_quotation(text: str, offset: int) -> bool:
    """True when `offset` lies inside a quotation of `text` (a character's words, or wording cited to be avoided)."""
    return quotations(text).holds(offset)


def in_refuted_claim(text: str, offset: int) -> bool:
    """True when `offset` lies inside a claim that `text` calls untrue where it states it (`refuted_claims`)."""
    return refuted_claims(text).holds(offset)
