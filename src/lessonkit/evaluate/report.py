"""`lessonkit evaluate report`: pool the CSV files of many classes into per-band, per-item pre/post changes.

Privacy by design:

- a file with a column that looks like a name, an e-mail address or another personal detail is
  refused (exit 2, `path:1:col: error R001 ...`), and so is any column the kit does not write
  (free text could identify a child) and any value that looks like an e-mail address;
- figures of a group (a band, a measure, an item) with fewer than `min_group` answers before or
  after are not shown, so no answer can be traced back to a handful of learners.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lessonkit.evaluate.kit import CONFIDENCE, HELP, KNOWLEDGE, MEASURES, META_COLUMNS, PHASES, SCALE
from lessonkit.evaluate.stats import Change, welch
from lessonkit.problems import Location, Problem

MIN_GROUP = 10
MAX_BYTES = 50 * 1024 * 1024
ITEM = re.compile(r"^(?P<prefix>[kch])(?P<number>[1-9]\d{0,2})$")
MEASURE_OF = {"k": KNOWLEDGE, "c": CONFIDENCE, "h": HELP}
# Column names that hold personal details, in the languages the project ships (and common spellings).
IDENTIFYING = re.compile(
    r"name|e-?mail|mail|phone|mobile|telef|address|adress|birth|\bdob\b|geburt|postcode|zip|"
    r"pupil|student|learner|sch[üu]ler|child|kind\b|surname|vorname|nachname|initial|signature|unterschrift|"
    r"\bip\b|اسم|بريد|هاتف|عنوان|ميلاد",
    re.IGNORECASE,
)
EMAIL = re.compile(r"[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+")


@dataclass(frozen=True)
class Response:
    """One learner's answers: the kit, band, phase and each item's value (None when left out)."""

    kit: str
    band: str
    phase: str
    values: dict[str, float | None]


@dataclass(frozen=True)
class Row:
    """A figure of the report: a measure or an item, its change, or why it is not shown."""

    name: str
    measure: str
    change: Change | None
    suppressed: bool
    pre_n: int
    post_n: int

    def as_json(self, min_group: int) -> dict[str, object]:
        """The row for `--format json` (no figures when suppressed)."""
        if self.suppressed or self.change is None:
            return {"name": self.name, "measure": self.measure, "shown": False, "reason": f"fewer than {min_group}"}
        c = self.change
        return {
            "name": self.name,
            "measure": self.measure,
            "shown": True,
            "pre": {"n": c.pre.n, "mean": _round(c.pre.mean)},
            "post": {"n": c.post.n, "mean": _round(c.post.mean)},
            "change": _round(c.difference),
            "ci95": [_round(c.low), _round(c.high)],
        }


@dataclass
class BandReport:
    """Everything the report says about one band and kit version."""

    band: str
    kit: str
    respondents: dict[str, int]
    measures: list[Row] = field(default_factory=list)
    items: list[Row] = field(default_factory=list)


def _round(value: float) -> float | None:
    return None if math.isnan(value) else round(value, 2)


def _field_columns(line: str) -> list[int]:
    """The 1-based column where each field of a CSV line starts (quotes respected)."""
    columns, quoted = [1], False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            columns.append(index + 2)
    return columns


def read_results(paths: Sequence[Path]) -> tuple[list[Response], list[Problem]]:
    """Every response of every file, or the problems that make a file unusable (all of them, located)."""
    responses: list[Response] = []
    problems: list[Problem] = []
    for path in paths:
        found, wrong = _read_file(path)
        responses += found
        problems += wrong
    return responses, problems


def _read_file(path: Path) -> tuple[list[Response], list[Problem]]:
    where = Location(path)
    try:
        if not path.is_file():
            return [], [Problem(where, "R006", "not a file")]
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as err:
        return [], [Problem(where, "R006", f"cannot read the file: {err.strerror or err}")]
    if len(data) > MAX_BYTES:
        return [], [Problem(where, "R006", "file larger than 50 MB")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return [], [Problem(where, "R006", f"not UTF-8 text (byte {err.start}); save the CSV as UTF-8")]
    lines = text.splitlines()
    reader = csv.reader(io.StringIO(text))
    header_record = next(reader, None)
    if not header_record:
        return [], [Problem(where, "R006", "the file is empty")]
    header = [name.strip() for name in header_record]
    problems = _check_header(path, header, _field_columns(lines[0]))
    if problems:
        return [], problems
    responses: list[Response] = []
    for record in reader:
        if not any(cell.strip() for cell in record):
            continue
        # The line where the record ends: its start for the usual one-line record.
        line = reader.line_num
        raw = lines[line - 1] if line <= len(lines) else ""
        response, wrong = _record(path, line, _field_columns(raw), header, record)
        problems += wrong
        if response is not None:
            responses.append(response)
    return responses, problems


def _check_header(path: Path, header: list[str], columns: list[int]) -> list[Problem]:
    problems = []
    for index, name in enumerate(header):
        where = Location(path, 1, columns[index] if index < len(columns) else 1)
        lowered = name.lower()
        if lowered in META_COLUMNS or ITEM.match(lowered):
            continue
        if IDENTIFYING.search(name) or EMAIL.search(name):
            problems.append(
                Problem(
                    where,
                    "R001",
                    f"column {index + 1} '{name}' looks like personal data (a name, an e-mail address or a contact); "
                    "remove the column: the report never needs to know who answered",
                )
            )
        else:
            problems.append(
                Problem(
                    where,
                    "R003",
                    f"column {index + 1} '{name}' is not a column of the evaluation kit "
                    f"({', '.join(META_COLUMNS)}, k1, c1, h1 ...); remove it, it could identify a learner",
                )
            )
    missing = [name for name in META_COLUMNS if name not in [h.lower() for h in header]]
    if missing:
        problems.append(Problem(Location(path, 1, 1), "R004", f"the header has no column {', '.join(missing)}"))
    return problems


def _record(
    path: Path, line: int, columns: list[int], header: list[str], record: list[str]
) -> tuple[Response | None, list[Problem]]:
    problems = []
    values: dict[str, float | None] = {}
    meta: dict[str, str] = {}
    if len(record) != len(header):
        return None, [Problem(Location(path, line, 1), "R005", f"{len(record)} fields; the header has {len(header)}")]
    for index, (name, cell) in enumerate(zip(header, record, strict=True)):
        where = Location(path, line, columns[index] if index < len(columns) else 1)
        value = cell.strip()
        key = name.lower()
        if EMAIL.search(value):
            problems.append(
                Problem(where, "R002", f"column '{name}' holds what looks like an e-mail address; remove it")
            )
            continue
        if key in META_COLUMNS:
            meta[key] = value
            if key == "phase" and value not in PHASES:
                problems.append(Problem(where, "R005", f"phase must be 'pre' or 'post', not '{value}'"))
            continue
        if not value:
            values[key] = None
            continue
        allowed = ("0", "1") if key.startswith("k") else tuple(str(v) for v in SCALE)
        if value not in allowed:
            problems.append(
                Problem(where, "R005", f"column '{name}' must be one of {', '.join(allowed)} or empty, not '{value}'")
            )
            continue
        values[key] = float(value)
    if problems or not meta.get("kit") or not meta.get("band"):
        if not problems:
            problems.append(Problem(Location(path, line, 1), "R005", "the row has no kit or band"))
        return None, problems
    return Response(meta["kit"], meta["band"], meta["phase"], values), []


def _mean(values: list[float | None]) -> float | None:
    given = [v for v in values if v is not None]
    return math.fsum(given) / len(given) if given else None


def _row(name: str, measure: str, pre: list[float], post: list[float], min_group: int) -> Row:
    suppressed = len(pre) < min_group or len(post) < min_group
    return Row(name, measure, None if suppressed else welch(pre, post), suppressed, len(pre), len(post))


def aggregate(responses: Sequence[Response], min_group: int = MIN_GROUP) -> list[BandReport]:
    """Per band (and kit version): the change of each measure and of each item, small groups hidden."""
    groups: dict[tuple[str, str], list[Response]] = {}
    for response in responses:
        groups.setdefault((response.band, response.kit), []).append(response)
    reports = []
    for (band, kit), rows in sorted(groups.items(), key=lambda g: (_band_key(g[0][0]), g[0][1])):
        by_phase = {phase: [r for r in rows if r.phase == phase] for phase in PHASES}
        report = BandReport(band, kit, {phase: len(found) for phase, found in by_phase.items()})
        items = sorted({key for r in rows for key in r.values}, key=_item_key)
        for measure in MEASURES:
            keys = [k for k in items if MEASURE_OF[k[0]] == measure]
            if not keys:
                continue
            scale = 100.0 if measure == KNOWLEDGE else 1.0
            per_phase = []
            for phase in PHASES:
                means = (_mean([r.values.get(k) for k in keys]) for r in by_phase[phase])
                per_phase.append([m * scale for m in means if m is not None])
            report.measures.append(_row(measure, measure, per_phase[0], per_phase[1], min_group))
        for key in items:
            measure = MEASURE_OF[key[0]]
            scale = 100.0 if measure == KNOWLEDGE else 1.0
            pre = [v * scale for r in by_phase["pre"] if (v := r.values.get(key)) is not None]
            post = [v * scale for r in by_phase["post"] if (v := r.values.get(key)) is not None]
            report.items.append(_row(key, measure, pre, post, min_group))
        reports.append(report)
    return reports


def _band_key(band: str) -> tuple[int, str]:
    first = re.match(r"\d+", band)
    return (int(first.group()) if first else 10**6, band)


def _item_key(key: str) -> tuple[int, int]:
    return ("kch".index(key[0]), int(key[1:]))
