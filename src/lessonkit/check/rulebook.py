"""Rule files (`rules/<language>/*.yml`, `rules/common/*.yml`): loading, validating and selecting rules."""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from lessonkit.cache_file import write_cache_file
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
    reading YAML with line numbers costs most of a second.
    """
    if not rules_dir.is_dir():
        raise LessonkitError(f"{rules_dir}: no rules folder")
    files = sorted(rules_dir.glob("*/*.yml"))
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(rules_dir).as_posix().encode() + b"\0" + path.read_bytes())
    cached = cache_dir / f"rules-{digest.hexdigest()[:32]}.pickle" if cache_dir else None
    if cached is not None and cached.is_file():
        try:
            book = pickle.loads(cached.read_bytes())  # our own cache file, written below
            if isinstance(book, Rulebook):
                return book
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            pass  # stale or damaged: rebuild
    book = _load_all(files)
    if cached is not None:
        write_cache_file(cached, pickle.dumps(book))
    return book


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
