"""The shipped locales: every catalogue of en, de and ar complete, nothing fuzzy, and QA-clean."""

from __future__ import annotations

import json

from conftest import run_cli


def test_every_shipped_language_is_complete_and_ready() -> None:
    result = run_cli("i18n", "status", "--format", "json")
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    assert {row["language"] for row in rows} == {"en", "de", "ar"}
    not_ready = [(r["language"], r["catalogue"]) for r in rows if not r["ready"] or r["fuzzy"] or r["untranslated"]]
    assert not_ready == []
    per_language = {lang: {r["catalogue"] for r in rows if r["language"] == lang} for lang in ("en", "de", "ar")}
    # Every lesson and the interface in each; ar-DE also prints the German pack's texts in Arabic.
    assert per_language["de"] == per_language["en"]
    assert per_language["ar"] == per_language["en"] | {"countries-DE"}


def test_translation_qa_finds_no_error() -> None:
    result = run_cli("i18n", "check")
    assert result.code == 0, result.out
    assert " error " not in result.out
