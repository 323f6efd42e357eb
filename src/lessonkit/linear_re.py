r"""Linear-time matching of untrusted text: google-re2 where it can express a pattern, bounded `re` elsewhere.

Lessons, translations and country packs come from volunteers and strangers. Python's `re`
backtracks, so a pattern such as `[a-z0-9-]+(?:\.[a-z0-9-]+)*\.com` costs time quadratic in a
paragraph like "a.a.a.a..." (40 KB took 43 s in the checker). RE2 runs every search in time
linear in the text. The two engines read a pattern differently, and this module bridges them:

- RE2 reads `\w`, `\d`, `\s` as ASCII; Python (for `str`) as Unicode. `to_re2` rewrites them as
  the Unicode classes Python means, so German and Arabic words match the same in both (checked
  over every code point by the tests; the only differences are letters added to Unicode after
  Python 3.11's tables, which RE2 knows and Python does not).
- RE2 has no lookarounds, back references or Unicode `\b`. A pattern that needs them either
  falls back to Python's `re` (`Scanner.linear` is False), or is written for RE2 with the context
  it looks at *consumed* and the match itself in a group named `m` (`word_bounded` builds the
  usual "no word character on either side" guard this way); the scan then restarts at the end
  of `m`, one character early, so the context character can serve the next match too. That gives
  the same matches as the lookaround form: the engines prefer the same alternative and the same
  repetition count, and only where the context character is accepted.
- RE2 reports positions in UTF-8 bytes; `Scanner` turns them back into `str` offsets. It reads
  the spans from google-re2's C program (`_searcher`), not through the package's Python wrapper.
- On ASCII text a scanner runs a second program, the same pattern compiled for Latin-1 input
  (`ascii_form`): RE2 turns every Unicode class of a UTF-8 pattern into a byte automaton, and the
  checker's phrase patterns repeat `[^\p{L}\p{N}_.!?;:؟؛]` between every two words, so one
  compiled in up to 0.15 s (0.75 s for the English rules, which a megabyte of prose all needs);
  the Latin-1 form compiles about ten times faster, and byte offsets are `str` offsets there.
  Text holding a few characters beyond ASCII runs one too, each such character written as a byte
  of its own (`mapped_form`); where that cannot be done, a UTF-8 program cut to the text's blocks
  of code points (`narrowed_form`).

A fallback pattern never sees more than `limit` characters (`InputTooLargeError`); callers cap
their input below that first, and report what they refused.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import Any, Final

import re2

from lessonkit.problems import LessonkitError

# Python's `\w` for `str` is a letter, a number or `_`; its `\s` is `str.isspace()`.
WORD = r"\p{L}\p{N}_"
SPACE = r"\t-\r\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
DIGIT = r"\p{Nd}"
_OUTSIDE = {"w": f"[{WORD}]", "W": f"[^{WORD}]", "d": DIGIT, "D": r"\P{Nd}", "s": f"[{SPACE}]", "S": f"[^{SPACE}]"}
_INSIDE = {"w": WORD, "d": DIGIT, "s": SPACE}
# Zero-width or back-referencing escapes RE2 cannot read the way Python does.
_UNSUPPORTED_ESCAPES = frozenset("bBN123456789")
FALLBACK_LIMIT = 256 * 1024  # characters a backtracking pattern may scan in one call
# RE2's budget for one program: its instructions and the DFA states its searches cache. The DFA
# needs room for some twenty states as wide as the program, or RE2 gives up on it, runs its much
# slower NFA (same matches) and logs "DFA out of memory" on every search. Measured on German text
# (tests/test_quotation_re2_memory.py holds the shipped rules quiet): the largest shipped rule
# (de tone.blame-shapes, 3,297 characters as RE2 reads it) needs 24 MiB, and the need grows by
# about 8 MiB per thousand characters (the alternation of twelve German tone rules, 23,000
# characters: 192 MiB), so this holds rules several times the largest (raised from 256 to 384 MiB on
# 2026-12-04, when the Spanish shame-by-proxy rule grew to 15,300 characters and twice it no longer
# fit). Rules are untrusted, so the
# budget stays bounded: the program itself may take up to two thirds of it (a huge rule), and the
# DFA states fill the rest only as searches meet them.
_MAX_RE2_MEMORY = 384 << 20
_MATCH_GROUP = re.compile(r"^m\d*$")


def re2_options() -> re2.Options:
    """Options for every RE2 program of the checker: the bounded budget above, and no logging.

    RE2 logs what it handles itself (a DFA out of memory, a pattern it cannot read) straight to the
    terminal, once per search; every such case is handled here (a fallback, a raised `re2.error`),
    so the lines would only alarm the user.
    """
    options = re2.Options()
    options.max_mem = _MAX_RE2_MEMORY
    options.log_errors = False
    return options


Spans = Sequence[tuple[int, int]]  # (start, end) in bytes of the whole match, then of each group; (-1, -1): no part
Search = Callable[[bytes, int], Spans | None]
# A compiled program as `_scan` runs it: its search, its match groups (`m`, `m2`...), and the
# named groups a hit reports with their numbers.
_Program = tuple[Search, tuple[int, ...], tuple[tuple[str, int], ...]]


def _unanchored() -> Any:
    try:
        return importlib.import_module("re2._re2").RE2.Anchor.UNANCHORED
    except (ImportError, AttributeError):
        return None


# The program object of google-re2's C extension, read directly: its Python wrapper (`search`)
# builds a generator, an offsets table and a match object around every call, several times the
# cost of the search itself on a lesson's paragraph (the checker searches 40,000 times on a
# megabyte of prose). Private, so `_searcher` falls back to the public `search` without it.
_UNANCHORED: Any = _unanchored()


def _searcher(engine: re2._Regexp[bytes] | re2._Regexp[str]) -> Search:
    """`search(data, position)`: the spans of the first match in `data` at or after `position`, or None."""
    program: Any = getattr(engine, "_regexp", None)
    if _UNANCHORED is not None and callable(getattr(program, "Match", None)):
        match, unanchored = program.Match, _UNANCHORED

        def search(data: bytes, position: int) -> Spans | None:
            spans: Spans = match(unanchored, data, position, len(data))
            return None if spans[0][0] < 0 else spans

        return search
    groups = range(engine.groups + 1)

    def public(data: bytes, position: int) -> Spans | None:
        found: Any = engine.search(data, position)
        return None if found is None else [found.span(number) for number in groups]

    return public


class InputTooLargeError(LessonkitError):
    """Text too long for a pattern that only Python's backtracking engine can run."""


def to_re2(pattern: str, flags: int = 0) -> str | None:
    """The pattern in RE2 syntax with Python's meaning, or None when RE2 cannot express it."""
    if flags & ~(re.IGNORECASE | re.MULTILINE | re.DOTALL | re.UNICODE):
        return None
    out: list[str] = []
    index, size = 0, len(pattern)
    in_class = False
    class_start = -1  # index just after `[` or `[^`: a `]` there is a literal
    while index < size:
        char = pattern[index]
        if char == "\\":
            if index + 1 >= size:
                return None
            escaped = pattern[index + 1]
            index += 2
            if escaped in _UNSUPPORTED_ESCAPES or (escaped == "0"):
                return None
            if escaped in ("u", "U"):
                digits = 4 if escaped == "u" else 8
                code = pattern[index : index + digits]
                if len(code) != digits or not all(c in "0123456789abcdefABCDEF" for c in code):
                    return None
                out.append(f"\\x{{{code}}}")
                index += digits
            elif escaped == "Z":
                out.append(r"\z")
            elif in_class and escaped in _INSIDE:
                out.append(_INSIDE[escaped])
            elif in_class and escaped in _OUTSIDE:
                return None  # a negated shorthand inside a set has no RE2 form
            elif escaped in _OUTSIDE:
                out.append(_OUTSIDE[escaped])
            else:
                out.append("\\" + escaped)
            continue
        if in_class:
            if char == "]" and index != class_start:
                in_class = False
                out.append("]")
            elif char in "[]":
                out.append("\\" + char)  # a literal bracket ([:alpha:] means something else in RE2)
            else:
                out.append(char)
            index += 1
            continue
        if char == "[":
            in_class = True
            negated = pattern.startswith("^", index + 1)
            out.append("[^" if negated else "[")
            index += 2 if negated else 1
            class_start = index
            continue
        if char == "(" and pattern.startswith("?", index + 1):
            group = _group_opening(pattern, index)
            if group is None:
                return None
            out.append(group)
            index += len(group)
            continue
        if char == "$" and not flags & re.MULTILINE:
            return None  # Python's `$` also matches before a final newline; RE2's does not
        out.append(char)
        index += 1
    if in_class:
        return None
    prefix = "".join(f for flag, f in ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s")) if flags & flag)
    return (f"(?{prefix})" if prefix else "") + "".join(out)


def _group_opening(pattern: str, index: int) -> str | None:
    """The text of a `(?...` opening RE2 reads as Python does, or None (lookarounds, references, ...)."""
    rest = pattern[index + 2 :]
    if rest.startswith(":"):
        return "(?:"
    if rest.startswith("P<"):
        end = rest.find(">")
        return None if end < 0 else pattern[index : index + 2 + end + 1]
    flags = re.match(r"[ims]*(?:-[ims]+)?[:)]", rest)
    if flags and flags.group(0) not in (":", ")"):
        return f"(?{flags.group(0)}"
    return None


# A class no byte matches in a Latin-1 program: stands in for what no ASCII character matches.
_NEVER = r"[^\x00-\x{ff}]"
_OUTSIDE_ASCII = r"\x{ff}"  # the same inside a class: ASCII text never holds U+00FF
_CLASS_ESCAPES = frozenset("dDsSwW")
_CONTROL_ESCAPES = frozenset("tnvfra")


def _ascii_members(element: str, fold: bool = False) -> list[int]:
    r"""The ASCII code points a class element (`\p{L}`, `a-z`, `\x{2000}-\x{200a}`) matches in a UTF-8 program."""
    return list(_range_members(element, fold, 0, 128))


@cache
def _class_search(element: str, fold: bool) -> Search:
    return _searcher(re2.compile(f"(?i)[{element}]" if fold else f"[{element}]"))


@cache
def _range_text(first: int, last: int) -> tuple[bytes, dict[int, int]]:
    """The UTF-8 bytes of the code points from `first` to before `last` (no surrogate); byte offset -> code point."""
    codes = [code for code in range(first, last) if not 0xD800 <= code < 0xE000]
    starts: dict[int, int] = {}
    offset = 0
    for code in codes:
        starts[offset] = code
        offset += len(chr(code).encode())
    return "".join(map(chr, codes)).encode(), starts


@cache
def _range_members(element: str, fold: bool, first: int, last: int) -> tuple[int, ...]:
    """The code points from `first` to before `last` (surrogates left out) that the class element matches.

    One scan of the UTF-8 program over the characters written one after the other: a class matches
    one whole character, at its first byte, so each match is one member (and far cheaper than a
    search per character, which cost about 0.1 s for the blocks a megabyte of prose needs).
    """
    data, starts = _range_text(first, last)
    search = _class_search(element, fold)
    found = []
    position = 0
    while (spans := search(data, position)) is not None:
        start, position = spans[0]
        found.append(starts[start])
    return tuple(found)


def _as_ranges(codes: list[int]) -> str:
    r"""ASCII code points as the ranges of a class (`\x{41}-\x{5a}\x{61}-\x{7a}`); empty for none."""
    spans: list[tuple[int, int]] = []
    for code in codes:
        if spans and spans[-1][1] == code - 1:
            spans[-1] = (spans[-1][0], code)
        else:
            spans.append((code, code))
    return "".join(f"\\x{{{low:x}}}-\\x{{{high:x}}}" for low, high in spans)


@cache
def _ascii_element(element: str) -> str | None:
    r"""A class element narrowed to the ASCII characters it holds (class ranges); None when that changes its meaning.

    RE2 turns `\p{L}` into a large automaton in either encoding; on ASCII text only its ASCII
    members can match, so the Latin-1 program gets just those ("" when none: the caller writes a
    class that matches nothing). Case-insensitive matching must not change either: the Kelvin
    sign matches `k` under `(?i)`, so an element holding it without `k` or `K` cannot be narrowed.
    """
    narrowed = _as_ranges(_ascii_members(element))
    folded = _ascii_members(narrowed, fold=True) if narrowed else []
    return narrowed if folded == _ascii_members(element, fold=True) else None


def _unit(source: str, index: int) -> tuple[bool, int]:
    r"""One element of an RE2 pattern at `index`: whether it is one character (not `\p{L}`), and where it ends."""
    char = source[index]
    if char != "\\":
        return True, index + 1
    escaped = source[index + 1]
    if escaped == "x":
        end = source.index("}", index + 3) + 1 if source.startswith("{", index + 2) else index + 4
        return True, end
    if escaped in "pP":
        end = source.index("}", index + 2) + 1 if source.startswith("{", index + 2) else index + 3
        return False, end
    if escaped in _CLASS_ESCAPES:
        return False, index + 2
    if escaped.isascii() and escaped.isalnum() and escaped not in _CONTROL_ESCAPES and escaped not in "Az":
        # \Q...\E, \C, \b, octal and the like: to_re2 never writes them, so they are not translated.
        raise ValueError(f"an escape RE2 reads in its own way: \\{escaped}")
    return True, index + 2


def ascii_form(source: str) -> bytes | None:
    r"""The pattern of a Latin-1 program that matches ASCII text exactly as `source` does in UTF-8, or None.

    RE2 reads a pattern's syntax the same way in both encodings, and ASCII bytes are the same
    text in both, so the two programs agree on ASCII text as long as each class and character
    matches the same ASCII characters (with and without `(?i)`). Every class element is therefore
    replaced by the ASCII characters it holds (`_ascii_element`); a character beyond ASCII
    matches no ASCII character unless case-insensitively (checked the same way), so it becomes
    U+00FF inside a class and a class that matches nothing outside one. The tests compare the
    two programs on ASCII text.
    """
    form = _narrowed(source, _ascii_element, _OUTSIDE_ASCII, _NEVER)
    return None if form is None else form.encode("latin-1")


# ASCII characters that, outside a class, are each one element of plain ASCII syntax (not `[` nor a backslash).
_PLAIN_RUN: Final = re.compile(r"[\x00-\x5a\x5d-\x7f]+")
# Where a class that starts at `[` ends (only a key: a class is reused only when this text was read whole before).
_CLASS: Final = re.compile(r"\[\^?\]?(?:\\.|[^\]\\])*\]", re.DOTALL)


def _narrowed(source: str, narrow: Callable[[str], str | None], inside: str, outside: str) -> str | None:
    """`source` with each class element that is not plain ASCII syntax replaced by `narrow(element)`, or None.

    `narrow` gives the element's members as class ranges ("" for none: `inside` stands in for it
    within a class, `outside` outside one), or None when narrowing would change its meaning.
    """
    out: list[str] = []
    index, size = 0, len(source)
    in_class, class_start = False, -1
    classes: dict[str, str] = {}  # a class's text in `source` -> its narrowed text
    opened = (0, 0)  # where the class being read starts, in `source` and in `out`
    try:
        while index < size:
            if not in_class:
                # A run of ASCII outside a class, up to the next class or escape, is copied whole: each of
                # its characters would be copied one by one below (most of a phrase rule's pattern is such
                # runs; char by char, the four languages' phrase rules took 0.14 s).
                plain = _PLAIN_RUN.match(source, index)
                if plain is not None:
                    out.append(plain.group())
                    index = plain.end()
                    continue
            char = source[index]
            if not in_class and char == "[":
                # The same class recurs (the separator of every space in a phrase): once narrowed, it is reused.
                if (whole := _CLASS.match(source, index)) is not None and (
                    done := classes.get(whole.group())
                ) is not None:
                    out.append(done)
                    index = whole.end()
                    continue
                opened = (index, len(out))
                negated = source.startswith("^", index + 1)
                out.append("[^" if negated else "[")
                index += 2 if negated else 1
                in_class, class_start = True, index
                continue
            if in_class and char == "]" and index != class_start:
                out.append("]")
                in_class = False
                index += 1
                classes[source[opened[0] : index]] = "".join(out[opened[1] :])
                continue
            if in_class and source.startswith("[:", index):
                return None  # a POSIX class: to_re2 never writes one
            start = index
            single, index = _unit(source, index)
            if in_class and single and source.startswith("-", index) and not source.startswith("-]", index):
                single, index = _unit(source, index + 1)  # a range: one element with its two ends
                if not single:
                    return None
            element = source[start:index]
            if (
                single
                and element.isascii()
                and (len(element) == 1 or element.startswith("\\"))
                and not (element.startswith("\\x"))
            ):
                out.append(element)  # ASCII syntax or an ASCII character: the same in both encodings
                continue
            narrowed = narrow(element)
            if narrowed is None:
                return None
            if in_class:
                out.append(narrowed or inside)
            else:
                out.append(f"[{narrowed}]" if narrowed else outside)
    except (ValueError, IndexError):
        return None
    return None if in_class else "".join(out)


# --- UTF-8 programs narrowed to the characters a text can hold ------------------------------------
#
# A part with one character beyond ASCII (a curly quote, an "é") cannot run the Latin-1 program,
# and the full UTF-8 program of a phrase rule costs about 25 ms to compile (its Unicode classes).
# Such a part holds characters of a few blocks of 256 code points (Latin-1 Supplement, General
# Punctuation, Arabic...). A UTF-8 program whose every class element is cut to its members among
# ASCII and those blocks matches any text of such characters exactly as the full program does:
# the same argument as `ascii_form`, over a wider set of characters, each element's membership
# compared over every character of the set, with and without `(?i)`. Such programs compile in a
# fraction of the time; a scanner widens its blocks as parts need, a few times at most, and then
# compiles the full program. The first time it widens, it widens to every block of the document
# being checked (`expect_blocks`), where they are few enough, so that it widens once at most per
# document: widening part by part used up the three programs and compiled the full one (a 2 MB
# prose file with 13 blocks: 0.5 s of compiling; one narrowed program of its largest pattern
# compiles in 33 ms, the full one in 322 ms). Its first program covers only the blocks of the
# part that needs it: most scanners read few parts (those their anchors admit), and a program
# of fewer blocks is cheaper.
_BLOCK_BITS: Final = 8
_NARROW_BLOCKS: Final = 16  # blocks beyond ASCII one narrowed program may cover
_NARROW_PROGRAMS: Final = 3  # narrowed programs one scanner compiles before it compiles the full one
# Stands in for "no member" in a narrowed program: a text holding a character of its block is
# never narrowed, nor one holding a surrogate (no UTF-8 program can be cut to those).
_PLACEHOLDER: Final = 0x10FFFF
_UNNARROWED_BLOCKS: Final = frozenset(
    [_PLACEHOLDER >> _BLOCK_BITS, *range(0xD800 >> _BLOCK_BITS, 0xE000 >> _BLOCK_BITS)]
)


@lru_cache(maxsize=256)
def text_chars(text: str) -> frozenset[str]:
    """The characters beyond ASCII a text holds."""
    return frozenset(char for char in set(text) if char > "\x7f")


@lru_cache(maxsize=256)
def text_blocks(text: str) -> frozenset[int] | None:
    """The blocks (code point >> 8) of a text's characters beyond ASCII, or None when it cannot be narrowed."""
    blocks = frozenset(ord(char) >> _BLOCK_BITS for char in text_chars(text))
    return None if blocks & _UNNARROWED_BLOCKS else blocks


_expected: list[frozenset[int]] = [frozenset()]  # the blocks `expect_blocks` was last given
_expected_chars: list[frozenset[str]] = [frozenset()]  # and their characters beyond ASCII


def expect_blocks(texts: Iterable[str]) -> None:
    """Say which texts come next (a document's parts): narrowed programs cover their blocks at once.

    Only a hint: a program narrowed to more blocks than a text holds matches it just the same.
    """
    found: set[int] = set()
    chars: set[str] = set()
    for text in texts:
        if not text.isascii() and (blocks := text_blocks(text)) is not None:
            found |= blocks
            chars |= text_chars(text)
    _expected[0] = frozenset(found)
    _expected_chars[0] = frozenset(chars)


def _block_members(element: str, block: int, fold: bool) -> tuple[int, ...]:
    """The code points of one block that the class element matches in a UTF-8 program."""
    first = block << _BLOCK_BITS
    return _range_members(element, fold, first, first + (1 << _BLOCK_BITS))


def _members(element: str, blocks: tuple[int, ...], fold: bool) -> list[int]:
    found = _ascii_members(element, fold)
    for block in blocks:
        found += _block_members(element, block, fold)
    return found


@cache
def _block_element(element: str, blocks: tuple[int, ...]) -> str | None:
    r"""A class element cut to its members among ASCII and `blocks` (class ranges); None if that changes its meaning."""
    narrowed = _as_ranges(_members(element, blocks, fold=False))
    folded = _members(narrowed, blocks, fold=True) if narrowed else []
    if folded == _members(element, blocks, fold=True):
        return narrowed
    # Case folding reaches beyond the blocks (`ß` and `ẞ`, `k` and the Kelvin sign): a character or
    # a range compiles cheaply as it is, and as it is it means what it meant; only classes cost.
    return element if _plain(element) else None


def _plain(element: str) -> bool:
    r"""Whether a class element is one character or a range of two (not a class such as `\p{L}`)."""
    single, end = _unit(element, 0)
    if single and end < len(element) and element[end] == "-":
        single, end = _unit(element, end + 1)
    return single and end == len(element)


def narrowed_form(source: str, blocks: frozenset[int]) -> str | None:
    r"""A UTF-8 pattern that matches text of ASCII characters and characters of `blocks` as `source` does.

    None when some element cannot be cut so (the full program then runs). `blocks` must not
    hold the block of U+10FFFF nor a surrogate's (`text_blocks` never gives those).
    """
    if blocks & _UNNARROWED_BLOCKS:
        return None
    ordered = tuple(sorted(blocks))
    placeholder = rf"\x{{{_PLACEHOLDER:x}}}"
    return _narrowed(source, lambda element: _block_element(element, ordered), placeholder, placeholder)


# --- Latin-1 programs for text of a few characters beyond ASCII -----------------------------------
#
# A UTF-8 program, even one narrowed to a few blocks, spells every multi-byte range of a class as
# byte sequences, at every occurrence of the class: the phrase rules' separator, narrowed to
# General Punctuation, still compiles to three times the Latin-1 program (a megabyte of prose:
# 23 narrowed programs, 0.1 s of compiling). A part holds few distinct characters beyond ASCII,
# though, and a document not many more: each gets a byte of its own (`_SLOTS`), the text is
# written with those bytes, and a Latin-1 program runs it, every class element cut to its ASCII
# members and the bytes of the characters it matches. That matches exactly as the full program
# does, by the argument of `ascii_form`: each character is one byte, each element matches the
# same characters, and the case folding of the slot bytes adds nothing (no Unicode case pairs
# among them, nor with ASCII), so it is enough that each character's membership does not change
# under `(?i)` (else the element is refused: one program serves both contexts) and that no
# character of the text folds to an ASCII one (the Kelvin sign and the long s: ASCII letters
# are copied as they are). Byte offsets are `str` offsets, as on ASCII text.
_SLOTS: Final = bytes([*range(0x80, 0xB5), *range(0xB6, 0xC0), 0xD7, 0xF7])  # no case folding in Latin-1


@cache
def _member_set(element: str, block: int, fold: bool) -> frozenset[int]:
    return frozenset(_block_members(element, block, fold))


@cache
def _mappable(char: str) -> bool:
    """Whether a character beyond ASCII can take a slot: it folds to no ASCII character (and is no surrogate)."""
    code = ord(char)
    return not 0xD800 <= code < 0xE000 and not _range_members(f"\\x{{{code:x}}}", True, 0, 128)


@lru_cache(maxsize=4096)  # keyed by a document's characters: bounded over a run of many documents
def _mapped_element(element: str, chars: tuple[str, ...]) -> str | None:
    """A class element as the ASCII characters and the slots of `chars` it matches (class ranges), or None."""
    narrowed = _ascii_element(element)
    if narrowed is None:
        return None
    slots = []
    for slot, char in zip(_SLOTS, chars, strict=False):
        code = ord(char)
        member = code in _member_set(element, code >> _BLOCK_BITS, False)
        if member != (code in _member_set(element, code >> _BLOCK_BITS, True)):
            return None  # in the class only under `(?i)` (or only without): no one byte means both
        if member:
            slots.append(slot)
    return narrowed + _as_ranges(slots)


def mapped_form(source: str, chars: tuple[str, ...]) -> bytes | None:
    """The Latin-1 pattern that matches `mapped_text(text, chars)` as `source` matches `text`, or None.

    `text` holds only ASCII and `chars` (sorted, at most as many as `_SLOTS`, each `_mappable`).
    """
    if len(chars) > len(_SLOTS):
        return None  # a character without a slot of its own
    form = _narrowed(source, lambda element: _mapped_element(element, chars), _OUTSIDE_ASCII, _NEVER)
    return None if form is None else form.encode("latin-1")


def mapped_text(text: str, slots: Mapping[str, bytes]) -> bytes:
    """`text` with each character beyond ASCII written as its slot byte (one byte per character)."""
    data = text.encode("utf-8")
    for char in text_chars(text):
        # UTF-8 synchronises: a character's bytes never occur inside another character's.
        data = data.replace(char.encode("utf-8"), slots[char])
    return data


def word_bounded(pattern: str) -> str:
    r"""An RE2 pattern for `(?<!\w)(?:pattern)(?!\w)`: the match in group `m`, its context consumed."""
    return rf"(?:^|[^{WORD}])(?P<m>{pattern})(?:[^{WORD}]|$)"


_BOUNDED_HEAD, _BOUNDED_TAIL = word_bounded("\0").split("\0")


def bounded_inner(source: str) -> str | None:
    """The pattern `word_bounded` was given to make `source`, or None when `source` was not made so."""
    head, tail = _BOUNDED_HEAD, _BOUNDED_TAIL
    if len(source) < len(head) + len(tail) or not (source.startswith(head) and source.endswith(tail)):
        return None
    return source[len(head) : len(source) - len(tail)]


@cache
def _ascii_bounds() -> tuple[bytes, bytes]:
    """The Latin-1 forms (`ascii_form`) of what `word_bounded` writes before and after a pattern."""
    form = ascii_form(word_bounded("a"))
    assert form is not None  # the word classes narrow to ASCII
    head, found, tail = form.partition(b"(?P<m>a)")
    assert found  # `ascii_form` leaves ASCII syntax and letters as they are
    return head + b"(?P<m>", b")" + tail


def bounded_ascii(inner: bytes) -> bytes:
    """`ascii_form(word_bounded(pattern))`, given `ascii_form(pattern)` (each element is narrowed on its own)."""
    head, tail = _ascii_bounds()
    return head + inner + tail


@dataclass(frozen=True, slots=True)
class Hit:
    """One match: its span in the `str`, its text, and its named groups (None when a group took no part)."""

    start: int
    end: int
    text: str
    groups: Mapping[str, str | None] = field(default_factory=dict)

    def __getitem__(self, name: int | str) -> str | None:
        """`hit[0]` is the matched text, `hit["name"]` a named group (as with `re.Match`)."""
        return self.text if name == 0 else self.groups.get(str(name))

    def span(self) -> tuple[int, int]:
        """(start, end), as with `re.Match.span()`."""
        return self.start, self.end


class _Offsets:
    """UTF-8 byte offsets of one text turned into `str` offsets, cheaply for offsets met in order."""

    def __init__(self, text: str, data: bytes) -> None:
        self.data = data
        self.ascii = len(data) == len(text)  # one byte per character: ASCII, or written with slots (`mapped_text`)
        self.byte, self.char = 0, 0

    def char_of(self, byte: int) -> int:
        if self.ascii:
            return byte
        if byte < self.byte:
            self.byte, self.char = 0, 0
        self.char += len(self.data[self.byte : byte].decode("utf-8"))
        self.byte = byte
        return self.char

    def char_start(self, byte: int) -> int:
        """The first byte of the character holding `byte` (a restart may not fall inside one)."""
        if self.ascii:
            return byte  # a slot byte may look like a UTF-8 continuation byte
        while byte > 0 and 0x80 <= self.data[byte] < 0xC0:
            byte -= 1
        return byte

    def next_char(self, byte: int) -> int:
        """The first byte of the character after the one starting at `byte`."""
        byte += 1
        if self.ascii:
            return byte
        while byte < len(self.data) and 0x80 <= self.data[byte] < 0xC0:
            byte += 1
        return byte


class Scanner:
    """One pattern: RE2 when it can run it (`linear`), else Python's `re` on at most `limit` characters."""

    def __init__(
        self, pattern: str, flags: int = 0, *, re2_pattern: str | None = None, limit: int = FALLBACK_LIMIT
    ) -> None:
        """`re2_pattern` is a hand-written RE2 form (context consumed, match in group `m`)."""
        self.pattern = pattern
        self.flags = flags
        self.limit = limit
        self._source = re2_pattern if re2_pattern is not None else to_re2(pattern, flags)
        self._compiled = False
        self._engine: re2._Regexp[str] | None = None
        self.match_groups: tuple[int, ...] = ()
        self._ascii_compiled = False
        self._ascii: _Program | None = None
        self._narrow: _Program | None = None
        self._narrow_blocks: frozenset[int] = frozenset()
        self._narrow_compiles = 0
        self._mapped: tuple[_Program, dict[str, bytes]] | None = None
        self._mapped_compiles = 0

    @classmethod
    def prepared(
        cls,
        pattern: str,
        flags: int,
        re2_source: str | None,
        names: tuple[str, ...],
        limit: int = FALLBACK_LIMIT,
        ascii_source: bytes | None = None,
    ) -> Scanner:
        """A scanner from what an earlier one derived (`re2_source`, `names`, `ascii_source`).

        The checker keeps these in its cache, so a run compiles no Python regex for a rule that RE2
        runs, and derives no Latin-1 form. Without `ascii_source` the form is derived when needed.
        """
        scanner = cls.__new__(cls)
        scanner.pattern, scanner.flags, scanner.limit, scanner.names = pattern, flags, limit, names
        scanner._source, scanner._compiled, scanner._engine, scanner.match_groups = re2_source, False, None, ()
        scanner._ascii_compiled, scanner._ascii = False, None
        scanner._narrow, scanner._narrow_blocks, scanner._narrow_compiles = None, frozenset(), 0
        scanner._mapped, scanner._mapped_compiles = None, 0
        if ascii_source is not None:
            scanner.ascii_source = ascii_source
        return scanner

    @cached_property
    def names(self) -> tuple[str, ...]:
        """The named groups a hit reports (compiling the Python form, so only once a hit needs them)."""
        if "(?P<" not in self.pattern:
            return ()  # Python writes every named group so: none here, and no compiling just to learn it
        return tuple(n for n in self.python.groupindex if not _MATCH_GROUP.match(n))

    @cached_property
    def ascii_source(self) -> bytes | None:
        """The Latin-1 pattern this scanner runs on ASCII text (`ascii_form`), or None."""
        return ascii_form(self._source) if self._source is not None else None

    @property
    def known_ascii_source(self) -> bytes | None:
        """The Latin-1 pattern if it is made already (read from the cache, or derived for a text), else None."""
        known = self.__dict__.get("ascii_source")  # `ascii_source` is a cached_property: kept in the instance
        return known if isinstance(known, bytes) else None

    @property
    def re2_source(self) -> str | None:
        """The RE2 form this scanner runs (None: Python's engine, bounded)."""
        return self._source

    @cached_property
    def python(self) -> re.Pattern[str]:
        """The pattern on Python's engine: the reference, and the fallback when RE2 cannot run it."""
        return re.compile(self.pattern, self.flags)

    @property
    def engine(self) -> re2._Regexp[str] | None:
        """The RE2 program, compiled at first use: a rule whose fixed words never occur costs nothing."""
        if not self._compiled:
            self._compiled = True
            if self._source is not None:
                options = re2_options()
                try:
                    self._engine = re2.compile(self._source, options)
                except re2.error:
                    self._engine = None  # too large or a construct RE2 lacks: Python's engine, bounded
            self.match_groups = _match_groups(self._engine.groupindex) if self._engine else ()
        return self._engine

    def _ascii_engine(self) -> _Program | None:
        """The Latin-1 program for ASCII text, its match groups and named groups (compiled at first use), or None."""
        if not self._ascii_compiled:
            self._ascii_compiled = True
            form = self.ascii_source
            if form is not None:
                options = re2_options()
                options.encoding = re2.Options.Encoding.LATIN1  # type: ignore[attr-defined]  # the stubs lack the enum
                try:
                    engine = re2.compile(form, options)
                except re2.error:
                    pass  # the UTF-8 program serves ASCII text too
                else:
                    # A program compiled from bytes names its groups in bytes: they are read by number.
                    numbers = {name.decode(): number for name, number in engine.groupindex.items()}
                    named = tuple((name, numbers[name]) for name in self.names)
                    self._ascii = _searcher(engine), _match_groups(numbers), named
        return self._ascii

    def _narrow_engine(self, text: str) -> _Program | None:
        """A UTF-8 program cut to the blocks of `text` and those met before (`narrowed_form`), or None.

        None once the full program is compiled (it serves every text), for a text that cannot be
        narrowed, and after `_NARROW_PROGRAMS` narrowed programs or beyond `_NARROW_BLOCKS` blocks.
        """
        if self._compiled or self._source is None:
            return None
        blocks = text_blocks(text)
        if blocks is None:
            return None
        if self._narrow is not None and blocks <= self._narrow_blocks:
            return self._narrow
        wanted = blocks | self._narrow_blocks
        if self._narrow is not None and len(wanted | _expected[0]) <= _NARROW_BLOCKS:
            wanted |= _expected[0]  # widening once already: to every block the document holds
        if self._narrow_compiles >= _NARROW_PROGRAMS or len(wanted) > _NARROW_BLOCKS:
            return None
        self._narrow_compiles += 1
        form = narrowed_form(self._source, wanted)
        if form is None:
            self._narrow_compiles = _NARROW_PROGRAMS  # it will not narrow for other blocks either
            return None
        try:
            engine = re2.compile(form, re2_options())
        except re2.error:
            self._narrow_compiles = _NARROW_PROGRAMS
            return None
        named = tuple((name, engine.groupindex[name]) for name in self.names)
        self._narrow = _searcher(engine), _match_groups(engine.groupindex), named
        self._narrow_blocks = wanted
        return self._narrow

    def _mapped_engine(self, text: str) -> tuple[_Program, dict[str, bytes]] | None:
        """A Latin-1 program for the characters of `text` written as slots (`mapped_form`), and the slots; or None.

        Its characters are those of `text`, those met before and, where they all fit, every one of
        the document (`expect_blocks`): the program costs hardly more for more of them, so one
        program mostly serves the whole document. None once the full program is compiled, after
        `_NARROW_PROGRAMS` such programs, and where the characters cannot be mapped (then the
        blocks are narrowed instead).
        """
        if self._compiled or self._source is None or text_blocks(text) is None:
            return None
        chars = text_chars(text)
        known = self._mapped[1] if self._mapped is not None else {}
        if chars.issubset(known):
            return self._mapped
        wanted = chars.union(known)
        if self._mapped_compiles >= _NARROW_PROGRAMS or len(wanted) > len(_SLOTS):
            return None
        if not all(map(_mappable, chars)):
            return None
        if len(more := wanted | _expected_chars[0]) <= len(_SLOTS) and all(map(_mappable, more)):
            wanted = more
        self._mapped_compiles += 1
        ordered = tuple(sorted(wanted))
        form = mapped_form(self._source, ordered)
        if form is None:
            # An element a character is in only under `(?i)` (a letter the pattern spells in the other
            # case): the document's other parts most likely hold it too, so narrow the blocks instead.
            self._mapped_compiles = _NARROW_PROGRAMS
            return None
        options = re2_options()
        options.encoding = re2.Options.Encoding.LATIN1  # type: ignore[attr-defined]  # the stubs lack the enum
        try:
            engine = re2.compile(form, options)
        except re2.error:
            self._mapped_compiles = _NARROW_PROGRAMS
            return None
        numbers = {name.decode(): number for name, number in engine.groupindex.items()}
        named = tuple((name, numbers[name]) for name in self.names)
        slots = {char: _SLOTS[index : index + 1] for index, char in enumerate(ordered)}
        self._mapped = (_searcher(engine), _match_groups(numbers), named), slots
        return self._mapped

    @cached_property
    def _utf8(self) -> _Program | None:
        """The UTF-8 program as `_scan` reads it (its search, match groups and named groups), or None."""
        engine = self.engine
        if engine is None:
            return None
        named = tuple((name, engine.groupindex[name]) for name in self.names)
        return _searcher(engine), self.match_groups, named

    @property
    def compiled(self) -> bool:
        """True once a program of the whole pattern is compiled (UTF-8 or Latin-1)."""
        return self._compiled or self._ascii_compiled

    @property
    def linear(self) -> bool:
        """True when matching runs in time linear in the text (RE2)."""
        return self.engine is not None

    def finditer(self, text: str) -> Iterator[Hit]:
        """Every non-overlapping match, left to right, as `re.finditer` finds them."""
        if self._source is not None:
            if text.isascii():
                program = self._ascii_engine()
                if program is not None:
                    return _scan(program, text, text.encode("ascii"))
            else:
                mapped = self._mapped_engine(text)
                if mapped is not None:
                    return _scan(mapped[0], text, mapped_text(text, mapped[1]))
                program = self._narrow_engine(text)
                if program is not None:
                    return _scan(program, text, text.encode("utf-8"))
        return self._finditer(text)

    def _finditer(self, text: str) -> Iterator[Hit]:
        program = self._utf8
        if program is None:
            if len(text) > self.limit:
                raise InputTooLargeError(
                    f"{len(text)} characters is more than {self.limit} for the pattern '{self.pattern[:60]}'"
                )
            for match in self.python.finditer(text):
                yield Hit(match.start(), match.end(), match.group(0), match.groupdict())
            return
        yield from _scan(program, text, text.encode("utf-8", "surrogatepass"))

    def search(self, text: str) -> Hit | None:
        """The first match, or None."""
        return next(self.finditer(text), None)

    def sub(self, replace: Callable[[Hit], str], text: str) -> str:
        """The text with every match replaced by `replace(hit)`."""
        pieces: list[str] = []
        position = 0
        for hit in self.finditer(text):
            pieces += [text[position : hit.start], replace(hit)]
            position = hit.end
        pieces.append(text[position:])
        return "".join(pieces)


def _scan(program: _Program, text: str, data: bytes) -> Iterator[Hit]:
    """The matches of one program over `data` (the text encoded for it)."""
    search, match_groups, named = program
    spans = search(data, 0)
    if spans is None:
        return  # most texts a rule reads hold no match: no offsets table for them
    offsets = _Offsets(text, data)
    position, last_end = 0, 0
    while position <= len(data):
        if position:  # 0 only in the first round, searched above: every round moves it on
            spans = search(data, position)
            if spans is None:
                return
        start_byte, end_byte = _span(spans, match_groups)
        if start_byte < last_end:
            # Only a match anchored at `^` can start before the restart point: look past it.
            position = offsets.next_char(spans[0][0])
            continue
        start, end = offsets.char_of(start_byte), offsets.char_of(end_byte)
        if offsets.ascii:  # one byte per character (slots are no UTF-8): the groups are read from the text
            groups = {
                name: None if (span := spans[number])[0] < 0 else text[span[0] : span[1]] for name, number in named
            }
        else:
            groups = {name: _decode(data, spans[number]) for name, number in named}
        yield Hit(start, end, text[start:end], groups)
        last_end = end_byte
        if end_byte == start_byte:
            position = offsets.next_char(end_byte)  # an empty match: step on, as `re` does
        elif match_groups:
            # Restart on the match's last character: it may be the context of the next match.
            position = max(offsets.char_start(end_byte - 1), offsets.next_char(spans[0][0]))
        else:
            position = end_byte


def _match_groups(index: Mapping[str, int]) -> tuple[int, ...]:
    # Hand-written forms put the match in group `m` (or `m2`, `m3`... for alternatives that need
    # different context); the rest of the RE2 match is context that the next match may reuse.
    return tuple(number for name, number in sorted(index.items()) if _MATCH_GROUP.match(name))


def _span(spans: Spans, match_groups: tuple[int, ...]) -> tuple[int, int]:
    for number in match_groups:
        span = spans[number]
        if span[0] >= 0:
            return span
    return spans[0]


def _decode(data: bytes, span: tuple[int, int]) -> str | None:
    return None if span[0] < 0 else data[span[0] : span[1]].decode("utf-8", "surrogatepass")


@cache
def scanner(pattern: str, flags: int = 0) -> Scanner:
    """A Scanner for a Python pattern (compiled once per process)."""
    return Scanner(pattern, flags)
