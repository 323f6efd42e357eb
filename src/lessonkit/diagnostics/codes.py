"""Every diagnostic code lessonkit reports, with its one-line meaning and default severity.

This table is the one place a code is defined: docs/diagnostics.md's codes table is generated
from it (`python -m lessonkit.diagnostics.codes` prints it; tests/test_diagnostics.py keeps the
page in step), SARIF output takes each rule's description from it, and a test scans the source
for code literals and fails on any that is not registered here.

Numbered codes belong to a stage: `E0xx` loading lessons and configuration, `E9xx`/`W9xx` the
build, `W1xx`/`W2xx` build warnings about links and packs, `I1xx` translations, `R0xx` evaluation
results, `X0xx` exports and kits, `S0xx` the site. Checker findings use rule ids
(`family.name`, from the rule files); their families are registered here, the rules themselves
are documented in their rule files and docs/checker.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from lessonkit.diagnostics import ERROR, WARNING, Severity


@dataclass(frozen=True)
class Code:
    """One registered code: its default severity and what it means."""

    severity: Severity
    meaning: str


def _e(meaning: str) -> Code:
    return Code(ERROR, meaning)


def _w(meaning: str) -> Code:
    return Code(WARNING, meaning)


CODES: Final[dict[str, Code]] = {
    # Loading lessons, front matter and configuration (`lessonkit validate`, and before every command).
    "E001": _e(
        "the file cannot be read: not UTF-8, binary, empty, too large, not a regular file or a link out of the project"
    ),
    "E002": _e("front matter missing or not closed with `---`"),
    "E003": _e("YAML syntax error (at the position YAML reports)"),
    "E004": _e("tab character used for indentation in YAML"),
    "E005": _e("duplicate key in YAML"),
    "E006": _e("YAML anchor or alias (not allowed)"),
    "E007": _e("bidirectional embedding or override character (U+202A to U+202E): text would display out of order"),
    "E010": _e("unknown field (a typo, with a suggestion)"),
    "E011": _e("required field missing"),
    "E012": _e("field has the wrong type or an invalid value"),
    "E020": _e("unknown band, topic, audience or source id"),
    "E021": _e("duplicate lesson id"),
    "E022": _e("band given for a guide, or missing for a student lesson"),
    "E030": _e("unknown section kind"),
    "E031": _e("section fence not closed"),
    "E032": _e("bad or missing section attribute"),
    "E033": _e("activity minutes do not add up to the duration"),
    "E034": _e("a section required for this audience is missing"),
    "E035": _e("`notes` not directly after a `slide`"),
    "E036": _e("quiz line is not `Q:` or `A:`, or a question has no answer"),
    "E037": _e("malformed structured quiz item (options, steps, `Type:`)"),
    "E038": _e("malformed `cards` section"),
    "E040": _e("vocabulary term not used in the text"),
    "E041": _e("image without alt text"),
    "E042": _e("image file not found"),
    "E043": _e("link to an unknown lesson"),
    "E044": _e("unknown help token"),
    "E050": _e("configuration file (`curriculum.yml`, `sources.yml`) missing or invalid"),
    "E060": _e("a country pack is missing, or lacks a help service the curriculum prints"),
    "E070": _e("rules folder missing, or a rule file that cannot be used (duplicate rule id, wrong language)"),
    # Build.
    "W100": _w("a link the outputs refuse (only http(s), mailto, tel and lesson: links are kept)"),
    "W101": _w("a rendered document tried to load a resource the renderer refused"),
    "W201": _w("a help service printed while its pack entry is still `verified: false`"),
    "E900": _e("a document could not be built"),
    "E910": _e("the print stylesheet cannot be used (missing, too large, not UTF-8, refused)"),
    "W902": _w("a damaged build record: the documents are rebuilt"),
    # Translations (`lessonkit i18n`, the build and `lessonkit check` on catalogues).
    "I100": _e("a placeholder or token of the English is missing or changed in the translation"),
    "I101": _e("a phone number, short service number or address not in the English or the locale's packs"),
    "I102": _e("raw HTML or script in the translation"),
    "I103": _e("the translation changes the number of sections, activities, slides or quiz items"),
    "I104": _e("`msgfmt -c` (GNU gettext) reports an error, or msgfmt is not installed"),
    "I105": _e("a pofilter check fails (urls, numbers, variables, xmltags, pythonbraceformat)"),
    "I106": _w("slide text or a slide title longer than its limit"),
    "I107": _e(
        "a catalogue cannot be read (malformed, not UTF-8, too large, not a regular file, a link out of the"
        " project, a control character, an unusable Plural-Forms header)"
    ),
    "I110": _e("import: a text's placeholders or tokens do not match the English"),
    "I111": _e("import: a section's structure differs from the English"),
    "I120": _w("a translation is not ready (untranslated or fuzzy entries): not built, or shown in English"),
    "I130": _w("no checker rule data for the catalogue's language"),
    # Evaluation results (`lessonkit evaluate`).
    "R001": _e("a column that looks like personal data"),
    "R002": _e("a value that looks like an e-mail address"),
    "R003": _e("a column that is not part of the kit"),
    "R004": _e("a required column (`kit`, `band`, `locale`, `phase`) is missing"),
    "R005": _e("a value that is not allowed"),
    "R006": _e("the results file cannot be read (missing, not UTF-8, larger than 50 MB, empty)"),
    # Exports and evaluation kits.
    "X001": _w("a lesson not exported in a locale: its translation is not ready"),
    "X002": _w("no kit wording in the locale's language: English is used"),
    "X003": _w("a band's lessons are not all ready in a locale: no kit for it there"),
    # Coverage gaps (`lessonkit coverage --format github|sarif`; text and JSON give them their own way).
    "C001": _e("an age band with no lesson citing a recommendation every band must cover"),
    # Locale readiness (`lessonkit locale doctor --format json|github|sarif`).
    "D001": _e("a step a locale still needs before it can ship (an error when it blocks, else a warning)"),
    # Site.
    "S001": _e("the site generator (MkDocs) reported a problem"),
}

# Checker rule-id families (`family.name`); every rule id in rules/ and in the code starts with one.
FAMILIES: Final[dict[str, Code]] = {
    "readability": _w(
        "reading level: formula scores, sentence length, unfamiliar words (rules/<lang>/readability.yml)"
    ),
    "vocabulary": _w("words to avoid or replace for the audience (rules/<lang>/vocabulary.yml)"),
    "tone": _e("blaming, frightening, graphic or shaming language (rules/<lang>/tone.yml)"),
    "terminology": _w("preferred terms (rules/<lang>/terminology.yml)"),
    "structure": _e("required sections and phrases, help signposting, slide density (rules/*/structure.yml)"),
    "pack": _e("country packs: schema, sources, verification dates, completeness (rules/common/packs.yml)"),
    "input": _e("input the checker will not read: a part too large, or the time budget used up"),
    "check": _e("a malformed suppression comment (unknown rule, no reason)"),
    "translation": _e(
        "translation QA (`translation.qa`, the I-code in the message) and rule data (`translation.rules`)"
    ),
}


def lookup(code: str) -> Code | None:
    """The registered code, or the family of a rule id; None when neither is registered."""
    return CODES.get(code) or FAMILIES.get(code.split(".", 1)[0] if "." in code else "")


def codes_table() -> str:
    """The Markdown table of docs/diagnostics.md (between its `codes-table` markers)."""
    lines = ["| Code | Severity | Meaning |", "| --- | --- | --- |"]
    lines += [f"| `{code}` | {c.severity} | {c.meaning} |" for code, c in sorted(CODES.items())]
    lines += [f"| `{family}.*` | {c.severity} | {c.meaning} |" for family, c in sorted(FAMILIES.items())]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(codes_table(), end="")
