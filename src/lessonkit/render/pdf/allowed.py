"""Which URLs the PDF renderer may read: `data:` URLs and regular files inside allowed folders.

Kept apart from the fetcher (which needs WeasyPrint, ~1.3 s to import) so that the build can
check its stylesheets' fonts and images before any worker starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit


def url_refusal(url: str, allowed: Sequence[Path]) -> str | None:
    """Why `url` may not be read, or None when it may; `allowed` are resolved folders."""
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme == "data":
        return None
    if scheme != "file":
        return f"'{scheme or 'relative'}' URLs are not allowed; only data: and the project's asset files"
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        return "file URLs on other hosts are not allowed"
    # Resolve symbolic links and `..` first, so that neither can lead out of the allowed folders.
    path = Path(unquote(parts.path)).resolve()
    if not any(path.is_relative_to(folder) for folder in allowed):
        return "outside the project's asset folders"
    if not path.is_file():
        return "not a regular file" if path.exists() else "no such file"
    return None
