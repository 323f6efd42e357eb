"""Score the checker on the regression set (tests/regression/): precision and recall per rule family.

The set was used to tune the rules, so it guards against regressions and says nothing about unseen
text; the blind set (tests/test_checker_blind.py) measures that.

Usage: .venv/bin/python scripts/eval_checker.py [--markdown]
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from lessonkit.check.documents import text_document
from lessonkit.check.engine import check_document
from lessonkit.check.finding import ERROR
from lessonkit.check.rulebook import load_rulebook
from lessonkit.load.curriculum import load_curriculum

ROOT = Path(__file__).resolve().parent.parent
REGRESSION = ROOT / "tests" / "regression"


@dataclass
class Score:
    family: str
    true_positive: int = 0
    false_negative: int = 0
    false_positive: int = 0
    true_negative: int = 0

    @property
    def recall(self) -> float:
        found = self.true_positive + self.false_negative
        return self.true_positive / found if found else 1.0

    @property
    def precision(self) -> float:
        said = self.true_positive + self.false_positive
        return self.true_positive / said if said else 1.0


def evaluate() -> tuple[dict[str, Score], list[str]]:
    """Scores per family, and a line for every miss or false alarm."""
    book = load_rulebook(ROOT / "rules")
    scores: dict[str, Score] = {}
    notes: list[str] = []
    for path in sorted(REGRESSION.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        family = data["family"]
        score = scores.setdefault(family, Score(family))
        for case in data["cases"]:
            rules = [r for r in book.for_language(case["lang"]) if r.family == family]
            for verdict in ("flag", "pass"):
                for sentence in case.get(verdict, []):
                    document = text_document(
                        Path("regression.md"), sentence, case["lang"], case.get("audience", "students"), case["band"]
                    )
                    flagged = bool(check_document(document, rules))
                    if verdict == "flag":
                        score.true_positive += flagged
                        score.false_negative += not flagged
                        if not flagged:
                            notes.append(f"missed ({family}, {case['lang']}): {sentence}")
                    else:
                        score.false_positive += flagged
                        score.true_negative += not flagged
                        if flagged:
                            notes.append(f"false alarm ({family}, {case['lang']}): {sentence}")
    return scores, notes


def errors_on_good_text() -> list[str]:
    """Error-level findings on the well-written texts in tests/regression/good/ (must be none)."""
    from lessonkit.check.run import Options, check_lessons

    book = load_rulebook(ROOT / "rules")
    curriculum, _ = load_curriculum(REGRESSION / "good")
    if curriculum is None:
        return ["tests/regression/good: cannot load"]
    report = check_lessons([(x, "en") for x in curriculum.lessons], book, Options())
    return [str(f) for f in report.findings if f.severity == ERROR]


def main() -> None:
    scores, notes = evaluate()
    print("| family | flagged sentences | recall | precision |")
    print("| --- | --- | --- | --- |")
    for score in scores.values():
        total = score.true_positive + score.false_negative
        print(f"| {score.family} | {total} | {score.recall:.0%} | {score.precision:.0%} |")
    for note in notes:
        print(f"- {note}")
    errors = errors_on_good_text()
    print(f"\nerror-level findings on good child-appropriate text: {len(errors)}")
    for error in errors:
        print(f"  {error}")
    sys.exit(1 if errors or any(s.recall < 0.9 for s in scores.values()) else 0)


if __name__ == "__main__":
    main()
