"""Arabic 'ما حدث' (what happened) is not a negator (TUNE4, 2026-12-03): public exposure after it is
reported, and a reassurance right after the exposure phrase still clears it. Sentences written fresh."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker_support import rulebook, run_rule

RULE = next(r for r in rulebook().rules if r.id == "tone.shame-shapes" and r.language == "ar")
GROUP = {"lang": "ar", "audience": "educators"}


@pytest.mark.parametrize(
    "text",
    [
        "ناقشوا ما حدث علنًا أمام طلاب الصف كلهم، ليروا إلى أين يقود هذا.",
        "اشرحوا ما جرى أمام الصف كله حتى يتعلموا.",
    ],
)
def test_exposure_after_what_happened_is_reported(text: str, tmp_path: Path) -> None:
    assert run_rule(RULE, text, GROUP, tmp_path), text


@pytest.mark.parametrize(
    "text",
    [
        "ما حدث أمام الصف كله ليس ذنبك.",
        "لا تناقشوا ما حدث أمام الصف كله.",
    ],
)
def test_reassurance_or_prohibition_passes(text: str, tmp_path: Path) -> None:
    assert not run_rule(RULE, text, GROUP, tmp_path), text


CATASTROPHISING = next(r for r in rulebook().rules if r.id == "tone.catastrophising" and r.language == "ar")


def test_a_life_that_does_not_end_is_not_catastrophising(tmp_path: Path) -> None:
    group = {"lang": "ar", "band": "14-18"}
    assert not run_rule(CATASTROPHISING, "حياتك لا تنتهي بسبب صورة؛ المساعدة موجودة.", group, tmp_path)
    assert run_rule(CATASTROPHISING, "حياتك ستنتهي بسبب صورة.", group, tmp_path)
