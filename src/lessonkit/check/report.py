"""The checker's report and its formats: the shared ones of `lessonkit.diagnostics.report`."""

from __future__ import annotations

from lessonkit.diagnostics.report import FORMATS, Report, as_github, as_json, as_sarif, as_summary, as_text

__all__ = ["FORMATS", "Report", "as_github", "as_json", "as_sarif", "as_summary", "as_text"]
