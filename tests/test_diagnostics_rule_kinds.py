"""Typed rule kinds (issue 17 item 3): one model per kind, derived from one definition of a rule's fields."""

from __future__ import annotations

import dataclasses
import re
import shutil
import sys
from pathlib import Path
from typing import Any, get_args

import pytest
import yaml

from conftest import ROOT, run_cli
from lessonkit.check.rule_schema import KIND_MODELS, AnyRule, kinds_table
from lessonkit.check.rulebook import COMMON_FIELDS, KINDS, PACKS, Applies, RuleSpec, load_rulebook, runner
from lessonkit.exit_status import ExitStatus

CHECKER_DOC = ROOT / "docs" / "checker.md"
TABLE = re.compile(r"<!-- kinds-table: generated, do not edit by hand -->\n(.*?)<!-- /kinds-table -->", re.S)
TEXT_FIELDS = ("message", "rationale", "source")


def _expected(rule: dict[str, Any]) -> dict[str, Any]:
    """A rule as the plain YAML says it, with RuleSpec's defaults: what loading must give, kind or not."""
    spec = RuleSpec(
        **{
            **{k: v for k, v in rule.items() if k != "applies"},
            **{k: str(rule[k]).strip() for k in TEXT_FIELDS},
            "applies": Applies(**rule.get("applies", {})),
        }
    )
    values = dataclasses.asdict(spec)
    values["limits"] = {k: float(v) for k, v in values["limits"].items()}
    return values


def test_every_rule_file_loads_to_the_rules_it_writes() -> None:
    """Before/after: the typed kinds load each shipped rule exactly as a plain reading of its YAML does."""
    book = load_rulebook(ROOT / "rules")
    loaded = {(r.language, r.id): dataclasses.asdict(r.spec) for r in book.rules}
    written = {}
    for path in sorted((ROOT / "rules").glob("*/*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        written |= {(data["language"], rule["id"]): _expected(rule) for rule in data["rules"]}
    assert len(loaded) > 100
    assert loaded == written


def test_the_union_is_derived_from_the_registry() -> None:
    members = get_args(get_args(AnyRule)[0])
    assert [get_args(m.model_fields["kind"].annotation)[0] for m in members] == list(KINDS)
    for name, model in KIND_MODELS.items():
        own = set(model.model_fields) - set(COMMON_FIELDS)
        assert own == set(KINDS[name].takes), name
        assert set(KINDS[name].needs) <= own, name
    spec_fields = {f.name for f in dataclasses.fields(RuleSpec)}
    taken = set(COMMON_FIELDS).union(*(kind.takes for kind in KINDS.values()))
    assert taken == spec_fields, "a RuleSpec field no kind takes, or a kind taking a field RuleSpec lacks"


def test_every_kind_runs_a_function_that_exists() -> None:
    for name in KINDS:
        assert callable(runner(name)), name


def test_country_pack_rules_are_a_kind_that_reads_packs() -> None:
    from lessonkit.check.country_packs import check_country_pack

    assert KINDS["country-pack"].reads == PACKS
    assert runner("country-pack") is check_country_pack
    packs = [r for r in load_rulebook(ROOT / "rules").rules if r.spec.kind == "country-pack"]
    assert {r.spec.check for r in packs} >= {"source", "verified", "schema"}


def test_docs_kinds_table_is_generated_from_the_union() -> None:
    match = TABLE.search(CHECKER_DOC.read_text(encoding="utf-8"))
    assert match, "docs/checker.md lost its kinds-table markers"
    assert match.group(1) == kinds_table(), f"run: {sys.executable} -m lessonkit.check.rule_schema, paste it"
    assert all(f"| `{name}` |" in match.group(1) for name in KINDS)


RULE = """\
language: en
rules:
  - id: tone.one
    kind: {kind}
    severity: error
    message: m
    rationale: r
    source: s
    {extra}
"""


def _project(tmp_path: Path, kind: str, extra: str) -> Path:
    (tmp_path / "lessons").mkdir()
    for name in ("curriculum.yml", "sources.yml"):
        shutil.copy(ROOT / "lessons" / name, tmp_path / "lessons" / name)
    (tmp_path / "rules" / "en").mkdir(parents=True)
    (tmp_path / "rules" / "en" / "tone.yml").write_text(RULE.format(kind=kind, extra=extra), encoding="utf-8")
    (tmp_path / "note.md").write_text("A short note.\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("kind", "extra", "line", "expected"),
    [
        ("existance", "patterns: [x]", 4, "error E012 unknown rule kind 'existance'; did you mean 'existence'?"),
        ("substitution", "replacements: {a: b}\n    formula: lix", 10, "error E010 'formula' is not a field of a "),
        ("count", "field: quiz\n    limitz: {min: 1}", 10, "error E010 unknown field 'limitz' in a 'count' rule"),
        ("count", "field: quiz", 3, "error E012 'rules.0' (count): a 'count' rule needs limits"),
    ],
)
def test_a_bad_rule_is_a_located_error(tmp_path: Path, kind: str, extra: str, line: int, expected: str) -> None:
    project = _project(tmp_path, kind, extra)
    run = run_cli("check", "note.md", "--lang", "en", cwd=project)
    assert run.code == ExitStatus.UNUSABLE, run.out + run.err
    assert "Traceback" not in run.err
    assert f"rules/en/tone.yml:{line}:1: {expected}" in run.out, run.out
