"""The tone classifier (issue 18 item 1): shipped models, pure-Python inference, warnings, bad model files, start-up.

Training needs scikit-learn (the `dev` extra). Without it these tests skip on a developer's
machine, but fail when CI is set: there the shipped models must be proven to come from the corpus.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from lessonkit.check.documents import text_document
from lessonkit.check.engine import check_document
from lessonkit.check.kinds.classifier import GOOD, judged_text, load_model
from lessonkit.check.rulebook import Rule, load_rulebook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
LANGUAGES = sorted(p.parent.name for p in (ROOT / "rules").glob("*/tone-classifier.json"))


def _need_sklearn() -> None:
    if importlib.util.find_spec("sklearn") is None:
        if os.environ.get("CI"):
            pytest.fail("scikit-learn is missing: install the dev extra (CI must train and compare the models)")
        pytest.skip("scikit-learn is not installed (pip install -e '.[dev]'); CI runs this test")


@cache
def _trained_model_file(language: str) -> str:
    """The model file training on the committed corpus writes, trained in a child process with the BLAS pinned.

    OpenBLAS reads its settings when numpy is first imported, which in this process may already have
    happened (train_classifier.BLAS_ENVIRONMENT says why they are pinned).
    """
    import train_classifier

    code = "import sys, train_classifier as t; sys.stdout.write(t.dumps(t.train(sys.argv[1])[0]))"
    done = subprocess.run(
        [sys.executable, "-c", code, language],
        cwd=ROOT / "scripts",
        env={**os.environ, **train_classifier.BLAS_ENVIRONMENT},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _shipped_as_scikit_learn(language: str) -> Any:
    """The shipped model's weights in a scikit-learn estimator (`train_classifier.Fitted`), for inference."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    import train_classifier

    record = json.loads((ROOT / "rules" / language / train_classifier.MODEL_FILE).read_text(encoding="utf-8"))
    names = list(record["features"])
    estimator = LogisticRegression(C=train_classifier.C)
    estimator.classes_ = np.array(record["classes"])
    estimator.coef_ = np.array([[record["features"][n][k] for n in names] for k in range(len(record["classes"]))])
    estimator.intercept_ = np.array(record["intercepts"])
    estimator.n_features_in_ = len(names)
    return train_classifier.Fitted(names, estimator)


def _rules(language: str) -> list[Rule]:
    return [r for r in load_rulebook(ROOT / "rules").for_language(language) if r.spec.kind == "classifier"]


def test_every_language_with_a_corpus_ships_a_model_and_rules() -> None:
    corpora = sorted(p.name for p in (ROOT / "corpus" / "tone").iterdir() if any(p.glob("*.yml")))
    assert corpora, "no corpus"
    assert corpora == LANGUAGES
    for language in LANGUAGES:
        assert {r.spec.check for r in _rules(language)} == {"blame", "fear", "shame"}, language
        assert all(r.spec.severity == "warning" for r in _rules(language)), "the classifier never reports errors"


@pytest.mark.slow  # training takes tens of seconds per language
@pytest.mark.parametrize("language", LANGUAGES)
def test_shipped_model_is_what_training_on_the_committed_corpus_gives(language: str) -> None:
    _need_sklearn()
    import train_classifier

    trained = _trained_model_file(language)
    shipped = (ROOT / "rules" / language / train_classifier.MODEL_FILE).read_text(encoding="utf-8")
    corpus = json.loads(trained)["corpus"]
    assert json.loads(shipped)["corpus"] == corpus, "the corpus changed: run scripts/train_classifier.py"
    assert shipped == trained


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
def test_pure_python_inference_equals_scikit_learn(language: str) -> None:
    _need_sklearn()
    import train_classifier

    # The shipped weights in scikit-learn: inference compared on the model the checker runs, whatever this
    # machine's BLAS would fit (that the file is what training gives is the test above).
    fitted = _shipped_as_scikit_learn(language)
    model = load_model(ROOT / "rules" / language / "tone-classifier.json")
    texts = [i.text for i in train_classifier.load_corpus(train_classifier.CORPUS, language)]
    expected = fitted.decision(texts)
    probabilities = fitted.probabilities(texts)
    assert list(model.classes) == [str(c) for c in fitted.estimator.classes_]
    worst = 0.0
    for n, text in enumerate(texts):
        pairs = [*zip(model.decision(_features(text)), expected[n], strict=True)]
        pairs += zip(model.probabilities(text), probabilities[n], strict=True)
        pairs += zip(model.fast_probabilities(text), probabilities[n], strict=True)  # what the checker runs
        worst = max(worst, *(abs(a - float(b)) for a, b in pairs))
    assert worst < 1e-9


def _features(text: str) -> dict[str, float]:
    from lessonkit.check.kinds.classifier import features

    return features(text)


def _run(language: str, text: str, limit: float, band: str = "11-13") -> list[Any]:
    rules = [
        dataclasses.replace(r, spec=dataclasses.replace(r.spec, limits={"default": limit})) for r in _rules(language)
    ]
    document = text_document(Path("draft.md"), text, language, "students", band)
    return check_document(document, rules)


def test_a_warning_quotes_words_of_its_sentence() -> None:
    sentence = "Honestly, you brought all of this on yourself by chatting to strangers every night."
    findings = _run("en", sentence, 0.3)
    assert findings, "a blaming sentence scored above 0.3 by no class"
    for found in findings:
        assert found.severity == "warning"
        quoted = found.message.split("reacted to: ", 1)[1]
        words = [w.strip("'") for w in quoted.split("', '")]
        assert 1 <= len(words) <= 4
        assert all(w and w in sentence for w in words), (words, sentence)


def test_shipped_thresholds_keep_supportive_text_quiet() -> None:
    text = "It is never your fault. You can always talk to an adult you trust, and they will help you."
    for language in ("en",):
        rules = _rules(language)
        document = text_document(Path("draft.md"), text, language, "students", "8-10")
        assert check_document(document, rules) == []


def test_quoted_words_and_questions_are_not_judged() -> None:
    assert "why did you" not in judged_text("Never ask 'why did you send it?' because it blames.", True)
    assert "why did you" in judged_text("Never ask 'why did you send it?' because it blames.", False)
    assert "don't" in judged_text("You don't have to answer, it's okay.", True)  # apostrophes are not quotes
    # A German quotation closed by a straight mark (plain text straightens “) ends there.
    judged = judged_text('Mia schrieb: „Was für eine Legende." Dann rief sie ihre Mutter an.', True)
    assert "Legende" not in judged and "Dann rief sie ihre Mutter an." in judged
    blaming = "It was your own fault for sending that picture, you should have known better."
    assert _run("en", blaming, 0.0)
    assert _run("en", f'Mia\'s cousin said: "{blaming}"', 0.0) == []
    assert _run("en", "Was it your own fault for sending that picture to him?", 0.0) == []


def _project(tmp_path: Path, model: str, check: str = "blame") -> Path:
    rules = tmp_path / "rules" / "en"
    rules.mkdir(parents=True)
    (rules / "tone-classifier.json").write_text(model, encoding="utf-8")
    source = (ROOT / "rules" / "en" / "classifier.yml").read_text(encoding="utf-8")
    (rules / "classifier.yml").write_text(source.replace("check: blame", f"check: {check}"), encoding="utf-8")
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    for name in ("curriculum.yml", "sources.yml"):
        (lessons / name).write_bytes((ROOT / "lessons" / name).read_bytes())
    (tmp_path / "draft.md").write_text("You should have known better than to trust him online.\n", encoding="utf-8")
    return tmp_path


def _check(project: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "lessonkit", "check", "draft.md", "--audience", "students", "--band", "11-13"]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=120, check=False)


GOOD_MODEL = {
    "format": 1,
    "language": "en",
    "classes": ["blame", "fear", GOOD, "shame"],
    "intercepts": [0.0, 0.0, 0.0, 0.0],
    "features": {"w:known": [100.0, 0.0, 0.0, 0.0]},
}


@pytest.mark.parametrize(
    ("text", "where", "says"),
    [
        ('{"format": 1,\n  "language": "en",\n  "classes": [,]}', ":3:15:", "not valid JSON"),
        (json.dumps({**GOOD_MODEL, "format": 2}, indent=1), ":2:2:", "'format' must be 1"),
        (json.dumps({**GOOD_MODEL, "intercepts": [0.0]}, indent=1), ":10:2:", "'intercepts' must be 4 numbers"),
        (json.dumps({**GOOD_MODEL, "features": {"w:known": [1.0, "x", 0, 0]}}, indent=1), ":17:3:", "4 numbers"),
        (json.dumps({**GOOD_MODEL, "features": {"known": [1.0, 0, 0, 0]}}, indent=1), ":17:3:", "must start with"),
        (json.dumps([1, 2]), ":1:1:", "a JSON object"),
        # An integer beyond float range must not reach float() (OverflowError, a traceback).
        (json.dumps({**GOOD_MODEL, "intercepts": [10**400, 0, 0, 0]}, indent=1), ":10:2:", "'intercepts' must be 4"),
        (json.dumps({**GOOD_MODEL, "intercepts": [0, 0, 1e7, 0]}, indent=1), ":10:2:", "between -1e6 and 1e6"),
        # Finite but huge weights overflow the scores (inf - inf) or silence every warning.
        (
            json.dumps({**GOOD_MODEL, "features": {"w:known": [1e308, 1e308, -1e308, 1e308]}}, indent=1),
            ":17:3:",
            "4 numbers between -1e6 and 1e6",
        ),
        (json.dumps({**GOOD_MODEL, "features": {"w:known": [-(10**400), 0, 0, 0]}}, indent=1), ":17:3:", "4 numbers"),
        # More than 4300 digits: json.loads raises a plain ValueError that says nothing of where.
        ('{"format": 1,\n "intercepts": [' + "1" * 5000 + "]}", ":2:17:", "a number is too long"),
    ],
)
def test_a_malformed_model_file_is_a_located_error(tmp_path: Path, text: str, where: str, says: str) -> None:
    result = _check(_project(tmp_path, text))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert f"tone-classifier.json{where}" in result.stderr + result.stdout, result.stderr
    assert says in result.stderr + result.stdout


def test_a_rule_naming_no_class_of_the_model_is_a_located_error(tmp_path: Path) -> None:
    result = _check(_project(tmp_path, json.dumps(GOOD_MODEL), check="anger"))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "classifier.yml:" in result.stderr and "'check' must be a harmful class" in result.stderr


def test_a_well_formed_model_file_works(tmp_path: Path) -> None:
    result = _check(_project(tmp_path, json.dumps(GOOD_MODEL)))
    assert "warning tone.classifier-blame" in result.stdout, result.stdout + result.stderr
    assert "'known'" in result.stdout


def test_checking_a_small_file_imports_neither_numpy_nor_scikit_learn(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("You should have known better than to trust him online. Talk to an adult.\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from lessonkit.cli import main\n"
        f"sys.argv = ['lessonkit', 'check', {str(draft)!r}, '--audience', 'students', '--band', '11-13']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "import lessonkit.check.kinds.classifier as c\n"
        "assert c.load_model.cache_info().currsize == 1, 'the classifier did not run'\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'numpy', 'sklearn', 'scipy'}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
