"""Benchmark `lessonkit check` against proselint on real prose (figures go to docs/performance.md).

Usage: .venv/bin/python scripts/bench_check.py [--size-mb 1.0] [--pairs 5]

The corpus is prose nobody on this project wrote: the licence texts in /usr/share/common-licenses
and the README files Debian packages ship in /usr/share/doc (plain or gzip), then the Markdown and
licence files of the installed Python packages, read in sorted path order, each kept only when it
is mostly words (letters and spaces), duplicates removed by content, and cut at a paragraph break
once the size is reached. The same machine always gives the same corpus; its size, file count and
SHA-256 are printed so a run can be compared with another.

Every measurement is a PAIR of runs, lessonkit then proselint, alternating which goes first, and
the medians over the pairs are reported for CPU time (user + system of the child process, what
the issue's targets are about) and wall time:
  - throughput: `lessonkit check CORPUS --audience students --band 11-13` (every rule family on)
    against `proselint check --config FILE CORPUS` with `max_errors` raised (by default proselint
    stops after 1,000 findings) and a fresh, empty HOME per run (proselint caches results by
    content under ~/.cache; a hit would time a lookup, not a check);
  - start-up: one small file, from process start to the printed result, lessonkit with a warm
    dictionary cache and its bytecode written first (`byte_compile_lessonkit`).
Targets (issue 18): throughput at least 3x proselint's, start-up CPU at most 1.2x proselint's.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SOURCES = (Path("/usr/share/common-licenses"), Path("/usr/share/doc"))
PROSE_SHARE = 0.8  # letters and spaces among characters: keeps prose, drops tables of data and code


@dataclass(frozen=True)
class Run:
    cpu: float
    wall: float


def _candidates() -> list[Path]:
    found: list[Path] = []
    licences = SOURCES[0]
    if licences.is_dir():
        found += sorted(p for p in licences.iterdir() if p.is_file())
    docs = SOURCES[1]
    if docs.is_dir():
        found += sorted(p for p in docs.rglob("README*") if p.is_file())
    site = sorted(Path(sys.prefix).glob("lib/python*/site-packages"))
    for folder in site:
        found += sorted(p for p in folder.rglob("*.md") if p.is_file())
        found += sorted(p for p in folder.rglob("LICENSE*") if p.is_file())
    return found


def _read(path: Path) -> str | None:
    try:
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError, EOFError, gzip.BadGzipFile):
        return None
    if not text.strip():
        return None
    wordy = sum(1 for c in text if c.isalpha() or c in " \n")
    return text if wordy / len(text) >= PROSE_SHARE else None


def corpus(size: int, folder: Path) -> tuple[Path, int]:
    """About `size` bytes of real prose (see the module docstring); the path and the number of files."""
    parts: list[str] = []
    seen: set[str] = set()
    total = 0
    files = 0
    for path in _candidates():
        text = _read(path)
        if text is None:
            continue
        digest = hashlib.sha256(text.encode()).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        block = text.strip() + "\n\n"
        encoded = len(block.encode("utf-8"))
        if total + encoded > size:
            # Cut the last file at a paragraph break so the corpus ends on whole text.
            room = size - total
            cut = block.encode("utf-8")[:room].decode("utf-8", "ignore")
            block = cut[: cut.rfind("\n\n") + 2] if "\n\n" in cut else ""
        parts.append(block)
        total += len(block.encode("utf-8"))
        files += 1
        if total >= size * 0.98:
            break
    path = folder / f"corpus-{size}.txt"
    path.write_text("".join(parts), encoding="utf-8")
    return path, files


def run(command: list[str], home_root: Path | None = None) -> Run:
    """CPU (user + system) and wall seconds of one run of a command; its exit status is ignored."""
    env = None
    if home_root is not None:
        home = Path(tempfile.mkdtemp(dir=home_root))
        env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, capture_output=True, check=False, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(cpu, wall)


def paired(ours: list[str], theirs: list[str], pairs: int, home_root: Path) -> tuple[list[Run], list[Run]]:
    """`pairs` runs of each command, one pair at a time, alternating which runs first."""
    a: list[Run] = []
    b: list[Run] = []
    for index in range(pairs):
        if index % 2 == 0:
            a.append(run(ours))
            b.append(run(theirs, home_root))
        else:
            b.append(run(theirs, home_root))
            a.append(run(ours))
    return a, b


def summary(label: str, ours: list[Run], theirs: list[Run], *, higher_is_better: bool) -> str:
    cpu_o = statistics.median(r.cpu for r in ours)
    cpu_t = statistics.median(r.cpu for r in theirs)
    wall_o = statistics.median(r.wall for r in ours)
    wall_t = statistics.median(r.wall for r in theirs)
    # Ratio per pair, then the median: a pair shares the machine's load at that moment.
    cpu_ratio = statistics.median(t.cpu / o.cpu for o, t in zip(ours, theirs, strict=True))
    wall_ratio = statistics.median(t.wall / o.wall for o, t in zip(ours, theirs, strict=True))
    if not higher_is_better:  # start-up: lessonkit's cost as a multiple of proselint's
        cpu_ratio = statistics.median(o.cpu / t.cpu for o, t in zip(ours, theirs, strict=True))
        wall_ratio = statistics.median(o.wall / t.wall for o, t in zip(ours, theirs, strict=True))
    return (
        f"| {label} | {cpu_o:.2f} s | {cpu_t:.2f} s | {cpu_ratio:.2f}x | "
        f"{wall_o:.2f} s | {wall_t:.2f} s | {wall_ratio:.2f}x |"
    )


def byte_compile_lessonkit() -> None:
    """Write the bytecode of the lessonkit package the `lessonkit` command imports (as an installed copy has it).

    With `PYTHONDONTWRITEBYTECODE` set, or a source edited after its `.pyc`, every run would compile the stale
    modules from source: in the twenty-sixth round six stale modules made the small file a fifth dearer.
    `compileall` writes what is missing or stale and nothing else; the timed runs then read bytecode, as a user's do.
    """
    # In the command's own interpreter: the script may run on another Python, with another lessonkit on its path.
    compile_package = "import compileall, lessonkit; compileall.compile_dir(lessonkit.__path__[0], quiet=1)"
    subprocess.run([str(BIN / "python"), "-c", compile_package], cwd=ROOT, check=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=float, default=1.0)
    parser.add_argument("--pairs", type=int, default=5)
    args = parser.parse_args()
    lessonkit, proselint = str(BIN / "lessonkit"), str(BIN / "proselint")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        homes = folder / "homes"
        homes.mkdir()
        small = folder / "small.md"
        small.write_text("If someone tricks you, it is never your fault. Tell a trusted adult.\n", encoding="utf-8")
        byte_compile_lessonkit()
        run([lessonkit, "check", str(small)])  # warm the dictionary cache
        config = folder / "proselint.json"
        config.write_text(json.dumps({"max_errors": 10**9}), encoding="utf-8")
        path, files = corpus(int(args.size_mb * 1_000_000), folder)
        data = path.read_bytes()
        print(
            f"corpus: {len(data):,} bytes, {files} files, sha256 {hashlib.sha256(data).hexdigest()[:16]}; "
            f"{args.pairs} pairs per row, medians"
        )
        print()
        print(
            "| measurement | lessonkit CPU | proselint CPU | proselint/lessonkit CPU | lessonkit wall "
            "| proselint wall | ratio wall |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- |")
        ours, theirs = paired(
            [lessonkit, "check", str(path), "--audience", "students", "--band", "11-13"],
            [proselint, "check", "--config", str(config), str(path)],
            args.pairs,
            homes,
        )
        print(summary(f"throughput, {len(data) / 1e6:.2f} MB", ours, theirs, higher_is_better=True))
        ours, theirs = paired(
            [lessonkit, "check", str(small), "--audience", "students", "--band", "8-10"],
            [proselint, "check", "--config", str(config), str(small)],
            args.pairs,
            homes,
        )
        print(summary("start-up, one small file (lessonkit/proselint)", ours, theirs, higher_is_better=False))


if __name__ == "__main__":
    main()
