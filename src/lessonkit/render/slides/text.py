"""Lesson Markdown as plain paragraphs and bullets, for slides and speaker notes (no HTML in a deck)."""

from __future__ import annotations

from dataclasses import dataclass

from lessonkit.locale.country_pack import CountryPack
from lessonkit.locale.help_tokens import fill_help_tokens
from lessonkit.markdown import markdown


@dataclass(frozen=True)
class Line:
    """One paragraph or list item of plain text."""

    text: str
    bullet: bool = False


def plain_lines(text: str, pack: CountryPack) -> list[Line]:
    """The paragraphs and list items of `text`, help tokens filled, formatting dropped."""
    lines: list[Line] = []
    in_list = 0
    for token in markdown().parse(fill_help_tokens(text, pack)):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            in_list += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            in_list -= 1
        elif token.type == "inline":
            words = []
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    words.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    words.append(" ")
                elif child.type == "image":
                    words.append(child.content)
            lines.append(Line("".join(words).strip(), bullet=in_list > 0))
    return [line for line in lines if line.text]


def plain_text(text: str, pack: CountryPack) -> str:
    """The whole text as plain paragraphs separated by newlines (speaker notes)."""
    return "\n".join(("• " if line.bullet else "") + line.text for line in plain_lines(text, pack))


def keep_together(text: str, phrase: str) -> str:
    """`text` with the spaces inside `phrase` made no-break, so that no line ends inside it.

    "CC BY-SA" at the end of one line and "4.0" on the next reads as two things; both decks print
    the licence name kept together.
    """
    return text.replace(phrase, phrase.replace(" ", "\u00a0")) if phrase else text
