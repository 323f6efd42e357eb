"""Rule files (`rules/<language>/*.yml`, `rules/common/*.yml`): loading, validating and selecting rules."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from lessonkit import __version__
from lessonkit.cache_file import read_cache_file, write_cache_file
from lessonkit.check.document import Document, TextUnit
from lessonkit.load.schema import validate_schema
from lessonkit.load.yaml_tree import read_yaml_file
from lessonkit.problems import LessonkitError, Location

RULES_DIR = "rules"
COMMON = "common"
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
RuleId = Annotated[str, StringConstraints(pattern=r"^[a-z]+\.[a-z0-9]+(?:-[a-z0-9]+)*$")]
Kind = Literal[
    "existence",
    "substitution",
    "occurrence",
    "readability",
    "sentence-length",
    "unfamiliar",
    "required-section",
    "required-phrase",
    "count",
    "slide-density",
    "raw-contact",
    "country-pack",
]
# What each kind needs besides the common fields; checked when the file is loaded.
NEEDS: dict[str, tuple[str, ...]] = {
    "existence": ("patterns",),
    "substitution": ("replacements",),
    "occurrence": ("patterns", "limits"),
    "readability": ("formula", "limits"),
    "sentence-length": ("limits",),
    "unfamiliar": ("limits",),
    "required-section": ("sections",),
    "required-phrase": ("sections", "groups"),
    "count": ("field", "limits"),
    "slide-density": ("limits",),
    "raw-contact": (),
    "country-pack": ("check",),
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Applies(_Strict):
    """Which documents and parts a rule reads; an absent list means 'all'."""

    audiences: list[str] | None = None
    bands: list[str] | None = None
    roles: list[Literal["student", "family", "teacher", "general"]] | None = None
    lessons_only: bool = False


class RuleSpec(_Strict):
    """One rule as written in a rule file."""

    id: RuleId
    kind: Kind
    severity: Literal["error", "warning"]
    message: Text
    suggestion: str = ""
    rationale: Text
    source: Text
    applies: Applies = Applies()
    patterns: list[str] = []
    words: list[str] = []
    replacements: dict[str, str] = {}
    groups: list[list[str]] = []
    sections: list[str] = []
    scope: Literal["each", "any"] = "each"
    negation: bool = False
    skip_questions: bool = False
    skip_quoted: bool = False
    unless_defined: bool = False
    formula: str = ""
    limits: dict[str, float] = {}
    min_words: int = 0
    min_length: int = 0
    skip_capitalised: bool = True
    max_bullets: int = 0
    field: str = ""
    check: str = ""

    @model_validator(mode="after")
    def _kind_parameters(self) -> RuleSpec:
        missing = [
            name for name in NEEDS[self.kind] if not getattr(self, name) and not (name == "patterns" and self.words)
        ]
        if missing:
            raise ValueError(f"a '{self.kind}' rule needs {', '.join(missing)}")
        return self


class RuleFileSchema(_Strict):
    """A whole rule file: its language, shared pattern pieces and its rules."""

    language: Annotated[str, StringConstraints(pattern=r"^(?:[a-z]{2,3}|common)$")]
    define: dict[str, str] = {}
    negation: str = ""
    rules: Annotated[list[RuleSpec], Field(min_length=1)]


@dataclass(frozen=True, eq=False)
class Rule:
    """A loaded rule: its spec plus the file-level pieces its patterns use."""

    spec: RuleSpec
    language: str
    define: dict[str, str]
    negation: str
    location: Location

    @property
    def id(self) -> str:
        """The rule id, `family.name`."""
        return self.spec.id

    @property
    def family(self) -> str:
        """The family: readability, vocabulary, tone, terminology, structure or pack."""
        return self.spec.id.split(".", 1)[0]

    def limit(self, band: str | None) -> float | None:
        """The limit for a band: its own entry, else `default`, else none (the rule does not apply)."""
        limits = self.spec.limits
        return limits.get(band or "", limits.get("default"))

    def reads(self, document: Document) -> bool:
        """True when this rule applies to the document as a whole."""
        applies = self.spec.applies
        if applies.lessons_only and not document.is_lesson:
            return False
        if applies.audiences is not None and document.audience not in applies.audiences:
            return False
        return applies.bands is None or document.band in applies.bands

    def reads_unit(self, unit: TextUnit) -> bool:
        """True when this rule reads this part of a document."""
        roles = self.spec.applies.roles
        return roles is None or unit.role in roles


@dataclass(frozen=True)
class Rulebook:
    """Every rule of a project, with the languages it has rules for."""

    rules: tuple[Rule, ...]

    def for_language(self, language: str) -> tuple[Rule, ...]:
        """Common rules plus the language's own rules."""
        return tuple(r for r in self.rules if r.language in (COMMON, language))

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages that have their own rule files."""
        return tuple(sorted({r.language for r in self.rules} - {COMMON}))


def load_rulebook(rules_dir: Path, cache_dir: Path | None = None) -> Rulebook:
    """Load every rule file under `rules_dir`; any problem is fatal and names its file and line.

    Validated rules are cached under `cache_dir`, keyed by a hash of every rule file, because
    reading YAML with line numbers costs most of a second. The cache is JSON of plain values,
    validated again on reading like a rule file, so a planted or damaged cache file can at worst
    be ignored, never run code.
    """
    if not rules_dir.is_dir():
        raise LessonkitError(f"{rules_dir}: no rules folder")
    files = sorted(rules_dir.glob("*/*.yml"))
    cached = rules_cache_path(rules_dir, files, cache_dir) if cache_dir else None
    if cached is not None:
        book = _read_cache(cached, rules_dir)
        if book is not None:
            return book
    book = _load_all(files)
    if cached is not None:
        write_cache_file(cached, _CachedBook.from_book(book, rules_dir).model_dump_json().encode("utf-8"))
    return book


def rules_cache_path(rules_dir: Path, files: Iterable[Path], cache_dir: Path) -> Path:
    """The cache file for these rule files: named by a hash of the code version and every file."""
    digest = hashlib.sha256(f"{__version__}\0{_CACHE_FORMAT}\0".encode())
    for path in files:
        digest.update(path.relative_to(rules_dir).as_posix().encode() + b"\0" + path.read_bytes())
    return cache_dir / f"rules-{digest.hexdigest()[:32]}.json"


_CACHE_FORMAT: Final = 1


class _CachedRule(_Strict):
    spec: RuleSpec
    language: str
    define: dict[str, str]
    negation: str
    path: str  # relative to the rules folder, so that a moved project still points at its files
    line: int
    column: int


class _CachedBook(_Strict):
    format: Literal[1]
    rules: list[_CachedRule]

    @classmethod
    def from_book(cls, book: Rulebook, rules_dir: Path) -> _CachedBook:
        return cls(
            format=_CACHE_FORMAT,
            rules=[
                _CachedRule(
                    spec=r.spec,
                    language=r.language,
                    define=r.define,
                    negation=r.negation,
                    path=r.location.path.relative_to(rules_dir).as_posix(),
                    line=r.location.line,
                    column=r.location.column,
                )
                for r in book.rules
            ],
        )


def _read_cache(path: Path, rules_dir: Path) -> Rulebook | None:
    data = read_cache_file(path, limit=64 * 1024 * 1024)
    if data is None:
        return None
    try:
        cached = _CachedBook.model_validate_json(data)
    except (ValidationError, ValueError):
        return None  # damaged or not ours: rebuilt from the rule files and written again
    rules: list[Rule] = []
    for item in cached.rules:
        relative = Path(item.path)
        if relative.is_absolute() or ".." in relative.parts:
            return None
        location = Location(rules_dir / relative, item.line, item.column)
        rules.append(Rule(item.spec, item.language, item.define, item.negation, location))
    return Rulebook(tuple(rules))


def _load_all(files: list[Path]) -> Rulebook:
    rules: list[Rule] = []
    problems: list[str] = []
    for path in files:
        loaded, found = _load_file(path)
        rules += loaded
        problems += found
    seen: dict[str, Rule] = {}
    for rule in rules:
        key = f"{rule.language}:{rule.id}"
        if key in seen:
            problems.append(f"{rule.location}: rule id '{rule.id}' is already defined at {seen[key].location}")
        seen[key] = rule
    if problems:
        raise LessonkitError("\n".join(problems))
    return Rulebook(tuple(rules))


def _load_file(path: Path) -> tuple[list[Rule], list[str]]:
    document, problems = read_yaml_file(path)
    if document is None:
        return [], [str(p) for p in problems]
    schema, problems = validate_schema(RuleFileSchema, document, path)
    if schema is None:
        return [], [str(p) for p in problems]
    if schema.language != path.parent.name:
        return [], [f"{path}:1:1: language '{schema.language}' does not match the folder '{path.parent.name}'"]
    rules = [
        Rule(spec, schema.language, schema.define, schema.negation, Location(path, document.line_of(("rules", i)), 1))
        for i, spec in enumerate(schema.rules)
    ]
    return rules, []


def rule_ids(rules: Iterable[Rule]) -> set[str]:
    """The distinct ids of some rules."""
    return {r.id for r in rules}
