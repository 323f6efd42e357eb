"""Saying plainly when a language has no rule data, and showing suggestions the way a PO file writes them.

The checker judges a translation with its language's rules (`rules/<lang>/`: words to avoid per age
band, readability, tone). A language without them gets only the common rules and the translation
QA: a victim-blaming sentence in a help box would pass. So `lessonkit check` gives a warning per
catalogue of such a language, and the build one per locale, both pointing to how to add rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from lessonkit.diagnostics import WARNING, Diagnostic, Location
from lessonkit.problems import Problem
from lessonkit.shipped import shipped

NO_RULES = "I130"
RULES_RULE = "translation.rules"
RULES_DIR = Path("rules")
HOW_TO = "docs/translators.md, 'Adding rule data for a new language'"
_TOKEN = re.compile(r"\{\{\s*(?P<kind>help|law)\.(?P<name>[A-Za-z_][\w]*)\s*\}\}")


def no_rules_message(language: str) -> str:
    """What a catalogue of a language without rule data is (and is not) checked for."""
    return (
        f"no rule data for '{language}' (rules/{language}/ is missing): this translation is checked for "
        "structure, placeholders, numbers and addresses only, not for age-appropriate words, readability "
        f"or tone; see {HOW_TO}"
    )


def shipped_rules_dir() -> Path:
    """The rules that come with lessonkit (used for texts outside a project with its own `rules/`)."""
    return shipped("rules")


def rule_languages(root: Path) -> set[str]:
    """The languages with rule files in the project's `rules/` (or the shipped rules when it has none)."""
    folder = root / RULES_DIR if (root / RULES_DIR).is_dir() else shipped_rules_dir()
    if not folder.is_dir():
        return set()
    return {
        child.name
        for child in folder.iterdir()
        if child.is_dir() and child.name != "common" and any(child.glob("*.yml"))
    }


def no_rules_problem(root: Path, language: str) -> Problem:
    """A build warning for a locale whose language has no rule data."""
    return Problem(Location(root / RULES_DIR / language), NO_RULES, no_rules_message(language), WARNING)


def no_rules_findings(catalogues: Iterable[tuple[Path, str]], known: Iterable[str]) -> list[Diagnostic]:
    """A warning per (catalogue, language) whose language is not among `known` (the rulebook's languages)."""
    have = set(known)
    return [
        Diagnostic(Location(path, 1, 1), RULES_RULE, f"{NO_RULES} {no_rules_message(language)}", WARNING)
        for path, language in catalogues
        if language not in have
    ]


def po_syntax(text: str) -> str:
    """Help and law tokens as a PO entry writes them: `{{ help.NAME }}` -> `{help.NAME}`.

    A suggestion shown at a PO entry must use the entry's own syntax: typed into a msgstr, the
    Markdown form would be two literal braces and break the placeholder check.
    """
    return _TOKEN.sub(lambda m: f"{{{m['kind']}.{m['name']}}}", text)
