"""Writing translated unit text back into a lesson: same sections, attributes and line layout."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from lessonkit.i18n.units import TITLE_ATTR, Unit
from lessonkit.load.document import FrontMatter, translated_document
from lessonkit.load.sections import parse_sections
from lessonkit.markdown import block_tokens
from lessonkit.model import Lesson

_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_RUN = re.compile(r"\S+")


def rewrite_lesson(lesson: Lesson, units: list[Unit], texts: Mapping[str, str]) -> Lesson:
    """The lesson with each unit's text replaced by `texts[place]` (units without an entry keep English)."""
    lines = lesson.body.split("\n")
    body_units = [u for u in units if u.slot.kind != "field" and u.place in texts and texts[u.place] != u.raw]
    # Bottom-up, so that a block rewritten into fewer lines does not move the ones above it.
    for unit in sorted(body_units, key=lambda u: (u.slot.start, u.slot.index), reverse=True):
        _write(lines, unit, texts[unit.place])
    body = "\n".join(lines)
    tokens = None
    if body == lesson.body:
        sections = lesson.sections
    else:
        tokens = block_tokens(body)
        sections, _ = parse_sections(body, lesson.path, lesson.body_line, tokens)
    fields = _fields(lesson, texts)
    # The same tree of blocks holding the translated texts, from the one parse of the new body.
    front = FrontMatter(
        fields["title"],
        fields["summary"],
        fields["objectives"],
        fields["vocabulary"],
        fields["key_messages"],
        fields["pictures"],
    )
    document = translated_document(lesson, front, body, sections, tokens)
    return dataclasses.replace(lesson, body=body, sections=sections, document=document, **fields)


def _fields(lesson: Lesson, texts: Mapping[str, str]) -> dict[str, Any]:
    def text(place: str, english: str) -> str:
        return texts.get(place, english)

    objectives = tuple(text(f"objectives:{n}", x) for n, x in enumerate(lesson.objectives, start=1))
    messages = tuple(text(f"key_messages:{n}", x) for n, x in enumerate(lesson.key_messages, start=1))
    vocabulary = {
        text(f"vocabulary:{n}|term", term): text(f"vocabulary:{n}|definition", definition)
        for n, (term, definition) in enumerate(lesson.vocabulary.items(), start=1)
    }
    pictures = tuple(
        dataclasses.replace(p, alt=text(f"pictures:{n}|alt", p.alt)) for n, p in enumerate(lesson.pictures, start=1)
    )
    return {
        "pictures": pictures,
        "title": text("title", lesson.title),
        "summary": text("summary", lesson.summary) if lesson.summary else "",
        "objectives": objectives,
        "key_messages": messages,
        "vocabulary": MappingProxyType(vocabulary),
    }


def _write(lines: list[str], unit: Unit, text: str) -> None:
    slot = unit.slot
    if slot.kind == "title":
        safe = text.replace('"', "\u201d")  # a straight quote would end the attribute
        lines[slot.start] = TITLE_ATTR.sub(lambda m: f"{m['before']}{safe}{m['after']}", lines[slot.start], count=1)
    elif slot.kind == "quiz":
        lines[slot.start] = lines[slot.start][: slot.index] + _one_line(text)
    elif slot.kind == "span":
        # An option's text, before its ` :: feedback` (the feedback, further right, was written first);
        # a " :: " inside the translated option would cut it in two, so it becomes a colon.
        line = lines[slot.start]
        safe = _one_line(text).replace(" :: ", " : ")
        lines[slot.start] = line[: slot.index] + safe + line[slot.index + len(unit.raw) :]
    elif slot.kind == "cell":
        lines[slot.start] = _write_cell(lines[slot.start], slot.index, _one_line(text).replace("|", "\\|"))
    else:
        lines[slot.start : slot.end] = _write_block(lines[slot.start : slot.end], unit.raw, text)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _write_cell(line: str, column: int, text: str) -> str:
    parts = _CELL_SPLIT.split(line)
    offset = 1 if line.lstrip().startswith("|") else 0
    position = column - 1 + offset
    if 0 <= position < len(parts):
        old = parts[position]
        lead = old[: len(old) - len(old.lstrip())]
        trail = old[len(old.rstrip()) :]
        parts[position] = f"{lead}{text}{trail}"
    return "|".join(parts)


def _write_block(source: list[str], raw: str, text: str) -> list[str]:
    """The block's lines with new text, keeping its marker, indents and (given enough words) line count.

    Keeping the line count keeps every later section at its source line number.
    """
    content = raw.split("\n")
    prefixes = []
    for line, piece in zip(source, content, strict=False):
        at = line.find(piece) if piece else len(line)
        prefixes.append(line[: max(at, 0)])
    last = source[len(content) - 1] if len(content) <= len(source) else source[-1]
    at_last = last.find(content[-1])
    suffix = last[at_last + len(content[-1]) :] if at_last >= 0 and content[-1] else ""
    chunks = _spread(text, len(prefixes))
    while len(prefixes) < len(chunks):
        prefixes.append(prefixes[-1] if len(prefixes) > 1 else " " * len(prefixes[0]))
    out = [prefix + chunk for prefix, chunk in zip(prefixes, chunks, strict=False)]
    out[-1] += suffix
    return out


def _spread(text: str, count: int) -> list[str]:
    if "\n" in text:
        return text.split("\n")
    # A `{{ help.NAME }}` token is one word: split over two lines, the checker would not see it.
    words = _words(text)
    count = max(1, min(count, len(words)))
    size, extra = divmod(len(words), count)
    chunks, position = [], 0
    for number in range(count):
        take = size + (1 if number < extra else 0)
        chunks.append(" ".join(words[position : position + take]))
        position += take
    return chunks


def _words(text: str) -> list[str]:
    r"""The words of one line; a help token and what is written against it are one word.

    "(⁦{{ help.x }}⁩)." stays together. This is `re.findall(r"\S*\{\{.*?\}\}\S*|\S+", text)`
    (the pattern used before) in linear time: that pattern backtracked over every `{{` of a word
    to the end of the text, so a translation of 200,000 `{` took a minute and 3.5 MB hours
    (`i18n check` rewrites every translated lesson). In a run of non-space characters, the last
    `{{` with a `}}` after it opens the token; the word runs to the end of the run after that `}}`.
    """
    last_close = text.rfind("}}")
    words = []
    position = 0
    while (run := _RUN.search(text, position)) is not None:
        start, end = run.span()
        opening = text.rfind("{{", start, min(end, last_close)) if last_close >= 0 else -1
        if opening < 0:
            words.append(run.group())
            position = end
            continue
        close = text.find("}}", opening + 2) + 2
        after = _RUN.match(text, close)
        position = after.end() if after else close
        words.append(text[start:position])
    return words
