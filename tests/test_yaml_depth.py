"""Deeply nested YAML (a country pack, front matter) is refused at the 65th level, not scanned for minutes.

PyYAML's scanner re-checks every open flow level at each token: 10,000 nested brackets took 9.7 s of
CPU and 200,000 (400 KB, under the 2 MB limit) over 400 s. The time bound below is a hang guard (the
old code took about 30 s here), not a speed target.
"""

from __future__ import annotations

import time
from pathlib import Path

from lessonkit.load.yaml_tree import read_yaml_file


def test_deeply_nested_flow_yaml_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "DE.yml"
    path.write_text("country: DE\nname: x\nservices: " + "[" * 30000 + "]" * 30000 + "\n", encoding="utf-8")
    started = time.process_time()
    document, problems = read_yaml_file(path)
    assert time.process_time() - started < 5
    assert document is None
    assert [(p.code, p.location.line, p.message) for p in problems] == [("E003", 3, "YAML is nested too deeply")]
