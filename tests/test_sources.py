"""sources.yml: publications with years and addresses, findings traceable to them, the older one-report form."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import FIXTURES, ROOT, run_cli
from lessonkit.load.config import load_config

# A small sources.yml in the current form; tests replace parts of it to make it wrong.
GOOD = """\
publications:
  - id: spine
    title: "The spine report"
    publisher: "Agency"
    year: 2017
    url: "https://example.org/spine"
    checked: 2026-12-01
  - id: alert
    title: "An alert"
    publisher: "Another agency"
    year: 2024
    url: "https://example.org/alert"
    checked: 2026-11-30
sources:
  - id: old-finding
    kind: finding
    publication: spine
    section: "Key threat"
    summary: "A finding of 2017."
  - id: new-finding
    kind: finding
    publication: alert
    year: 2023
    section: "Alert"
    summary: "A finding with data of 2023."
"""


def _project(tmp_path: Path, sources: str) -> Path:
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    shutil.copy(ROOT / "lessons" / "curriculum.yml", lessons / "curriculum.yml")
    (lessons / "sources.yml").write_text(sources, encoding="utf-8")
    return lessons


def test_publications_and_years_are_loaded(tmp_path: Path) -> None:
    config, problems = load_config(_project(tmp_path, GOOD))
    assert problems == [] and config is not None
    assert [p.id for p in config.publications] == ["spine", "alert"]
    assert config.report.id == "spine"  # the first publication is the spine
    years = {s.id: (s.publication, s.year) for s in config.sources}
    # A source without a year inherits its publication's; one with a year keeps it.
    assert years == {"old-finding": ("spine", 2017), "new-finding": ("alert", 2023)}
    alert = config.publication("alert")
    assert alert is not None and alert.checked is not None and alert.checked.isoformat() == "2026-11-30"
    assert [s.id for s in config.sources_of("alert")] == ["new-finding"]


def test_the_older_single_report_form_still_loads() -> None:
    config, problems = load_config(FIXTURES / "broken" / "lessons")
    assert problems == [] and config is not None
    assert [p.id for p in config.publications] == ["report"]
    assert config.report.chapter == "Crime priority: child sexual exploitation online"
    assert {s.publication for s in config.sources} == {"report"}
    assert {s.year for s in config.sources} == {2017}


def test_unknown_publication_is_reported_at_its_line(tmp_path: Path) -> None:
    lessons = _project(tmp_path, GOOD.replace("publication: alert", "publication: alret"))
    config, problems = load_config(lessons)
    assert config is None
    (problem,) = problems
    assert problem.code == "E050" and problem.location.line == 22
    assert "unknown publication 'alret'" in problem.message and "alert, spine" in problem.message


def test_missing_publication_is_an_error_in_the_current_form(tmp_path: Path) -> None:
    lessons = _project(tmp_path, GOOD.replace("    publication: spine\n", ""))
    config, problems = load_config(lessons)
    assert config is None
    assert [(p.code, p.location.line) for p in problems] == [("E011", 15)]
    assert "'publication' is missing" in problems[0].message


def test_a_finding_cannot_describe_a_year_after_its_publication(tmp_path: Path) -> None:
    config, problems = load_config(_project(tmp_path, GOOD.replace("year: 2023", "year: 2025")))
    assert config is None
    assert [(p.code, p.location.line) for p in problems] == [("E050", 23)]
    assert "year 2025 is later than its publication's year 2024" in problems[0].message


def test_duplicate_publication_ids_are_located(tmp_path: Path) -> None:
    config, problems = load_config(_project(tmp_path, GOOD.replace("id: alert", "id: spine")))
    assert config is None
    assert [(p.code, p.location.line) for p in problems] == [("E050", 8)]
    assert "duplicate publication id 'spine'" in problems[0].message


def test_report_and_publications_together_are_refused(tmp_path: Path) -> None:
    report = 'report:\n  title: "R"\n  publisher: "P"\n  year: 2017\n  chapter: "C"\n  url: "https://example.org"\n'
    config, problems = load_config(_project(tmp_path, report + GOOD))
    assert config is None
    assert [(p.code, p.location.line) for p in problems] == [("E012", 1)]


def test_a_publication_needs_its_checked_date(tmp_path: Path) -> None:
    config, problems = load_config(_project(tmp_path, GOOD.replace("    checked: 2026-12-01\n", "")))
    assert config is None
    assert [p.code for p in problems] == ["E011"] and "checked" in problems[0].message


def test_validate_reports_a_bad_sources_file_without_traceback(tmp_path: Path) -> None:
    lessons = _project(tmp_path, GOOD.replace("publication: alert", "publication: alret"))
    result = run_cli("validate", str(lessons))
    assert result.code == 2
    assert "sources.yml:22:1: error E050" in result.out + result.err and "Traceback" not in result.err


def test_coverage_groups_sources_by_publication(tmp_path: Path) -> None:
    _project(tmp_path, GOOD)
    text = run_cli("coverage", str(tmp_path))
    lines = text.out.splitlines()
    spine = next(i for i, line in enumerate(lines) if line.startswith("[spine] Agency: The spine report (2017)"))
    alert = next(i for i, line in enumerate(lines) if line.startswith("[alert] Another agency: An alert (2024)"))
    assert lines[spine + 1].startswith("old-finding (2017)") and lines[alert + 1].startswith("new-finding (2023)")
    data = json.loads(run_cli("coverage", str(tmp_path), "--format", "json").out)
    assert [(p["id"], p["year"], p["sources"]) for p in data["publications"]] == [
        ("spine", 2017, ["old-finding"]),
        ("alert", 2024, ["new-finding"]),
    ]
    assert data["sources"]["new-finding"] == {"kind": "finding", "publication": "alert", "year": 2023}
    assert set(data["cells"]) == {"old-finding", "new-finding"}


def test_every_real_finding_has_a_dated_publication() -> None:
    config, problems = load_config(ROOT / "lessons")
    assert problems == [] and config is not None
    assert len(config.publications) >= 7
    assert all(p.checked is not None and p.url.startswith("https://") for p in config.publications)
    assert all(s.year is not None for s in config.sources)
    cited = {s.publication for s in config.sources}
    assert cited == {p.id for p in config.publications}  # no publication without a finding
