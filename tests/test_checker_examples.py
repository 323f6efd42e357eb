"""Every rule's example table: sentences that must be flagged, sentences that must pass, by language and band."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from checker_support import ROOT, example_tables, rulebook, run_rule
from lessonkit.check.rulebook import COMMON, Rule

BOOK = rulebook()
TABLES = example_tables()


def _cases() -> list[Any]:
    cases = []
    for rule_id, groups in sorted(TABLES.items()):
        for group in groups:
            for verdict in ("flag", "pass"):
                for index, example in enumerate(group.get(verdict, [])):
                    label = f"{rule_id}-{group['lang']}-{group.get('band', group.get('audience', ''))}-{verdict}{index}"
                    cases.append(pytest.param(rule_id, group, verdict, example, id=label))
    return cases


def _rule(rule_id: str, language: str) -> Rule:
    matches = [r for r in BOOK.rules if r.id == rule_id and r.language in (language, COMMON)]
    assert matches, f"examples name {rule_id} for '{language}', but no such rule exists"
    return matches[0]


@pytest.mark.parametrize(("rule_id", "group", "verdict", "example"), _cases())
def test_example(rule_id: str, group: dict[str, Any], verdict: str, example: Any, tmp_path: Path) -> None:
    rule = _rule(rule_id, group["lang"])
    findings = run_rule(rule, example, group, tmp_path)
    if verdict == "flag":
        assert findings, f"{rule_id} should flag: {example!r}"
    else:
        assert not findings, f"{rule_id} should pass: {example!r} but said {[str(f) for f in findings]}"


def test_every_rule_has_examples_in_its_language() -> None:
    missing = []
    for rule in BOOK.rules:
        groups = [g for g in TABLES.get(rule.id, []) if g["lang"] in (rule.language, COMMON)]
        if rule.language == COMMON:
            groups = TABLES.get(rule.id, [])
        if not any(g.get("flag") for g in groups) or not any(g.get("pass") for g in groups):
            missing.append(f"{rule.language}:{rule.id}")
    assert not missing, f"rules without flag and pass examples: {missing}"


def test_every_example_names_a_rule() -> None:
    ids = {r.id for r in BOOK.rules}
    assert set(TABLES) <= ids, f"examples for unknown rules: {set(TABLES) - ids}"


def test_rule_ids_are_documented() -> None:
    doc = (ROOT / "docs" / "checker.md").read_text(encoding="utf-8")
    undocumented = sorted({r.id for r in BOOK.rules if f"`{r.id}`" not in doc})
    assert not undocumented, f"rules missing from docs/checker.md: {undocumented}"


def test_rule_ids_are_unique_within_a_language_and_named_by_family() -> None:
    seen: set[tuple[str, str]] = set()
    for rule in BOOK.rules:
        key = (rule.language, rule.id)
        assert key not in seen, f"duplicate {key}"
        seen.add(key)
        assert rule.family in {"readability", "vocabulary", "tone", "terminology", "structure", "pack"}
        assert rule.spec.rationale and rule.spec.source and rule.spec.message


def test_no_example_file_names_a_rule_twice() -> None:
    # YAML keeps the last of two equal keys: a second table for a rule in one file hid the first one's examples.
    for path in sorted((ROOT / "tests" / "checker_examples").glob("*.yml")):
        keys = [line.split(":")[0] for line in path.read_text(encoding="utf-8").splitlines() if line[:1].isalpha()]
        assert sorted(keys) == sorted(set(keys)), f"{path.name} names a rule twice"
