"""Loading one lesson file into a Lesson, collecting every problem it has on its own."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

from lessonkit.load.document import FrontMatter, front_blocks, parse_body, yaml_places
from lessonkit.load.front_matter import split_front_matter
from lessonkit.load.meta import LessonMeta
from lessonkit.load.schema import validate_schema
from lessonkit.load.sections import parse_sections
from lessonkit.load.source_file import read_text
from lessonkit.load.yaml_tree import load_yaml
from lessonkit.markdown import block_tokens
from lessonkit.model import Lesson, LessonDocument, Picture
from lessonkit.problems import Problem


def load_lesson(path: Path) -> tuple[Lesson | None, list[Problem]]:
    """Parse a lesson file; returns None when the front matter is unusable."""
    text, problems = read_text(path)
    if text is None:
        return None, problems
    split, problems = split_front_matter(text, path)
    if split is None:
        return None, problems
    document, problems = load_yaml(split.yaml_text, path, split.yaml_line)
    if document is None:
        return None, problems
    meta, problems = validate_schema(LessonMeta, document, path)
    # The body is parsed once; sections, quiz, cards and every block of the document come from these tokens.
    tokens = block_tokens(split.body)
    sections, section_problems = parse_sections(split.body, path, split.body_line, tokens)
    problems += section_problems
    body = parse_body(split.body, path, split.body_line, sections, tokens)
    problems += body.problems
    if meta is None:
        return None, problems
    pictures = tuple(Picture(p.name, p.alt) for p in meta.pictures)
    front = FrontMatter(meta.title, meta.summary, meta.objectives, meta.vocabulary, meta.key_messages, pictures)
    front_items = front_blocks(front, yaml_places(path, document.starts, document.key_starts))
    field_lines = {str(key[0]): line for key, line in document.lines.items() if len(key) == 1}
    lesson = Lesson(
        id=meta.id,
        title=meta.title,
        topic=meta.topic,
        audience=meta.audience,
        band=meta.band,
        duration=meta.duration,
        summary=meta.summary,
        objectives=tuple(meta.objectives),
        vocabulary=MappingProxyType(dict(meta.vocabulary)),
        key_messages=tuple(meta.key_messages),
        sources=tuple(meta.sources),
        frameworks=MappingProxyType({k: tuple(v) for k, v in meta.frameworks.items()}),
        body=split.body,
        body_line=split.body_line,
        sections=sections,
        path=path,
        field_lines=MappingProxyType(field_lines),
        pictures=pictures,
        document=LessonDocument((*front_items, *body.blocks), body.questions, body.card_sets),
    )
    return lesson, problems
