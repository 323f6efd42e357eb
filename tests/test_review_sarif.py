"""Review of the SARIF log: the suppressions a run used are listed, with escaped reasons and encoded URIs."""

from __future__ import annotations

import json
from pathlib import Path

from lessonkit.diagnostics import Diagnostic, Location, Suppression
from lessonkit.diagnostics.report import Report, as_sarif


def test_sarif_lists_each_suppression_with_its_reason() -> None:
    path = Path("locales/de/a b\u202e.po")
    suppression = Suppression(Location(path, 4, 1), "tone.victim-blaming", "quoted \u2066line\u2069 \x1b[2J", 9)
    finding = Diagnostic(Location(path, 20, 3), "tone.fear", "m")
    text = as_sarif(Report([finding], [(suppression, 2)], files=1))
    run = json.loads(text)["runs"][0]
    assert run["properties"]["suppressions"] == [
        {
            "uri": "locales/de/a%20b%E2%80%AE.po",
            "line": 4,
            "rule": "tone.victim-blaming",
            "reason": "quoted \u2066line\u2069 \x1b[2J",
            "suppressed": 2,
        }
    ]
    assert run["properties"]["summary"]["suppressed"] == 2
    # The exact values, written as JSON escapes: no control or bidi character in the log's text.
    assert "\u2066" not in text and "\x1b" not in text and "\u202e" not in text
