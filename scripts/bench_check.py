"""Benchmark `lessonkit check` against proselint on one Markdown corpus (figures go to docs/performance.md).

Usage: .venv/bin/python scripts/bench_check.py [--size-mb 1.0]

It builds corpora of 0.25, 0.5 and 1 MB from the curriculum's lesson bodies (student-facing
text, so every rule family runs), then times, as a user would run them:
  - `lessonkit check CORPUS --audience students --band 11-13` (all rule families on),
  - `proselint check --config FILE CORPUS`, with `max_errors` raised: by default proselint
    stops after 1,000 findings, which it reaches on the 1 MB corpus, and would time a partial check,
  - `lessonkit check` on the whole curriculum,
  - start-up: one small file from process start to the printed result, with a warm cache.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def corpus(size: int, folder: Path) -> Path:
    """About `size` bytes of lesson text: each lesson body once, then repeated with numbered headings."""
    bodies = [p.read_text(encoding="utf-8").split("\n---\n", 1)[-1] for p in sorted((ROOT / "lessons").rglob("*.md"))]
    parts: list[str] = []
    total = 0
    index = 0
    while total < size:
        text = f"# Part {index}\n\n{bodies[index % len(bodies)]}\n"
        parts.append(text)
        total += len(text.encode("utf-8"))
        index += 1
    path = folder / f"corpus-{size}.md"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def timed(command: list[str], repeat: int = 3, fresh_home: Path | None = None) -> float:
    """Median wall time of a command (its exit status is ignored: findings are expected).

    With `fresh_home`, every run gets a new, empty HOME: proselint caches results by file content
    under ~/.cache, and a cache hit would measure a dictionary lookup, not a check.
    """
    times = []
    for _ in range(repeat):
        env = None
        if fresh_home is not None:
            home = Path(tempfile.mkdtemp(dir=fresh_home))
            env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home)}
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, capture_output=True, check=False, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=float, default=1.0)
    args = parser.parse_args()
    lessonkit, proselint = str(BIN / "lessonkit"), str(BIN / "proselint")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small = folder / "small.md"
        small.write_text("If someone tricks you, it is never your fault. Tell a trusted adult.\n", encoding="utf-8")
        timed([lessonkit, "check", str(small)], repeat=1)  # warm the dictionary cache
        config = folder / "proselint.json"
        config.write_text(json.dumps({"max_errors": 10**9}), encoding="utf-8")
        print("| corpus | lessonkit check | MB/s | proselint check | MB/s | ratio |")
        print("| --- | --- | --- | --- | --- | --- |")
        for fraction in (0.25, 0.5, 1.0):
            size = int(args.size_mb * fraction * 1_000_000)
            path = corpus(size, folder)
            ours = timed([lessonkit, "check", str(path), "--audience", "students", "--band", "11-13"])
            theirs = timed([proselint, "check", "--config", str(config), str(path)], fresh_home=folder)
            mb = size / 1e6
            print(
                f"| {mb:.2f} MB | {ours:.2f} s | {mb / ours:.2f} | {theirs:.2f} s | {mb / theirs:.2f} | "
                f"{theirs / ours:.1f}x |"
            )
        whole = timed([lessonkit, "check"])
        print(f"\nwhole curriculum (lessons + country packs): {whole:.2f} s")
        startup = timed([lessonkit, "check", str(small)], repeat=5)
        print(f"start-up to first result (one small file, warm cache): {startup:.2f} s")
        startup_student = timed([lessonkit, "check", str(small), "--audience", "students", "--band", "8-10"], repeat=5)
        print(f"start-up with every rule family (students, 8-10): {startup_student:.2f} s")


if __name__ == "__main__":
    main()
