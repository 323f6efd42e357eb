"""Train the tone classifier of each language and write it as JSON beside that language's rules.

    .venv/bin/python scripts/train_classifier.py                 # every language with a corpus
    .venv/bin/python scripts/train_classifier.py --lang en --cv  # also the cross-validation figures
    .venv/bin/python scripts/train_classifier.py --curriculum    # curriculum sentences above each threshold

Input: `corpus/tone/<language>/*.yml` (`author`, `items: [{text, label, band, audience}]`).
Output: `rules/<language>/tone-classifier.json`, read by the `classifier` rule kind
(`src/lessonkit/check/kinds/classifier.py`), which computes the same features in pure Python.

The model is a multinomial logistic regression over the features of `classifier.features`
(word uni- and bigrams, character 3-5-grams inside words; NFKC, lower case; sublinear counts,
L2-normalised). It is fitted once on every feature, the `KEEP` features with the largest weights
are kept, and it is fitted again on those alone, so the file holds the whole model that was
fitted (nothing is cut off after the fact) and stays about a megabyte. Weights are rounded to `DIGITS`
decimals and the rounded model is the one scored and shipped. Training is deterministic: sorted
files, items in file order, lbfgs (no random state involved), fixed folds, and the BLAS pinned
(`BLAS_ENVIRONMENT`): OpenBLAS picks its kernels by CPU (AVX2, AVX-512) and splits some sums by
thread, and lbfgs then stops at weights that differ in the fourth decimal from one machine to another.

scikit-learn is a development dependency only (the `dev` extra); the checker never imports it.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from classifier_regression import EXAMPLES, NOTE, REGRESSION_AUTHOR, regression_items  # noqa: E402
from lessonkit.check.kinds.classifier import GOOD, MODEL_FORMAT, features  # noqa: E402

CORPUS = ROOT / "corpus" / "tone"
RULES = ROOT / "rules"
MODEL_FILE = "tone-classifier.json"
CLASSES = ("blame", "fear", GOOD, "shame")  # sorted: scikit-learn orders classes so
HARMFUL = tuple(c for c in CLASSES if c != GOOD)
# A weaker penalty and more features than the first models (C = 10, 6,000): cross-validated by author, they
# catch more of an unseen author's harm at the same false alarms (docs/checker.md, "Statistical layer");
# a model's size costs nothing at start since the cache keeps its compiled table.
C = 30.0  # inverse regularisation strength
KEEP = 20000  # features kept for the second fit
MIN_DF = 2  # a feature must occur in this many items (a one-off n-gram teaches nothing general)
DIGITS = 5  # decimals of the shipped weights
FOLDS = 5  # stratified folds for a language with a single author
GRID = (0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.92, 0.95)
# The OpenBLAS kernels and threads the shipped models were fitted with: the same file, bit for bit, on
# any x86-64 machine with AVX2 (measured: the default AVX-512 kernels, or one thread, move weights in the
# fourth decimal). OpenBLAS reads them when numpy is first imported, so `main` sets them before training
# and tests/test_classifier.py trains in a child process that has them.
BLAS_ENVIRONMENT = {"OPENBLAS_CORETYPE": "Haswell", "OPENBLAS_NUM_THREADS": "2"}


@dataclass(frozen=True)
class Item:
    author: str
    text: str
    label: str
    group: str = ""  # the cross-validation fold it is held out in: its author, or a curriculum fold


# The curriculum's own sentences, all meant to be good text, are a corpus file of their own (written
# by `--snapshot-curriculum`, not by an author): without them the model took the curriculum's
# registers (instructions, titles, teacher notes) for harm, and its limits had to stay so high that
# it caught a quarter of the harm of an author it had not seen. Quiz parts and sorting cards are left
# out: their wrong options and "myth" cards state the blaming or fatalistic ideas a lesson refutes.
CURRICULUM_AUTHOR = "curriculum"
NOT_GOOD_TEXT = frozenset({"quiz", "cards"})
CURRICULUM_FOLDS = 5  # held out by lesson: a lesson's sentences (and its translation's) in one fold


def corpus_files(corpus: Path, language: str) -> list[Path]:
    """The authors' files of a language, then the curriculum's and the regression examples' snapshots if there are."""
    snapshots = [curriculum_file(corpus, language), regression_file(corpus, language)]
    return sorted((corpus / language).glob("*.yml")) + [p for p in snapshots if p.is_file()]


def curriculum_file(corpus: Path, language: str) -> Path:
    """`corpus/curriculum/<language>.yml`: beside the authors' corpus, not in it, so that the tests that
    read the authors' sentences (the grammar layer's, the fast path's) do not read 4,000 lesson lines too."""
    return corpus.parent / "curriculum" / f"{language}.yml"


def regression_file(corpus: Path, language: str) -> Path:
    """`corpus/regression/<language>.yml`: the rules' examples as items (`classifier_regression`)."""
    return corpus.parent / "regression" / f"{language}.yml"


def file_name(corpus: Path, path: Path) -> str:
    """An author's file by its name (as models have always recorded it), the snapshot by its folder too."""
    return path.name if path.parent.parent == corpus else path.relative_to(corpus.parent).as_posix()


def load_corpus(corpus: Path, language: str) -> list[Item]:
    """Every item of a language, files sorted by name, items in file order; bad items stop training."""
    items: list[Item] = []
    for path in corpus_files(corpus, language):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("items"), list):
            raise SystemExit(f"{path}: expected a mapping with an 'items' list")
        author = str(data.get("author") or path.stem)
        for index, entry in enumerate(data["items"]):
            usable = isinstance(entry, dict) and isinstance(entry.get("text"), str)
            if not usable or entry.get("label") not in CLASSES:
                raise SystemExit(f"{path}: item {index}: needs a text and a label of {', '.join(CLASSES)}")
            items.append(Item(author, entry["text"], entry["label"], str(entry.get("group") or author)))
    return items


def corpus_sha256(corpus: Path, language: str) -> str:
    """A hash of the language's corpus files (names and bytes), recorded in the model."""
    digest = hashlib.sha256()
    for path in corpus_files(corpus, language):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@dataclass
class Fitted:
    """A fitted model: the vectoriser's feature order and the (rounded) scikit-learn estimator."""

    names: list[str]
    estimator: Any

    def matrix(self, texts: list[str]) -> Any:
        from sklearn.feature_extraction import DictVectorizer

        vectoriser = DictVectorizer(sort=False)
        vectoriser.feature_names_ = self.names
        vectoriser.vocabulary_ = {name: i for i, name in enumerate(self.names)}
        return vectoriser.transform([features(t) for t in texts])

    def decision(self, texts: list[str]) -> Any:
        return self.estimator.decision_function(self.matrix(texts))

    def probabilities(self, texts: list[str]) -> Any:
        return self.estimator.predict_proba(self.matrix(texts))


def _fit_on(vectors: list[dict[str, float]], labels: list[str], names: list[str]) -> Fitted:
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = DictVectorizer(sort=False)
    vectoriser.feature_names_ = names
    vectoriser.vocabulary_ = {name: i for i, name in enumerate(names)}
    matrix = vectoriser.transform(vectors)
    estimator = LogisticRegression(C=C, max_iter=5000, tol=1e-6)
    estimator.fit(matrix, labels)
    if tuple(estimator.classes_) != CLASSES:
        raise SystemExit(f"the corpus needs items of every class {CLASSES}, found {tuple(estimator.classes_)}")
    estimator.coef_ = np.round(estimator.coef_, DIGITS)
    estimator.intercept_ = np.round(estimator.intercept_, DIGITS)
    return Fitted(names, estimator)


def fit(texts: list[str], labels: list[str]) -> Fitted:
    """Fit on every feature, keep the KEEP strongest, fit again on those (see the module docstring)."""
    vectors = [features(t) for t in texts]
    frequency = Counter(key for vector in vectors for key in vector)
    everything = sorted(key for key, n in frequency.items() if n >= MIN_DF)
    first = _fit_on(vectors, labels, everything)
    strength = abs(first.estimator.coef_).max(axis=0)
    order = sorted(range(len(everything)), key=lambda i: (-strength[i], everything[i]))
    kept = sorted(everything[i] for i in order[:KEEP] if strength[i] > 0)
    return _fit_on(vectors, labels, kept)


def model_record(fitted: Fitted, language: str, corpus: Path, items: list[Item]) -> dict[str, Any]:
    """The JSON written to rules/<language>/tone-classifier.json."""
    import sklearn

    coef = fitted.estimator.coef_
    weights = {name: [float(coef[k, i]) for k in range(len(CLASSES))] for i, name in enumerate(fitted.names)}
    weights = {name: row for name, row in weights.items() if any(row)}
    return {
        "format": MODEL_FORMAT,
        "language": language,
        "classes": list(CLASSES),
        "intercepts": [float(b) for b in fitted.estimator.intercept_],
        "corpus": {
            "sha256": corpus_sha256(corpus, language),
            "files": [file_name(corpus, p) for p in corpus_files(corpus, language)],
            "authors": sorted({i.author for i in items}),
            "items": dict(sorted(Counter(i.label for i in items).items())),
        },
        "trained_with": {
            "script": "scripts/train_classifier.py",
            "scikit-learn": sklearn.__version__,
            "model": "LogisticRegression(multinomial, lbfgs)",
            "C": C,
            "kept_features": KEEP,
            "digits": DIGITS,
        },
        "features": dict(sorted(weights.items())),
    }


def dumps(record: dict[str, Any]) -> str:
    """The model as JSON with one feature per line (readable diffs), keys in a fixed order."""
    head = {k: v for k, v in record.items() if k != "features"}
    lines = ["{"]
    lines += [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in head.items()]
    lines.append('  "features": {')
    rows = [f"    {json.dumps(k, ensure_ascii=False)}: {json.dumps(v)}" for k, v in record["features"].items()]
    lines.append(",\n".join(rows))
    lines += ["  }", "}"]
    return "\n".join(lines) + "\n"


def train(language: str, corpus: Path = CORPUS) -> tuple[dict[str, Any], Fitted, list[Item]]:
    """The model record of one language, the fitted estimator it came from, and the items."""
    items = load_corpus(corpus, language)
    fitted = fit([i.text for i in items], [i.label for i in items])
    return model_record(fitted, language, corpus, items), fitted, items


# --- evaluation -----------------------------------------------------------------------------------


def out_of_fold(items: list[Item]) -> tuple[str, list[list[float]]]:
    """Probabilities of every item from a model that did not see it: by author, else stratified folds.

    The curriculum's sentences are held out by lesson (`group`), five folds, so its figure is what the
    model does on lessons it was not trained on; every author's fold is trained with all of them.
    """
    # The regression examples are always trained on, never held out: they were written against the
    # rules, not by an independent author, so no figure is taken from them.
    groups = sorted({i.group for i in items} - {REGRESSION_AUTHOR})
    authors = sorted({i.author for i in items} - {CURRICULUM_AUTHOR, REGRESSION_AUTHOR})
    probabilities: list[list[float]] = [[] for _ in items]
    if len(authors) >= 2:
        scheme = f"by author ({len(authors)} authors: trained on the others, tested on each"
        scheme += "; the curriculum by lesson, five folds)" if CURRICULUM_AUTHOR in {i.author for i in items} else ")"
        folds = [[n for n, i in enumerate(items) if i.group == g] for g in groups]
    else:
        from sklearn.model_selection import StratifiedKFold

        scheme = f"stratified {FOLDS}-fold (one author)"
        splitter = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=0)
        authored = [n for n, i in enumerate(items) if i.author != REGRESSION_AUTHOR]
        splitter_folds = splitter.split([items[n].text for n in authored], [items[n].label for n in authored])
        folds = [[authored[k] for k in test] for _, test in splitter_folds]
    for test in folds:
        held = set(test)
        train_items = [i for n, i in enumerate(items) if n not in held]
        fitted = fit([i.text for i in train_items], [i.label for i in train_items])
        for n, row in zip(test, fitted.probabilities([items[n].text for n in test]), strict=True):
            probabilities[n] = [float(p) for p in row]
    return scheme, probabilities


def cv_table(items: list[Item], probabilities: list[list[float]]) -> dict[str, Any]:
    """Per threshold: recall of each harmful class (as that class), harmful caught by any class, good flagged."""
    # Every item is scored but the rules' examples, which are never held out (`out_of_fold`).
    scored = [n for n, p in enumerate(probabilities) if p]
    harmful = [n for n in scored if items[n].label != GOOD]
    good = [n for n in scored if items[n].label == GOOD and items[n].author != CURRICULUM_AUTHOR]
    lessons = [n for n in scored if items[n].author == CURRICULUM_AUTHOR]
    table: dict[str, Any] = {}
    for limit in GRID:
        row: dict[str, Any] = {}
        flagged_any = {n: any(probabilities[n][CLASSES.index(c)] > limit for c in HARMFUL) for n in scored}
        for c in HARMFUL:
            k = CLASSES.index(c)
            of_class = [n for n in harmful if items[n].label == c]
            hits = [n for n in scored if probabilities[n][k] > limit]
            right = sum(1 for n in hits if items[n].label == c)
            row[c] = {
                "recall": f"{sum(1 for n in of_class if probabilities[n][k] > limit)}/{len(of_class)}",
                "precision": round(right / len(hits), 3) if hits else None,
            }
        row["harmful caught"] = f"{sum(flagged_any[n] for n in harmful)}/{len(harmful)}"
        row["good flagged"] = f"{sum(flagged_any[n] for n in good)}/{len(good)}"
        if lessons:
            row["curriculum flagged"] = f"{sum(flagged_any[n] for n in lessons)}/{len(lessons)}"
        table[str(limit)] = row
    return table


def _curriculum_pairs() -> tuple[Any, list[tuple[Any, str]]]:
    """The project's curriculum, and (lesson, language) for every lesson and every translation ready."""
    from lessonkit.check import run
    from lessonkit.check.translations import translated_lessons

    curriculum = run._load(ROOT, [])
    source = curriculum.config.source_language
    return curriculum, [(lesson, source) for lesson in curriculum.lessons] + translated_lessons(curriculum, ROOT)


def curriculum_sentences() -> dict[str, list[dict[str, str]]]:
    """Per language, every curriculum sentence a classifier rule judges, once, as a good corpus item.

    The sentences are what `lessonkit check` hands the model (questions and quoted words left out,
    fragments under the rule's word count skipped), from every part but quizzes and sorting cards.
    """
    from lessonkit.check.documents import lesson_document
    from lessonkit.check.kinds import units
    from lessonkit.check.kinds.classifier import judged_sentences
    from lessonkit.check.rulebook import load_rulebook

    book = load_rulebook(RULES)
    _, pairs = _curriculum_pairs()
    fold = {lesson_id: n % CURRICULUM_FOLDS for n, lesson_id in enumerate(sorted({p[0].id for p in pairs}))}
    found: dict[str, dict[str, dict[str, str]]] = {}
    for lesson, language in pairs:
        rules = [r for r in book.for_language(language) if r.spec.kind == "classifier"]
        if not rules:
            continue
        spec = rules[0].spec
        document = lesson_document(lesson, language)
        kept = found.setdefault(language, {})
        for unit in units(rules[0], document):
            if unit.kind in NOT_GOOD_TEXT:
                continue
            for _, text, words in judged_sentences(unit, spec.skip_questions, spec.skip_quoted):
                text = " ".join(text.split())
                if words >= spec.min_words and text not in kept:
                    kept[text] = {
                        "text": text,
                        "label": GOOD,
                        "lesson": lesson.id,
                        "part": unit.kind,
                        "group": f"{CURRICULUM_AUTHOR}-{fold[lesson.id] + 1}",
                    }
    return {language: list(items.values()) for language, items in sorted(found.items())}


def write_curriculum_snapshot(corpus: Path) -> None:
    """`corpus/curriculum/<language>.yml` for every language with curriculum text."""
    note = (
        "Generated by scripts/train_classifier.py --snapshot-curriculum from the curriculum "
        "(lessons and translations), every sentence good text; quizzes and sorting cards left out."
    )
    for language, items in curriculum_sentences().items():
        target = curriculum_file(corpus, language)
        write_snapshot(target, {"author": CURRICULUM_AUTHOR, "language": language, "note": note}, items)
        print(f"wrote {target}: {len(items)} sentences")


def write_snapshot(target: Path, head: dict[str, str], items: list[dict[str, str]]) -> None:
    """A generated corpus file: its head, then one item a line (readable diffs)."""
    lines = [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in head.items()] + ["items:"]
    lines += [f"  - {json.dumps(item, ensure_ascii=False)}" for item in items]
    target.parent.mkdir(exist_ok=True)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_regression_snapshot(corpus: Path) -> None:
    """`corpus/regression/<language>.yml` for each language of `classifier_regression.LANGUAGES`."""
    snapshots = (CURRICULUM_AUTHOR, REGRESSION_AUTHOR)
    authored = {
        language: {i.text for i in load_corpus(corpus, language) if i.author not in snapshots}
        for language in sorted(p.name for p in corpus.iterdir() if p.is_dir())
    }
    for language, items in regression_items(EXAMPLES, authored).items():
        target = regression_file(corpus, language)
        write_snapshot(target, {"author": REGRESSION_AUTHOR, "language": language, "note": NOTE}, items)
        print(f"wrote {target}: {len(items)} examples {dict(sorted(Counter(i['label'] for i in items).items()))}")


def curriculum_scores() -> list[tuple[str, str, str, float, str]]:
    """(language, rule, place, probability, words) for every curriculum sentence and harmful class.

    Checks the whole curriculum (lessons and every translation) as `lessonkit check` does, with only
    the classifier rules, their limits below 0 so that every sentence is reported with its figure.
    """
    import re

    from lessonkit.check import run
    from lessonkit.check.rulebook import Rulebook, load_rulebook

    book = load_rulebook(RULES)
    rules = tuple(
        dataclasses.replace(r, spec=dataclasses.replace(r.spec, limits={"default": -1.0}))
        for r in book.rules
        if r.spec.kind == "classifier"
    )
    curriculum, pairs = _curriculum_pairs()
    report = run.check_lessons(pairs, Rulebook(rules), run.Options(), curriculum)
    found = []
    for f in report.findings:
        code = getattr(f, "code", None) or getattr(f, "rule", "")
        if not code.startswith("tone.classifier-"):
            continue
        match = re.search(r"p = ([0-9.]+)\)", f.message)
        words = f.message.rsplit(": ", 1)[-1]
        language = re.search(r"\[([a-z]{2})\]", f.message)
        lang = language.group(1) if language else "en"
        found.append((lang, code, str(f.location), float(match.group(1)) if match else 0.0, words))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=RULES, help="rules folder (a <language>/ folder per model)")
    parser.add_argument("--lang", action="append", help="only these languages (default: every corpus folder)")
    parser.add_argument("--cv", action="store_true", help="cross-validate and print the figures per threshold")
    parser.add_argument("--no-write", action="store_true", help="do not write the model files")
    parser.add_argument("--report", type=Path, help="write the cross-validation figures as JSON here")
    parser.add_argument("--curriculum", action="store_true", help="score the curriculum's sentences (no training)")
    parser.add_argument(
        "--snapshot-regression",
        action="store_true",
        help="write the tone rules' examples as corpus/regression/<language>.yml (no training)",
    )
    parser.add_argument(
        "--snapshot-curriculum",
        action="store_true",
        help="write the curriculum's sentences as corpus/curriculum/<language>.yml (no training)",
    )
    args = parser.parse_args()
    if "numpy" not in sys.modules:  # always so when run as a script: the checker's modules never import it
        os.environ.update(BLAS_ENVIRONMENT)
    if args.snapshot_curriculum:
        write_curriculum_snapshot(args.corpus)
        return 0
    if args.snapshot_regression:
        write_regression_snapshot(args.corpus)
        return 0
    if args.curriculum:
        scores = curriculum_scores()
        if args.report:
            args.report.write_text(json.dumps(scores, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        for lang, code, place, p, words in sorted(scores, key=lambda s: -s[3]):
            if p > 0.5:
                print(f"{p:.2f} {lang} {code} {place} {words}")
        for limit in GRID:
            counts = Counter(lang for lang, _, _, p, _ in scores if p > limit)
            print(f"limit {limit}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        return 0
    languages = args.lang or sorted(p.name for p in args.corpus.iterdir() if p.is_dir() and any(p.glob("*.yml")))
    report: dict[str, Any] = {}
    for language in languages:
        record, _, items = train(language, args.corpus)
        print(f"{language}: {len(items)} items {record['corpus']['items']}, {len(record['features'])} features")
        if not args.no_write:
            target = args.out / language / MODEL_FILE
            target.write_text(dumps(record), encoding="utf-8")
            print(f"  wrote {target}")
        if args.cv:
            scheme, probabilities = out_of_fold(items)
            table = cv_table(items, probabilities)
            report[language] = {"scheme": scheme, "items": record["corpus"]["items"], "by_threshold": table}
            print(f"  cross-validation: {scheme}")
            for limit, row in table.items():
                cells = "  ".join(f"{c} {row[c]['recall']} (prec {row[c]['precision']})" for c in HARMFUL)
                print(f"   >{limit}: {cells}  harmful {row['harmful caught']}  good flagged {row['good flagged']}")
    if args.report:
        args.report.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
