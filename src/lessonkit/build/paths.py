"""Where each built file goes: kept for callers of the old name; the table lives in `lessonkit.document_kinds`."""

from __future__ import annotations

from lessonkit.document_kinds import (
    CARDS,
    DOWNLOADS,
    EASY_READ,
    EASY_READ_BANDS,
    download_paths,
    handbook_path,
    lesson_folder,
)

__all__ = ["CARDS", "DOWNLOADS", "EASY_READ", "EASY_READ_BANDS", "download_paths", "handbook_path", "lesson_folder"]
