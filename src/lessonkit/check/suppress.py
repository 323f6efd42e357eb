"""Inline suppressions: `<!-- lessonkit: ignore RULE-ID "reason" -->` silences one rule for one paragraph.

The comment covers its own line and the paragraph after it (up to the next blank line). A
reason is required, and every suppression is listed in the report so that reviewers see it.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

from lessonkit.check.finding import Suppression
from lessonkit.diagnostics import Diagnostic, Location

SUPPRESSION_RULE = "check.suppression"
_COMMENT = re.compile(r"<!--\s*lessonkit:\s*ignore\s+(?P<rule>[^\s\"]+)(?:\s+\"(?P<reason>[^\"]*)\")?\s*-->")


def find_suppressions(
    text: str, path: Path, known_rules: Collection[str], first_line: int = 1
) -> tuple[list[Suppression], list[Diagnostic]]:
    """The suppressions written in a text, and findings for malformed ones (no reason, unknown rule)."""
    lines = text.split("\n")
    suppressions: list[Suppression] = []
    problems: list[Diagnostic] = []
    for index, line in enumerate(lines):
        for match in _COMMENT.finditer(line):
            where = Location(path, index + first_line, match.start() + 1)
            rule, reason = match["rule"], (match["reason"] or "").strip()
            families = {r.split(".")[0] for r in known_rules}
            if rule not in known_rules and rule not in families:
                problems.append(Diagnostic(where, SUPPRESSION_RULE, f"suppression names an unknown rule '{rule}'"))
            elif not reason:
                problems.append(
                    Diagnostic(
                        where,
                        SUPPRESSION_RULE,
                        f"suppression of {rule} needs a reason",
                        suggestion=f'write <!-- lessonkit: ignore {rule} "why this is fine here" -->',
                    )
                )
            else:
                suppressions.append(Suppression(where, rule, reason, _paragraph_end(lines, index) + first_line))
    return suppressions, problems


def _paragraph_end(lines: list[str], index: int) -> int:
    """The last line (0-based) of the paragraph a comment on line `index` introduces."""
    end = index + 1
    while end < len(lines) and not lines[end].strip():
        end += 1  # blank lines between the comment and its paragraph
    while end < len(lines) and lines[end].strip():
        end += 1
    return end - 1
