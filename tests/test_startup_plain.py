"""Making a document's plain view skips the scans that cannot match, and gives exactly what they gave.

A text without sections also becomes its units directly, paragraph by paragraph, without the text
block of each paragraph that `_units_in` read them from: held equal to that way below.

`plain.plain_text` and `plain.blank_comments` run a scan only when the text holds the characters
every match of it starts with (`<!--`, `![`, `{{`, `](`, an inline markup character), straighten
quotes only in a non-ASCII text, and blank one-line markup without a regex per match; a part
without a line break has its line starts without a scan. Each is held here to the unconditional
chain it replaced (kept below as the reference), on generated Markdown and on the project's own
lessons and docs, and the units of a whole plain-text document are compared too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.blocks import Block
from lessonkit.check import document, plain
from lessonkit.check.document import AUDIENCE_ROLES, GENERAL
from lessonkit.check.documents import _paragraphs, _units_in, text_document
from lessonkit.diagnostics import Location
from lessonkit.linear_re import Hit

ROOT = Path(__file__).resolve().parent.parent


def _reference_spaces(match: Hit | re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match[0] or "")


def _reference_blank_comments(text: str) -> str:
    return plain._COMMENT.sub(_reference_spaces, text)


def _reference_plain_text(text: str) -> str:
    raw = text
    text = plain._IMAGE.sub(_reference_spaces, text)
    text = plain._TOKEN.sub(_reference_spaces, text)
    text = plain._LINK_TARGET.sub(_reference_spaces, text)
    text = plain._LINE_MARKER.sub(_reference_spaces, text)
    text = plain._INLINE_MARKUP.sub(_reference_spaces, text)
    return _reference_wrong_options(raw, text.translate(plain._APOSTROPHES))


_WRONG_BOX = re.compile(r"[ \t]*[-*+][ \t]+\[ \][ \t]+")


def _reference_wrong_options(raw: str, text: str) -> str:
    """Line by line: a wrong option's text, up to the first " ::" that a space or tab follows, marked ‹...›."""
    chars = list(text)
    at = 0
    for line in raw.split("\n"):
        box = _WRONG_BOX.match(line)
        if box is not None and box.end() < len(line) and not line[box.end()].isspace():
            ends = [i for i in range(box.end() + 1, len(line) - 3) if line[i] in " \t" and line[i + 1 : i + 3] == "::"]
            ends = [i for i in ends if line[i + 3] in " \t"]
            if ends:
                chars[at + box.end() - 1] = "\u2039"
                chars[at + ends[0] + 1] = "\u203a"
        at += len(line) + 1
    return "".join(chars)


def _reference_line_starts(text: str) -> tuple[int, ...]:
    return (0, *(m.end() for m in re.finditer("\n", text)))


# Every character some markup pattern reads, words, and the quotes that are straightened.
PIECES = [
    "![",
    "]",
    "(",
    ")",
    "](",
    "<!--",
    "-->",
    "<!-",
    "{{",
    "}}",
    "{",
    "}",
    "*",
    "**",
    "_",
    "__",
    "`",
    "[",
    "|",
    "\\",
    "#",
    "## ",
    "> ",
    "- ",
    "+ ",
    "1. ",
    "2) ",
    "Q: ",
    "A:",
    "Type: choice",
    "type: Order ",
    "[x] ",
    "[ ] ",
    " :: ",
    "::",
    " ",
    "\t",
    "\n",
    "\n\n",
    "word",
    "Tell a trusted adult",
    "don\u2019t",
    "\u2018a\u2019",
    "\u201cb\u201d",
    "é",
    "\u0645\u0631\u062d\u0628\u0627",
    "x_y",
    "a*b",
    "https://example.org",
]
MARKDOWN = st.lists(st.sampled_from(PIECES), max_size=40).map("".join) | st.text(
    alphabet=st.sampled_from("![](){}<!->*_`|\\#+1.)QA:Type \t\n xX\u2019\u201céa"), max_size=80
)


@settings(max_examples=1500, deadline=None)
@given(MARKDOWN)
def test_the_plain_view_is_the_reference_one(text: str) -> None:
    assert plain.blank_comments(text) == _reference_blank_comments(text)
    assert plain.plain_text(text) == _reference_plain_text(text)
    assert plain.plain_text(plain.blank_comments(text)) == _reference_plain_text(_reference_blank_comments(text))
    assert document._line_starts(text) == _reference_line_starts(text)


def _real_texts() -> list[Path]:
    found = sorted((ROOT / "lessons").rglob("*.md")) + sorted((ROOT / "docs").glob("*.md"))
    return [*found, ROOT / "README.md"]


@pytest.mark.parametrize("path", _real_texts(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_real_lessons_and_docs_get_the_reference_plain_view(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    blanked = plain.blank_comments(text)
    assert blanked == _reference_blank_comments(text)
    assert plain.plain_text(blanked) == _reference_plain_text(blanked)
    # Paragraph by paragraph too: most parts of a real text hold no markup at all.
    for paragraph in blanked.split("\n\n"):
        assert plain.plain_text(paragraph) == _reference_plain_text(paragraph)
        assert document._line_starts(paragraph) == _reference_line_starts(paragraph)


@pytest.mark.parametrize("path", [ROOT / "README.md", ROOT / "docs" / "checker.md"], ids=lambda p: p.name)
def test_a_plain_text_document_has_the_reference_units(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_text(encoding="utf-8")
    fast = text_document(path, text, "en", "students", "11-13")
    monkeypatch.setattr(document, "plain_text", _reference_plain_text)
    monkeypatch.setattr(document, "blank_comments", _reference_blank_comments)
    monkeypatch.setattr(document, "_line_starts", _reference_line_starts)
    slow = text_document(path, text, "en", "students", "11-13")
    assert len(fast.units) > 10
    assert [(u.kind, u.role, u.line, u.column, u.raw, u.plain, u._line_starts) for u in fast.units] == [
        (u.kind, u.role, u.line, u.column, u.raw, u.plain, u._line_starts) for u in slow.units
    ]


def _units_through_blocks(path: Path, text: str, audience: str | None) -> list[document.TextUnit]:
    """The units of a text without sections as they were made: a text block per paragraph, then `_units_in`."""
    blocks = tuple(
        Block(f"body.text[{n}]", "text", paragraph, Location(path, 1 + start, 1))
        for n, (start, paragraph) in enumerate(_paragraphs(text), 1)
    )
    reader = AUDIENCE_ROLES.get(audience or "", GENERAL)
    return _units_in(blocks, (), reader, reader, student_lesson=audience == "students")


def _fields(units: object) -> list[tuple[object, ...]]:
    assert isinstance(units, (list, tuple))
    return [
        (u.kind, u.role, u.path, u.line, u.column, u.raw, u.plain, u.title, u._line_starts, u.placed) for u in units
    ]


@settings(max_examples=300, deadline=None)
@given(MARKDOWN, st.sampled_from(["students", "parents", "educators", None]))
def test_a_text_without_sections_has_the_units_its_blocks_gave(text: str, audience: str | None) -> None:
    path = Path("note.md")
    made = text_document(path, text, "en", audience, "8-10").units
    assert _fields(made) == _fields(_units_through_blocks(path, text, audience))


@pytest.mark.parametrize("path", [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))], ids=lambda p: p.name)
def test_real_texts_without_sections_have_the_units_their_blocks_gave(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for audience in ("students", None):
        made = text_document(path, text, "en", audience, "11-13").units
        if made and made[0].kind == "text":  # a doc with `:::` sections is parsed by markdown-it instead
            assert _fields(made) == _fields(_units_through_blocks(path, text, audience))
