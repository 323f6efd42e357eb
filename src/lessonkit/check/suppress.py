"""Inline suppressions: `<!-- lessonkit: ignore RULE-ID "reason" -->` silences one rule for one paragraph.

The comment covers its own line and the paragraph after it (up to the next blank line). A
reason is required, and every suppression is listed in the report so that reviewers see it.

A translator cannot write an HTML comment into a msgstr (it would be translated text, and the
QA refuses HTML), so a PO file takes the same suppression as a translator comment of its entry,
`# lessonkit: ignore RULE-ID "reason"` (Poedit's "comment" field), which covers that entry: a
PO entry is a paragraph of its own, so the same rule of coverage holds. The translation QA
(`translation.qa`: changed numbers, placeholders, HTML) can never be suppressed there: it guards
help details, and its findings never pass through here.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

from lessonkit.check.finding import Suppression
from lessonkit.check.rule_codes import QA_RULE
from lessonkit.diagnostics import Diagnostic, Location

SUPPRESSION_RULE = "check.suppression"
_COMMENT = re.compile(r"<!--\s*lessonkit:\s*ignore\s+(?P<rule>[^\s\"]+)(?:\s+\"(?P<reason>[^\"]*)\")?\s*-->")
# A translator comment: "# " at the start of a line (never "#.", "#:", "#," or "#|", which tools write).
_PO_COMMENT = re.compile(r"^#\s+lessonkit:\s*ignore\s+(?P<rule>[^\s\"]+)(?:\s+\"(?P<reason>[^\"]*)\")?\s*$")
# How a suppression is written, for the suggestion when one lacks its reason.
_FORM = '<!-- lessonkit: ignore {rule} "why this is fine here" -->'
_PO_FORM = '# lessonkit: ignore {rule} "why this is fine here"'
_NEVER_IN_PO = QA_RULE.split(".")[0]  # the translation QA's family: help details and placeholders are never silenced


def find_suppressions(
    text: str, path: Path, known_rules: Collection[str], first_line: int = 1, *, catalogue: bool = False
) -> tuple[list[Suppression], list[Diagnostic]]:
    """The suppressions written in a text, and findings for malformed ones (no reason, unknown rule).

    `catalogue`: the text is a PO file, whose suppressions are translator comments.
    """
    lines = text.split("\n")
    suppressions: list[Suppression] = []
    problems: list[Diagnostic] = []
    families = {r.split(".")[0] for r in known_rules}
    ends: list[int] | None = None  # made on the first suppression: most files have none
    for index, line in enumerate(lines):
        for match in _PO_COMMENT.finditer(line) if catalogue else _COMMENT.finditer(line):
            where = Location(path, index + first_line, match.start() + 1)
            rule, reason = match["rule"], (match["reason"] or "").strip()
            if catalogue and rule.split(".")[0] == _NEVER_IN_PO:
                message = f"{rule} cannot be suppressed: the translation QA guards help details and placeholders"
                problems.append(Diagnostic(where, SUPPRESSION_RULE, message, suggestion="correct the translation"))
            elif rule not in known_rules and rule not in families:
                problems.append(Diagnostic(where, SUPPRESSION_RULE, f"suppression names an unknown rule '{rule}'"))
            elif not reason:
                problems.append(
                    Diagnostic(
                        where,
                        SUPPRESSION_RULE,
                        f"suppression of {rule} needs a reason",
                        suggestion=f"write {(_PO_FORM if catalogue else _FORM).format(rule=rule)}",
                    )
                )
            else:
                ends = ends if ends is not None else _paragraph_ends(lines, catalogue=catalogue)
                suppressions.append(Suppression(where, rule, reason, ends[index + 1] + first_line))
    return suppressions, problems


def _paragraph_ends(lines: list[str], *, catalogue: bool) -> list[int]:
    """For each line j (0-based, up to len(lines)), the last line of the paragraph a comment just before j introduces.

    Blank lines between the comment and its paragraph are skipped. Made in one pass from the end:
    scanning forward from each comment took time quadratic in the number of comment lines (a file
    of nothing but suppressions, a few hundred kilobytes, took minutes). In a catalogue an entry
    also ends where the next begins without a blank line between them (PO does not need one), so
    a translator comment covers its own entry only, as docs/translators.md says.
    """
    starts = _entry_starts(lines) if catalogue else [False] * len(lines)
    count = len(lines)
    ends = [count - 1] * (count + 1)
    for j in range(count - 1, -1, -1):
        if not lines[j].strip() or (j + 1 < count and lines[j + 1].strip() and not starts[j + 1]):
            ends[j] = ends[j + 1]  # ends[count] is the last line
        else:
            ends[j] = j
    return ends


def _entry_starts(lines: list[str]) -> list[bool]:
    """Which lines of a PO file begin an entry right after the previous one's msgstr, with no blank line between."""
    starts = [False] * len(lines)
    translated = False  # the current entry has had its msgstr
    for j, line in enumerate(lines):
        if not line.strip():
            translated = False
            continue
        word = line[2:].lstrip() if line.startswith("#~") else line  # obsolete entries: '#~ msgid ...'
        if translated and (line.startswith("#") or word.startswith(("msgctxt", "msgid"))):
            starts[j], translated = True, False
        if word.startswith("msgstr"):
            translated = True
    return starts
