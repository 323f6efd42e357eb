"""The checker's names for the shared diagnostics types (see `lessonkit.diagnostics`)."""

from __future__ import annotations

from lessonkit.diagnostics import ERROR, WARNING, Diagnostic, Severity, Suppression

SEVERITIES = tuple(Severity)
Finding = Diagnostic  # the checker's former name for a diagnostic, kept while callers move to Diagnostic

__all__ = ["ERROR", "SEVERITIES", "WARNING", "Diagnostic", "Finding", "Suppression"]
