"""The cards of a `::: cards` section: scenario cards, myth cards, slips and ordering tasks to cut out.

    ::: cards {title="Good secret or bad secret?"}
    Cut out the cards. Children sort them onto the happy face or the worried face.

    - Pip makes a birthday card for Grandma.
      - Good secret: a surprise everyone will know about soon.
    - Someone online says: "Do not tell your mum."
      - Bad secret: tell a trusted adult.
    :::

Paragraphs before the list are the instructions printed on the sheet. Each item of the list is
one card; a list nested in an item holds that card's answer, printed only in the teacher's plan.
`answer=order` marks an ordering task: the list is written in the right order, the sheet prints
the cards shuffled and numbered, and the plan's answer key gives the right order of the numbers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it.token import Token

from lessonkit.model import Section
from lessonkit.problems import Location, Problem

ORDER = "order"
ANSWERS = (ORDER,)
FEWEST, MOST = 2, 24


@dataclass(frozen=True)
class Card:
    """One card: its text (inline Markdown) and, if the author gave one, its answer for the teacher."""

    text: str
    answer: str = ""
    # Where the card's text and its answer start (set by the loader; a hand-made card has none).
    location: Location | None = field(default=None, compare=False)
    answer_location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class CardSet:
    """The cards of one section, in the order written, with the sheet's instructions."""

    title: str
    instructions: str
    cards: tuple[Card, ...]
    ordered: bool
    location: Location

    def sheet_order(self) -> tuple[int, ...]:
        """The order the sheet prints the cards in, as indexes into `cards`.

        Written order, or for an ordering task a shuffle in which no card keeps its place. It
        depends only on the number of cards, so every language's sheet and answer key agree.
        """
        count = len(self.cards)
        order = list(range(count))
        if not self.ordered or count < 2:
            return tuple(order)
        shuffler = random.Random(count)  # a fixed shuffle for a worksheet, not for security
        while any(position == card for position, card in enumerate(order)):
            shuffler.shuffle(order)
        return tuple(order)


def cards_from_tokens(
    section: Section, tokens: list[Token], first_line: int, lines: list[str]
) -> tuple[CardSet | None, list[Problem]]:
    """The card set from the section's block tokens, whose line maps count from `first_line` (`lines[0]`)."""
    where = section.location
    instructions: list[str] = []
    cards: list[Card] = []
    lists = 0
    depth = 0
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type in ("bullet_list_open", "ordered_list_open"):
            if depth == 0:
                lists += 1
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "list_item_open" and depth == 1:
            index = _card(tokens, index, cards, _Lines(where.path, first_line, lines))
            continue
        elif token.type == "inline" and depth == 0:
            if cards:
                line = first_line + (token.map[0] if token.map else 0)
                message = "text after the list of cards; put instructions before it"
                return None, [Problem(Location(where.path, line, 1), "E038", message)]
            instructions.append(token.content)
        index += 1
    if lists != 1:
        return None, [Problem(where, "E038", "a cards section needs one list: one item per card")]
    if not FEWEST <= len(cards) <= MOST:
        return None, [Problem(where, "E038", f"a cards section holds {FEWEST} to {MOST} cards, not {len(cards)}")]
    if any(not card.text for card in cards):
        return None, [Problem(where, "E038", "a card has no text")]
    ordered = section.attrs.get("answer") == ORDER
    return CardSet(section.title, "\n\n".join(instructions), tuple(cards), ordered, where), []


@dataclass(frozen=True)
class _Lines:
    """The source lines the tokens were parsed from, to locate a card's text."""

    path: Path
    first_line: int
    lines: list[str]

    def start(self, token: Token) -> Location | None:
        if not token.map or not token.content:
            return None
        line = self.lines[token.map[0]] if token.map[0] < len(self.lines) else ""
        # markdown-it strips the marker and indent before the content: it starts where its first line does.
        column = line.find(token.content.split("\n", 1)[0]) + 1 or 1
        return Location(self.path, self.first_line + token.map[0], column)


def _card(tokens: list[Token], index: int, cards: list[Card], lines: _Lines) -> int:
    """Read one top-level list item from `tokens[index]` (its `list_item_open`); return the index after it."""
    texts: list[str] = []
    answers: list[str] = []
    starts: list[Location | None] = [None, None]
    level = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "list_item_open":
            level += 1
        elif token.type == "list_item_close":
            level -= 1
            if level == 0:
                break
        elif token.type == "inline":
            (texts if level == 1 else answers).append(token.content)
            slot = 0 if level == 1 else 1
            starts[slot] = starts[slot] or lines.start(token)
        index += 1
    cards.append(Card(" ".join(texts).strip(), " ".join(answers).strip(), starts[0], starts[1]))
    return index + 1
