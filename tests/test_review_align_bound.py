"""Placing a finding inside a translated block is linear-bounded, however repetitive the msgstr (REVIEW).

`_aligned` ran difflib over the whole msgstr for each finding when the Markdown and the msgstr were
written differently (`{{`, help tokens, tags): on "Wort {{ " repeated, 3,500 characters took 29 s and
7,000 took 205 s per finding, so one hostile catalogue entry stalled `lessonkit check`.
"""

from __future__ import annotations

from pathlib import Path

from lessonkit.blocks import Origin, _aligned


def test_a_long_repetitive_msgstr_is_placed_without_difflib() -> None:
    mine, theirs = "Wort{" * 4000, "Wort{{" * 4000
    placed = _aligned(mine, theirs, 14_000)
    # Proportional placement (difflib needed minutes here): inside the msgstr, at the same share of its length.
    assert placed == 14_000 * len(theirs) // len(mine)


def test_short_texts_are_still_aligned_character_by_character() -> None:
    # "ab{{cd": the 'c' of "ab{cd" (index 3) is at index 4 of the msgstr.
    assert _aligned("ab{cd", "ab{{cd", 3) == 4
    assert _aligned("same", "same", 2) == 2


def test_a_finding_in_a_long_translated_block_is_inside_its_msgstr() -> None:
    origin = Origin(Path("x.po"), 10, ('msgstr "' + "Wort {{ " * 4000 + '"',))
    location = origin.at("Wort { " * 4000, 14_000)
    assert location.line == 10
    assert 1 <= location.column <= len('msgstr "' + "Wort {{ " * 4000)
