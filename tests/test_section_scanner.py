"""The block-only parse finds exactly the `:::` sections a full Markdown parse finds."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT
from lessonkit.markdown import block_tokens, markdown

# Lines that change block structure: fences, code, lists, quotes, tables, headings, rules, HTML.
LINES = [
    "::: help",
    '::: slide {title="One"}',
    ":::",
    "::::",
    "Some text with *emphasis* and a [link](x).",
    "",
    "```",
    "~~~",
    "    indented code",
    "- a list item",
    "  - nested",
    "1. numbered",
    "> a quote",
    "> ::: help",
    "| a | b |",
    "|---|---|",
    "# Heading",
    "Setext heading",
    "===",
    "---",
    "***",
    '[ref]: https://example.org "title"',
    "<div>",
    "</div>",
    "<!-- comment -->",
    "  ::: family",
]


def _sections(tokens: list) -> list[tuple[str, object, str, str]]:
    return [(t.type, t.map, t.info, t.markup) for t in tokens if t.type.startswith("container_")]


def _same(text: str) -> None:
    assert _sections(block_tokens(text)) == _sections(markdown().parse(text)), text


def test_every_shipped_lesson_and_fixture() -> None:
    files = [*sorted((ROOT / "lessons").rglob("*.md")), *sorted(FIXTURES.rglob("*.md"))]
    assert len(files) > 40
    for path in files:
        _same(path.read_text(encoding="utf-8", errors="replace"))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=30))
def test_generated_markdown(lines: list[str]) -> None:
    _same("\n".join(lines) + "\n")


def test_crlf_and_nul_are_normalised_like_a_full_parse() -> None:
    _same("::: help\r\nCall\x00 now.\r\n:::\r\n")


def test_scanner_reads_a_file_without_sections() -> None:
    assert _sections(block_tokens(Path(__file__).read_text(encoding="utf-8"))) == []
