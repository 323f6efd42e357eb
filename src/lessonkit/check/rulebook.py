"""Rule files (`rules/<language>/*.yml`, `rules/common/*.yml`): loading, validating and selecting rules.

Rules are validated with pydantic (`rule_schema`) when their files are read, then kept as plain
dataclasses and cached as JSON of plain values: a run with a warm cache imports neither pydantic
nor the YAML reader, which is most of the checker's start-up.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import json
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, NamedTuple, get_args

from lessonkit import __version__
from lessonkit.cache_file import read_sealed_file, write_sealed_file
from lessonkit.check.resources import use_rules_version
from lessonkit.diagnostics import Diagnostic, SeverityName, UnusableInputError
from lessonkit.problems import Location

if TYPE_CHECKING:
    from lessonkit.check.document import Document, TextUnit
    from lessonkit.load.yaml_tree import YamlDocument

RULES_DIR = "rules"
RULES_CODE = "E070"  # a rules folder that cannot be used (see lessonkit.diagnostics.codes)
UNUSABLE_RULES = "the rules folder needs fixing first"
COMMON = "common"
Role = Literal["student", "family", "teacher", "general"]
ROLES: Final = frozenset(get_args(Role))
Reads = Literal["documents", "packs"]
DOCUMENTS: Final = "documents"
PACKS: Final = "packs"


class RuleKind(NamedTuple):
    """One kind of rule: the function that runs it, what it does, and the `RuleSpec` fields it takes.

    `takes` lists the kind's own fields (every kind has the common ones: id, kind, severity,
    message, suggestion, rationale, source, applies); `needs` those of them a rule must give.
    `reads` is what the function checks: documents (`fn(rule, document)`) or country packs.
    A NamedTuple, not a dataclass: a registry entry is only read, and a frozen dataclass's
    generated methods are compiled on every start-up (about five times a NamedTuple's cost).
    """

    run: str  # "module:function", imported when a rule of this kind first runs
    does: str  # one line for the docs' table of kinds
    takes: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    reads: Reads = DOCUMENTS


# What the pattern kinds read (lessonkit.check.kinds.phrases: the patterns and their filters).
_FILTERS = ("negation", "skip_questions", "skip_quoted", "skip_refuted", "unless_defined", "exceptions")
_KINDS = "lessonkit.check.kinds"

# The registry of rule kinds. A rule file's `kind:` names one; the rule file schema (one pydantic
# model per kind, discriminated by `kind`, in rule_schema.py), the checker's dispatch and the
# docs' list of kinds are derived from it. A new kind is one entry here plus its function.
KINDS: Final[dict[str, RuleKind]] = {
    "existence": RuleKind(
        f"{_KINDS}.phrases:existence",
        "reports every match of its patterns (or of its `words`)",
        ("patterns", "words", *_FILTERS),
        ("patterns",),
    ),
    "substitution": RuleKind(
        f"{_KINDS}.phrases:substitution",
        "reports a term and suggests its replacement (`replacements: {pattern: replacement}`)",
        ("replacements", *_FILTERS),
        ("replacements",),
    ),
    "occurrence": RuleKind(
        f"{_KINDS}.phrases:occurrence",
        "reports a part where patterns occur more often than the limit",
        ("patterns", "words", "limits", *_FILTERS),
        ("patterns", "limits"),
    ),
    "readability": RuleKind(
        f"{_KINDS}.readability:readability",
        "scores each part with a formula against a per-band limit (Flesch-Kincaid by lessonkit's one-pass copy "
        "of textstat's formula, tested to give textstat's exact figure; the others through textstat); `formula`: "
        "`flesch-kincaid-grade`, `flesch-reading-ease`, `wiener-sachtextformel`, `fernandez-huerta`, `lix`",
        ("formula", "limits", "min_words"),
        ("formula", "limits"),
    ),
    "sentence-length": RuleKind(
        f"{_KINDS}.readability:sentence_length",
        "reports sentences longer than the band allows",
        ("limits",),
        ("limits",),
    ),
    "unfamiliar": RuleKind(
        f"{_KINDS}.unfamiliar:unfamiliar",
        "reports rare words (wordfreq Zipf below the band's limit) not defined in the lesson's `vocabulary`; "
        '`words` are allowed (names, inflected forms, compounds and clitics: see "Rare words" below)',
        ("words", "limits", "min_length", "skip_capitalised"),
        ("limits",),
    ),
    "required-section": RuleKind(
        f"{_KINDS}.structure:required_section", "a section kind must be present", ("sections",), ("sections",)
    ),
    "required-phrase": RuleKind(
        f"{_KINDS}.structure:required_phrase",
        "each listed section (or, `scope: any`, one of them) must match every group of patterns",
        ("sections", "groups", "scope"),
        ("sections", "groups"),
    ),
    "count": RuleKind(
        f"{_KINDS}.structure:count",
        "a list field (`objectives`, `key_messages`, `quiz`) has `limits: {min, max}` entries",
        ("field", "limits"),
        ("field", "limits"),
    ),
    "slide-density": RuleKind(
        f"{_KINDS}.structure:slide_density",
        "words per slide by band, bullets per slide",
        ("limits", "max_bullets"),
        ("limits",),
    ),
    "raw-contact": RuleKind(
        f"{_KINDS}.contact:raw_contact",
        "phone numbers, web and e-mail addresses outside help tokens (a dot-grouped German or Spanish figure, "
        '"26.718 denuncias", or a bare five- or six-digit figure dated by a year within five words, "10731 in 2022", '
        'or followed by what it counts, "18898 reports", is a count, not a number; a phone number written in groups '
        'of three with dots, "900.202.010", is read as a count in German and Spanish)',
    ),
    "disguised-words": RuleKind(
        f"{_KINDS}.disguised:disguised_words",
        "words that do not read as they look: an invisible character inside, a compatibility form, mixed scripts",
    ),
    "country-pack": RuleKind(
        "lessonkit.check.country_packs:check_country_pack",
        "country pack entries, by `check`: `source`, `verified` (age in `limits: {months}`), `schema`, `complete`",
        ("check", "limits"),
        ("check",),
        reads=PACKS,
    ),
    "classifier": RuleKind(
        f"{_KINDS}.classifier:classifier",
        "reports (as a warning) a sentence whose probability of a harmful class under a shipped linear model is "
        "above the band's limit, quoting the words that weighed most; `check` names the class, `field` the model "
        "file beside the rule file",
        ("check", "field", "limits", "min_words", "skip_questions", "skip_quoted"),
        ("check", "limits", "field"),
    ),
    "grammar": RuleKind(
        f"{_KINDS}.grammar:grammar",
        "reports a clause of the shape the rule describes (`shape`: subject, lemmas, negation, modality; see the "
        "linguistic layer in docs/checker.md), found by lemmas, clause subjects, negation scope and modality",
        ("shape", "skip_questions", "skip_quoted", "exceptions"),
        ("shape",),
    ),
}


@cache
def runner(kind: str) -> Callable[..., Any]:
    """The function that runs rules of this kind (imported on first use: start-up stays small)."""
    module, name = KINDS[kind].run.split(":")
    function: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return function


@dataclass(frozen=True)
class Applies:
    """Which documents and parts a rule reads; an absent list means 'all'."""

    audiences: list[str] | None = None
    bands: list[str] | None = None
    roles: list[Role] | None = None
    lessons_only: bool = False


@dataclass(frozen=True)
class RuleSpec:
    """One validated rule as plain data: the common fields, then the fields of the kinds (see KINDS).

    This is the one definition of a rule's fields: rule_schema.py builds each kind's pydantic
    model from it (with the kind's own fields only), and the JSON cache is checked against it.
    """

    id: str
    kind: str
    severity: SeverityName
    message: str
    rationale: str
    source: str
    suggestion: str = ""
    applies: Applies = Applies()
    patterns: list[str] = dataclasses.field(default_factory=list)
    words: list[str] = dataclasses.field(default_factory=list)
    replacements: dict[str, str] = dataclasses.field(default_factory=dict)
    groups: list[list[str]] = dataclasses.field(default_factory=list)
    sections: list[str] = dataclasses.field(default_factory=list)
    scope: Literal["each", "any"] = "each"
    negation: bool = False
    skip_questions: bool = False
    skip_quoted: bool = False
    # A rule that reads quotations (`skip_quoted: false`) may still skip a claim the text calls untrue where it
    # states it (a myth, a quiz answer marked wrong): `skip_quoted` skips those too.
    skip_refuted: bool = False
    unless_defined: bool = False
    # Patterns of wordings the rule's patterns must not judge: a match that lies wholly inside a
    # match of one of them is dropped ("your phone battery will die" is not a threat to a person).
    exceptions: list[str] = dataclasses.field(default_factory=list)
    formula: str = ""
    limits: dict[str, float] = dataclasses.field(default_factory=dict)
    min_words: int = 0
    min_length: int = 0
    skip_capitalised: bool = True
    max_bullets: int = 0
    field: str = ""
    check: str = ""
    shape: dict[str, str] = dataclasses.field(default_factory=dict)  # the `grammar` kind's clause shape


# The fields every kind has; the others belong to the kinds that take them.
COMMON_FIELDS: Final = ("id", "kind", "severity", "message", "rationale", "source", "suggestion", "applies")


@dataclass(frozen=True, eq=False)
class Rule:
    """A loaded rule: its spec plus the file-level pieces its patterns use."""

    spec: RuleSpec
    language: str
    define: dict[str, str]
    negation: str
    location: Location
    # The file's `confirmation:` pattern: read after a match that only reporting words negated (`Matcher.negated`).
    confirmation: str = ""

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


class Rulebook:
    """Every rule of a project, by language; from the cache, a language's rules are read when first asked for.

    A check of one English file needs the English and common rules only: reading the other
    languages' rules too (two thirds of the cache, Arabic alone half of it) was about a tenth of
    the start-up. `read(language)` gives one language's rules; languages read or given stay.
    """

    def __init__(
        self,
        rules: Iterable[Rule] = (),
        languages: Iterable[str] = (),
        read: Callable[[str], tuple[Rule, ...]] | None = None,
    ) -> None:
        grouped: dict[str, list[Rule]] = {}
        for rule in rules:
            grouped.setdefault(rule.language, []).append(rule)
        self._by_language: dict[str, tuple[Rule, ...]] = {k: tuple(v) for k, v in grouped.items()}
        self._all: tuple[str, ...] = tuple(sorted({*languages, *grouped}))  # rule folders, as the files sort
        self._read = read

    def own(self, language: str) -> tuple[Rule, ...]:
        """The rules of one folder only (`common` is a folder too), read on first ask."""
        found = self._by_language.get(language)
        if found is None:
            found = self._read(language) if self._read is not None and language in self._all else ()
            self._by_language[language] = found
        return found

    @property
    def rules(self) -> tuple[Rule, ...]:
        """Every rule, in the order of their files (every language is read)."""
        return tuple(rule for language in self._all for rule in self.own(language))

    def for_language(self, language: str) -> tuple[Rule, ...]:
        """Common rules plus the language's own rules (only those two are read)."""
        return tuple(rule for name in sorted({COMMON, language}) for rule in self.own(name))

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages that have their own rule folder under `rules/` (nothing is read to answer)."""
        return tuple(name for name in self._all if name != COMMON)


def load_rulebook(rules_dir: Path, cache_dir: Path | None = None) -> Rulebook:
    """Load every rule file under `rules_dir`; any problem is fatal and names its file and line.

    Validated rules are cached under `cache_dir`, one file per language, keyed by a hash of every
    rule file and of the code that defines a rule, because reading YAML with line numbers and
    validating it costs most of a second. The cache is JSON of plain values, signed with the
    user's own cache key (`lessonkit.cache_file`: a cache shipped inside a project cannot drop or
    change a rule) and checked field by field on reading (types and the allowed words), so a
    planted or damaged cache file can at worst be ignored, never run code. With every language's
    file there, a language is read when its rules are first asked for; otherwise every file is
    read and validated now (a broken rule file is reported before any checking) and the cache
    written. With a cache folder, the same key also names the matchers derived from these rules
    (`resources.use_rules_version`), so that file holds one version of the rules.
    """
    if not rules_dir.is_dir():
        raise UnusableInputError([Diagnostic(Location(rules_dir), RULES_CODE, "no rules folder")], UNUSABLE_RULES)
    files = sorted(rules_dir.glob("*/*.yml"))
    # The languages are the rule folders, read or not: the same answer from the cache and without it.
    languages = sorted({path.parent.name for path in files})
    if cache_dir is None:
        return Rulebook(_load_all(files).rules, languages)
    key = rules_cache_key(rules_dir, files)
    use_rules_version(key)  # the matchers derived from these rules are cached under this key too
    if all(rules_cache_path(cache_dir, key, language).is_file() for language in languages):

        def read(language: str) -> tuple[Rule, ...]:
            found = _read_cache(rules_cache_path(cache_dir, key, language), rules_dir, language)
            if found is None:  # damaged or not ours: read from the rule files and written again
                found = _write_cache(_load_all(files), cache_dir, key, rules_dir, languages).own(language)
            return found

        return Rulebook((), languages, read)
    return _write_cache(_load_all(files), cache_dir, key, rules_dir, languages)


_CACHE_FORMAT: Final = 3
# The modules whose code shapes a cached rule: a change to any makes a new cache file.
# (linguistic/shape.py checks grammar rules' shapes when they are loaded, reading each entry as
# linguistic/tokens.py and arabic.py tokenise text: a change there can make an entry dead or wordless.)
_SHAPE_CODE: Final = (
    Path(__file__),
    Path(__file__).with_name("rule_schema.py"),
    Path(__file__).parent / "linguistic" / "shape.py",
    Path(__file__).with_name("macros.py"),
    Path(__file__).parent / "linguistic" / "tokens.py",
    Path(__file__).parent / "linguistic" / "arabic.py",
)


def rules_cache_key(rules_dir: Path, files: Iterable[Path]) -> str:
    """A hash of the code that shapes a rule and of every rule file: it names the cache files."""
    digest = hashlib.sha256(f"{__version__}\0{_CACHE_FORMAT}\0".encode())
    for code in _SHAPE_CODE:
        digest.update(code.read_bytes() + b"\0")
    for path in files:
        digest.update(path.relative_to(rules_dir).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:32]


def rules_cache_path(cache_dir: Path, key: str, language: str) -> Path:
    """The cache file of one language's rules (`common` too) for the rule files hashed to `key`."""
    return cache_dir / f"rules-{language}-{key}.json"


def _write_cache(book: Rulebook, cache_dir: Path, key: str, rules_dir: Path, languages: list[str]) -> Rulebook:
    # A file for every folder, one without rules too: else that folder would make every run cold.
    for language in languages:
        record = _cache_record(book, rules_dir, language)
        write_sealed_file(rules_cache_path(cache_dir, key, language), json.dumps(record).encode("utf-8"))
    return Rulebook(book.rules, languages)


def _cache_record(book: Rulebook, rules_dir: Path, language: str) -> dict[str, Any]:
    return {
        "format": _CACHE_FORMAT,
        "language": language,
        "rules": [
            {
                "spec": dataclasses.asdict(r.spec),
                "language": r.language,
                "define": r.define,
                "negation": r.negation,
                "confirmation": r.confirmation,
                # Relative to the rules folder, so that a moved project still points at its files.
                "path": r.location.path.relative_to(rules_dir).as_posix(),
                "line": r.location.line,
                "column": r.location.column,
            }
            for r in book.own(language)
        ],
    }


class _NotACacheError(Exception):
    """The cache file does not hold what lessonkit writes there."""


def _want(ok: bool) -> None:
    if not ok:
        raise _NotACacheError


# Checking the cache is part of every run's start-up (148 rules, thousands of values), so the
# checks run in C where they can: `"".join(values)` raises TypeError unless every value is a
# str, and the types of a group of values are compared as one set. JSON holds exactly str, int,
# float, bool, None, list and dict (never a subclass), so `type(v) is T` tests what `isinstance`
# would, and also keeps a bool out of the int fields. Every field is still checked.


def _strings(value: object) -> list[str]:
    _want(type(value) is list)
    assert isinstance(value, list)
    "".join(value)  # TypeError unless every item is a str
    return value


def _string_map(value: object) -> dict[str, str]:
    _want(type(value) is dict)
    assert isinstance(value, dict)
    "".join(value)  # the keys, then the values: TypeError unless each is a str
    "".join(value.values())
    return value


def _groups(value: object) -> list[list[str]]:
    _want(type(value) is list)
    assert isinstance(value, list)
    return [_strings(group) for group in value]


def _limits(value: object) -> dict[str, float]:
    _want(type(value) is dict)
    assert isinstance(value, dict)
    "".join(value)
    _want({type(v) for v in value.values()} <= {int, float})
    return {k: float(v) for k, v in value.items()}


def _plain_spec(value: object) -> RuleSpec:
    """A RuleSpec from cached JSON, every field checked against the type it must have."""
    _want(type(value) is dict)
    assert isinstance(value, dict)
    _want(value.keys() == _SPEC_FIELDS.keys())
    "".join(_VALUES["str"](value))  # TypeError unless every str field holds a str
    _want({type(v) for v in _VALUES["bool"](value)} <= {bool})
    _want({type(v) for v in _VALUES["int"](value)} <= {int})
    values = dict(value)
    for check, convert in _CONVERT.items():
        for name in _NAMES[check]:
            values[name] = convert(value[name])
    _want(values["kind"] in KINDS and values["severity"] in ("error", "warning") and values["scope"] in ("each", "any"))
    return RuleSpec(**values)


def _plain_applies(value: object) -> Applies:
    _want(type(value) is dict)
    assert isinstance(value, dict)
    _want(value.keys() == {"audiences", "bands", "roles", "lessons_only"})
    audiences, bands, roles = (
        None if value[k] is None else _strings(value[k]) for k in ("audiences", "bands", "roles")
    )
    _want(roles is None or set(roles) <= ROLES)
    _want(type(value["lessons_only"]) is bool)
    return Applies(audiences, bands, roles, value["lessons_only"])  # type: ignore[arg-type]


# How a RuleSpec field is checked when read from the cache, by its declared type (a Literal is a
# string whose value is checked below); a field of a new type fails here, at import, until added.
_CHECKS: Final = {
    "str": "str",
    "bool": "bool",
    "int": "int",
    "list[str]": "strings",
    "list[list[str]]": "groups",
    "dict[str, str]": "string-map",
    "dict[str, float]": "limits",
    "Applies": "applies",
}
_SPEC_FIELDS: Final = {
    f.name: "str" if str(f.type).startswith(("Literal[", "SeverityName")) else _CHECKS[str(f.type)]
    for f in dataclasses.fields(RuleSpec)
}


def _getter(names: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """The values of some keys of a dict as one tuple (`itemgetter` needs two keys to give a tuple)."""
    if len(names) < 2:
        return lambda record: tuple(record[name] for name in names)
    return operator.itemgetter(*names)


# The fields of each check, and for the scalar checks a getter of their values in one call.
_NAMES: Final = {check: tuple(n for n, c in _SPEC_FIELDS.items() if c == check) for check in _CHECKS.values()}
_VALUES: Final = {check: _getter(_NAMES[check]) for check in ("str", "bool", "int")}
# The other checks also convert: the value they return is the field's value.
_CONVERT: Final[dict[str, Callable[[object], Any]]] = {
    "strings": _strings,
    "groups": _groups,
    "string-map": _string_map,
    "limits": _limits,
    "applies": _plain_applies,
}
assert {*_VALUES, *_CONVERT} == set(_CHECKS.values())  # every check is made


def _read_cache(path: Path, rules_dir: Path, language: str) -> tuple[Rule, ...] | None:
    data = read_sealed_file(path, limit=64 * 1024 * 1024)
    if data is None:
        return None
    try:
        record = json.loads(data)
        _want(type(record) is dict and record.get("format") == _CACHE_FORMAT)
        _want(record["language"] == language and type(record["rules"]) is list)
        rules: list[Rule] = []
        # Rules of one file share its path: each distinct path is checked and made a Path once.
        files: dict[str, Path] = {}
        for item in record["rules"]:
            _want(type(item) is dict and item.keys() == _RULE_KEYS)
            "".join((item["language"], item["negation"], item["confirmation"], item["path"]))  # TypeError unless str
            _want(item["language"] == language and type(item["line"]) is int and type(item["column"]) is int)
            where = item["path"]
            if where not in files:
                relative = Path(where)
                _want(not relative.is_absolute() and ".." not in relative.parts)
                files[where] = rules_dir / relative
            location = Location(files[where], item["line"], item["column"])
            spec = _plain_spec(item["spec"])
            define = _string_map(item["define"])
            rules.append(Rule(spec, item["language"], define, item["negation"], location, item["confirmation"]))
    except (_NotACacheError, ValueError, KeyError, TypeError, RecursionError):
        return None  # damaged or not ours: rebuilt from the rule files and written again
    return tuple(rules)


_RULE_KEYS: Final = {"spec", "language", "define", "negation", "confirmation", "path", "line", "column"}


def _load_all(files: list[Path]) -> Rulebook:
    read = [_load_file(path) for path in files]
    problems = [problem for _, found in read for problem in found]
    loaded = [one for one, _ in read if one is not None]
    tables, clashes = _folder_macros(loaded)
    problems += clashes
    rules: list[Rule] = []
    for one in loaded:
        made = [
            Rule(
                spec,
                one.language,
                _macros_of(spec, [one.negation, one.confirmation], tables[one.language]),
                one.negation,
                where,
                one.confirmation,
            )
            for spec, where in one.specs
        ]
        problems += _shape_problems(made, one.document, one.path)
        rules += made
    seen: dict[str, Rule] = {}
    for rule in rules:
        key = f"{rule.language}:{rule.id}"
        if key in seen:
            message = f"rule id '{rule.id}' is already defined at {seen[key].location}"
            problems.append(Diagnostic(rule.location, RULES_CODE, message))
        seen[key] = rule
    if problems:
        raise UnusableInputError(problems, UNUSABLE_RULES)
    return Rulebook(tuple(rules))


class _RuleFile(NamedTuple):
    """One validated rule file, before its rules are made: they need every macro of its folder."""

    path: Path
    document: YamlDocument
    language: str
    define: dict[str, str]
    negation: str
    confirmation: str
    specs: list[tuple[RuleSpec, Location]]


def _load_file(path: Path) -> tuple[_RuleFile | None, list[Diagnostic]]:
    # Only when the cache is cold (or absent): these imports cost a large part of start-up.
    from lessonkit.check.rule_schema import to_spec, validate_rule_file
    from lessonkit.load.yaml_tree import read_yaml_file

    document, problems = read_yaml_file(path)
    if document is None:
        return None, problems
    schema, problems = validate_rule_file(document, path)
    if schema is None:
        return None, problems
    if schema.language != path.parent.name:
        where = Location(path, document.line_of(("language",)), 1)
        return None, [
            Diagnostic(
                where, RULES_CODE, f"language '{schema.language}' does not match the folder '{path.parent.name}'"
            )
        ]
    specs = [(to_spec(spec), Location(path, document.line_of(("rules", i)), 1)) for i, spec in enumerate(schema.rules)]
    define = dict(schema.define)
    return _RuleFile(path, document, schema.language, define, schema.negation, schema.confirmation, specs), []


def _folder_macros(loaded: list[_RuleFile]) -> tuple[dict[str, dict[str, str]], list[Diagnostic]]:
    """Each language folder's macros: the `define` tables of all its files, a name defined in one file only.

    A macro such as REPORTED serves the pattern rules of tone.yml and the grammar rules of
    tone-grammar.yml alike; one definition per folder keeps the two from drifting apart.
    """
    tables: dict[str, dict[str, str]] = {}
    where: dict[tuple[str, str], Location] = {}
    problems: list[Diagnostic] = []
    for one in loaded:
        table = tables.setdefault(one.language, {})
        for name, value in one.define.items():
            here = Location(one.path, one.document.line_of(("define", name)), 1)
            first = where.setdefault((one.language, name), here)
            if first is not here:
                problems.append(Diagnostic(here, RULES_CODE, f"macro {name} is already defined at {first}"))
                continue
            table[name] = value
    return tables, problems


def _macros_of(spec: RuleSpec, negating: list[str], table: dict[str, str]) -> dict[str, str]:
    """The macros a rule names (in its fields, or its file's negation and confirmation), and those they name.

    The file's `negating` patterns (negation, confirmation) count only for a rule that reads them.

    A rule keeps these alone: the cache holds each rule's table, and a folder's whole table in
    every rule was two thirds of the cache file. A name not in the folder is left out here and
    reported, located at the rule, when its patterns compile.
    """
    from lessonkit.check.patterns import macros_used

    texts = [*_texts_in(dataclasses.asdict(spec)), *(negating if spec.negation else [])]
    return {name: table[name] for name in sorted(macros_used(texts, table))}


def _texts_in(value: object) -> Iterable[str]:
    """Every string inside a rule's fields (lists, mappings and their keys)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts_in(key)
            yield from _texts_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts_in(item)


def _shape_problems(rules: list[Rule], document: YamlDocument, path: Path) -> list[Diagnostic]:
    """Each grammar rule's shape compiled once, a problem located at the shape key it is about."""
    from lessonkit.check.linguistic.shape import ShapeError, compile_shape, dead_entry

    problems: list[Diagnostic] = []
    for i, rule in enumerate(rules):
        if rule.spec.kind != "grammar":
            continue
        try:
            err = dead_entry(compile_shape(rule.spec.shape, rule.define, rule.language))
        except ShapeError as raised:
            err = raised
        if err is not None:
            keys = ("rules", i, "shape", err.key) if err.key else ("rules", i, "shape")
            where = Location(path, document.line_of(keys), 1)
            problems.append(Diagnostic(where, RULES_CODE, f"rule {rule.id}: {err}"))
    return problems


def rule_ids(rules: Iterable[Rule]) -> set[str]:
    """The distinct ids of some rules."""
    return {r.id for r in rules}
