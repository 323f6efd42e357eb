"""The only way WeasyPrint may read anything: `data:` URLs and regular files inside allowed folders.

Lesson text is untrusted; a planted `file:///etc/passwd`, an `http://` tracker image, a device
such as `/dev/urandom` (which WeasyPrint's timeout does not cover) or a `../` path out of the
asset folder must be refused before anything is opened.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from weasyprint.urls import URLFetcher, URLFetcherResponse

from lessonkit.render.pdf.allowed import url_refusal


class RefusedURLError(ValueError):
    """A URL the fetcher will not open."""


class SafeFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type hints
    """Allows `data:` URLs and regular files inside `allowed` folders; records every refusal."""

    def __init__(self, allowed: Sequence[Path]) -> None:
        super().__init__(timeout=5, allowed_protocols=("file", "data"), allow_redirects=False)
        self.allowed = tuple(p.resolve() for p in allowed)
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        """Open `url` if it is allowed, else record it and raise `RefusedURLError`."""
        reason = self.refusal(url)
        if reason:
            self.refused.append(f"{_short(url)}: {reason}")
            raise RefusedURLError(reason)
        return super().fetch(url, headers)

    def refusal(self, url: str) -> str | None:
        """Why `url` may not be read, or None when it may."""
        return url_refusal(url, self.allowed)


def _short(url: str) -> str:
    return url if len(url) <= 120 else "..." + url[-117:]
