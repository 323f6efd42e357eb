"""Fixed strings a regular expression needs: a cheap test that rules out text a pattern cannot match.

A tone or terminology pattern is an alternation of phrases over word forms; Python's regex
engine tries every alternative at every character, so running thirty such rules over a large
file was the checker's main cost. But each phrase holds fixed words: "you should have sent"
needs "should" (or "ought", "must") and "have"; "brought it on yourself" needs "brought". A
part of a document that lacks them for every phrase cannot match.

`anchor_for` reads the parsed pattern and derives, for each phrase (top-level alternative),
the sets of strings it needs: one string of every set must occur. The test is a few plain
substring searches in the case-folded text, and the costly pattern runs only on the parts
that pass. It never changes a result: a part is skipped only when no phrase could match it.
"""

from __future__ import annotations

import importlib
from typing import Any, NamedTuple

# The regex engine's own parser, opcodes and case table: private modules without type stubs,
# read only. Using them means the anchors follow exactly what the engine will match.
_parser: Any = importlib.import_module("re._parser")
_ops: Any = importlib.import_module("re._constants")
_casefix: Any = importlib.import_module("re._casefix")

MIN_LENGTH = 3  # shorter literals ("i", "he") pass nearly every part and would only cost time
MAX_SETS = 3  # per phrase: more tests cost more than they save
MAX_STRINGS = 64  # spelling out "sen[dt]|sending" as strings stops at this many
# Words so frequent in any prose (or inside so many other words: "over" in "cover", "end" in "send")
# that a set holding one passes most parts. Such a set is chosen only when a phrase has no other:
# an alternative of a branch keeps one set, and "ruined|over|destroyed|finished|wrecked|gone" (not
# "life|future|reputation") let English tone.fear run its whole program on 1,420 of the bench's
# 5,336 parts; with this list, 1,097 (the thirty-ninth session: the megabyte's parts read by a whole
# program 15,707 -> 13,922, its instructions -1.5%). A preference only: any set a phrase needs is a
# correct anchor, so this changes what is skipped, never what is found.
# (The anchors do not know the language: no word of one language that is a content word of another,
# such as German "die", Spanish "son" or "sin".)
_COMMON: frozenset[str] = frozenset(
    """
    the and for are but not you all any can had her was one our out get has him his how now new see who did its
    let put say she too use will with that this have from they know want been good much some time very when come
    here just like long make many more only over such take than them well were what your about after again also
    other their there these those would could should which where while under may must each upon into work used
    gone never end ends part way day der das und ist ein eine nicht mit sich auf für von dem des sie ich wie
    auch wenn nur noch oder aber wird werden kann haben sind que los las del por con una para como más pero sus
    ese esa este esta hay muy sobre ser fue
    """.split()  # noqa: SIM905 (a word list reads better as words than as quoted strings)
)

Needs = tuple[frozenset[str], ...]  # every set must have one of its strings in the text


def _fold_table() -> dict[int, str]:
    """Lower-case letters the engine treats as one under IGNORECASE (i and dotless i, s and long s, ...)."""
    table: dict[int, str] = {}
    for code, others in _casefix._EXTRA_CASES.items():
        same = {x.lower() for x in (chr(code), *map(chr, others))}
        # The plain form stands for the class ("s" for "ſ", "σ" for "ς"): the one upper() maps back to.
        first = min(same, key=lambda x: (x.upper().lower() != x, x))
        table.update({ord(x): first for x in same if x != first})
    return table


_FOLD = _fold_table()
# The table only maps letters beyond ASCII (checked here), so ASCII text needs no translation.
_FOLDS_ASCII = any(code < 128 for code in _FOLD)


def fold(text: str) -> str:
    """The text as the anchor test reads it: one lower-case form per letter, as IGNORECASE compares them.

    Every character maps to exactly one, so a pattern's literal appears in the folded text
    whenever the pattern matches the original case-insensitively.
    """
    if text.isascii() and not _FOLDS_ASCII:
        return text.lower()  # most parts: a megabyte of prose spent 20 ms in `translate`
    # "İ" is the only letter whose str.lower() is two characters; the engine compares it as "i".
    return text.replace("İ", "i").lower().translate(_FOLD)


# A named tuple, not a frozen dataclass: a dataclass's generated methods are compiled at every start-up
# (about 4 M instructions a class, measured); a named tuple's cost a third of that.
class Anchor(NamedTuple):
    """What a pattern needs: for each phrase, sets of plain strings of which one each must occur."""

    phrases: tuple[Needs, ...]

    def admits(self, folded: str) -> bool:
        """False only when no phrase can match the (folded) text."""
        # Plain loops and `in` (a fast substring search in C): this runs for every part and rule,
        # and beats one regex alternation of all the strings, which has no fast skip.
        for needs in self.phrases:
            for needed in needs:
                for string in needed:
                    if string in folded:
                        break
                else:
                    break  # this need is missing: the phrase cannot match
            else:
                return True
        return False


def anchor_for(pattern: str, flags: int = 0) -> Anchor | None:
    """The anchor of a pattern, or None when some phrase has no fixed string to look for."""
    return anchor_of(alternative_needs(pattern, flags))


def alternative_needs(pattern: str, flags: int = 0) -> list[Needs]:
    """What each top-level alternative of a pattern needs, in order (empty: it needs no fixed string)."""
    return [
        tuple(frozenset(fold(x) for x in needed) for needed in _useful(_needs(alternative)))
        for alternative in _phrases(list(_parser.parse(pattern, flags)))
    ]


def anchor_of(phrases: list[Needs]) -> Anchor | None:
    """The anchor of phrases with these needs, or None when one needs nothing (it could match any text)."""
    if any(not needs for needs in phrases):
        return None
    return Anchor(tuple(dict.fromkeys(phrases)))


def required_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The single most selective set of strings of which every match contains one (None: no such set)."""
    needs = _useful(_needs(list(_parser.parse(pattern, flags))))
    return needs[0] if needs else None


def _phrases(items: list[tuple[Any, Any]]) -> list[list[tuple[Any, Any]]]:
    """The top-level alternatives of a parsed pattern (zero-width guards around them dropped)."""
    core = [(op, value) for op, value in items if op not in (_ops.ASSERT, _ops.ASSERT_NOT, _ops.AT)]
    if len(core) == 1 and core[0][0] is _ops.SUBPATTERN:
        return _phrases(list(core[0][1][-1]))
    if len(core) == 1 and core[0][0] is _ops.BRANCH:
        return [list(alternative) for alternative in core[0][1][1]]
    return [items]


def _useful(needs: list[frozenset[str]]) -> Needs:
    """The most selective sets (none with a common word, then longest shortest string first), none too short."""
    kept = [x for x in needs if min(len(s) for s in x) >= MIN_LENGTH]
    kept.sort(key=lambda x: (not _COMMON.isdisjoint(x), -min(len(s) for s in x), len(x)))
    return tuple(dict.fromkeys(kept))[:MAX_SETS]


def _needs(items: list[tuple[Any, Any]]) -> list[frozenset[str]]:
    """Every set a sequence of parsed items needs: its spelled-out literal stretches and required groups.

    Consecutive items with few spellings ("t" then "ake|akes|aking|ook") are multiplied out
    into one set of whole strings ({"take", "takes", "taking", "took"}), which is far more
    selective than its pieces.
    """
    needs: list[frozenset[str]] = []
    stretch: set[str] = {""}
    for op, value in [*items, (None, None)]:
        spelled = _spellings(op, value) if op is not None else None
        if spelled is not None and len(stretch) * len(spelled) <= MAX_STRINGS:
            stretch = {a + b for a in stretch for b in spelled}
            continue
        if stretch != {""}:
            needs.append(frozenset(stretch))
        stretch = {""}
        if spelled is not None:
            stretch = set(spelled)  # too many to multiply: this item starts a new stretch
        elif op is not None:
            needs += _needs_of(op, value)
    return needs


def _spellings(op: Any, value: Any) -> set[str] | None:
    """Every string one parsed item can match, when there are only a few (else None)."""
    if op is _ops.LITERAL:
        return {chr(value)}
    if op is _ops.IN and all(kind is _ops.LITERAL for kind, _ in value) and len(value) <= 8:
        return {chr(code) for _, code in value}
    if op is _ops.SUBPATTERN:
        return _spell_sequence(list(value[-1]))
    if op is _ops.BRANCH:
        found: set[str] = set()
        for alternative in value[1]:
            spelled = _spell_sequence(list(alternative))
            if spelled is None:
                return None
            found |= spelled
        return found if len(found) <= MAX_STRINGS else None
    if op in (_ops.MAX_REPEAT, _ops.MIN_REPEAT, _ops.POSSESSIVE_REPEAT) and value[1] <= 1:
        inner = _spell_sequence(list(value[2]))
        return None if inner is None else (inner | {""} if value[0] == 0 else inner)
    return None


def _spell_sequence(items: list[tuple[Any, Any]]) -> set[str] | None:
    found = {""}
    for op, value in items:
        spelled = _spellings(op, value)
        if spelled is None or len(found) * len(spelled) > MAX_STRINGS:
            return None
        found = {a + b for a in found for b in spelled}
    return found


def _needs_of(op: Any, value: Any) -> list[frozenset[str]]:
    if op is _ops.SUBPATTERN:
        return _needs(list(value[-1]))
    if op is _ops.ATOMIC_GROUP:
        return _needs(list(value))
    if op in (_ops.MAX_REPEAT, _ops.MIN_REPEAT, _ops.POSSESSIVE_REPEAT) and value[0] >= 1:
        return _needs(list(value[2]))
    if op is _ops.BRANCH:
        # A branch needs one string of the union of each alternative's best set.
        best = [_useful(_needs(list(alternative)))[:1] for alternative in value[1]]
        if not all(best):
            return []  # one alternative has no fixed string: the branch proves nothing
        return [frozenset().union(*(x[0] for x in best))]
    return []  # lookarounds, classes, optional parts and any-character prove nothing
