"""`lessonkit validate` on deliberately broken lessons: every problem located, no traceback."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES, authoring_example, run_cli


def test_broken_folder_matches_golden_output() -> None:
    result = run_cli("validate", ".", cwd=FIXTURES / "broken")
    expected = (FIXTURES / "broken" / "expected.txt").read_text(encoding="utf-8")
    assert result.code == 2
    assert "Traceback" not in result.err
    assert result.out == expected


def test_every_broken_file_gets_a_located_error() -> None:
    result = run_cli("validate", ".", cwd=FIXTURES / "broken")
    broken = sorted(p.name for p in (FIXTURES / "broken" / "lessons" / "bad").glob("*.md"))
    named = {line.split(":", 1)[0].rsplit("/", 1)[-1] for line in result.out.splitlines()}
    # 29 and 30 share an id: the error is reported once, on the second file.
    assert set(broken) - named == {"29-duplicate-id.md"}
    assert len(broken) >= 20


def _write(project: Path, name: str, data: bytes) -> Path:
    path = project / "lessons" / name
    path.write_bytes(data)
    return path


def test_huge_file_is_refused_without_reading_it(project: Path) -> None:
    path = project / "lessons" / "huge.md"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    result = run_cli("validate", str(project))
    assert result.code == 2
    assert "lessons/huge.md:1:1: error E001 file is too large (52.4 MB" in result.out


def test_binary_file(project: Path) -> None:
    _write(project, "pic.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = run_cli("validate", str(project))
    assert result.code == 2
    assert "lessons/pic.md:1:1: error E001 this is a binary file" in result.out


def test_anchor_bomb_is_refused_fast(project: Path) -> None:
    lines = ["---", 'a: &a ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]" for i in range(8)]
    _write(project, "bomb.md", ("\n".join([*lines, "---", ""])).encode())
    result = run_cli("validate", str(project))
    assert result.code == 2
    assert "lessons/bomb.md:2:4: error E006 YAML anchors and aliases" in result.out
    assert "Traceback" not in result.err


def test_crlf_and_bom_are_accepted(project: Path) -> None:
    text = authoring_example().replace("\n", "\r\n")
    _write(project, "windows.md", b"\xef\xbb\xbf" + text.encode())
    result = run_cli("validate", str(project))
    assert result.code == 0, result.out


def test_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    result = run_cli("validate", str(tmp_path / "nope"))
    assert result.code == 2
    assert "no such file or folder" in result.err
    assert "Traceback" not in result.err


def test_folder_without_curriculum(tmp_path: Path) -> None:
    result = run_cli("validate", str(tmp_path))
    assert result.code == 2
    assert "no lessons/curriculum.yml found" in result.err


def test_broken_configuration_is_located(project: Path) -> None:
    config = project / "lessons" / "curriculum.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("duration: 45", "durations: 45", 1), encoding="utf-8")
    result = run_cli("validate", str(project))
    assert result.code == 2
    assert (
        "lessons/curriculum.yml:21:1: error E010 unknown field 'durations' (likely a typo); did you mean 'duration'?"
        in (result.out)
    )


def test_validating_one_file_reports_only_that_file(project: Path) -> None:
    good = _write(project, "good.md", authoring_example().encode())
    _write(project, "bad.md", b"no front matter\n")
    assert run_cli("validate", str(good)).code == 0
    assert run_cli("validate", str(project)).code == 2
