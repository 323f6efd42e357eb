"""Located problems: every error the tool reports names a file, a line and a column.

The types live in `lessonkit.diagnostics`; a loader problem is a `Diagnostic` like any other.
`Problem` is the name the loader and the build use for it.
"""

from __future__ import annotations

from lessonkit.diagnostics import Diagnostic, LessonkitError, Location

Problem = Diagnostic

__all__ = ["LessonkitError", "Location", "Problem"]
