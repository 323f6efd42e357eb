"""check/quotation.py: which words a text quotes, in every language's marks, in linear time."""

from __future__ import annotations

import random
import sys
from bisect import bisect_left, bisect_right
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from lessonkit.check import quotation
from lessonkit.check.patterns import in_quotation as patterns_in_quotation
from lessonkit.check.plain import plain_text
from lessonkit.check.quotation import blank_quoted, in_quotation, quotations


def quoted(text: str) -> list[str]:
    return [text[start:end] for start, end in quotations(text).spans()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Avoid asking ‘why did you send it?’", ["‘why did you send it?’"]),
        ("Avoid asking 'why did you send it?'", ["'why did you send it?'"]),
        # Its closing mark closes it, curly or straightened to `"` by plain text: it is not a double
        # quote of its own that would quote the rest of the paragraph.
        ("„Selbst schuld“ ist ein Satz, der nicht stimmt", ["„Selbst schuld“"]),
        ('„Selbst schuld" ist ein Satz. Gut.\n\nNeu', ['„Selbst schuld"']),
        ('„Selbst schuld” ist falsch, "Pech" auch.', ["„Selbst schuld”", '"Pech"']),
        ("„Er sagte „nein“ und ging“ weiter.", ["„Er sagte „nein“"]),
        ("‚Selbst schuld' ist falsch.", ["‚Selbst schuld'"]),
        ("Il dit « non » et part.", ["« non »"]),
        ("Sie sagte ‹nein› und »nie«.", ["‹nein›", "»nie«"]),
        ("Sag nie „selbst schuld“ und „Pech“.", ["„selbst schuld“", "„Pech“"]),
        ("«Te lo has buscado» es una frase falsa", ["«Te lo has buscado»"]),
        ("عبارة «أنت السبب» عبارة خاطئة", ["«أنت السبب»"]),
        ("Der Satz »Das hast du verdient« stimmt nicht", ["»Das hast du verdient«"]),
        ("Le mot ‹naïf› blesse", ["‹naïf›"]),
        ("Sag nie ‚selbst schuld‘ zu ihr", ["‚selbst schuld‘"]),
        ("Mia said “you asked for it” and laughed", ["“you asked for it”"]),
        ('He said "no" and "stop".', ['"no"', '"stop"']),
        ("(‘you should have known’) is blame", ["‘you should have known’"]),
    ],
)
def test_quotations_of_every_language(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Don't worry, it's not your fault.",
        "The children's phones and the kids' tablets stay at home.",
        "Don’t worry: the children’s phones are safe.",
        "It was the '90s and rock 'n roll",
        "A lone « opens nothing, nor does „ this.",
        "Say ' hello ' with spaces around.",
    ],
)
def test_apostrophes_and_lone_marks_are_not_quotations(text: str) -> None:
    assert quoted(text) == []


def test_a_quotation_ends_with_its_paragraph() -> None:
    text = "She said «no\n\nand» then 'went\n\naway' home"
    assert quoted(text) == []
    # An open double quote quotes the rest of its paragraph, and no further.
    text = 'He said "stop\nnow\n\nYou did nothing wrong.'
    assert quoted(text) == ['"stop\nnow']
    assert in_quotation(text, text.index("now"))
    assert not in_quotation(text, text.index("You"))


def test_offsets_inside_and_outside() -> None:
    text = "Avoid «te lo has buscado», say «no es tu culpa»."
    assert not in_quotation(text, text.index("«"))  # the opening mark itself is outside
    assert in_quotation(text, text.index("te"))
    assert in_quotation(text, text.index("»"))  # ... and the closing one inside, as `"` always was
    assert not in_quotation(text, text.index(", say"))
    assert in_quotation(text, text.index("no es"))
    assert patterns_in_quotation is in_quotation  # the pattern rules use the one definition


def test_marks_inside_a_quotation_open_nothing() -> None:
    text = '«Dijo “vete” y ‘ya’» pero "esto" no'
    assert quoted(text) == ["«Dijo “vete” y ‘ya’»", '"esto"']
    # The `"` that closes „ (plain text straightens “) closes it and opens nothing: the words after
    # it are read (it used to count among the double quotes and quote the rest of the paragraph).
    text = '„Du bist schuld" ist falsch. Du bist schuld.'
    assert in_quotation(text, text.index("Du"))
    assert not in_quotation(text, text.rindex("Du"))
    # A `„` that never closes takes no mark from the double quotes of the next paragraph.
    text = '„Offen\n\nDann "zu" hier'
    assert quoted(text) == ['"zu"']


def _parity(text: str, offset: int) -> bool:
    """The checker's earlier test (double quotes only): an odd number of `"` before `offset` in its paragraph."""
    quotes = [i for i, c in enumerate(text) if c == '"']
    breaks = [i for i in range(len(text) - 1) if text[i : i + 2] == "\n\n"]
    before = bisect_right(breaks, offset - 2)
    paragraph = breaks[before - 1] + 1 if before else 0
    return (bisect_left(quotes, offset) - bisect_left(quotes, paragraph)) % 2 == 1


def test_double_quotes_alone_keep_their_earlier_meaning() -> None:
    """Text quoting only with `"` is quoted exactly where the parity test said (at every non-newline character)."""
    rng = random.Random(18)
    for _ in range(400):
        text = "".join(rng.choice('ab "\n.,') for _ in range(rng.randrange(1, 60)))
        for offset, char in enumerate(text):
            if char != "\n":
                assert in_quotation(text, offset) == _parity(text, offset), (text, offset)


def _traced_lines(text: str) -> int:
    """Lines of quotation.py run to find the quotations of `text` (CPU-independent: a count, not a time)."""
    quotation.quotations.cache_clear()
    lines = 0
    source = quotation.__file__

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal lines
        if frame.f_code.co_filename != source:
            return None
        if event == "line":
            lines += 1
        return tracer

    sys.settrace(tracer)
    try:
        quotation.quotations(text)
    finally:
        sys.settrace(None)
    return lines


@pytest.mark.parametrize(
    "unit",
    [
        "„",  # openers that never close: each looks for a closing mark
        "' '",
        " 'a",
        "«",
        '"',
        "‹›«»„“‚‘'’\" 'x' ",
        " 'a' b'",
    ],
)
def test_time_is_linear_in_a_pile_of_marks(unit: str) -> None:
    """100 KB of quotation marks costs ten times 10 KB of them (a quadratic scan would cost a hundred)."""
    small = _traced_lines(unit * (10_000 // len(unit)))
    large = _traced_lines(unit * (100_000 // len(unit)))
    assert small > 0
    assert large <= 11 * small


def test_the_spans_are_kept_per_text() -> None:
    quotation.quotations.cache_clear()
    text = "Never say «it is your fault»." * 3
    for offset in range(len(text)):
        in_quotation(text, offset)
    info = quotation.quotations.cache_info()
    assert (info.misses, info.hits) == (1, len(text) - 1)


def _closing_low_high(text: str) -> set[int]:
    """The `"` that close a „ (the reference: each `"` of a paragraph closes the earliest „ still open)."""
    closing: set[int] = set()
    for paragraph_start, paragraph in _paragraphs(text):
        open_ = 0
        for index, char in enumerate(paragraph):
            if char == "\u201e":
                open_ += 1
            elif char == '"' and open_:
                closing.add(paragraph_start + index)
                open_ -= 1
    return closing


def _paragraphs(text: str) -> list[tuple[int, str]]:
    found, start = [], 0
    while (cut := text.find("\n\n", start)) >= 0:
        found.append((start, text[start:cut]))
        start = cut + 1
    found.append((start, text[start:]))
    return found


def test_whatever_the_marks_double_quotes_quote_what_they_quoted_before() -> None:
    """Other marks only add quotations: where the earlier test said "quoted", this one says so too.

    With `„` in the text, the same holds once the `"` that close a `„` are taken out of the count.
    """
    rng = random.Random(1812)
    for _ in range(400):
        # Plain text, which these rules read, holds no curly double quotes (straightened to `"`).
        text = "".join(rng.choice("ab '\"\n.,„«»‘’‹›(") for _ in range(rng.randrange(1, 60)))
        closing = _closing_low_high(text)
        counted = "".join("x" if i in closing else c for i, c in enumerate(text))
        for offset, char in enumerate(text):
            if char != "\n" and _parity(counted, offset):
                assert in_quotation(text, offset), (text, offset)
            if "\u201e" not in text and char != "\n" and _parity(text, offset):
                assert in_quotation(text, offset), (text, offset)


def _blank_by_characters(sentence: str, start: int, text: str) -> str:
    """The reference for `blank_quoted`: each character of the sentence found in `text` one by one."""
    spans = quotations(text).spans()
    # Where the sentence begins: the marks before its first word, whitespace runs as one space.
    lead = sentence[: next(i for i, c in enumerate(sentence) if c.isalpha())]
    at = next(o for o in range(start, -1, -1) if " ".join(f"{text[o:start]}x".split()) == f"{lead}x")
    out = []
    for char in sentence:
        if char == " ":
            offset = at  # one space of the sentence: a run of whitespace in the text
            while at < len(text) and text[at].isspace():
                at += 1
        else:
            assert text[at] == char
            offset, at = at, at + 1
        out.append(" " if any(low <= offset < high for low, high in spans) else char)
    return "".join(out)


def _sentences_of(text: str) -> list[tuple[int, str]]:
    from lessonkit.check.document import TextUnit
    from lessonkit.check.sentences import sentences

    unit = TextUnit("section", "body", Path("x.md"), 1, 1, text, text)
    return [(s.start, s.text) for s in sentences(unit)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A quotation over several sentences: the middle one holds no mark and is quoted all the same.
        ('He wrote: "Send it.  Nobody\n will know. Trust me." Then he left.', ["He wrote:", "", "", "Then he left."]),
        ('„Selbst schuld" ist falsch. Du bist naiv.', ["ist falsch.", "Du bist naiv."]),
        ("Sie sagte «nein». Er ging.", ["Sie sagte .", "Er ging."]),
    ],
)
def test_blank_quoted_blanks_what_the_whole_text_quotes(text: str, expected: list[str]) -> None:
    found = [blank_quoted(sentence, start, text) for start, sentence in _sentences_of(text)]
    assert [" ".join(s.split()) for s in found] == expected
    assert [len(s) for s in found] == [len(s) for _, s in _sentences_of(text)]  # offsets are kept


def test_blank_quoted_is_the_character_by_character_reference() -> None:
    rng = random.Random(2026)
    for _ in range(400):
        text = "".join(rng.choice("ab  '\"\n\t.,„«»‘’‹›(!?") for _ in range(rng.randrange(1, 80)))
        for start, sentence in _sentences_of(text):
            assert blank_quoted(sentence, start, text) == _blank_by_characters(sentence, start, text), (text, start)


def test_blank_quoted_leaves_a_sentence_it_cannot_find_as_it_is() -> None:
    text = 'He said "stop it now" and left.'
    assert blank_quoted("something else entirely", 0, text) == "something else entirely"
    assert blank_quoted("He said stop", 0, text) == "He said stop"  # the third word does not line up


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("„Selbst schuld“, sagt er. Du bist naiv.", "Du bist"),
        ("„Selbst schuld”, sagt er. Du bist naiv.", "Du bist"),
        ("‚Selbst schuld‘, sagt er. Du bist naiv.", "Du bist"),
        ("»Selbst schuld«, sagt er. Du bist naiv.", "Du bist"),
        ("«Selbst schuld», sagt er. Du bist naiv.", "Du bist"),
        ("« C'est ta faute », dit-il. Tu es naïf.", "Tu es"),
        ("‹Selbst schuld›, sagt er. Du bist naiv.", "Du bist"),
        ("“You asked for it”, he said. You are naive.", "You are"),
    ],
)
def test_each_pair_closes_in_plain_text(text: str, after: str) -> None:
    """What a rule reads (plain text straightens “ ” ‘ ’): the quotation closes at its own mark, the rest is read."""
    plain = plain_text(text)
    assert in_quotation(plain, plain.index("elbst") if "elbst" in plain else 3)
    assert not in_quotation(plain, plain.index(after))
