"""Property-based: whatever the file holds, the loader reports problems and never raises."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessonkit.load.lesson_file import load_lesson

yaml_chars = st.sampled_from([*list("abc:-[]{}&*!|>'\"#\t\n ?,%@`0123456789"), "---", ":::", "{{", "}}", "é", "\x00"])
yaml_text = st.lists(yaml_chars, max_size=80).map("".join)
keys = st.sampled_from(["id", "title", "topic", "band", "audience", "duration", "sources", "vocabulary", "x"])
values = st.one_of(st.integers(), st.text(max_size=20), st.lists(st.text(max_size=5), max_size=3), st.none())
front_matter = st.dictionaries(keys, values, max_size=6).map(lambda d: "\n".join(f"{k}: {v!r}" for k, v in d.items()))
body_lines = st.sampled_from(
    [
        '::: activity {minutes=5 title="x"}',
        ":::",
        "::: slide",
        "::: quiz",
        "Q: a",
        "A: b",
        "![](x.png)",
        "[a](lesson:zz)",
        "{{ help.x }}",
        "::: bogus {a=",
        "text",
        "",
    ]
)
body = st.lists(body_lines, max_size=20).map("\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(head=st.one_of(yaml_text, front_matter), tail=st.one_of(body, yaml_text), fenced=st.booleans())
def test_loader_never_raises(head: str, tail: str, fenced: bool) -> None:
    text = f"---\n{head}\n---\n{tail}\n" if fenced else head + tail
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "lesson.md"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        lesson, problems = load_lesson(path)
    assert lesson is not None or problems
    for problem in problems:
        assert problem.code.startswith("E") and problem.location.line >= 1
