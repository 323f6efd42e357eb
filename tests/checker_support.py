"""Helpers for checker tests: run one rule on one example text, load the example tables."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from lessonkit.check.country_packs import check_country_pack
from lessonkit.check.document import Counted
from lessonkit.check.documents import text_document
from lessonkit.check.engine import check_document
from lessonkit.check.rulebook import Rule, Rulebook, load_rulebook
from lessonkit.diagnostics import Diagnostic
from lessonkit.problems import Location

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = Path(__file__).resolve().parent / "checker_examples"
PACK_DAY = date(2026, 11, 30)
NON_STUDENT = ("parents", "educators")


def rulebook() -> Rulebook:
    return load_rulebook(ROOT / "rules")


def example_tables() -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(EXAMPLES.glob("*.yml")):
        for rule_id, groups in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            tables.setdefault(rule_id, []).extend(groups)
    return tables


def good_corpus_items(language: str) -> list[tuple[str, str, str | None]]:
    """(text, audience, band) of every good item the authors of the labelled corpus wrote in a language."""
    found = []
    for path in sorted((ROOT / "corpus" / "tone" / language).glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in data.get("items") or []:
            if item.get("label") == "good" and "text" in item:
                audience = item.get("audience") or "students"
                band = None if audience in NON_STUDENT else str(item.get("band"))
                found.append((item["text"], audience, band))
    return found


def run_rule(rule: Rule, example: str | dict[str, Any], group: dict[str, Any], tmp: Path) -> list[Diagnostic]:
    """The findings of exactly one rule on one example, read as its group says (language, band, audience)."""
    if rule.spec.kind == "country-pack":
        path = tmp / "XX.yml"
        path.write_text(str(example), encoding="utf-8")
        return check_country_pack(path, (rule,), PACK_DAY)
    text = example if isinstance(example, str) else example.get("text", "")
    language = group["lang"] if group["lang"] != "common" else "en"
    document = text_document(Path("example.md"), text, language, group.get("audience", "students"), group.get("band"))
    counts = example.get("counts", {}) if isinstance(example, dict) else {}
    document = dataclasses.replace(
        document,
        is_lesson=True,
        counts={k: Counted(v, Location(Path("example.md"), 1, 1)) for k, v in counts.items()},
    )
    return [f for f in check_document(document, [rule]) if f.code == rule.id]
