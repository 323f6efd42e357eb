"""The checker's names for the shared diagnostics types (see `lessonkit.diagnostics`)."""

from __future__ import annotations

from lessonkit.diagnostics import ERROR, WARNING, Diagnostic, Severity, Suppression

SEVERITIES = tuple(Severity)

__all__ = ["ERROR", "SEVERITIES", "WARNING", "Diagnostic", "Suppression"]
