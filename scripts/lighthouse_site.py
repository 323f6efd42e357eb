"""Lighthouse performance of the built site: home, a lesson and the help page of every locale.

Usage:
  npm install --prefix .cache/lighthouse lighthouse@13.5.0        # once (about 40 s, 114 packages)
  .venv/bin/python scripts/lighthouse_site.py                      # site/ served with gzip, 1 run per page
  .venv/bin/python scripts/lighthouse_site.py --site /tmp/s --runs 3 --no-gzip

Each page is audited by Lighthouse's mobile profile (its default: a mid-range phone, simulated
slow 4G, 4x CPU slowdown) with Debian's Chromium (`CHROME_PATH`, default /usr/bin/chromium),
performance category only. The site is served on 127.0.0.1 by Python's http.server; with gzip
(the default) text files are compressed as nginx, Apache and every static host compress them,
`--no-gzip` serves them as `python3 -m http.server` does. With `--runs N` the median score of N
runs is reported (the machine's load moves single runs by several points). The JSON reports go
to `--out` (default test-artifacts/lighthouse/). A run takes 20-40 s per page, so this is a
measurement, not a test.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from lessonkit.load.curriculum import load_curriculum
from lessonkit.locale.locales import load_locales
from lessonkit.render.site.layout import html_path, lesson_page

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LIGHTHOUSE = ROOT / ".cache" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml")
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")


class _Handler(http.server.SimpleHTTPRequestHandler):
    gzip = True

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self) -> Any:
        path = self.translate_path(self.path)
        kind = self.guess_type(path)
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.gzip and wants and Path(path).is_file() and kind.startswith(COMPRESSED)):
            return super().send_head()
        data = gzip.compress(Path(path).read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


def pages() -> list[tuple[str, str, str]]:
    """(locale, page name, path) for home, the first student lesson and help of every locale."""
    curriculum, problems = load_curriculum(ROOT)
    if curriculum is None:
        raise SystemExit("\n".join(map(str, problems)))
    lesson = html_path(lesson_page(next(x for x in curriculum.lessons if x.is_student_lesson)))
    found = []
    for index, locale in enumerate(load_locales(ROOT)):
        prefix = "" if index == 0 else f"{locale.id}/"
        chosen = (("home", "index.html"), ("lesson", lesson), ("help", "help.html"))
        found += [(locale.id, name, prefix + path) for name, path in chosen]
    return found


def audit(lighthouse: Path, url: str, report: Path) -> dict[str, Any]:
    """One Lighthouse run; the parsed JSON report."""
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    command = [
        str(lighthouse),
        url,
        "--only-categories=performance",
        "--output=json",
        f"--output-path={report}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        "--quiet",
    ]
    subprocess.run(command, env=env, check=True, timeout=600)
    data: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--no-gzip", action="store_true", help="serve files uncompressed, as python3 -m http.server")
    parser.add_argument("--out", type=Path, default=ROOT / "test-artifacts" / "lighthouse")
    args = parser.parse_args()
    lighthouse = Path(os.environ.get("LIGHTHOUSE", DEFAULT_LIGHTHOUSE))
    if not lighthouse.exists() and not shutil.which(str(lighthouse)):
        print(f"{lighthouse}: not found; npm install --prefix .cache/lighthouse lighthouse@13.5.0", file=sys.stderr)
        return 2
    if not (args.site / "index.html").is_file():
        print(f"{args.site}: no built site (run lessonkit build or lessonkit site)", file=sys.stderr)
        return 2
    _Handler.gzip = not args.no_gzip
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(args.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"| locale | page | score | {' | '.join(METRICS)} | bytes |")
    print("| --- | --- | --- |" + " --- |" * (len(METRICS) + 1))
    try:
        for locale, name, path in pages():
            runs = []
            for number in range(args.runs):
                report = args.out / f"{locale}-{name}-{number + 1}.json"
                runs.append(audit(lighthouse, base + path, report))
            scores = [run["categories"]["performance"]["score"] * 100 for run in runs]
            middle = runs[scores.index(statistics.median_low(scores))]
            audits = middle["audits"]
            values = [audits[key]["displayValue"] for key in METRICS]
            weight = int(audits["total-byte-weight"]["numericValue"])
            shown = "/".join(f"{s:.0f}" for s in scores)
            score = statistics.median_low(scores)
            print(f"| {locale} | {name} | {score:.0f} ({shown}) | {' | '.join(values)} | {weight:,} |")
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
