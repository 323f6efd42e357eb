"""The generic rule kinds: each reads a Document and yields Diagnostics; rule files supply the content.

Every kind that reads text takes its parts from `units`, which also keeps the checker's time
budget: once a file has used `TIME_BUDGET_SECONDS` of CPU time, the next part raises
`TimeBudgetExceededError` (the engine reports it as a finding and moves on to the next file).
Matching is linear (RE2) and parts are capped in size, so this is a last line of defence.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from lessonkit.check.document import FIELD_KINDS, Document, TextUnit
from lessonkit.check.rulebook import Rule
from lessonkit.diagnostics import Diagnostic, Location

TIME_BUDGET_SECONDS = 60.0  # CPU seconds per file; a real lesson takes well under one
_DEADLINE: ContextVar[float | None] = ContextVar("deadline", default=None)


class TimeBudgetExceededError(Exception):
    """A file used up its time budget; `location` is the part the checker was about to read."""

    def __init__(self, location: Location, seconds: float) -> None:
        super().__init__(f"{location}: time budget of {seconds:g} s used up")
        self.location = location
        self.seconds = seconds


# Reading the CPU clock is a system call (15 us in a sandboxed container: 1.8 s on 1 MB of prose,
# read once per part and rule), while the wall clock is read in user space. The checker runs
# on one thread, so CPU time can never grow faster than wall time: the CPU clock is read only
# when PROBE_SECONDS of wall time have passed since the last reading, which keeps the budget
# exact to within that interval.
PROBE_SECONDS = 0.05
_next_probe = [0.0]


def _over_budget(deadline: float) -> bool:
    now = time.perf_counter()
    if now < _next_probe[0]:
        return False
    _next_probe[0] = now + PROBE_SECONDS
    return time.process_time() > deadline


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Within the block, `units` stops (raises) once `seconds` of CPU time are used."""
    token = _DEADLINE.set(time.process_time() + seconds)
    _next_probe[0] = 0.0  # the first part of every file reads the CPU clock
    try:
        yield
    finally:
        _DEADLINE.reset(token)


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@lru_cache(maxsize=1024)
def _pieces(template: str) -> tuple[str, ...]:
    """A template split at its `{name}` placeholders: text, name, text, ..., text (split once per template)."""
    return tuple(_PLACEHOLDER.split(template))


def _fill(template: str, table: dict[str, str]) -> str:
    pieces = _pieces(template)
    if len(pieces) == 1:
        return template
    # Only known `{name}` placeholders are filled, so `{{ help.NAME }}` tokens stay as written.
    out = [pieces[0]]
    for at in range(1, len(pieces), 2):
        name = pieces[at]
        out += (table.get(name, f"{{{name}}}"), pieces[at + 1])
    return "".join(out)


def finding(rule: Rule, where: Location, **values: object) -> Diagnostic:
    """A finding of `rule`, with `{name}` placeholders of its message and suggestion filled in."""
    table = {k: " ".join(str(v).split()) for k, v in values.items()}
    spec = rule.spec
    return Diagnostic(where, rule.id, _fill(spec.message, table), spec.severity, _fill(spec.suggestion, table))


def units(rule: Rule, document: Document, only: Iterable[int] | None = None) -> Iterator[TextUnit]:
    """The parts of a document that the rule reads (raises TimeBudgetExceededError past the budget).

    `only`: the positions (in `document.units`, ascending) of the parts worth reading; the pattern
    kinds pass the parts that hold one of a rule's needed strings (`patterns.PartIndex`).
    """
    deadline = _DEADLINE.get()
    every = document.units
    probe, clock = _next_probe, time.perf_counter
    for unit in every if only is None else (every[i] for i in only):
        if not rule.reads_unit(unit):
            continue
        # CPU time of this process, not wall time: a busy machine does not make a file fail. The
        # wall clock is compared here first (`_over_budget` reads the CPU clock): a call per part
        # and rule is 60,000 calls on a megabyte of prose.
        if deadline is not None and clock() >= probe[0] and _over_budget(deadline):
            raise TimeBudgetExceededError(unit.location(0), TIME_BUDGET_SECONDS)
        yield unit


def header(unit: TextUnit) -> Location:
    """The `::: kind` line of a section unit (the line before its text).

    A translated unit has no such line: it is at its first msgstr's first character; nor has a
    field (the front matter's prose, a section's title): it is at its text.
    """
    if unit.placed is not None or unit.kind in FIELD_KINDS:
        return unit.location(0)
    return Location(unit.path, max(1, unit.line - 1), 1)
