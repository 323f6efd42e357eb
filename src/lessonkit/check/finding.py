"""What the checker reports: findings, and the suppressions that silenced some of them."""

from __future__ import annotations

from dataclasses import dataclass

from lessonkit.problems import Location

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)


@dataclass(frozen=True, order=True)
class Finding:
    """One rule broken at one place: `path:line:col: severity rule-id message [suggestion]`."""

    location: Location
    rule: str
    severity: str
    message: str
    suggestion: str = ""

    def __str__(self) -> str:
        hint = f" [{self.suggestion}]" if self.suggestion else ""
        return f"{self.location}: {self.severity} {self.rule} {self.message}{hint}"


@dataclass(frozen=True, order=True)
class Suppression:
    """An inline `<!-- lessonkit: ignore RULE "reason" -->` comment and the lines it covers."""

    location: Location
    rule: str
    reason: str
    last_line: int

    def covers(self, finding: Finding) -> bool:
        """True when the finding is this suppression's rule (or family) inside its lines."""
        where = finding.location
        same_rule = finding.rule == self.rule or finding.rule.startswith(self.rule + ".")
        return same_rule and where.path == self.location.path and self.location.line <= where.line <= self.last_line
