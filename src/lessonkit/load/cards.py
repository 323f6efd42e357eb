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
from dataclasses import dataclass

from markdown_it.token import Token

from lessonkit.markdown import markdown
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


def parse_cards(section: Section) -> tuple[CardSet | None, list[Problem]]:
    """The card set of a `cards` section, or None with the problems that make it unusable."""
    where = section.location
    tokens = markdown().parse(section.text)
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
            index = _card(tokens, index, cards)
            continue
        elif token.type == "inline" and depth == 0:
            if cards:
                return None, [_problem(section, token, "text after the list of cards; put instructions before it")]
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


def _card(tokens: list[Token], index: int, cards: list[Card]) -> int:
    """Read one top-level list item from `tokens[index]` (its `list_item_open`); return the index after it."""
    texts: list[str] = []
    answers: list[str] = []
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
        index += 1
    cards.append(Card(" ".join(texts).strip(), " ".join(answers).strip()))
    return index + 1


def _problem(section: Section, token: Token, message: str) -> Problem:
    line = section.location.line + 1 + (token.map[0] if token.map else 0)
    return Problem(Location(section.location.path, line, 1), "E038", message)
