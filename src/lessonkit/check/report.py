"""The result of a run and its three output formats: text, JSON and GitHub annotations."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lessonkit.check.finding import ERROR, WARNING, Finding, Suppression
from lessonkit.problems import Location


@dataclass
class Report:
    """Everything one `lessonkit check` run found."""

    findings: list[Finding] = field(default_factory=list)
    suppressions: list[tuple[Suppression, int]] = field(default_factory=list)
    files: int = 0

    def count(self, severity: str) -> int:
        """How many findings have this severity."""
        return sum(1 for f in self.findings if f.severity == severity)

    def relative_to(self, root: Path | None) -> Report:
        """The same report with paths shown relative to the project root."""
        if root is None:
            return self

        def move(where: Location) -> Location:
            try:
                path = where.path.resolve().relative_to(root.resolve())
            except ValueError:
                path = where.path
            return Location(path, where.line, where.column)

        return Report(
            sorted(Finding(move(f.location), f.rule, f.severity, f.message, f.suggestion) for f in self.findings),
            [(Suppression(move(s.location), s.rule, s.reason, s.last_line), n) for s, n in self.suppressions],
            self.files,
        )

    def summary(self) -> dict[str, int]:
        """Counts for the summary line and the JSON `summary` object."""
        return {
            "files": self.files,
            "errors": self.count(ERROR),
            "warnings": self.count(WARNING),
            "suppressed": sum(n for _, n in self.suppressions),
            "suppressions": len(self.suppressions),
        }


def as_text(report: Report, severities: tuple[str, ...] = (ERROR, WARNING)) -> str:
    """`path:line:col: severity rule-id message [suggestion]` lines, the suppressions, then a summary."""
    lines = [str(f) for f in report.findings if f.severity in severities]
    for suppression, silenced in report.suppressions:
        lines.append(
            f'{suppression.location}: suppressed {suppression.rule} "{suppression.reason}" ({silenced} finding(s))'
        )
    s = report.summary()
    lines.append(
        f"{s['errors']} error(s), {s['warnings']} warning(s) in {s['files']} file(s); "
        f"{s['suppressions']} suppression(s) silenced {s['suppressed']} finding(s)"
    )
    return "\n".join(lines)


def as_summary(report: Report) -> str:
    """The text format without the warnings' lines (they are counted): for builds, where errors matter."""
    text = as_text(report, (ERROR,))
    if report.count(WARNING):
        text += "\n(warnings are counted, not listed: run 'lessonkit check' to see them)"
    return text


def as_json(report: Report) -> str:
    """`{"findings": [...], "suppressions": [...], "summary": {...}}`."""
    data = {
        "findings": [
            {
                "path": f.location.path.as_posix(),
                "line": f.location.line,
                "column": f.location.column,
                "rule": f.rule,
                "severity": f.severity,
                "message": f.message,
                "suggestion": f.suggestion,
            }
            for f in report.findings
        ],
        "suppressions": [
            {
                "path": s.location.path.as_posix(),
                "line": s.location.line,
                "rule": s.rule,
                "reason": s.reason,
                "suppressed": n,
            }
            for s, n in report.suppressions
        ],
        "summary": report.summary(),
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def _escape(text: str) -> str:
    # GitHub workflow commands: %, CR and LF in messages; also , and : in properties.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def as_github(report: Report) -> str:
    """`::error file=...,line=...,col=...,title=RULE::message` workflow annotations."""
    lines = []
    for f in report.findings:
        hint = f" [{f.suggestion}]" if f.suggestion else ""
        path = _escape(f.location.path.as_posix()).replace(",", "%2C").replace(":", "%3A")
        lines.append(
            f"::{f.severity} file={path},line={f.location.line},col={f.location.column},"
            f"title={f.rule}::{_escape(f.message + hint)}"
        )
    for suppression, silenced in report.suppressions:
        lines.append(
            f"::notice file={suppression.location.path.as_posix()},line={suppression.location.line},"
            f"title=suppressed {suppression.rule}::{_escape(suppression.reason)} ({silenced} finding(s))"
        )
    return "\n".join(lines)


FORMATS: dict[str, Callable[[Report], str]] = {
    "text": as_text,
    "json": as_json,
    "github": as_github,
    "summary": as_summary,
}
