"""The evaluation report as text, JSON or one self-contained HTML page with inline SVG charts.

The charts are drawn here as SVG (no script, no library, nothing loaded), so the page opens
offline and can be mailed or printed as it is.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence

from lessonkit.evaluate.kit import KNOWLEDGE
from lessonkit.evaluate.report import BandReport, Row
from lessonkit.render.sanitise import escape_html as e

UNITS = {KNOWLEDGE: "percentage points", "confidence": "points on the 1-4 scale", "help": "points on the 1-4 scale"}
# Names of the measures in the English report (not interface labels: the report is not translated yet).
MEASURE_NAMES = {
    KNOWLEDGE: "knowledge (% right)",
    "confidence": "confidence (1-4)",
    "help": "help-seeking intention (1-4)",
}


def _label(row: Row) -> str:
    return MEASURE_NAMES.get(row.name, row.name)


def _figure(row: Row, min_group: int) -> str:
    if row.suppressed or row.change is None:
        return f"not shown: fewer than {min_group} answers before or after"
    c = row.change
    interval = "" if math.isnan(c.low) else f" (95% CI {c.low:+.1f} to {c.high:+.1f})"
    before = f"before {c.pre.mean:.1f} (n={c.pre.n})"
    return f"{before}, after {c.post.mean:.1f} (n={c.post.n}), change {c.difference:+.1f}{interval}"


def _count(n: int, min_group: int) -> str:
    return str(n) if n >= min_group else f"fewer than {min_group}"


def as_text(reports: Sequence[BandReport], min_group: int, files: int) -> str:
    """A plain-text report: per band, the measures, then every item."""
    lines = [f"lessonkit evaluation report: {files} file(s); groups smaller than {min_group} are not shown", ""]
    if not reports:
        lines.append("no answers found")
    for report in reports:
        pre, post = (_count(report.respondents[p], min_group) for p in ("pre", "post"))
        lines += [f"band {report.band} (kit {report.kit}): {pre} answer(s) before, {post} after"]
        lines += [f"  {_label(row)}: {_figure(row, min_group)}" for row in report.measures]
        lines += [f"  item {row.name}: {_figure(row, min_group)}" for row in report.items]
        lines.append("")
    lines.append("Knowledge changes are in percentage points; confidence and help-seeking in points on the 1-4 scale.")
    return "\n".join(lines) + "\n"


def as_json(reports: Sequence[BandReport], min_group: int, files: int) -> str:
    """A stable JSON document of the same figures."""
    data = {
        "files": files,
        "min_group": min_group,
        "units": UNITS,
        "bands": [
            {
                "band": r.band,
                "kit": r.kit,
                "respondents": {p: (n if n >= min_group else None) for p, n in r.respondents.items()},
                "measures": [row.as_json(min_group) for row in r.measures],
                "items": [row.as_json(min_group) for row in r.items],
            }
            for r in reports
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def change_chart(rows: Sequence[Row], title: str, unit: str, min_group: int) -> str:
    """A forest plot: each row's change as a dot with its 95% interval, around a line at zero."""
    width, left, right, top, step = 640, 190, 30, 34, 26
    height = top + step * max(len(rows), 1) + 30
    shown = [r.change for r in rows if r.change is not None and not r.suppressed and not math.isnan(r.change.low)]
    low = min([0.0, *(c.low for c in shown)])
    high = max([0.0, *(c.high for c in shown)])
    if high - low < 1e-9:
        low, high = low - 1, high + 1
    pad = (high - low) * 0.08
    low, high = low - pad, high + pad

    def x(value: float) -> float:
        return left + (value - low) / (high - low) * (width - left - right)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" aria-labelledby="t-{e(title)}"><title id="t-{e(title)}">{e(title)}</title>',
        f'<text x="{left}" y="18" font-size="13" font-weight="700">{e(title)} ({e(unit)})</text>',
        f'<line x1="{x(0):.1f}" y1="{top - 8}" x2="{x(0):.1f}" y2="{height - 24}" stroke="#6b6b6b" '
        'stroke-dasharray="4 3"/>',
    ]
    for index, row in enumerate(rows):
        y = top + step * index + step / 2
        parts.append(f'<text x="{left - 8}" y="{y + 4:.1f}" font-size="12" text-anchor="end">{e(_label(row))}</text>')
        c = row.change
        if row.suppressed or c is None or math.isnan(c.low):
            parts.append(
                f'<text x="{left + 4}" y="{y + 4:.1f}" font-size="11" fill="#3d3d3d">'
                f"not shown (fewer than {min_group})</text>"
            )
            continue
        parts.append(
            f'<line x1="{x(c.low):.1f}" y1="{y:.1f}" x2="{x(c.high):.1f}" y2="{y:.1f}" '
            'stroke="#0b3d6b" stroke-width="2"/>'
        )
        parts.append(
            f'<circle cx="{x(c.difference):.1f}" cy="{y:.1f}" r="5" fill="#0b3d6b"><title>'
            f"{e(_figure(row, min_group))}</title></circle>"
        )
    for value in (low + pad, 0.0, high - pad):
        parts.append(
            f'<text x="{x(value):.1f}" y="{height - 8}" font-size="11" text-anchor="middle">{value:+.1f}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _table(rows: Sequence[Row], min_group: int) -> str:
    head = (
        "<tr><th scope='col'>what</th><th scope='col'>before</th><th scope='col'>after</th>"
        "<th scope='col'>change (95% CI)</th></tr>"
    )
    body = []
    for row in rows:
        c = row.change
        if row.suppressed or c is None:
            cells = f"<td colspan='3'>not shown: fewer than {min_group} answers before or after</td>"
        else:
            interval = "" if math.isnan(c.low) else f" ({c.low:+.1f} to {c.high:+.1f})"
            cells = (
                f"<td>{c.pre.mean:.1f} (n={c.pre.n})</td><td>{c.post.mean:.1f} (n={c.post.n})</td>"
                f"<td>{c.difference:+.1f}{interval}</td>"
            )
        body.append(f"<tr><th scope='row'>{e(_label(row))}</th>{cells}</tr>")
    return f"<table>{head}{''.join(body)}</table>"


def as_html(reports: Sequence[BandReport], min_group: int, files: int) -> str:
    """One page: per band a table and two charts (knowledge in points, the 1-4 scales)."""
    parts = [
        "<h1>Evaluation report</h1>",
        f"<p>{files} file(s) pooled. Figures of groups with fewer than {min_group} answers before or after "
        "are not shown. The change is the mean after the lessons minus the mean before, with its 95% "
        "confidence interval (Welch); answers are anonymous, so the two groups are compared, not individuals.</p>",
    ]
    if not reports:
        parts.append("<p>No answers found.</p>")
    for report in reports:
        pre, post = (_count(report.respondents[p], min_group) for p in ("pre", "post"))
        parts.append(f"<h2>Age band {e(report.band)}</h2>")
        parts.append(f"<p>Kit {e(report.kit)}: {e(pre)} answer(s) before the lessons, {e(post)} after.</p>")
        parts.append(_table(report.measures, min_group))
        parts.append(change_chart(report.measures, f"{report.band}: measures", "change", min_group))
        knowledge = [r for r in report.items if r.measure == KNOWLEDGE]
        scales = [r for r in report.items if r.measure != KNOWLEDGE]
        if knowledge:
            parts.append(change_chart(knowledge, f"{report.band}: knowledge items", UNITS[KNOWLEDGE], min_group))
        if scales:
            parts.append(change_chart(scales, f"{report.band}: confidence and help items", "1-4 scale", min_group))
        parts.append(_table(report.items, min_group))
    style = (
        "body{font-family:system-ui,sans-serif;max-width:50rem;margin:1rem auto;padding:0 1rem;line-height:1.45}"
        "table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #999;padding:.25rem .5rem;"
        "text-align:start}svg{max-width:100%;height:auto;display:block;margin:.5rem 0}"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>Evaluation report</title>\n<style>{style}</style>\n</head>\n<body>\n"
        + "\n".join(parts)
        + "\n</body>\n</html>\n"
    )
