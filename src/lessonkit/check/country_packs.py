"""Checking country packs: every service names its source and was confirmed there recently."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path

from lessonkit.check.kinds import finding
from lessonkit.check.rulebook import KINDS, PACKS, Rule
from lessonkit.diagnostics import Diagnostic
from lessonkit.load.yaml_tree import YamlDocument, read_yaml_file
from lessonkit.locale.country_pack import load_country_pack
from lessonkit.locale.pack_coverage import missing_services, needed_services
from lessonkit.problems import Location


def check_country_pack(
    path: Path, rules: tuple[Rule, ...], today: date, needed: Mapping[str, tuple[str, ...]] | None = None
) -> list[Diagnostic]:
    """Findings for one pack: schema problems, missing sources, unconfirmed or stale entries, missing services.

    `needed` maps each help service the curriculum prints to the lessons that name it; without a
    curriculum, the services every document prints are needed.
    """
    by_check = {r.spec.check: r for r in rules if KINDS[r.spec.kind].reads == PACKS}
    document, problems = read_yaml_file(path)
    findings: list[Diagnostic] = []
    if document is not None and isinstance(document.data, dict):
        findings += _entries(document, path, by_check, today)
    if document is not None:
        pack, problems = load_country_pack(path)
        complete = by_check.get("complete")
        if pack is not None and complete is not None:
            missing = missing_services(pack, needed if needed is not None else needed_services(()))
            findings += [finding(complete, p.location, problem=p.message) for p in missing]
    schema = by_check.get("schema")
    if schema is not None:
        for problem in problems:
            if "source" in problem.message and "source" in by_check and "missing" in problem.message.lower():
                continue  # reported by the source rule at the entry itself
            findings.append(finding(schema, problem.location, problem=problem.message))
    return findings


def _entries(document: YamlDocument, path: Path, rules: dict[str, Rule], today: date) -> list[Diagnostic]:
    findings = []
    laws = document.data.get("law")
    for topic, entry in laws.items() if isinstance(laws, dict) else ():
        if isinstance(entry, dict):
            where = Location(path, document.line_of(("law", topic)), 1)
            findings += list(_entry(entry, f"law: {topic}", where, rules, today))
    services = document.data.get("services")
    if not isinstance(services, dict):
        return findings
    for token, entries in services.items():
        if not isinstance(entries, list):
            continue
        for index, entry in enumerate(entries):
            if not isinstance(entry, dict):
                continue
            where = Location(path, document.line_of(("services", token, index)), 1)
            name = str(entry.get("name", token))
            findings += list(_entry(entry, name, where, rules, today))
    return findings


def _entry(
    entry: dict[str, object], name: str, where: Location, rules: dict[str, Rule], today: date
) -> Iterator[Diagnostic]:
    source = entry.get("source")
    if "source" in rules and not (isinstance(source, str) and source.strip()):
        yield finding(rules["source"], where, service=name)
    verified = entry.get("verified")
    rule = rules.get("verified")
    if rule is None:
        return
    months = rule.limit("months") or 12
    if verified is False or verified is None:
        yield finding(rule, where, service=name, state="not verified yet", months=int(months))
    elif isinstance(verified, date):
        age = (today.year - verified.year) * 12 + today.month - verified.month - (today.day < verified.day)
        if age >= months:
            yield finding(rule, where, service=name, state=f"last verified {verified.isoformat()}", months=int(months))
