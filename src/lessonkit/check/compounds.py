"""Closed compounds (German): whether a word a frequency table lists as rare is made of familiar words.

German writes new nouns by joining words ("Geburtstagskarte", "Spielkonsole"), and wordfreq counts
each compound apart: most are rare in its corpus, though a child who knows "Geburtstag" and "Karte"
reads "Geburtstagskarte" at once. A compound is taken to be as familiar as its least familiar part,
made ten times rarer (one point on the Zipf scale) for each join, so a compound of uncommon parts
("Verschleierungstaktiken") is still reported while one of everyday words is not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

# Linking elements (Fugenelemente) a first part may end with: "Zahlung|s|angaben", "Helfer|hand".
LINKS: Final = ("", "s", "es", "n", "en", "ns", "e", "er")
MIN_HEAD: Final = 3  # "Bad" in "Badesachen" (after its link "e"), "Spiel", "Schul"
MIN_TAIL: Final = 4  # "bild", "karte", "post"; shorter tails ("ei", "tag") split too many words wrongly
JOIN_PENALTY: Final = 1.0  # Zipf points per join
MOST_PARTS: Final = 3
_LONGEST: Final = 40  # a longer "word" is a run of letters, not a compound to split


def familiar_compound(word: str, score_of: Callable[[str], float], limit: float) -> bool:
    """Whether `word` (lower case, no marks) splits into 2 or 3 parts that make it as familiar as `limit`.

    `score_of` gives a word's Zipf score (0 when unknown). Each part of an n-part split must reach
    `limit + (n - 1) * JOIN_PENALTY`; a first part may end with a linking element.
    """
    if len(word) > _LONGEST:
        return False
    return any(_splits(word, score_of, limit + parts * JOIN_PENALTY, parts) for parts in range(1, MOST_PARTS))


def _splits(word: str, score_of: Callable[[str], float], need: float, joins: int) -> bool:
    """Whether `word` splits at `joins` places into parts that each score at least `need`."""
    if joins == 0:
        return score_of(word) >= need
    for cut in range(MIN_HEAD, len(word) - MIN_TAIL * joins + 1):
        head = word[:cut]
        if any(
            len(head) - len(link) >= MIN_HEAD
            and head.endswith(link)
            and score_of(head[: len(head) - len(link)]) >= need
            for link in LINKS
        ) and _splits(word[cut:], score_of, need, joins - 1):
            return True
    return False
