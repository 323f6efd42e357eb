"""Reading a text file defensively: size, binary content, encoding and emptiness are user errors."""

from __future__ import annotations

from pathlib import Path

from lessonkit.problems import Location, Problem

# A lesson is a few kilobytes; anything this large is a mistake (or an attack on memory).
MAX_BYTES = 2 * 1024 * 1024


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """Return the file's text, or None and the reason it cannot be used."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [
                _unusable(path, f"file is too large ({size / 1e6:.1f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB)")
            ]
        data = path.read_bytes()
    except OSError as err:
        return None, [_unusable(path, f"cannot read file: {err.strerror or err}")]
    if b"\x00" in data[:8192]:
        return None, [_unusable(path, "this is a binary file, not a UTF-8 text file")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        return None, [
            Problem(
                Location(path, line, column),
                "E001",
                f"file is not valid UTF-8 (byte 0x{data[err.start]:02x}); save it as UTF-8",
            )
        ]
    if not text.strip():
        return None, [_unusable(path, "file is empty")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def _unusable(path: Path, message: str) -> Problem:
    return Problem(Location(path, 1, 1), "E001", message)
