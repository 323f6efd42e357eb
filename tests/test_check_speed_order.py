"""`engine.in_order` gives exactly `sorted(set(findings))`, the order Diagnostics compare in."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.check.engine import in_order
from lessonkit.diagnostics import Diagnostic, Location

# Equal paths as distinct objects too: the order must not depend on identity.
PATHS = st.sampled_from(["a.md", "b/a.md", "a-b/c.md", "a/b.md", "lessons/x.md"]).map(Path)
DIAGNOSTICS = st.builds(
    Diagnostic,
    st.builds(Location, PATHS, st.integers(1, 3), st.integers(1, 3)),
    st.sampled_from(["tone.fear", "tone.victim-blaming", "vocabulary.unfamiliar"]),
    st.sampled_from(["m", "n", "scare tactic: 'x'"]),
    st.sampled_from(["error", "warning"]),
    st.sampled_from(["", "say it calmly"]),
)


def test_the_flat_key_covers_every_compared_field() -> None:
    # A new field in either record must be added to `diagnostics.sort_key` (this test then fails first).
    assert Diagnostic._fields == ("location", "code", "message", "severity", "suggestion")
    assert Location._fields == ("path", "line", "column")


@settings(max_examples=500, deadline=None)
@given(st.lists(DIAGNOSTICS, max_size=40))
def test_same_as_sorting_the_set(findings: list[Diagnostic]) -> None:
    expected = sorted(set(findings))
    found = in_order(findings)
    assert found == expected
    assert [str(f) for f in found] == [str(f) for f in expected]
