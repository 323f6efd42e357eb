r"""The small pattern language of rule files: regular expressions over word forms, with macros.

In a pattern, `{NAME}` inserts a macro from the file's `define:` table, and a space matches any
run of spaces and punctuation inside one clause (never `.`, `!`, `?`, `;` or `:`), so one
pattern covers line breaks, commas and Markdown emphasis. A group named `neg` marks an
optional negation inside the phrase ("you are (?P<neg>not )?to blame"): when it matches, the
phrase is read as negated and not reported.

Rules run on untrusted text, so matching runs on RE2 (`lessonkit.linear_re`): time linear in the
text. The word guards `(?<!\w)...(?!\w)` become consumed context there; a rule whose phrases
need lookarounds of their own runs on Python's engine, on units no larger than the checker's cap.
The Python form (`Matcher.regex`) stays the reference: the anchors are derived from its parse.

Deriving a matcher (Python's parse and compile, the anchors, the RE2 form) costs about 10 ms a rule,
a third of a second for a language's rules; what it derives is plain data, kept in the cache folder
(`matchers-<hash>.marshal`, keyed by lessonkit's version, Python's, the code of the modules that
derive it and the rule files: see `_matchers_path`) and read back on the next run, when Python's
engine compiles a pattern only if a rule needs it. `tests/test_check_speed_equivalence.py` holds the
two paths equal. There is one file per rule folder (`matchers-<language>-<hash>.marshal`), read when
that language's first rule is compiled: a single file of every language's matchers (2.3 MB once the
whole curriculum had been checked) cost a check of one English sentence about a tenth of its
start-up to read and verify, and its anchor strings of every language made the anchor set larger
than the document's language needs. The files are marshal, not JSON (JSON decoded them in about
three times the time); every record is still checked field by field (`_from_record`), as the other
marshal caches of the checker are.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import re
import sys
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from itertools import count
from pathlib import Path
from typing import Any, ClassVar, Final

import re2

from lessonkit import __version__
from lessonkit.cache_file import read_sealed_file, write_sealed_file
from lessonkit.check import macros
from lessonkit.check.anchors import Anchor, Needs, alternative_needs, anchor_for, anchor_of, fold
from lessonkit.check.quotation import in_quotation as in_quotation
from lessonkit.check.resources import cache_dir, rules_version
from lessonkit.lazy_re import LazyPattern
from lessonkit.linear_re import (
    Hit,
    Scanner,
    ascii_form,
    bounded_ascii,
    bounded_inner,
    re2_options,
    to_re2,
    word_bounded,
)
from lessonkit.problems import LessonkitError

# The Arabic question mark and semicolon (؟ ؛) end sentences and clauses like their Latin forms.
_SEPARATOR = r"[^\w.!?;:؟؛]+"
_CLAUSE_END = LazyPattern(r"[.!?;:؟؛\n]\s*\n|[.!?;:؟؛]")
_SENTENCE_END = LazyPattern(r"[.!?؟]")
NEGATION_WINDOW = 5  # words before a match that can negate it ("it is never your fault")
# Some negations reach further, over the clause they introduce: a negated verb of saying ("Never tell a child that she
# was asking for trouble"), a myth named as one ("It's a myth that ..."), an offender's words told as theirs. The words
# of a negation pattern in a group named `wide` count this many words back.
WIDE_NEGATION_WINDOW = 20


@dataclass(frozen=True)
class Matcher:
    """The compiled patterns of one rule, and the plain words one of which every match contains.

    `regex` is the Python form (the reference, read by the anchors and the tests); `scanner` runs
    the same pattern in linear time where RE2 can express it. The negation pattern runs on a
    window of five words, so Python's engine is bounded there.

    A rule of which only some phrases need Python's engine (a lookaround) also has `linear_part`,
    its other phrases on RE2, and `python_part`, the anchor of the phrases that need Python. On
    a text that anchor rules out, those phrases match nowhere, so the whole pattern finds exactly
    what the other phrases find (an alternative that never matches changes no leftmost match),
    and `linear_part` runs instead: no compiling of the large Python pattern (tens of
    milliseconds) and no backtracking, unless a text holds what the Python-only phrases need.
    `python_wider` goes one step further: those phrases with their lookarounds taken out, on RE2.
    Taking out a zero-width test only widens what a phrase matches, so where this finds nothing
    the Python-only phrases match nowhere, and `linear_part` runs alone again.
    """

    source: str
    negation_source: str | None
    anchor: Anchor | None = None
    scanner: Scanner | None = None
    linear_part: Scanner | None = None
    python_part: Anchor | None = None
    python_wider: Scanner | None = None
    confirmation_source: str | None = None
    # Each phrase's length in `source` (in `linear_part`'s pattern) and one set of strings it needs
    # (None: none), as the cache stores them (`_pruned`); None when the phrases cannot be run apart.
    pieces: object = None
    linear_pieces: object = None
    # `_numbering`'s answer and the index it belongs to, set on the instance (not a field).
    _numbers_kept: ClassVar[tuple[object, frozenset[int] | None, _Numbered | None] | None] = None

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """The patterns on Python's engine (compiled at first use)."""
        return self.scanner.python if self.scanner is not None else re.compile(self.source, re.IGNORECASE)

    @cached_property
    def negation(self) -> re.Pattern[str] | None:
        """The negation pattern, or None (compiled at first use)."""
        return re.compile(self.negation_source, re.IGNORECASE) if self.negation_source is not None else None

    @cached_property
    def confirmation(self) -> re.Pattern[str] | None:
        """The confirmation pattern, or None (compiled at first use, which only a reported match reaches)."""
        source = self.confirmation_source
        return re.compile(source, re.IGNORECASE) if source is not None else None

    def may_match(self, folded: str) -> bool:
        """False only when the text (folded, see `anchors.fold`) cannot hold a match: the cheap test first."""
        if self.anchor is None:
            return True
        present = _STRINGS.present(folded)
        if present is not None:
            kept = self._numbers_kept  # read inline: this runs for every part and rule
            if kept is None or kept[0] is not _STRINGS.index:
                kept = self._numbering()
            _, wanted, numbered = kept
            if wanted is not None and wanted.isdisjoint(present):
                return False  # every phrase lacks one of its needs
            if numbered is not None:
                return _admitted(numbered, present)
        return self.anchor.admits(folded)

    @property
    def _wanted(self) -> frozenset[int] | None:
        """The numbers (in `_STRINGS`) of every string the anchor looks for; None when that pre-test cannot decide."""
        return self._numbering()[1]

    def _numbering(self) -> tuple[object, frozenset[int] | None, _Numbered | None]:
        """`_wanted` and the anchor as numbers of `_STRINGS`, worked out once for the string set in use.

        The anchor's phrases are filed by their first need (None when a string is missing).

        Both are numbers of one built set, so they are kept with that set's index and worked out
        again when the index is another: a set built anew (a fresh `_STRINGS`, holding the strings
        of matchers made since) numbers its strings differently, and numbers kept from the old set
        offered the wrong parts (`PartIndex` skipped 'ruf die 110'). Before the set is built both
        are None, and they are worked out once it is.
        """
        index = _STRINGS.index
        kept = self._numbers_kept
        if kept is not None and kept[0] is index:
            return kept
        wanted = _STRINGS.numbers(self.anchor) if self.anchor is not None else None
        kept = (index, wanted, self._number_phrases(index))
        object.__setattr__(self, "_numbers_kept", kept)  # a cache on a frozen dataclass, like cached_property's
        return kept

    def _number_phrases(self, index: dict[str, int] | None) -> _Numbered | None:
        if self.anchor is None or index is None or any(not needs for needs in self.anchor.phrases):
            return None
        try:
            phrases = [tuple(frozenset(index[s] for s in need) for need in needs) for needs in self.anchor.phrases]
        except KeyError:
            return None
        filed: dict[int, list[int]] = {}
        for at, needs in enumerate(phrases):
            for number in needs[0]:
                filed.setdefault(number, []).append(at)
        return filed, frozenset(filed), tuple(needs[1:] for needs in phrases)

    def finditer(self, text: str, folded: str | None = None, keep: frozenset[int] | None = None) -> Iterator[Hit]:
        """Every match in the text, as `regex.finditer` finds them (`folded`: `fold(text)`, if known).

        `keep`: the numbers of the anchor's phrases that may match in the text (`PartIndex.phrases`), or None.
        """
        if self.scanner is None:
            return (Hit(m.start(), m.end(), m.group(0), m.groupdict()) for m in self.regex.finditer(text))
        linear, python = self.linear_part, self.python_part
        if linear is not None and python is not None:
            folded = fold(text) if folded is None else folded
            if not python.admits(folded):
                return self._run(linear, 1, text, folded)
            wider = self.python_wider
            if wider is not None and wider.search(text) is None:
                return self._run(linear, 1, text, folded)
        return self._run(self.scanner, 0, text, folded, keep)

    def _run(
        self, scanner: Scanner, which: int, text: str, folded: str | None, keep: frozenset[int] | None = None
    ) -> Iterator[Hit]:
        """The matches of `scanner` (0: `scanner`, 1: `linear_part`), pruned to the text's phrases where that pays."""
        pieces = self.linear_pieces if which else self.pieces
        if pieces is not None and not scanner.compiled:
            if keep is not None and not which:
                layout = self._layout_of(scanner, 0, pieces)
                kept = self._kept_phrases(layout, keep) if layout is not None else None
                if layout is not None and kept is not None:
                    found = self._program_run(scanner, which, layout, kept, text)
                    if found is not None:
                        return found
            if _STRINGS.matcher is None:
                pruned = self._pruned(scanner, which, pieces, text, folded)
                if pruned is not None:
                    return pruned
        return scanner.finditer(text)

    def _kept_phrases(self, layout: _Layout, keep: frozenset[int]) -> tuple[int, ...] | None:
        """The phrases of a layout of `scanner` numbered in `keep` (the anchor's numbers), or None: run the whole.

        The numbers are the anchor's, so they are taken only where the layout's phrases are the anchor's, one for
        one. Both are made from one list of each phrase's needs (`alternative_needs`), and `anchor_of` only drops a
        phrase whose needs repeat an earlier one's: as many phrases means the same list, and each phrase's need in
        the layout is then one of its needs in the anchor (checked too). Rules with repeated needs run whole.
        """
        if self.anchor is None:
            return None
        aligned = self.__dict__.get("_aligned")
        if aligned is None:
            phrases = self.anchor.phrases
            aligned = len(layout) == len(phrases) and all(
                need is not None and frozenset(need) in {frozenset(n) for n in needs}
                for (_, _, need, *_), needs in zip(layout, phrases, strict=False)
            )
            self.__dict__["_aligned"] = aligned
        if not aligned:
            return None
        kept = tuple(number for number in range(len(layout)) if number in keep)
        return None if len(kept) == len(layout) else kept

    def _pruned(
        self, scanner: Scanner, which: int, pieces: object, text: str, folded: str | None
    ) -> Iterator[Hit] | None:
        """The matches found by a program of only the phrases the text holds the strings of; None: run the whole.

        Compiling a rule's whole program costs milliseconds (a large rule, 4-8 ms; one small file
        compiled six, 14 ms of its 120). A phrase that lacks a string it needs matches nowhere in
        the text, and taking out an alternative that never matches changes no leftmost match
        (as `linear_part` does), so the phrases left find exactly the same. Only while the run is
        small (the anchor string set not built, see `_AnchorStrings`), for at most
        `_PRUNED_PROGRAMS` programs a scanner, and before its whole program is compiled: after
        that the whole program serves every text.
        """
        layout = self._layout_of(scanner, which, pieces)
        if layout is None:
            return None
        folded = fold(text) if folded is None else folded
        kept = tuple(
            number for number, (_, _, need, *_) in enumerate(layout) if need is None or any(s in folded for s in need)
        )
        if len(kept) == len(layout):
            return None
        return self._program_run(scanner, which, layout, kept, text)

    def _layout_of(self, scanner: Scanner, which: int, pieces: object) -> _Layout | None:
        layouts: dict[int, _Layout | None] = self.__dict__.setdefault("_layouts", {})
        if which not in layouts:
            layouts[which] = _layout(scanner.pattern, pieces)
        return layouts[which]

    def _program_run(
        self, scanner: Scanner, which: int, layout: _Layout, kept: tuple[int, ...], text: str
    ) -> Iterator[Hit] | None:
        """The matches of a program of only the `kept` phrases of `scanner` (None: too many programs made)."""
        if not kept:
            return iter(())  # no phrase can match here
        programs: dict[tuple[int, tuple[int, ...]], Scanner] = self.__dict__.setdefault("_programs", {})
        program = programs.get((which, kept))
        if program is None:
            if sum(1 for key in programs if key[0] == which) >= _PRUNED_PROGRAMS:
                return None
            joined = "|".join(scanner.pattern[start:end] for start, end, *_ in (layout[number] for number in kept))
            # The kept phrases cut from the RE2 pattern (and its Latin-1 form) the cache holds (`_program_forms`).
            forms = _program_forms(layout, scanner, kept)
            if forms is None:
                inner = to_re2(joined, re.IGNORECASE)
                forms = (word_bounded(inner), None) if inner is not None else None
            if forms is None:
                return None
            names = tuple(name for name in scanner.names if f"(?P<{name}>" in joined)
            program = Scanner.prepared(
                f"{_OPEN}{joined}{_CLOSE}", re.IGNORECASE, forms[0], names, ascii_source=forms[1]
            )
            programs[(which, kept)] = program
        blank = dict.fromkeys(scanner.names)
        if not blank:
            return program.finditer(text)
        # Every named group of the whole pattern, as its hits list them (None: it took no part).
        return (Hit(hit.start, hit.end, hit.text, {**blank, **hit.groups}) for hit in program.finditer(text))

    def search(self, text: str) -> Hit | None:
        """The first match, or None."""
        return next(self.finditer(text), None)

    def negated(self, match: Hit, text: str) -> bool:
        """True when the phrase carries its own negation or one stands shortly before it, in the same clause."""
        if any(v for k, v in match.groups.items() if k.startswith("neg") and v):
            return True
        if self.negation is None:
            return False
        start = match.start
        clause_start = max((m.end() for m in _CLAUSE_END.finditer(text, max(0, start - 200), start)), default=0)
        before = text[max(clause_start, start - 200) : start]
        words = before.split()
        window = " ".join(words[-NEGATION_WINDOW:])
        found = self.negation.search(window)
        if found is None:
            return len(words) > NEGATION_WINDOW and self._negated_from_afar(words)
        return not self._confirmed(window, match, text)

    def _negated_from_afar(self, words: list[str]) -> bool:
        """True when a negation further back in the clause governs the match: a negated verb of saying, a named myth.

        Guidance names the words it forbids after "never say", "do not suggest that", "no insinúe nunca que", «لا
        تلمّحوا أبدًا إلى أن», and refutes a myth after "It's a myth that", often more than five words before them.
        A language's negation pattern marks these openers with a group named `wide`, each with its own stops (a
        comma, "or", "because"; the end of the sentence); they alone reach `WIDE_NEGATION_WINDOW` words. Read only for
        a match with no negation in the five words before it.
        """
        negation = self.negation
        if negation is None or "wide" not in negation.groupindex:
            return False
        window = " ".join(words[-WIDE_NEGATION_WINDOW:])
        return any(found.group("wide") for found in negation.finditer(window))

    def _confirmed(self, window: str, match: Hit, text: str) -> bool:
        """True when only reporting words negate the match and the writer then confirms what was reported.

        "Blackmailers claim your life will be ruined, and they are usually right": "claim" reports the
        claim, so the negation pattern finds it, but the writer agrees. A language's negation pattern
        marks its reporting words with a group named `reported`; the file's `confirmation:` pattern is
        matched from the end of the match (anchored) to the end of the next sentence (at most 200 characters).
        Read only for a negated match, which is rare: no cost on the parts a rule does not match.
        """
        negation = self.negation
        if self.confirmation_source is None or negation is None or "reported" not in negation.groupindex:
            return False
        if not all(found.group("reported") for found in negation.finditer(window)):
            return False  # a plain negation too ("people don't think it was your fault, and they are right")
        confirmation = self.confirmation  # compiled only now: most negations are plain ("it is never your fault")
        assert confirmation is not None  # its source is set
        after = text[match.end : match.end + 200]
        ends = [end.end() for end in _SENTENCE_END.finditer(after)]
        after = after[: ends[1]] if len(ends) > 1 else after
        return confirmation.match(after) is not None  # from the end of the match: the gap is the pattern's own


# The words around a rule's phrases in its `source`, and the most programs `Matcher._pruned` compiles for a rule.
_OPEN: Final = r"(?<!\w)(?:"
_CLOSE: Final = r")(?!\w)"
_PRUNED_PROGRAMS: Final = 4

# Each phrase's span in a scanner's pattern, the strings it needs (None: none), and its lengths
# in the scanner's RE2 pattern and in that pattern's Latin-1 form (None: not known; a pruned
# program is then translated when it is made).
_Layout = tuple[tuple[int, int, tuple[str, ...] | None, int | None, int | None], ...]


def _layout(source: str, pieces: object) -> _Layout | None:
    """The phrases of `source` (`_OPEN` phrase|phrase... `_CLOSE`) from their record, or None when it does not fit."""
    if not isinstance(pieces, list) or not source.startswith(_OPEN) or not source.endswith(_CLOSE):
        return None
    layout: list[tuple[int, int, tuple[str, ...] | None, int | None, int | None]] = []
    at = len(_OPEN)
    for piece in pieces:
        if not (isinstance(piece, list) and len(piece) == 4 and type(piece[0]) is int and piece[0] > 0):
            return None
        need, re2_length, ascii_length = piece[1:]
        if need is not None and _texts(need) is None:
            return None
        if not all(length is None or (type(length) is int and length > 0) for length in (re2_length, ascii_length)):
            return None
        layout.append((at, at + piece[0], None if need is None else tuple(need), re2_length, ascii_length))
        at += piece[0] + 1  # and the "|" between phrases
    if at - 1 + len(_CLOSE) != len(source) or any(source[end] != "|" for _, end, *_ in layout[:-1]):
        return None
    return tuple(layout)


def _cut(pattern: str, at: int, lengths: Iterable[int | None]) -> tuple[list[str], int] | None:
    """The phrases of these lengths in `pattern` from `at` on, a "|" between two, and where the last ends; or None."""
    phrases: list[str] = []
    for length in lengths:
        if length is None or at + length > len(pattern) or (phrases and pattern[at - 1] != "|"):
            return None
        phrases.append(pattern[at : at + length])
        at += length + 1  # and the "|" between phrases
    return phrases, at - 1


def _opening(inner: str) -> str:
    """The flags group an RE2 form opens with ("(?i)": it holds for every phrase after it), or ""."""
    flags = _FLAGS.match(inner)
    return flags.group(0) if flags else ""


_FLAGS: Final = LazyPattern(r"\(\?[a-zA-Z]+\)")
_MATCH_OPEN: Final = "(?P<m>"  # where `word_bounded` puts its pattern (the first such group: the context is a class)


def _program_forms(layout: _Layout, scanner: Scanner, kept: tuple[int, ...]) -> tuple[str, bytes | None] | None:
    """The RE2 pattern of the kept phrases and its Latin-1 form, cut from the scanner's; None when they are not known.

    The Latin-1 form is None (derived when the program needs it) unless the scanner's is known.
    Both are cut, not made: translating a rule's first Latin-1 form in a run cost 5 ms, more than pruning saved.
    """
    re2_source = scanner.re2_source
    inner = bounded_inner(re2_source) if re2_source is not None else None
    if inner is None:
        return None
    opening = _opening(inner)
    cut = _cut(inner, len(opening), (lengths[3] for lengths in layout))
    if cut is None or cut[1] != len(inner):
        return None
    made = word_bounded(opening + "|".join(cut[0][number] for number in kept))
    whole = scanner.known_ascii_source
    if whole is None:
        return made, None
    # The Latin-1 form is `word_bounded`'s context, narrowed, around the phrases narrowed one by one
    # (`_pieces` checked that), and the context is classes, so the first match group opens the phrases.
    text = whole.decode("latin-1")
    start = text.find(_MATCH_OPEN) + len(_MATCH_OPEN)
    cut = _cut(text, start + len(opening), (lengths[4] for lengths in layout)) if start >= len(_MATCH_OPEN) else None
    if cut is None or not text.startswith(opening, start) or not text.startswith(")", cut[1]):
        return made, None
    phrases, end = cut
    return made, (text[:start] + opening + "|".join(phrases[number] for number in kept) + text[end:]).encode("latin-1")


def _pieces(
    phrases: list[str], needs: list[Needs], inner: str, translated: list[str] | None = None
) -> list[list[Any]] | None:
    """Each phrase's length, its most selective needed strings, its RE2 and Latin-1 lengths (`Matcher._pruned`).

    None when the phrases cannot be run apart. `needs` are those of the top-level alternatives
    of the phrases' joined pattern (`alternative_needs`), one per phrase (checked by their
    number), in order. `inner` is the joined phrases' RE2 form: each phrase's RE2 and Latin-1
    lengths are kept when the phrases translated one by one make exactly that form and its
    Latin-1 form (None otherwise: each pruned program is then translated when it is made).
    `translated` holds the phrases' RE2 forms when the caller has made them already.
    """
    if len(phrases) < 2:
        return None
    if len(needs) != len(phrases):
        return None
    # RE2 forms open with their flags ("(?i)"), which the joined form writes once, for every phrase.
    opening = _opening(inner)
    if translated is None:
        translated = [to_re2(phrase, re.IGNORECASE) or "" for phrase in phrases]
    bare = [t[len(opening) :] if t.startswith(opening) else "" for t in translated]
    re2_lengths: list[int | None] = [None] * len(phrases)
    ascii_lengths: list[int | None] = [None] * len(phrases)
    if all(bare) and opening + "|".join(bare) == inner:
        re2_lengths = [len(b) for b in bare]
        forms = [ascii_form(b) for b in bare]
        whole = ascii_form(word_bounded(inner))
        if all(forms) and whole is not None:
            joined = bounded_ascii(opening.encode("latin-1") + b"|".join(f or b"" for f in forms))
            if joined == whole:
                ascii_lengths = [len(f or b"") for f in forms]
    return [
        [len(phrase), sorted(need[0]) if need else None, re2_length, ascii_length]
        for phrase, need, re2_length, ascii_length in zip(phrases, needs, re2_lengths, ascii_lengths, strict=True)
    ]


# An anchor as numbers of `_STRINGS`: phrases by each number of their first need, those numbers,
# and each phrase's other needs.
_Numbered = tuple[dict[int, list[int]], frozenset[int], tuple[tuple[frozenset[int], ...], ...]]


def _admitted(numbered: _Numbered, present: frozenset[int]) -> bool:
    """`Anchor.admits`, from the numbers of the strings a text holds (`_AnchorStrings.present`).

    The set finds every occurrence of its literal strings, so a string is in the text exactly
    when its number is present, and this is the same test: only the phrases whose first need is
    met are looked at, instead of every phrase of the rule with a substring search per string.
    """
    filed, first, rest = numbered
    seen: set[int] = set()
    # "Each other need meets the text" as `not any(map(...))` (in C), not a generator per phrase:
    # this runs for each part a rule reads, over every phrase the part's strings start.
    apart = present.isdisjoint
    for number in first.intersection(present):  # a part holds many strings, most of other rules
        for at in filed[number]:
            if at in seen:
                continue
            seen.add(at)
            if not any(map(apart, rest[at])):
                return True
    return False


def _phrases_met(numbered: _Numbered, present: list[frozenset[int] | None]) -> frozenset[int] | None:
    """The phrases (`_Numbered`) whose every need is met in one of these parts' strings (None: a part was unread)."""
    filed, first, rest = numbered
    met: set[int] = set()
    for holds in present:
        if holds is None:
            return None  # the set could not read the part: any phrase may match there
        apart = holds.isdisjoint
        for number in first.intersection(holds):
            for at in filed[number]:
                if at not in met and not any(map(apart, rest[at])):
                    met.add(at)
    return frozenset(met)


class _AnchorStrings:
    """Which anchor strings occur in a text, found for all the rules' anchors in one RE2 scan.

    `Anchor.admits` runs for every part and rule (on a megabyte of prose, 155,000 times and
    0.7 s): each call tests its strings with `in`. Here one RE2 set of every anchor string known
    to the run (those of the cached matchers, and of the matchers made so far) reads a part once
    and returns the strings it holds; a matcher none of whose strings is among them is skipped,
    and for the others the anchor is decided from those numbers (`_admitted`), which is the same
    test. A matcher whose strings are not all in the set (made after the set was built) always
    calls `admits`. The set costs some 15 ms to build, so it is built only once a run has asked
    `START_AFTER` times (one small file never pays for it), or at once for a large document
    (`PartIndex`).
    """

    START_AFTER = 4096
    KEPT = 1 << 16  # texts whose answer is kept: a document's parts (rules are the outer loop)

    def __init__(self) -> None:
        self.asked = 0
        self.index: dict[str, int] | None = None
        self.matcher: re2.Set | None = None
        self.found: dict[str, frozenset[int]] = {}

    def numbers(self, anchor: Anchor) -> frozenset[int] | None:
        """Numbers of strings of which a text that `anchor` admits holds at least one (None: no such test).

        A phrase needs every one of its sets, so one set per phrase is enough to test: the one
        whose shortest string is longest (long strings are rare, so most parts hold none).
        """
        if any(not needs for needs in anchor.phrases):
            return None  # a phrase that needs nothing: admitted everywhere
        strings = {
            string for needs in anchor.phrases for string in max(needs, key=lambda n: min(map(len, n), default=0))
        }
        index = self.index
        if index is None or not strings <= index.keys():
            return None
        return frozenset(index[string] for string in strings)

    def present(self, folded: str) -> frozenset[int] | None:
        """The numbers of the strings the text holds; None when the set is not (yet) in use."""
        found = self.found.get(folded)
        if found is not None:
            return found
        if self.matcher is None:
            self.asked += 1
            if self.asked != self.START_AFTER:
                return None
            self._build()
            if self.matcher is None:
                return None
        try:
            # The numbers of the strings found (None for none); the stubs type it as a bool.
            hits: Any = self.matcher.Match(folded)
        except (re2.error, UnicodeError):
            return None  # `admits` decides alone
        if len(self.found) >= self.KEPT:
            self.found.clear()
        found = self.found[folded] = frozenset(hits or ())
        return found

    def build_now(self) -> bool:
        """Build the set now if it is not built (a large document pays for it at once); True when in use."""
        if self.matcher is None:
            self._build()
        return self.matcher is not None

    def _build(self) -> None:
        strings: set[str] = set()
        # The stored matchers of the languages this run has compiled rules of (a document's rules
        # are compiled before its parts are read), whether or not each is made yet.
        for language in _languages:
            for record in (_stored_matchers(language) or {}).values():
                anchor = record.get("anchor") if isinstance(record, dict) else None
                if isinstance(anchor, list):
                    strings |= {s for needs in anchor if isinstance(needs, list) for need in needs for s in need}
        for made in _made:
            if made.anchor is not None:
                strings |= {s for needs in made.anchor.phrases for needed in needs for s in needed}
        ordered = sorted(s for s in strings if isinstance(s, str))
        matcher = re2.Set.SearchSet(re2_options())
        try:
            index = {string: matcher.Add(re2.escape(string)) for string in ordered}
            matcher.Compile()
        except (re2.error, UnicodeError):
            return  # `admits` decides alone
        self.index, self.matcher = index, matcher


_STRINGS = _AnchorStrings()
_made: list[Matcher] = []  # every matcher made or read back in this run (their anchors join the set)
_languages: dict[str, None] = {}  # the rule folders of the matchers in `_made`, in the order first met


class PartIndex:
    """For one document: which of its parts hold each anchor string (an inverted index over `_STRINGS`).

    Without it every pattern rule asks `may_match` of every part (16 rules and 9,000 parts of a
    megabyte of prose: 144,000 questions, most answered "no" by `_AnchorStrings`). The index reads
    each part once, through the same string set, and a rule then visits only the parts holding one
    of the strings it wants (`Matcher._wanted`), in document order: exactly the parts on which
    `may_match` can say yes, since it says no when none of them is present. `may_match` still
    decides on each part visited. A part the set could not read (`present` gave None) is visited
    by every rule, as is every part for a matcher without a pre-test.
    """

    # Parts from which a document builds the set at once: with a language's dozen or more pattern
    # rules, a document this large asks `_AnchorStrings.START_AFTER` questions anyway.
    BUILD_FROM_PARTS = 256

    def __init__(self, strings: _AnchorStrings, folded: list[str]) -> None:
        """`folded`: every part's text as `anchors.fold` gives it, in document order."""
        self.strings = strings
        self.postings: dict[int, list[int]] = {}
        self.unread: list[int] = []
        self._phrases: dict[int, tuple[Matcher, frozenset[int] | None]] = {}  # by matcher (kept alive with it)
        # Each part's strings (None: unread), for the phrase test of `parts`.
        self.found: list[frozenset[int] | None] = []
        postings = self.postings
        for position, text in enumerate(folded):
            found = strings.present(text)
            self.found.append(found)
            if found is None:
                self.unread.append(position)
                continue
            for number in found:
                held = postings.get(number)
                if held is None:
                    postings[number] = [position]
                else:
                    held.append(position)

    @classmethod
    def of(cls, folded: list[str]) -> PartIndex | None:
        """The index of a document's parts; None while the string set is not in use (a small document)."""
        strings = _STRINGS
        if strings.matcher is None and (len(folded) < cls.BUILD_FROM_PARTS or not strings.build_now()):
            return None
        return cls(strings, folded)

    def parts(self, matcher: Matcher) -> list[int] | None:
        """Positions, ascending, of the parts on which `matcher.may_match` can say yes (None: every part)."""
        if matcher.anchor is None or self.strings is not _STRINGS:
            return None
        _, wanted, numbered = matcher._numbering()
        if wanted is None:
            return None
        chosen = set(self.unread)
        postings = self.postings
        for number in wanted:
            held = postings.get(number)
            if held is not None:
                chosen.update(held)
        if numbered is None:
            return sorted(chosen)
        # The phrase test of `may_match` (`_admitted`), here in one loop: on a megabyte of prose three
        # parts in four that hold one of a rule's strings hold no whole phrase's, and each of those
        # cost a visit (the part generator, the time check, `_hits`, `may_match`) to be ruled out.
        found = self.found
        offered = [at for at in sorted(chosen) if (holds := found[at]) is None or _admitted(numbered, holds)]
        self._phrases[id(matcher)] = (matcher, _phrases_met(numbered, [found[at] for at in offered]))
        return offered

    def phrases(self, matcher: Matcher) -> frozenset[int] | None:
        """The numbers of the anchor's phrases whose every need one part offered to `matcher` meets (None: any).

        Asked after `parts(matcher)`. A phrase outside it matches in no part the rule reads, so a program without
        it finds what the whole finds there (as `Matcher._pruned` argues for one text), and costs a third as much
        to compile: of the 638 phrases of the rules the bench's megabyte runs, 210 are met in some part.
        """
        kept = self._phrases.get(id(matcher))
        return kept[1] if kept is not None and kept[0] is matcher else None


def expand(pattern: str, define: dict[str, str]) -> str:
    """The pattern with macros expanded (each a group) and spaces turned into clause-internal separators."""
    try:
        filled = macros.fill(pattern, define, lambda body: f"(?:{body})")
    except macros.MacroError as err:
        problem = f"unknown macro {{{err.name}}} in pattern '{pattern}'" if err.unknown else str(err)
        raise LessonkitError(problem) from err
    # "hook ?ups?", "80 ?%": an optional space is an optional separator. Replaced space by space, its "?"
    # made the separator lazy, still required, so "hookups" and "80%" never matched (thirteenth session).
    return filled.replace(" ?", f"(?:{_SEPARATOR})?").replace(" ", _SEPARATOR)


@cache
def _compile(
    patterns: tuple[str, ...], define: tuple[tuple[str, str], ...], negation: str, language: str, confirmation: str = ""
) -> Matcher:
    key = hashlib.sha256(json.dumps([patterns, define, negation, confirmation]).encode("utf-8")).hexdigest()
    _languages[language] = None
    stored = _stored_matchers(language)
    found = _from_record(stored.get(key)) if stored is not None else None
    if found is not None:
        _made.append(found)
        return found
    made = _derive(patterns, define, negation, confirmation)
    if stored is not None:
        stored[key] = _record(made)
        _save_matchers(language, stored)
    _made.append(made)
    return made


def _derive(
    patterns: tuple[str, ...], define: tuple[tuple[str, str], ...], negation: str, confirmation: str = ""
) -> Matcher:
    table = dict(define)
    # Group names must be unique across alternatives: number every `neg` group, left to right.
    counter = count()
    phrases = [re.sub(r"\(\?P<neg>", lambda _: f"(?P<neg{next(counter)}>", f"(?:{expand(p, table)})") for p in patterns]
    joined = "|".join(phrases)
    source = f"{_OPEN}{joined}{_CLOSE}"
    negation_source = rf"(?<!\w)(?:{expand(negation, table)})(?!\w)" if negation else None
    confirmation_source = rf"(?<!\w)(?:{expand(confirmation, table)})(?!\w)" if negation and confirmation else None
    try:
        re.compile(source, re.IGNORECASE)
        for extra in (negation_source, confirmation_source):
            if extra is not None:
                re.compile(extra, re.IGNORECASE)
    except re.error as err:
        raise LessonkitError(f"invalid pattern: {err}") from err
    inner = to_re2(joined, re.IGNORECASE)
    scanner = Scanner(source, re.IGNORECASE, re2_pattern=word_bounded(inner) if inner is not None else None)
    linear_part, python_part, wider, linear_pieces = _split(phrases) if inner is None else (None, None, None, None)
    needs = alternative_needs(source, re.IGNORECASE)  # parsed once: the anchor and each phrase's need
    anchor = anchor_of(needs)
    pieces = _pieces(phrases, needs, inner) if inner is not None else None
    return Matcher(
        source,
        negation_source,
        anchor,
        scanner,
        linear_part,
        python_part,
        wider,
        confirmation_source,
        pieces,
        linear_pieces,
    )


_Split = tuple[Scanner | None, Anchor | None, Scanner | None, list[list[Any]] | None]


def _split(phrases: list[str]) -> _Split:
    """For a pattern RE2 cannot run whole: its RE2 phrases, the others' anchor, those widened, the RE2 phrases' pieces.

    The pieces are as `_pieces` makes them. The widened phrases are the Python-only ones without
    their lookarounds, on RE2 (None when RE2 cannot run them even so). All None when that cannot
    stand in for the whole pattern:
    no phrase or every phrase needs Python, a Python-only phrase has named groups (a hit of the
    whole pattern lists them all), or the Python-only phrases have no anchor.
    """
    linear: list[str] = []
    translated: list[str] = []  # the RE2 form of each of `linear`, kept for `_pieces`
    python: list[str] = []
    for phrase in phrases:  # each phrase translated once
        if (form := to_re2(phrase, re.IGNORECASE)) is not None:
            linear.append(phrase)
            translated.append(form)
        else:
            python.append(phrase)
    if not linear or not python or any(re.compile(p, re.IGNORECASE).groupindex for p in python):
        return None, None, None, None
    joined = "|".join(linear)
    inner = to_re2(joined, re.IGNORECASE)
    needs = anchor_for(rf"(?<!\w)(?:{'|'.join(python)})(?!\w)", re.IGNORECASE)
    if inner is None or needs is None:
        return None, None, None, None
    wider = "|".join(without_lookarounds(p) for p in python)
    wider_re2 = to_re2(wider, re.IGNORECASE)
    scanner = Scanner(f"{_OPEN}{joined}{_CLOSE}", re.IGNORECASE, re2_pattern=word_bounded(inner))
    pieces = _pieces(linear, alternative_needs(scanner.pattern, re.IGNORECASE), inner, translated)
    if wider_re2 is None:
        return scanner, needs, None, pieces
    widened = Scanner(f"{_OPEN}{wider}{_CLOSE}", re.IGNORECASE, re2_pattern=word_bounded(wider_re2))
    return scanner, needs, widened, pieces


_LOOKAROUND = ("(?=", "(?!", "(?<=", "(?<!")


def without_lookarounds(pattern: str) -> str:
    r"""The pattern with every lookahead and lookbehind group taken out (what is left matches more).

    Escapes (`\(`) and classes (`[(]`) are skipped over, so only real groups are counted.
    """
    out: list[str] = []
    index, size, depth = 0, len(pattern), 0  # depth > 0: inside a lookaround being dropped
    in_class, class_start = False, -1
    while index < size:
        char = pattern[index]
        if char == "\\":
            if depth == 0:
                out.append(pattern[index : index + 2])
            index += 2
            continue
        if in_class:
            if char == "]" and index != class_start:
                in_class = False
        elif char == "[":
            in_class = True
            class_start = index + (2 if pattern.startswith("^", index + 1) else 1)
            if depth == 0:
                out.append(pattern[index:class_start])
            index = class_start
            continue
        elif char == "(":
            if depth > 0 or pattern.startswith(_LOOKAROUND, index):
                depth += 1
        elif char == ")" and depth > 0:
            depth -= 1
            index += 1
            continue
        if depth == 0:
            out.append(char)
        index += 1
    return "".join(out)


_MATCHERS_FORMAT: Final = 6
_DERIVING_CODE: Final = ("patterns.py", "macros.py", "anchors.py", "../linear_re.py")


@cache
def _stored_matchers(language: str) -> dict[str, Any] | None:
    """A rule folder's derived matchers kept in the cache folder (empty when none yet; None without a cache folder)."""
    path = _matchers_path(language)
    if path is None:
        return None
    # Signed with the user's cache key: a matchers file planted in a project's cache folder (one
    # whose scanners never match would hide findings) is not ours, and is rebuilt like damage.
    data = read_sealed_file(path, limit=64 * 1024 * 1024)
    try:
        record = marshal.loads(data) if data is not None else None
    except (ValueError, EOFError, TypeError):
        record = None  # damaged, forged or no key: rebuilt as rules are compiled
    return record if isinstance(record, dict) else {}


def _matchers_path(language: str) -> Path | None:
    """The cache file of one rule folder's matchers (named like the rules' own cache files).

    Named by the rule files too (`resources.rules_version`), so a file holds the matchers of one
    version of the rules. Named by the deriving code alone, it kept every matcher any earlier
    version had made (records are keyed by their patterns, and an edited pattern is a new key):
    in a checkout whose rules were tuned through a session, the English file had grown to 5.6 MB
    where 2.3 MB was live, and a check of one small file cost 848 M instructions against 732 M
    with a fresh file (thirty-fourth session; docs/performance.md). Superseded files are removed
    as the other cache files are (`cache_file.prune_unused`); a rule edit costs one derivation of
    the language's matchers, a third of a second, on the next check.
    """
    folder = cache_dir()
    if folder is None:
        return None
    key, rules = _deriving_key(), rules_version()
    if rules is not None:
        key = hashlib.sha256(f"{key}\0{rules}".encode()).hexdigest()[:32]
    return folder / f"matchers-{language}-{key}.marshal"


@cache
def _deriving_key() -> str:
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{__version__}\0{sys.version}\0{_MATCHERS_FORMAT}\0".encode())
    for name in _DERIVING_CODE:
        digest.update((here / name).read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def _save_matchers(language: str, stored: dict[str, Any]) -> None:
    path = _matchers_path(language)
    if path is not None:
        write_sealed_file(path, marshal.dumps(stored))


def _anchor_record(anchor: Anchor | None) -> list[list[list[str]]] | None:
    return None if anchor is None else [[sorted(s) for s in needs] for needs in anchor.phrases]


def _scanner_record(scanner: Scanner) -> dict[str, Any]:
    return {
        "source": scanner.pattern,
        "re2": scanner.re2_source,
        "names": list(scanner.names),
        "ascii": None if scanner.ascii_source is None else scanner.ascii_source.decode("latin-1"),
    }


# The fields `_record` writes (with those of `_scanner_record`): a cache record with any other set is not read.
_RECORD_KEYS: Final = frozenset(
    [
        "source",
        "negation",
        "confirmation",
        "anchor",
        "re2",
        "names",
        "ascii",
        "linear_part",
        "python_part",
        "python_wider",
        "pieces",
        "linear_pieces",
    ]
)


def _record(matcher: Matcher) -> dict[str, Any]:
    scanner = matcher.scanner
    assert scanner is not None  # `_derive` always makes one
    linear = matcher.linear_part
    return {
        **_scanner_record(scanner),
        "source": matcher.source,
        "negation": matcher.negation_source,
        "confirmation": matcher.confirmation_source,
        "anchor": _anchor_record(matcher.anchor),
        "linear_part": None if linear is None else _scanner_record(linear),
        "python_part": _anchor_record(matcher.python_part),
        "python_wider": None if matcher.python_wider is None else _scanner_record(matcher.python_wider),
        "pieces": matcher.pieces,
        "linear_pieces": matcher.linear_pieces,
    }


def _texts(value: object) -> list[str] | None:
    return value if isinstance(value, list) and all(isinstance(v, str) for v in value) else None


def _anchor_from(anchor: object) -> tuple[bool, Anchor | None]:
    """Whether a record's anchor is well formed, and the anchor (None for none)."""
    if anchor is None:
        return True, None
    if not isinstance(anchor, list):
        return False, None
    phrases: list[tuple[frozenset[str], ...]] = []
    for needs in anchor:
        if not isinstance(needs, list) or any(_texts(strings) is None for strings in needs):
            return False, None
        phrases.append(tuple(frozenset(strings) for strings in needs))
    return True, Anchor(tuple(phrases))


def _scanner_from(record: object) -> Scanner | None:
    """A scanner from the record `_scanner_record` writes, or None when it is not of that shape."""
    if not isinstance(record, dict) or not {"source", "re2", "names", "ascii"} <= record.keys():
        return None
    source, re2_source, names, ascii_source = (record[k] for k in ("source", "re2", "names", "ascii"))
    if not isinstance(source, str) or not (re2_source is None or isinstance(re2_source, str)):
        return None
    if _texts(names) is None:
        return None
    if not (ascii_source is None or (isinstance(ascii_source, str) and ascii_source.isascii())):
        return None
    latin1 = ascii_source.encode("ascii") if ascii_source is not None else None
    return Scanner.prepared(source, re.IGNORECASE, re2_source, tuple(names), ascii_source=latin1)


def _from_record(record: object) -> Matcher | None:
    """A matcher from a cache record, or None when the record is not of the shape `_record` writes."""
    if not isinstance(record, dict) or set(record) != _RECORD_KEYS:
        return None
    negation, confirmation = record["negation"], record["confirmation"]
    if not all(source is None or isinstance(source, str) for source in (negation, confirmation)):
        return None
    scanner = _scanner_from(record)
    (anchor_ok, anchor), (python_ok, python_part) = _anchor_from(record["anchor"]), _anchor_from(record["python_part"])
    if scanner is None or not (anchor_ok and python_ok):
        return None
    linear_part = None
    if record["linear_part"] is not None:
        linear_part = _scanner_from(record["linear_part"])
        if linear_part is None or python_part is None:
            return None
    elif python_part is not None:
        return None
    wider = None
    if record["python_wider"] is not None:
        wider = _scanner_from(record["python_wider"])
        if wider is None or linear_part is None:
            return None
    # The pieces are checked when first read (`_layout`): most rules never need them in a run.
    pieces, linear_pieces = record["pieces"], record["linear_pieces"]
    return Matcher(
        scanner.pattern, negation, anchor, scanner, linear_part, python_part, wider, confirmation, pieces, linear_pieces
    )


def compile_patterns(
    patterns: list[str], define: dict[str, str], negation: str = "", *, language: str, confirmation: str = ""
) -> Matcher:
    """One matcher for a list of patterns of a rule folder (`language`); cached, rules compile once per process.

    `confirmation` is read only with a negation (`Matcher._confirmed`).
    """
    used = macros_used([*patterns, negation, confirmation], define)
    table = tuple(sorted((name, define[name]) for name in used))
    return _compile(tuple(patterns), table, negation, language, confirmation)


def macros_used(texts: list[str], define: dict[str, str]) -> set[str]:
    """The macros of `define` that the texts name, and those they name in turn.

    A rule is loaded (`rulebook`), compiled and keyed in the matcher cache with these alone, not its
    folder's whole `define` table: every rule of a file hashed the whole table at each start (a few
    kilobytes of JSON per rule, 200 KB for English). An unknown name is left out here and reported
    by `expand`.
    """
    return macros.names(texts, define)


# `in_question` runs once per match; scanning the text each time would be quadratic in a long
# paragraph full of matches, so the positions it needs are found once per text (the same `str`
# object comes back for every match of every rule in a unit, and hashes once). `in_quotation`
# (check/quotation.py, the one definition the other kinds share) keeps its spans the same way.
@lru_cache(maxsize=16)
def _sentence_ends(text: str) -> list[int]:
    return [m.start() for m in _SENTENCE_END.finditer(text)]


def in_question(text: str, offset: int) -> bool:
    """True when the sentence holding `offset` ends with a question mark."""
    ends = _sentence_ends(text)
    index = bisect_left(ends, offset)
    return index < len(ends) and text[ends[index]] in "?؟"
