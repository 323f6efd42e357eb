"""A space in a pattern matches the punctuation between words, so it eats the apostrophe of a contraction.

`(?:that|it) (?:is|'s) not true` therefore never matched "that's not true": the space took the
apostrophe and left "s" for "'s". Fourteen such alternatives in the English tone rules were dead
until the twelfth session ("you've got no shame", "it'll still be his fault"); the contraction must
follow its word with no space: `(?:that|it)(?: is|'s)`. This test keeps them out of every rule file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from lessonkit.check.patterns import expand

ROOT = Path(__file__).resolve().parents[1]
RULE_FILES = sorted((ROOT / "rules").glob("*/*.yml"))
# A space, then a group one of whose alternatives starts with an apostrophe (or the apostrophe itself).
_DEAD = re.compile(r" (?:'|\((?:\?:)?(?:[^()|]*\|)*')")


def _patterns(document: dict[str, object]) -> list[str]:
    found: list[str] = [v for v in (document.get("define") or {}).values() if isinstance(v, str)]  # type: ignore[union-attr]
    for rule in document.get("rules") or []:  # type: ignore[union-attr]
        for key in ("patterns", "exceptions"):
            found += [p for p in rule.get(key) or [] if isinstance(p, str)]
        if isinstance(rule.get("negation"), str):
            found.append(rule["negation"])
    return found


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_contraction_follows_a_space(path: Path) -> None:
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    dead = [p for p in _patterns(document) if _DEAD.search(p)]
    assert not dead, f"{path}: a space before a contraction can never match: {dead[:3]}"


def test_the_check_would_see_a_dead_contraction() -> None:
    assert _DEAD.search("(?:that|it) (?:is|'s) not true")
    assert _DEAD.search("you 've got")
    assert not _DEAD.search("(?:that|it)(?: is|'s) not true")
    assert not _DEAD.search("the offender's fault")


def test_that_is_why_the_fixed_form_matches() -> None:
    pattern = re.compile(expand("(?:that|it)(?: is|'s) not true", {}), re.IGNORECASE)
    dead = re.compile(expand("(?:that|it) (?:is|'s) not true", {}), re.IGNORECASE)
    assert pattern.search("That's not true.") and pattern.search("That is not true.")
    assert not dead.search("That's not true.")


def test_an_optional_space_is_an_optional_separator() -> None:
    # A space followed by "?" ("hook ?ups?", "80 ?%") was a lazy separator, still required: "hookups",
    # "laughingstock" and "80%" never matched (thirteenth session). It is an optional separator now.
    for pattern, texts in (
        ("hook ?ups?", ("hookups", "hook ups", "hook-up")),
        ("[0-9]{1,3} ?%", ("80%", "80 %")),
        ("laughing ?stock", ("laughingstock", "laughing stock")),
    ):
        compiled = re.compile(expand(pattern, {}), re.IGNORECASE)
        assert all(compiled.fullmatch(text) for text in texts), pattern
    # A space alone still needs a separator: words written apart stay apart.
    assert not re.compile(expand("hook ups", {}), re.IGNORECASE).fullmatch("hookups")
