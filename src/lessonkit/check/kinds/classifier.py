"""The `classifier` kind: a small linear tone model, shipped as JSON, read in pure Python.

The patterns of the tone rules catch a harmful shape only in the wordings their author foresaw.
This kind adds a statistical second layer (issue 18): a multinomial logistic regression over word
uni- and bigrams and character 3-5-grams, trained per language by `scripts/train_classifier.py` on
the project's labelled corpus (`corpus/tone/<language>/`). It reports a **warning**, never an
error, for a sentence whose probability of one harmful class (blame, fear, shame) is above the
rule's limit, quoting the words that pushed it there.

Inference needs neither scikit-learn nor numpy: the features are computed here (the training
script calls the same `features` function, so the two cannot drift apart), weighted, summed and
passed through a softmax. The model file is JSON, never a pickle (a pickle runs code when it is
loaded, and rule folders come from other people); it is read only when a classifier rule runs,
and checked field by field, so a damaged file is a located error, not a traceback.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Final

from lessonkit.check.document import Document
from lessonkit.check.kinds import finding, units
from lessonkit.check.patterns import in_question, in_quotation
from lessonkit.check.rulebook import Rule
from lessonkit.check.sentences import WITHOUT_MARKS, WORD, sentences
from lessonkit.problems import LessonkitError, Location

if TYPE_CHECKING:
    # Only a type: the finding type is being renamed (Finding -> Diagnostic) while this is written.
    from lessonkit.diagnostics import Diagnostic

MODEL_FORMAT: Final = 1
GOOD: Final = "good"
CHAR_SIZES: Final = (3, 4, 5)
WORD_PREFIX: Final = "w:"
CHAR_PREFIX: Final = "c:"
# Apostrophes and quotation marks typed in several ways are one character to the model.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
# Quoted words in a sentence: double quotes of several languages, and single quotes that open
# after a space and close before one (not the apostrophe of "don't"). Educator guidance that
# cites a blaming sentence to avoid ("Never ask 'why did you send it?'") is judged without it.
_QUOTED = re.compile(
    '"[^"]*"|\u201c[^\u201d]*\u201d|\u201e[^\u201c\u201d]*[\u201c\u201d]|\u00ab[^\u00bb]*\u00bb'
    "|\u2018[^\u2019]*\u2019|(?<!\\w)'[^']*'(?!\\w)"
)


@dataclass(frozen=True)
class Token:
    """A word of a normalised sentence: where it is (for quoting) and its lower-case form."""

    start: int
    end: int
    form: str


def normalise(text: str) -> str:
    """NFKC, one kind of apostrophe: the text whose words the model sees and the warning quotes."""
    return unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)


def tokens(normalised: str) -> list[Token]:
    """The words of a normalised text, lower-cased, with Arabic vowel marks dropped."""
    return [Token(m.start(), m.end(), WITHOUT_MARKS.sub("", m.group()).lower()) for m in WORD.finditer(normalised)]


def raw_features(words: list[Token]) -> dict[str, int]:
    """Counts of word uni- and bigrams and of character 3-5-grams inside each word (padded with spaces)."""
    counts: dict[str, int] = {}
    forms = [t.form for t in words]
    for index, form in enumerate(forms):
        for key in _word_keys(forms, index):
            counts[key] = counts.get(key, 0) + 1
        for key in _char_keys(form):
            counts[key] = counts.get(key, 0) + 1
    return counts


def _word_keys(forms: list[str], index: int) -> list[str]:
    keys = [WORD_PREFIX + forms[index]]
    if index + 1 < len(forms):
        keys.append(f"{WORD_PREFIX}{forms[index]} {forms[index + 1]}")
    return keys


@lru_cache(maxsize=65536)
def _char_keys(form: str) -> tuple[str, ...]:
    # Words repeat far more than sentences do: each word's n-grams are built once per run.
    padded = f" {form} "
    return tuple(CHAR_PREFIX + padded[i : i + n] for n in CHAR_SIZES for i in range(len(padded) - n + 1))


def features(text: str) -> dict[str, float]:
    """The feature vector of a text: sublinear counts (1 + ln n), L2-normalised over every n-gram.

    The norm is taken before any feature is dropped from the model, so the vector of a sentence
    does not depend on which features a model kept; training and inference both call this.
    """
    counts = raw_features(tokens(normalise(text)))
    values = {key: 1.0 + math.log(n) if n > 1 else 1.0 for key, n in counts.items()}
    norm = math.sqrt(sum(v * v for v in values.values()))
    return {key: v / norm for key, v in values.items()} if norm else {}


@dataclass(frozen=True, eq=False)  # hashed by identity: one loaded model, many sentences
class Model:
    """A trained model: classes, one intercept per class, and per-feature weights (one per class)."""

    path: Path
    language: str
    classes: tuple[str, ...]
    intercepts: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]

    def decision(self, vector: dict[str, float]) -> list[float]:
        """The linear score of each class (scikit-learn's `decision_function`)."""
        totals = list(self.intercepts)
        # Most n-grams of a sentence are not in the model: the key sets are intersected in C, and
        # the few shared keys summed in sorted order, so that every run adds in the same order.
        for key in sorted(vector.keys() & self.weights.keys()):
            value = vector[key]
            totals = [total + value * weight for total, weight in zip(totals, self.weights[key], strict=True)]
        return totals

    def probabilities(self, text: str) -> list[float]:
        """The softmax of the decision scores (scikit-learn's multinomial `predict_proba`)."""
        scores = self.decision(features(text))
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def reasons(self, text: str, label: str, most: int = 4) -> list[str]:
        """The words and word pairs of `text` that pushed it most towards `label` rather than good text.

        A feature's share is its value times (its weight for the label minus its weight for good
        text); a character n-gram's share goes to the word it lies in. The quoted pieces are
        taken from the (normalised) sentence itself, so a reader finds them there.
        """
        target, good = self.classes.index(label), self.classes.index(GOOD)
        normalised = normalise(text)
        words = tokens(normalised)
        vector = features(text)
        counts = raw_features(words)
        forms = [t.form for t in words]

        def share(key: str) -> float:
            row = self.weights.get(key)
            return 0.0 if row is None else vector[key] * (row[target] - row[good]) / counts[key]

        pieces: dict[tuple[int, int], float] = {}
        for index, form in enumerate(forms):
            own = share(WORD_PREFIX + form) + sum(share(key) for key in _char_keys(form))
            pieces[(index, index)] = pieces.get((index, index), 0.0) + own
            if index + 1 < len(forms):
                pieces[(index, index + 1)] = share(f"{WORD_PREFIX}{form} {forms[index + 1]}")
        chosen: list[tuple[int, int]] = []
        for span, value in sorted(pieces.items(), key=lambda item: (-item[1], item[0])):
            if value <= 0 or len(chosen) == most:
                break
            if any(span[0] <= other[1] and other[0] <= span[1] for other in chosen):
                continue  # a word already quoted inside a chosen pair (or the other way round)
            chosen.append(span)
        return [normalised[words[a].start : words[b].end] for a, b in chosen]


def judged_text(text: str, skip_quoted: bool) -> str:
    """The sentence as the model reads it: without its quoted words when the rule skips quotations."""
    return _QUOTED.sub(" ", text) if skip_quoted else text


# --- the model file -------------------------------------------------------------------------------


class ModelFileError(LessonkitError):
    """A model file that is not what `scripts/train_classifier.py` writes."""


def _where(path: Path, source: str, needle: str | None) -> Location:
    """The line and column of `needle` (a JSON key as written) in the file, else its start."""
    offset = source.find(needle) if needle else -1
    if offset < 0:
        return Location(path, 1, 1)
    line = source.count("\n", 0, offset) + 1
    return Location(path, line, offset - (source.rfind("\n", 0, offset) + 1) + 1)


def _number(value: object) -> bool:
    return type(value) in (int, float) and math.isfinite(float(value))  # type: ignore[arg-type]


@cache
def load_model(path: Path) -> Model:
    """Read and check a model file (once per run); any problem is a located `ModelFileError`."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ModelFileError(f"{path}:1:1: cannot read the classifier model: {err}") from err
    try:
        data = json.loads(source)
    except json.JSONDecodeError as err:
        raise ModelFileError(f"{path}:{err.lineno}:{err.colno}: not valid JSON: {err.msg}") from err
    except RecursionError as err:
        raise ModelFileError(f"{path}:1:1: not valid JSON: nested too deeply") from err

    def fail(message: str, needle: str | None = None) -> ModelFileError:
        return ModelFileError(f"{_where(path, source, needle)}: classifier model: {message}")

    if not isinstance(data, dict):
        raise fail("the file must hold a JSON object")
    for name in ("format", "language", "classes", "intercepts", "features"):
        if name not in data:
            raise fail(f"'{name}' is missing")
    if data["format"] != MODEL_FORMAT:
        raise fail(f"'format' must be {MODEL_FORMAT}", '"format"')
    language, classes, intercepts, table = data["language"], data["classes"], data["intercepts"], data["features"]
    if not isinstance(language, str) or not language:
        raise fail("'language' must be a language code", '"language"')
    if not isinstance(classes, list) or not all(isinstance(c, str) and c for c in classes):
        raise fail("'classes' must be a list of class names", '"classes"')
    if len(set(classes)) != len(classes) or GOOD not in classes or len(classes) < 2:
        raise fail(f"'classes' must name distinct classes, '{GOOD}' among them", '"classes"')
    if not isinstance(intercepts, list) or len(intercepts) != len(classes) or not all(map(_number, intercepts)):
        raise fail(f"'intercepts' must be {len(classes)} numbers, one per class", '"intercepts"')
    if not isinstance(table, dict):
        raise fail("'features' must map each feature to its weights", '"features"')
    weights: dict[str, tuple[float, ...]] = {}
    for key, row in table.items():
        if not key.startswith((WORD_PREFIX, CHAR_PREFIX)):
            raise fail(f"feature {key!r} must start with '{WORD_PREFIX}' or '{CHAR_PREFIX}'", json.dumps(key))
        if not isinstance(row, list) or len(row) != len(classes) or not all(map(_number, row)):
            raise fail(f"feature {key!r} must have {len(classes)} numbers, one per class", json.dumps(key))
        weights[key] = tuple(float(w) for w in row)
    return Model(path, language, tuple(classes), tuple(float(b) for b in intercepts), weights)


def model_path(rule: Rule) -> Path:
    """The model file a rule names in `field`: a file next to the rule file."""
    name = rule.spec.field
    if not name or Path(name).name != name or name.startswith(".") or not name.endswith(".json"):
        raise LessonkitError(f"{rule.location}: rule {rule.id}: 'field' must name a .json file beside the rule file")
    return rule.location.path.parent / name


@lru_cache(maxsize=4096)
def _probabilities(model: Model, text: str) -> tuple[float, ...]:
    # One model serves a rule per harmful class: each sentence is scored once, not once per rule.
    return tuple(model.probabilities(text))


# --- the kind -------------------------------------------------------------------------------------


def classifier(rule: Rule, document: Document) -> Iterator[Diagnostic]:
    """Report each sentence whose probability of the rule's class (`check`) is above the band's limit."""
    limit = rule.limit(document.band)
    if limit is None:
        return
    model = load_model(model_path(rule))
    label = rule.spec.check
    if label not in model.classes or label == GOOD:
        raise LessonkitError(
            f"{rule.location}: rule {rule.id}: 'check' must be a harmful class of {model.path.name}: "
            + ", ".join(c for c in model.classes if c != GOOD)
        )
    target = model.classes.index(label)
    for unit in units(rule, document):
        text = unit.plain
        for sentence in sentences(unit):
            if rule.spec.skip_questions and in_question(text, sentence.start):
                continue
            if rule.spec.skip_quoted and in_quotation(text, sentence.start):
                continue  # a character's words, or a myth quoted to be refuted
            judged = judged_text(sentence.text, rule.spec.skip_quoted)
            if len(WORD.findall(judged)) < rule.spec.min_words:
                continue  # a fragment, or little left around a quotation ("Mia said: ...")
            probability = _probabilities(model, judged)[target]
            if probability > limit:
                words = ", ".join(f"'{w}'" for w in model.reasons(judged, label))
                yield finding(rule, unit.location(sentence.start), probability=f"{probability:.2f}", words=words)
