"""One diagnostics type, its registry of codes, its formats and exit statuses (issue 17 item 2)."""

from __future__ import annotations

import io
import json
import re
import tokenize
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, run_cli
from lessonkit.check.rulebook import load_rulebook
from lessonkit.diagnostics import ERROR, WARNING, Diagnostic, Location, Severity, Suppression
from lessonkit.diagnostics.codes import CODES, FAMILIES, codes_table, lookup
from lessonkit.diagnostics.report import FORMATS, Report, as_github, as_json, as_sarif
from lessonkit.exit_status import ExitStatus

SOURCE = ROOT / "src" / "lessonkit"
DOC = ROOT / "docs" / "diagnostics.md"
CODE = re.compile(r"\b[DEWIRXS]\d{3}\b")
TABLE = re.compile(r"<!-- codes-table: generated, do not edit by hand -->\n(.*?)<!-- /codes-table -->", re.S)


def _sources() -> list[Path]:
    """The modules that report codes (the registry itself names them all)."""
    return [p for p in sorted(SOURCE.rglob("*.py")) if p != SOURCE / "diagnostics" / "codes.py"]


def _string_literals(path: Path) -> list[tuple[int, str]]:
    """Every string literal (f-strings too, on Python 3.11) with its line; comments (`noqa: E501`) are not code."""
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
    return [(t.start[0], t.string) for t in tokens if t.type == tokenize.STRING]


def test_every_code_literal_in_the_source_is_registered() -> None:
    used: dict[str, str] = {}
    for path in _sources():
        for line, literal in _string_literals(path):
            for code in CODE.findall(literal):
                used.setdefault(code, f"{path.relative_to(ROOT)}:{line}")
    assert len(used) >= 50, "the scan no longer finds the codes"
    missing = {code: where for code, where in used.items() if code not in CODES}
    assert not missing, f"codes used but not registered in lessonkit/diagnostics/codes.py: {missing}"


def test_every_registered_code_is_used_somewhere() -> None:
    text = "\n".join(literal for path in _sources() for _, literal in _string_literals(path))
    unused = [code for code in CODES if code not in text]
    assert not unused, f"registered but never reported: {unused}"


def test_every_rule_id_belongs_to_a_registered_family() -> None:
    from lessonkit.check.engine import OUT_OF_TIME, TOO_LARGE
    from lessonkit.check.rule_codes import QA_RULE
    from lessonkit.check.suppress import SUPPRESSION_RULE
    from lessonkit.i18n.rule_data import RULES_RULE

    book = load_rulebook(ROOT / "rules")
    ids = {rule.id for rule in book.rules} | {OUT_OF_TIME, TOO_LARGE, SUPPRESSION_RULE, QA_RULE, RULES_RULE}
    assert len(ids) > 40
    assert not [rule_id for rule_id in ids if lookup(rule_id) is None]
    assert lookup("tone.no-such-rule") == FAMILIES["tone"] and lookup("nonsense.rule") is None


def test_docs_codes_table_is_generated_from_the_registry() -> None:
    match = TABLE.search(DOC.read_text(encoding="utf-8"))
    assert match, "docs/diagnostics.md lost its codes-table markers"
    assert match.group(1) == codes_table(), "run: python -m lessonkit.diagnostics.codes, paste it into the page"
    assert all(f"`{code}`" in match.group(1) for code in CODES)


def test_docs_are_linked_from_the_readme() -> None:
    assert "docs/diagnostics.md" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_a_diagnostic_prints_located_and_keeps_its_severity_as_the_enum() -> None:
    here = Location(Path("a.md"), 3, 7)
    plain = Diagnostic(here, "E030", "unknown section kind")
    hinted = Diagnostic(here, "tone.fear", "scary", "warning", "say it calmly")
    assert str(plain) == "a.md:3:7: error E030 unknown section kind"
    assert str(hinted) == "a.md:3:7: warning tone.fear scary [say it calmly]"
    assert hinted.severity is Severity.WARNING and plain.severity is ERROR
    with pytest.raises(ValueError, match="fatal"):
        Diagnostic(here, "E030", "bad", "fatal")  # type: ignore[arg-type]


def test_there_is_one_diagnostic_type() -> None:
    """Loader problems and checker findings are the same type (`Problem` is only its loader-side name)."""
    from lessonkit import problems
    from lessonkit.check import finding

    assert problems.Problem is Diagnostic
    assert not hasattr(finding, "Finding")


def _report() -> Report:
    here = Path("lessons/a.md")
    findings = [
        Diagnostic(Location(here, 2, 5), "tone.fear", "scary, really", ERROR, "say it calmly"),
        Diagnostic(Location(here, 9, 1), "E040", "term 'x' unused", WARNING),
    ]
    return Report(findings, [(Suppression(Location(here, 12, 1), "tone", "quoted on purpose", 14), 2)], 1)


def test_json_format() -> None:
    data = json.loads(as_json(_report()))
    assert [f["rule"] for f in data["findings"]] == ["tone.fear", "E040"]
    assert data["findings"][0] == {
        "path": "lessons/a.md",
        "line": 2,
        "column": 5,
        "rule": "tone.fear",
        "severity": "error",
        "message": "scary, really",
        "suggestion": "say it calmly",
    }
    assert data["summary"] == {"files": 1, "errors": 1, "warnings": 1, "suppressed": 2, "suppressions": 1}


def test_github_format_escapes_properties() -> None:
    lines = as_github(_report()).splitlines()
    assert lines[0] == "::error file=lessons/a.md,line=2,col=5,title=tone.fear::scary, really [say it calmly]"
    assert lines[1].startswith("::warning file=lessons/a.md,line=9,col=1,title=E040::")
    assert lines[2].startswith("::notice file=lessons/a.md,line=12,title=suppressed tone::")


def test_sarif_format_is_a_2_1_0_log_with_registered_rules() -> None:
    log = json.loads(as_sarif(_report()))
    assert log["version"] == "2.1.0" and "sarif-2.1.0" in log["$schema"]
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["E040", "tone.fear"]
    assert rules[0]["shortDescription"]["text"] == CODES["E040"].meaning
    assert rules[1]["defaultConfiguration"]["level"] == "error"
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [("tone.fear", "error"), ("E040", "warning")]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 2, "startColumn": 5}
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "lessons/a.md"


def test_every_format_is_offered_by_check() -> None:
    assert {"text", "json", "github", "sarif", "summary"} <= set(FORMATS)


def _bad_rules(project: Path) -> Path:
    folder = project / "rules" / "en"
    folder.mkdir(parents=True)
    (folder / "tone.yml").write_text("language: de\nrules: []\n", encoding="utf-8")
    text = project / "note.md"
    text.write_text("A short note.\n", encoding="utf-8")
    return text


@pytest.mark.parametrize("fmt", ["json", "github", "sarif"])
def test_unusable_rules_come_out_in_the_format_asked_for(project: Path, fmt: str) -> None:
    (project / "rules" / "common").mkdir(parents=True)
    (project / "rules" / "common" / "a.yml").write_text("language: de\nrules: [{}]\n", encoding="utf-8")
    _bad_rules(project)
    run = run_cli("check", "note.md", "--lang", "en", "--format", fmt, cwd=project)
    assert run.code == ExitStatus.UNUSABLE, run.out + run.err
    assert "Traceback" not in run.err
    if fmt == "github":
        assert run.out.startswith("::error file=") and "title=E" in run.out
    else:
        data = json.loads(run.out)
        assert data  # parsed: nothing but the report on stdout


def test_unusable_rules_are_located_in_text(project: Path) -> None:
    _bad_rules(project)
    run = run_cli("check", "note.md", "--lang", "en", cwd=project)
    assert run.code == ExitStatus.UNUSABLE
    assert re.search(r"rules/en/tone\.yml:\d+:\d+: error E0\d\d ", run.out), run.out
    assert "rules folder" in run.err


def test_validate_reports_the_same_problems_as_json() -> None:
    text = run_cli("validate", ".", cwd=FIXTURES / "broken")
    as_json = run_cli("validate", ".", "--format", "json", cwd=FIXTURES / "broken")
    assert as_json.code == text.code == ExitStatus.UNUSABLE
    findings = json.loads(as_json.out)["findings"]
    lines = [f"{f['path']}:{f['line']}:{f['column']}: {f['severity']} {f['rule']} {f['message']}" for f in findings]
    assert lines == text.out.splitlines()


def test_missing_section_is_reported_on_the_last_line_not_past_it() -> None:
    bad = FIXTURES / "broken" / "lessons" / "bad" / "18-missing-family.md"
    last = len(bad.read_text(encoding="utf-8").splitlines())
    run = run_cli("validate", str(bad.relative_to(FIXTURES / "broken")), cwd=FIXTURES / "broken")
    assert f"18-missing-family.md:{last}:1: error E034" in run.out, run.out


def test_catalogue_findings_point_at_their_words_in_the_msgstr() -> None:
    from lessonkit.blocks import Origin

    lines = ["#: x.md:3", 'msgctxt "a"', 'msgid "x"', 'msgstr ""', '"Er sagt \\"hallo\\". "', '"Dann geht er."', ""]
    origin = Origin.of_entry(Path("x.po"), lines, 1)
    text = 'Er sagt "hallo". Dann geht er.'
    places = {offset: origin.at(text, offset) for offset in (0, 9, 17, 99)}
    assert {k: (v.line, v.column) for k, v in places.items()} == {
        0: (5, 2),
        9: (5, 12),  # 'h': the escaped quote before it is one character
        17: (6, 2),  # 'D', on the continuation line
        99: (5, 2),  # past the text: at its start
    }
    plural = ['msgid "a"', 'msgid_plural "b"', 'msgstr[0] "c"', "", 'msgstr "other entry"']
    start = Origin.of_entry(Path("x.po"), plural, 1).location
    assert (start.line, start.column) == (1, 1)  # a plural entry: at its first line


def test_locale_doctor_items_become_diagnostics_in_machine_formats() -> None:
    from lessonkit.cli.doctor import Item
    from lessonkit.cli.locale_cmd import TODO_CODE, _as_diagnostic

    pack = ROOT / "locales" / "countries" / "XX.yml"
    later = _as_diagnostic(Item(Location(pack, 3, 5), "fill in name", blocking=False), ROOT)
    now = _as_diagnostic(Item(Location(pack, 4, 1), "confirm the entry"), ROOT)
    assert later == Diagnostic(Location(Path("locales/countries/XX.yml"), 3, 5), TODO_CODE, "fill in name", WARNING)
    assert now.severity is ERROR and CODES[TODO_CODE].severity is ERROR
