"""Inline suppressions: `<!-- lessonkit: ignore RULE-ID "reason" -->` silences one rule for one paragraph.

The comment covers its own line and the paragraph after it (up to the next blank line). A
reason is required, and every suppression is listed in the report so that reviewers see it.

A translator cannot write an HTML comment into a msgstr (it would be translated text, and the
QA refuses HTML), so a PO file takes the same suppression as a translator comment of its entry,
`# lessonkit: ignore RULE-ID "reason"` (Poedit's "comment" field), which covers that entry: a
PO entry is a paragraph of its own, so the same rule of coverage holds. The translation QA
(`translation.qa`: changed numbers, placeholders, HTML) can never be suppressed there: it guards
help details, and its findings never pass through here.

A comment meant as a suppression that is not one (`lessonkit: ingore`, the reason in curly or
single quotes, a missing closing quote, two rules, split over two lines, the other file kind's
form) would otherwise silence nothing while its author believes it does: it is an error of the
same rule as a suppression without a reason (docs/diagnostics.md: a malformed suppression is an
error). A comment is taken as meant when its first word is within two typing slips of
`lessonkit` and a word close to `ignore` follows (or `lessonkit:` is written exactly), or when it
begins `ignore` followed by a known rule. A suppression that silenced nothing in a run is a
warning (`unused_suppressions`): the finding it was written for has gone, or it names the wrong rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from functools import lru_cache
from pathlib import Path

from lessonkit.check.finding import Suppression
from lessonkit.check.rule_codes import QA_RULE
from lessonkit.closest_name import closest_name
from lessonkit.diagnostics import Diagnostic, Location
from lessonkit.lazy_re import LazyPattern

SUPPRESSION_RULE = "check.suppression"
_COMMENT = re.compile(r"<!--\s*lessonkit:\s*ignore\s+(?P<rule>[^\s\"]+)(?:\s+\"(?P<reason>[^\"]*)\")?\s*-->")
# A translator comment: "# " at the start of a line (never "#.", "#:", "#," or "#|", which tools write).
_PO_COMMENT = LazyPattern(r"^#\s+lessonkit:\s*ignore\s+(?P<rule>[^\s\"]+)(?:\s+\"(?P<reason>[^\"]*)\")?\s*$")
# How a suppression is written, for the suggestion when one lacks its reason.
_FORM = '<!-- lessonkit: ignore {rule} "why this is fine here" -->'
_PO_FORM = '# lessonkit: ignore {rule} "why this is fine here"'
_NEVER_IN_PO = QA_RULE.split(".")[0]  # the translation QA's family: help details and placeholders are never silenced
UNUSED_RULE = "check.unused-suppression"
_STOPPED = "input."  # the engine's codes for a part not read or a time budget used up (lessonkit.check.engine)
_TOOL, _VERB = "lessonkit", "ignore"
# How much of a comment is read to tell whether it was meant as a suppression: a bounded slice per
# comment keeps a line of a million `<!--` linear.
_WINDOW = 300
_OPENING = re.compile(r"<!--")
# The words a suppression starts with, as written: tool, separator, verb, then the rest.
_HEAD = LazyPattern(r"[ \t]*(?P<tool>[^\W\d_]+)[ \t]*(?P<sep>[:\-_]?)[ \t]*(?P<verb>[^\W\d_]*)(?P<rest>.*)", re.DOTALL)
_QUOTES = "\u201c\u201d\u201e\u00ab\u00bb'\u2018\u2019`"  # quotes a word processor or a habit puts in place of "
_SUGGESTED = 20  # unknown rules looked up for a "did you mean" per file (a file of thousands costs no more)


class KnownRules:
    """The rule ids a suppression may name, and their families, worked out when a comment first needs them.

    Most texts hold no comment that needs them, and the ids of every rule mean reading every
    language's rules from the cache (about a tenth of the start-up of a check of one small file).
    """

    def __init__(self, ids: Callable[[], Iterable[str]]) -> None:
        self._source = ids
        self._ids: frozenset[str] | None = None
        self._families: frozenset[str] = frozenset()
        self._names: list[str] = []

    def _read(self) -> frozenset[str]:
        if self._ids is None:
            self._ids = frozenset(self._source())
            self._families = frozenset(r.split(".")[0] for r in self._ids)
            self._names = sorted(self._ids | self._families)
        return self._ids

    def knows(self, rule: str) -> bool:
        """True for a rule id or a family of rules."""
        return rule in self._read() or rule in self._families

    @property
    def names(self) -> list[str]:
        """Every rule id and family, sorted (for "did you mean")."""
        self._read()
        return self._names


def find_suppressions(
    text: str, path: Path, known_rules: Collection[str] | KnownRules, first_line: int = 1, *, catalogue: bool = False
) -> tuple[list[Suppression], list[Diagnostic]]:
    """The suppressions written in a text, and findings for malformed ones (no reason, unknown rule).

    `catalogue`: the text is a PO file, whose suppressions are translator comments.
    """
    lines = text.split("\n")
    suppressions: list[Suppression] = []
    problems: list[Diagnostic] = []
    known = known_rules if isinstance(known_rules, KnownRules) else KnownRules(lambda: known_rules)
    suggested: dict[str, str] = {}
    ends: list[int] | None = None  # made on the first suppression: most files have none
    for index, line in enumerate(lines):
        starts = set()
        for match in _PO_COMMENT.finditer(line) if catalogue else _COMMENT.finditer(line):
            starts.add(match.start())
            where = Location(path, index + first_line, match.start() + 1)
            rule, reason = match["rule"], (match["reason"] or "").strip()
            if catalogue and rule.split(".")[0] == _NEVER_IN_PO:
                message = f"{rule} cannot be suppressed: the translation QA guards help details and placeholders"
                problems.append(Diagnostic(where, SUPPRESSION_RULE, message, suggestion="correct the translation"))
            elif not known.knows(rule):
                hint = _close_name(rule, known.names, suggested)
                message = f"suppression names an unknown rule '{rule}'" + (f"; did you mean '{hint}'?" if hint else "")
                problems.append(Diagnostic(where, SUPPRESSION_RULE, message))
            elif not reason:
                problems.append(
                    Diagnostic(
                        where,
                        SUPPRESSION_RULE,
                        f"suppression of {rule} needs a reason",
                        suggestion=f"write {(_PO_FORM if catalogue else _FORM).format(rule=rule)}",
                    )
                )
            else:
                ends = ends if ends is not None else _paragraph_ends(lines, catalogue=catalogue)
                suppressions.append(Suppression(where, rule, reason, ends[index + 1] + first_line))
        if "<!--" in line or line.lstrip().startswith("#"):  # the only lines that can hold a near-miss
            for column, why in _near_misses(line, lines, index, starts, known, catalogue=catalogue):
                where = Location(path, index + first_line, column + 1)
                form = (_PO_FORM if catalogue else _FORM).format(rule="RULE")
                message = f"malformed suppression ({why}): it silences nothing"
                problems.append(Diagnostic(where, SUPPRESSION_RULE, message, suggestion=f"write {form}"))
    return suppressions, problems


def unused_suppressions(used: Iterable[tuple[Suppression, int]], findings: Iterable[Diagnostic]) -> list[Diagnostic]:
    """A warning at each suppression that silenced nothing, but none in a file whose checking stopped early.

    `used` is each suppression with how many findings it silenced (`apply_suppressions`), `findings`
    the file's findings before suppressions: when a part was too large to read or the time budget ran
    out (`input.*`), what a suppression was written for may simply not have been looked at.
    """
    stopped = {f.location.path for f in findings if f.code.startswith(_STOPPED)}
    return [
        Diagnostic(
            s.location,
            UNUSED_RULE,
            f"unused suppression: {s.rule} reports nothing in the lines it covers",
            "warning",
            "delete the comment, or name the rule the finding has",
        )
        for s, count in used
        if count == 0 and s.location.path not in stopped
    ]


def _near_misses(
    line: str, lines: list[str], index: int, strict: set[int], known: KnownRules, *, catalogue: bool
) -> list[tuple[int, str]]:
    """(0-based column, what is wrong) for each comment on this line meant as a suppression and not one."""
    found: list[tuple[int, str]] = []
    if catalogue:
        stripped = line.lstrip()
        column = len(line) - len(stripped)
        # Only translator comments: tools write "#." "#:" "#," "#|" and "#~" (an obsolete entry).
        if column in strict or stripped[1:2] in (".", ":", ",", "|", "~"):
            return found
        head = stripped[1:].lstrip("#")[:_WINDOW]
        markdown_form = head.lstrip().startswith("<!--")
        why = _why(head.lstrip()[4:] if markdown_form else head, known, closed=True)
        if markdown_form and why is not None:
            why = "a catalogue takes '# lessonkit: ignore', not an HTML comment"
        elif _PO_COMMENT.match("# " + head.lstrip()):  # right words, wrong start: not read as a translator comment
            why = "a translator comment begins '# ' at the start of its line"
        if why is not None:
            found.append((column, why))
        return found
    stripped = line.lstrip()
    if stripped.startswith("#"):  # the catalogue's form, a heading in Markdown
        why = _why(stripped.lstrip("#")[:_WINDOW], known, closed=True, bare=False)
        if why is not None:
            found.append((len(line) - len(stripped), "a lesson takes an HTML comment '<!-- lessonkit: ignore ... -->'"))
    last_close = line.rfind("-->")
    for opening in _OPENING.finditer(line):
        if opening.start() in strict:
            continue
        head = line[opening.end() : opening.end() + _WINDOW]
        closed = last_close >= opening.end()
        if not head.strip() and index + 1 < len(lines):  # `<!--` alone, the words on the next line
            head = lines[index + 1][:_WINDOW]
        why = _why(head, known, closed=closed)
        if why is not None:
            found.append((opening.start(), why))
    return found


def _why(head: str, known: KnownRules, *, closed: bool, bare: bool = True) -> str | None:
    """What keeps a comment (its text after `<!--` or `#`) meant as a suppression from being one; None if not meant.

    `bare`: a comment that begins `ignore RULE` counts as meant (not for a Markdown heading, which may be prose).
    """
    words = _HEAD.match(head)
    if words is None:
        return None
    tool, sep, verb, rest = words["tool"], words["sep"], words["verb"], words["rest"]
    if bare and _slips(tool.lower(), _VERB) <= 1 and sep == "" and known.knows(_first_rule(verb + rest)):
        return "it must begin 'lessonkit: ignore'"
    near_tool = len(tool) >= 6 and _slips(tool.lower(), _TOOL) <= 2
    if not near_tool or not ((tool == _TOOL and sep == ":") or _slips(verb.lower(), _VERB) <= 2):
        return None
    if tool != _TOOL:
        return f"'{tool}' where 'lessonkit' is meant"
    if sep != ":":
        return "a colon must follow 'lessonkit'"
    if verb != _VERB:
        return f"'{verb}' where 'ignore' is meant" if verb else "'ignore' is missing"
    if not closed:
        return "it must open and close on one line"
    rule = _first_rule(rest)
    if not rule or rule.startswith("--"):
        return "no rule is named"
    if rest.lstrip().startswith(('"', *_QUOTES)):
        return "the rule is written without quotes, only the reason has them"
    after = rest.lstrip()[len(rule) :].lstrip()
    if after[:1] in _QUOTES:
        return 'the reason must be in straight double quotes "..."'
    if after.startswith('"') and '"' not in after[1:]:
        return "the reason's closing quote is missing"
    if after[:1] and after[:1] != '"' and not after.startswith("-->"):
        return "one rule, then its reason in double quotes"
    return "the reason must be followed by nothing but the end of the comment"


def _first_rule(text: str) -> str:
    """The first word of a suppression's rest: what would be its rule id."""
    parts = text.split(None, 1)
    return parts[0].strip('"') if parts else ""


@lru_cache(maxsize=4096)  # a file repeats its few near-miss words: each is measured once
def _slips(word: str, target: str) -> int:
    """The edit distance (with swaps of neighbours) between a short word and `target`, capped at 3."""
    if word == target:
        return 0
    if abs(len(word) - len(target)) > 2:
        return 3
    previous2: list[int] = []
    previous = list(range(len(target) + 1))
    for i, a in enumerate(word, start=1):
        current = [i] + [0] * len(target)
        for j, b in enumerate(target, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
            if i > 1 and j > 1 and a == target[j - 2] and word[i - 2] == b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return min(previous[-1], 3)


def _close_name(rule: str, names: list[str], cache: dict[str, str]) -> str:
    """A known rule or family close to an unknown one (a typo), looked up for a bounded number of names."""
    if rule not in cache and len(cache) < _SUGGESTED:
        cache[rule] = closest_name(rule[:100], names, cutoff=0.75) or ""
    return cache.get(rule, "")


def _paragraph_ends(lines: list[str], *, catalogue: bool) -> list[int]:
    """For each line j (0-based, up to len(lines)), the last line of the paragraph a comment just before j introduces.

    Blank lines between the comment and its paragraph are skipped. Made in one pass from the end:
    scanning forward from each comment took time quadratic in the number of comment lines (a file
    of nothing but suppressions, a few hundred kilobytes, took minutes). In a catalogue an entry
    also ends where the next begins without a blank line between them (PO does not need one), so
    a translator comment covers its own entry only, as docs/translators.md says.
    """
    starts = _entry_starts(lines) if catalogue else [False] * len(lines)
    count = len(lines)
    ends = [count - 1] * (count + 1)
    for j in range(count - 1, -1, -1):
        if not lines[j].strip() or (j + 1 < count and lines[j + 1].strip() and not starts[j + 1]):
            ends[j] = ends[j + 1]  # ends[count] is the last line
        else:
            ends[j] = j
    return ends


def _entry_starts(lines: list[str]) -> list[bool]:
    """Which lines of a PO file begin an entry right after the previous one's msgstr, with no blank line between."""
    starts = [False] * len(lines)
    translated = False  # the current entry has had its msgstr
    for j, line in enumerate(lines):
        if not line.strip():
            translated = False
            continue
        word = line[2:].lstrip() if line.startswith("#~") else line  # obsolete entries: '#~ msgid ...'
        if translated and (line.startswith("#") or word.startswith(("msgctxt", "msgid"))):
            starts[j], translated = True, False
        if word.startswith("msgstr"):
            translated = True
    return starts
