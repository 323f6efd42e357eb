"""Score the checker on the blind set (tests/blind/2026-12/): recall per family, precision, errors on good text.

The blind set was written by someone who never saw the rules. It is for SCORING ONLY: nobody may
read its sentences to write or tune a rule (tests/blind/2026-12/README.md). This module therefore
reports numbers only, never the sentences it missed, and writes them to
test-artifacts/checker-blind-2026-12.json. Its assertions are weak floors that cannot hide a
regression (no error on good text; recall not below the baseline recorded in docs/checker.md
before any tuning, minus a small margin), never targets to tune against.

Print the table: .venv/bin/python tests/test_checker_blind.py
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from lessonkit.check.documents import text_document
from lessonkit.check.engine import check_document
from lessonkit.check.finding import ERROR
from lessonkit.check.rulebook import load_rulebook

ROOT = Path(__file__).resolve().parent.parent
BLIND = ROOT / "tests" / "blind" / "2026-12"
ARTIFACT = ROOT / "test-artifacts" / "checker-blind-2026-12.json"
LANGUAGES = ("en", "de", "ar")
# Category of the blind set -> the rule family (and, for "intended", the rules) meant to catch it.
FAMILIES = {"blame": "tone", "fear": "tone", "shame": "tone", "terminology": "terminology"}
INTENDED = {
    "blame": (
        "tone.victim-blaming",
        "tone.blaming-questions",
        "tone.counterfactual-blame",
        "tone.shifted-responsibility",
        "tone.blaming-labels",
    ),
    "fear": ("tone.fear", "tone.catastrophising", "tone.threats"),
    "shame": ("tone.shaming", "tone.shame-by-proxy"),
    "terminology": ("terminology.luxembourg", "terminology.sexting"),
}
NON_STUDENT = ("parents", "educators")

# Recall per (language, category) measured BEFORE any rule was changed for issue 18
# (docs/checker.md, "blind 2026-12, before tuning"). A later change may not fall below it by more
# than MARGIN (one or two sentences), whatever else it gains.
BASELINE_RECALL: dict[tuple[str, str], float] = {
    ("en", "blame"): 0.182,
    ("en", "fear"): 0.148,
    ("en", "shame"): 0.091,
    ("en", "terminology"): 0.667,
    ("de", "blame"): 0.0,
    ("de", "fear"): 0.111,
    ("de", "shame"): 0.048,
    ("de", "terminology"): 0.429,
    ("ar", "blame"): 0.03,
    ("ar", "fear"): 0.0,
    ("ar", "shame"): 0.048,
    ("ar", "terminology"): 0.143,
}
MARGIN = 0.07


@dataclass
class Tally:
    sentences: int = 0
    caught: int = 0  # an error of the category's family
    intended: int = 0  # an error of the rule meant for the category
    with_error: int = 0  # sentences with any error
    flags: dict[str, int] = field(default_factory=dict)  # sentences with an error per family

    @property
    def recall(self) -> float:
        return self.caught / self.sentences if self.sentences else 1.0


def _document(text: str, language: str, band: str) -> object:
    if band in NON_STUDENT:
        return text_document(Path("blind.md"), text, language, band, None)
    return text_document(Path("blind.md"), text, language, "students", band)


@cache
def score() -> dict[str, dict[str, Tally]]:
    """Tallies per language and category (good included)."""
    book = load_rulebook(ROOT / "rules")
    result: dict[str, dict[str, Tally]] = {}
    for language in LANGUAGES:
        data = yaml.safe_load((BLIND / f"{language}.yml").read_text(encoding="utf-8"))
        rules = list(book.for_language(language))
        for category, entries in data.items():
            tally = result.setdefault(language, {}).setdefault(category, Tally())
            for entry in entries:
                document = _document(entry["text"], language, str(entry["band"]))
                errors = [f for f in check_document(document, rules) if f.severity == ERROR]  # type: ignore[arg-type]
                tally.sentences += 1
                tally.with_error += bool(errors)
                families = {f.code.split(".")[0] for f in errors}
                for family in families:
                    tally.flags[family] = tally.flags.get(family, 0) + 1
                if category in FAMILIES:
                    tally.caught += FAMILIES[category] in families
                    tally.intended += any(f.code in INTENDED[category] for f in errors)
    return result


def figures() -> dict[str, object]:
    """The per-family numbers (no sentences), as written to the artifact and docs/checker.md."""
    out: dict[str, object] = {}
    for language, tallies in score().items():
        good = tallies["good"]
        per: dict[str, object] = {}
        for category in FAMILIES:
            t = tallies[category]
            per[category] = {
                "sentences": t.sentences,
                "caught": t.caught,
                "recall": round(t.recall, 3),
                "by_intended_rule": t.intended,
            }
        precision: dict[str, float] = {}
        for family in ("tone", "terminology"):
            right = sum(tallies[c].flags.get(family, 0) for c in FAMILIES if FAMILIES[c] == family)
            wrong = sum(tallies[c].flags.get(family, 0) for c in tallies if FAMILIES.get(c) != family)
            precision[family] = round(right / (right + wrong), 3) if right + wrong else 1.0
        per["precision"] = precision
        per["good"] = {"sentences": good.sentences, "with_error": good.with_error}
        out[language] = per
    return out


def write_artifact() -> dict[str, object]:
    data = figures()
    ARTIFACT.parent.mkdir(exist_ok=True)
    ARTIFACT.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return data


def table(data: dict[str, object]) -> str:
    lines = [
        "| lang | blame | fear | shame | tone (all three) | terminology | precision tone / term. "
        "| good with an error |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for language, per in data.items():
        assert isinstance(per, dict)
        cells = []
        for category in ("blame", "fear", "shame"):
            c = per[category]
            cells.append(f"{c['caught']}/{c['sentences']} ({c['recall']:.0%})")
        caught = sum(per[c]["caught"] for c in ("blame", "fear", "shame"))
        total = sum(per[c]["sentences"] for c in ("blame", "fear", "shame"))
        cells.append(f"{caught}/{total} ({caught / total:.0%})")
        t = per["terminology"]
        cells.append(f"{t['caught']}/{t['sentences']} ({t['recall']:.0%})")
        cells.append(f"{per['precision']['tone']:.0%} / {per['precision']['terminology']:.0%}")
        cells.append(f"{per['good']['with_error']}/{per['good']['sentences']}")
        lines.append(f"| {language} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def test_blind_set_is_complete_and_figures_are_written() -> None:
    data = write_artifact()
    assert set(data) == set(LANGUAGES)
    for per in data.values():
        assert isinstance(per, dict)
        assert all(per[c]["sentences"] >= 10 for c in FAMILIES)
    assert ARTIFACT.is_file()


def test_good_child_friendly_text_gives_no_error() -> None:
    assert {language: tallies["good"].with_error for language, tallies in score().items()} == dict.fromkeys(
        LANGUAGES, 0
    )


def test_recall_does_not_fall_below_the_recorded_baseline() -> None:
    tallies = score()
    below = {
        key: (round(tallies[key[0]][key[1]].recall, 3), floor)
        for key, floor in BASELINE_RECALL.items()
        if tallies[key[0]][key[1]].recall < floor - MARGIN
    }
    assert len(BASELINE_RECALL) == len(LANGUAGES) * len(FAMILIES)
    assert not below, below


if __name__ == "__main__":
    print(table(write_artifact()))
