"""`lessonkit list`: the documented JSON fields, in a stable order."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import authoring_example, run_cli

FIELDS = ["id", "title", "audience", "band", "topic", "duration", "sources", "path"]


def test_json_fields(project: Path) -> None:
    (project / "lessons" / "example.md").write_text(authoring_example(), encoding="utf-8")
    result = run_cli("list", "--format", "json", str(project))
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    assert [list(row) for row in rows] == [FIELDS]
    assert rows[0] == {
        "id": "example-helpers-4-7",
        "title": "Helpers all around us",
        "audience": "students",
        "band": "4-7",
        "topic": "trusted-adults",
        "duration": 30,
        "sources": ["rec-education", "rec-parents", "rec-reporting"],
        "path": "lessons/example.md",
    }


def test_text_listing_and_help(project: Path) -> None:
    (project / "lessons" / "example.md").write_text(authoring_example(), encoding="utf-8")
    result = run_cli("list", str(project))
    assert "example-helpers-4-7" in result.out and "30 min" in result.out
    for command in ("validate", "list"):
        assert run_cli(command, "--help").code == 0
    assert run_cli("--version").out.strip() == "lessonkit, version 0.1.0"


def test_a_title_with_control_and_format_characters_is_shown_escaped(project: Path) -> None:
    # A title from a lesson file holding ESC (a terminal sequence), an isolate and a zero-width space.
    text = authoring_example().replace('title: "Helpers all around us"', 'title: "Helpers \\e[2J\\u2066all\\u200b"', 1)
    assert "\\e[2J" in text, "the example's title line changed"
    (project / "lessons" / "example.md").write_text(text, encoding="utf-8")
    listed = run_cli("list", str(project))
    assert "Helpers \\u001b[2J\\u2066all\\u200b" in listed.out, listed.out
    assert "\x1b" not in listed.out and "\u2066" not in listed.out and "\u200b" not in listed.out
    as_json = run_cli("list", "--format", "json", str(project))
    assert "\x1b" not in as_json.out and "\u2066" not in as_json.out and "\u200b" not in as_json.out
    assert json.loads(as_json.out)[0]["title"] == "Helpers \x1b[2J\u2066all\u200b"  # the value stays exact


def test_github_gives_only_the_lessons_that_did_not_load(project: Path) -> None:
    (project / "lessons" / "example.md").write_text(authoring_example(), encoding="utf-8")
    (project / "lessons" / "broken.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    result = run_cli("list", "--format", "github", str(project))
    assert result.code == 0, result.err  # the other lessons are still listed by text and json
    (line,) = result.out.splitlines()
    assert line.startswith("::error file=lessons/broken.md,line=2,col=17,title=E003::YAML syntax error")
    rows = json.loads(run_cli("list", "--format", "json", str(project)).out)
    assert [row["id"] for row in rows] == ["example-helpers-4-7"]
    text = run_cli("list", str(project))
    assert "warning: 1 validation problem(s); run 'lessonkit validate'" in text.err
