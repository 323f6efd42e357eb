"""The result of a command and its output formats: text, JSON, GitHub annotations and SARIF 2.1.0.

Every command that reports diagnostics (check, validate, i18n, build, site, locale doctor,
evaluate, export) puts them in a `Report` and prints it with one of `FORMATS`, so a CI job gets
the same JSON, GitHub annotations or SARIF from each of them, including when the input was unusable.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lessonkit.diagnostics import (
    ERROR,
    WARNING,
    Diagnostic,
    Location,
    Severity,
    Suppression,
    printable,
    printable_path,
    sort_key,
)

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


@dataclass
class Report:
    """Everything one command run found: diagnostics, the suppressions used, files read."""

    findings: list[Diagnostic] = field(default_factory=list)
    suppressions: list[tuple[Suppression, int]] = field(default_factory=list)
    files: int = 0

    def count(self, severity: Severity) -> int:
        """How many diagnostics have this severity."""
        return sum(1 for f in self.findings if f.severity == severity)

    def relative_to(self, root: Path | None) -> Report:
        """The same report with paths shown relative to the project root."""
        if root is None:
            return self

        # Resolving a path walks it with a system call per part: done once for the root and once
        # per distinct file, not twice per finding (a megabyte of prose has 6,000 findings).
        base = root.resolve()
        moved: dict[Path, Path] = {}

        def move(where: Location) -> Location:
            path = moved.get(where.path)
            if path is None:
                try:
                    path = where.path.resolve().relative_to(base)
                except ValueError:
                    path = where.path
                moved[where.path] = path
            return Location(path, where.line, where.column)

        return Report(
            sorted(
                (Diagnostic(move(f.location), f.code, f.message, f.severity, f.suggestion) for f in self.findings),
                key=sort_key,
            ),
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


def unusable(diagnostics: Iterable[Diagnostic]) -> Report:
    """A report of the diagnostics that made the input unusable (nothing was checked or made), as given."""
    return Report(list(diagnostics))


def as_text(report: Report, severities: tuple[Severity, ...] = (ERROR, WARNING)) -> str:
    """`path:line:col: severity CODE message [suggestion]` lines, the suppressions, then a summary."""
    lines = [str(f) for f in report.findings if f.severity in severities]
    for suppression, silenced in report.suppressions:
        lines.append(
            f"{suppression.location}: suppressed {printable(suppression.rule)} "
            f'"{printable(suppression.reason)}" ({silenced} finding(s))'
        )
    s = report.summary()
    lines.append(
        f"{s['errors']} error(s), {s['warnings']} warning(s) in {s['files']} file(s); "
        f"{s['suppressions']} suppression(s) silenced {s['suppressed']} finding(s)"
    )
    return "\n".join(lines)


def as_lines(report: Report) -> str:
    """Only the `path:line:col: severity CODE message` lines (the commands' own summary goes to stderr)."""
    return "\n".join(str(f) for f in report.findings)


def as_summary(report: Report) -> str:
    """The text format without the warnings' lines (they are counted): for builds, where errors matter."""
    text = as_text(report, (ERROR,))
    if report.count(WARNING):
        text += "\n(warnings are counted, not listed: run 'lessonkit check' to see them)"
    return text


def as_json(report: Report) -> str:
    """`{"findings": [...], "suppressions": [...], "summary": {...}}`; a finding's `rule` is its code."""
    data = {
        "findings": [
            {
                "path": f.location.path.as_posix(),
                "line": f.location.line,
                "column": f.location.column,
                "rule": f.code,
                "severity": str(f.severity),
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
    return escaped_json(data)


def escaped_json(data: object) -> str:
    r"""`data` as indented JSON whose text holds no control, format or separator character.

    The values stay exact (a path must still name its file), but such a character is written as a
    JSON escape (`\u202e`), so a terminal or a review page showing the JSON shows the escape:
    json.dumps escapes only C0 controls and keeps the rest (ensure_ascii=False keeps the letters of
    every language readable).
    """
    text = json.dumps(data, indent=2, ensure_ascii=False)
    if text.replace("\n", "").isprintable():  # newlines only between items: JSON escapes those in strings
        return text
    # The distinct characters, not every character: a large report with one U+00A0 stays fast.
    for char in {c for c in set(text) if c != "\n" and printable(c) != c}:
        text = text.replace(char, _json_escaped(char))
    return text


def _json_escaped(char: str) -> str:
    # JSON has only four-digit escapes: a character beyond U+FFFF is written as its surrogate pair.
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _escape(text: str) -> str:
    # GitHub workflow commands: %, CR and LF in messages; also , and : in properties.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _escape(text).replace(",", "%2C").replace(":", "%3A")


def as_github(report: Report) -> str:
    """`::error file=...,line=...,col=...,title=CODE::message` workflow annotations.

    Paths and texts are shown as in the text format (`printable`), then escaped for the workflow
    command: GitHub shows an annotation's file and message to reviewers as they are.
    """
    lines = []
    for f in report.findings:
        hint = f" [{f.suggestion}]" if f.suggestion else ""
        lines.append(
            f"::{f.severity} file={_property(printable_path(f.location.path.as_posix()))},line={f.location.line},"
            f"col={f.location.column},title={_property(printable(f.code))}::{_escape(printable(f.message + hint))}"
        )
    for suppression, silenced in report.suppressions:
        where = suppression.location
        lines.append(
            f"::notice file={_property(printable_path(where.path.as_posix()))},line={where.line},"
            f"title={_property('suppressed ' + printable(suppression.rule))}::"
            f"{_escape(printable(suppression.reason))} ({silenced} finding(s))"
        )
    return "\n".join(lines)


def _uri(path: Path) -> str:
    """A path as a SARIF artifact URI: a relative (or absolute-path) reference, percent-encoded.

    Every byte outside the unreserved characters and `/` is encoded (RFC 3986), so a space, a `%`,
    a `:` in the first segment or a control character cannot change what the URI means or how it
    reads; a name that is not UTF-8 keeps its own bytes (surrogateescape).
    """
    from urllib.parse import quote  # here, not at the top: only SARIF output needs it

    return quote(path.as_posix().encode("utf-8", "surrogateescape"), safe="/")


def as_sarif(report: Report) -> str:
    """A SARIF 2.1.0 log with one run: each code used is a rule described from the registry."""
    from lessonkit import __version__
    from lessonkit.diagnostics.codes import lookup

    used = sorted({f.code for f in report.findings})
    rules = []
    for code in used:
        known = lookup(code)
        rules.append(
            {
                "id": code,
                "shortDescription": {"text": known.meaning if known else code},
                "defaultConfiguration": {"level": str(known.severity if known else ERROR)},
            }
        )
    results = []
    uris: dict[Path, str] = {}  # encoded once per file, not per finding
    for f in report.findings:
        hint = f" [{f.suggestion}]" if f.suggestion else ""
        results.append(
            {
                "ruleId": f.code,
                "ruleIndex": used.index(f.code),
                "level": str(f.severity),
                "message": {"text": printable(f.message + hint)},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {
                                "uri": uris.get(f.location.path)
                                or uris.setdefault(f.location.path, _uri(f.location.path))
                            },
                            "region": {"startLine": f.location.line, "startColumn": f.location.column},
                        }
                    }
                ],
            }
        )
    # The silenced findings are not kept, so each suppression is listed in the run's property bag, as
    # the text and JSON formats list them: a reviewer reading the SARIF log sees what was silenced and why.
    suppressions = [
        {
            "uri": uris.get(s.location.path) or uris.setdefault(s.location.path, _uri(s.location.path)),
            "line": s.location.line,
            "rule": s.rule,
            "reason": s.reason,
            "suppressed": n,
        }
        for s, n in report.suppressions
    ]
    run = {
        "tool": {"driver": {"name": "lessonkit", "version": __version__, "rules": rules}},
        "results": results,
        "properties": {"summary": report.summary(), "suppressions": suppressions},
    }
    return escaped_json({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]})


FORMATS: dict[str, Callable[[Report], str]] = {
    "text": as_text,
    "json": as_json,
    "github": as_github,
    "sarif": as_sarif,
    "summary": as_summary,
}
# The formats a command offers with `--format`; `text` is each command's own line format.
MACHINE_FORMATS = ("json", "github", "sarif")
