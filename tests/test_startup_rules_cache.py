"""The rules cache is checked on reading as completely as before, only faster (start-up, issue 18).

`rulebook._read_cache` checks a whole group of values in one call (`"".join` refuses anything
but a str, types compared as one set). Here it is held to the field-by-field check it replaced
(kept below as the reference): for a signed cache with any one value replaced by any JSON value,
both accept or both refuse, and what is accepted is the same rules with values of the same types.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessonkit.cache_file import seal, unseal
from lessonkit.check import rulebook
from lessonkit.check.rulebook import KINDS, ROLES, Rulebook, load_rulebook, rules_cache_key, rules_cache_path

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"


class _RefusedError(Exception):
    pass


def _want(ok: bool) -> None:
    if not ok:
        raise _RefusedError


def _strings(value: object) -> list[str]:
    _want(isinstance(value, list) and all(isinstance(v, str) for v in value))
    assert isinstance(value, list)
    return [str(v) for v in value]


def _string_map(value: object) -> dict[str, str]:
    _want(isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()))
    assert isinstance(value, dict)
    return {str(k): str(v) for k, v in value.items()}


def _reference_spec(value: object) -> dict[str, Any]:
    """The check of a cached spec before the fast one: each field by the type it is declared with."""
    _want(isinstance(value, dict) and set(value) == set(rulebook._SPEC_FIELDS))
    assert isinstance(value, dict)
    values: dict[str, Any] = {}
    for name, kind in rulebook._SPEC_FIELDS.items():
        item = value[name]
        if kind == "str":
            _want(isinstance(item, str))
        elif kind == "bool":
            _want(isinstance(item, bool))
        elif kind == "int":
            _want(type(item) is int)
        elif kind == "strings":
            item = _strings(item)
        elif kind == "groups":
            _want(isinstance(item, list))
            item = [_strings(group) for group in item]
        elif kind == "string-map":
            item = _string_map(item)
        elif kind == "limits":
            _want(isinstance(item, dict))
            _want(all(isinstance(k, str) and type(v) in (int, float) for k, v in item.items()))
            item = {k: float(v) for k, v in item.items()}
        elif kind == "applies":
            _want(isinstance(item, dict) and set(item) == {"audiences", "bands", "roles", "lessons_only"})
            lists = [None if item[k] is None else _strings(item[k]) for k in ("audiences", "bands", "roles")]
            _want(lists[2] is None or set(lists[2]) <= ROLES)
            _want(isinstance(item["lessons_only"], bool))
            item = {"audiences": lists[0], "bands": lists[1], "roles": lists[2], "lessons_only": item["lessons_only"]}
        values[name] = item
    _want(values["kind"] in KINDS and values["severity"] in ("error", "warning") and values["scope"] in ("each", "any"))
    return values


def _reference(record: object, rules_dir: Path) -> list[str] | None:
    """The rules the reference check accepts (as typed reprs), or None when it refuses the record."""
    try:
        _want(isinstance(record, dict) and record.get("format") == 3 and isinstance(record["rules"], list))
        assert isinstance(record, dict)
        _want(record["language"] == "en")  # the file of one language holds that language's rules only
        rows = []
        for item in record["rules"]:
            _want(isinstance(item, dict) and set(item) == rulebook._RULE_KEYS)
            _want(
                item["language"] == "en" and isinstance(item["negation"], str) and isinstance(item["confirmation"], str)
            )
            _want(isinstance(item["path"], str) and type(item["line"]) is int and type(item["column"]) is int)
            relative = Path(item["path"])
            _want(not relative.is_absolute() and ".." not in relative.parts)
            where = (rules_dir / relative, item["line"], item["column"])
            spec, define = _reference_spec(item["spec"]), _string_map(item["define"])
            rows.append(repr((spec, item["language"], define, item["negation"], item["confirmation"], where)))
    except (_RefusedError, KeyError, TypeError):
        return None
    return rows


def _typed_rows(book: Rulebook) -> list[str]:
    """Each rule as the repr of its values: an int where a float was (`3` for `3.0`) would differ."""
    rows = []
    for rule in book.rules:
        spec = dataclasses.asdict(rule.spec)
        where = (rule.location.path, rule.location.line, rule.location.column)
        rows.append(repr((spec, rule.language, rule.define, rule.negation, rule.confirmation, where)))
    return rows


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The JSON record of the real rules' cache, as lessonkit writes it."""
    folder = tmp_path_factory.mktemp("cache")
    load_rulebook(RULES, folder)
    cache = rules_cache_path(folder, rules_cache_key(RULES, sorted(RULES.glob("*/*.yml"))), "en")
    data: dict[str, Any] = json.loads(unseal(cache.name, cache.read_bytes()) or b"")
    return data


def _read(record: object, folder: Path) -> Rulebook | None:
    """`_read_cache` of the record, signed with the user's key (so only the checks on reading judge it)."""
    path = folder / "rules-test.json"
    path.write_bytes(seal(path.name, json.dumps(record).encode()) or b"")
    rules = rulebook._read_cache(path, RULES, "en")
    return None if rules is None else Rulebook(rules)


def test_the_written_cache_reads_back_as_the_reference_reads_it(record: dict[str, Any], tmp_path: Path) -> None:
    book = _read(record, tmp_path)
    assert book is not None and len(book.rules) == len(record["rules"]) > 20
    assert _typed_rows(book) == _reference(record, RULES)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=False, width=32) | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=6,
)
# Values shaped like the real ones, one item wrong: these reach the checks inside lists and maps.
NEAR_VALUES = st.sampled_from(
    [
        ["a", 1],
        ["a", None],
        [["a"], [1]],
        [["a"], "b"],
        ["a"],
        {"a": 1},
        {"a": ["b"]},
        {"default": True},
        {"default": "9"},
        {"default": 9},
        {"default": 9.5},
        {"audiences": None, "bands": None, "roles": ["robot"], "lessons_only": False},
        {"audiences": None, "bands": None, "roles": None, "lessons_only": 0},
        {"audiences": ["students", 1], "bands": None, "roles": None, "lessons_only": False},
        {"audiences": None, "bands": None, "roles": None, "lessons_only": True},
        "../x.yml",
        "/etc/passwd",
        "en/x.yml",
        True,
        1,
        1.0,
        "bogus",
        "warning",
        "any",
    ]
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_changed_value_is_judged_as_the_reference_judges_it(
    record: dict[str, Any], tmp_path: Path, data: st.DataObject
) -> None:
    changed = copy.deepcopy(record)
    item = changed["rules"][data.draw(st.integers(0, len(changed["rules"]) - 1), label="rule")]
    place = data.draw(st.sampled_from(["item", "spec", "applies"]), label="where")
    target = item if place == "item" else item["spec"] if place == "spec" else item["spec"]["applies"]
    key = data.draw(st.sampled_from(sorted(target)), label="key")
    target[key] = data.draw(NEAR_VALUES | JSON_VALUES, label="value")
    book = _read(changed, tmp_path)
    expected = _reference(changed, RULES)
    assert (None if book is None else _typed_rows(book)) == expected


@pytest.mark.parametrize(
    "damage",
    [
        lambda r: r["rules"][0]["spec"]["patterns"].append(7),
        lambda r: r["rules"][0]["spec"].update(words="abc"),
        lambda r: r["rules"][0]["spec"].update(groups=[["a"], [None]]),
        lambda r: r["rules"][0]["spec"].update(replacements={"a": 1}),
        lambda r: r["rules"][0]["spec"].update(shape={"a": ["b"]}),
        lambda r: r["rules"][0]["spec"].update(negation=1),
        lambda r: r["rules"][0]["spec"].update(min_length=1.0),
        lambda r: r["rules"][0]["spec"].update(message=None),
        lambda r: r["rules"][0]["spec"].update(limits={"default": False}),
        lambda r: r["rules"][0]["spec"]["applies"].update(lessons_only=0),
        lambda r: r["rules"][0]["spec"]["applies"].update(roles="student"),
        lambda r: r["rules"][0].update(language=5),
        lambda r: r["rules"][0].update(path="/etc/passwd"),
        lambda r: r["rules"][-1].update(path="en/../../x.yml"),
        lambda r: r["rules"][-1].update(column=True),
        lambda r: r["rules"][-1].update(define=["x"]),
        lambda r: r.update(rules={}),
        lambda r: r.update(language="de"),
        lambda r: r.pop("language"),
    ],
)
def test_a_signed_cache_with_one_wrong_value_is_refused(record: dict[str, Any], tmp_path: Path, damage: Any) -> None:
    changed = copy.deepcopy(record)
    damage(changed)
    assert _reference(changed, RULES) is None  # the damage is one the reference refused too
    assert _read(changed, tmp_path) is None


def test_a_check_of_an_english_text_reads_only_the_english_and_common_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every language's rules were read on every run: Arabic alone is half the cache, and a check of
    # one small English file spent about a sixth of its start-up on rules it never ran.
    from lessonkit.check.documents import text_document
    from lessonkit.check.engine import apply_suppressions, check_document
    from lessonkit.check.run import known_rules

    load_rulebook(RULES, tmp_path)  # the cache of every language, written
    read: list[str] = []
    original = rulebook._read_cache

    def spy(path: Path, rules_dir: Path, language: str) -> tuple[rulebook.Rule, ...] | None:
        read.append(language)
        return original(path, rules_dir, language)

    monkeypatch.setattr(rulebook, "_read_cache", spy)
    book = load_rulebook(RULES, tmp_path)
    assert read == []
    text = "If someone tricks you, it is never your fault. You are stupid.\n"
    document = text_document(Path("x.md"), text, "en", "students", "8-10")
    findings = check_document(document, list(book.for_language("en")))
    assert any(f.code.startswith("tone.") for f in findings)  # the English rules ran
    kept, _ = apply_suppressions(findings, text, Path("x.md"), known_rules(book))
    assert kept == findings
    assert sorted(read) == ["common", "en"]
    # A suppression must name a known rule of any language: only then is every language read.
    comment = '<!-- lessonkit: ignore tone.no-such-rule "a reason" -->\n'
    kept, _ = apply_suppressions([], comment, Path("x.md"), known_rules(book))
    assert [f.code for f in kept] == ["check.suppression"] and "unknown rule" in kept[0].message
    assert sorted(read) == ["ar", "common", "de", "en", "es"]
    assert book.languages == ("ar", "de", "en", "es")


def test_cold_warm_and_uncached_rulebooks_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rules = tmp_path / "rules"
    for name in ("common", "en"):
        shutil.copytree(RULES / name, rules / name)
    cache = tmp_path / "cache"
    cold = load_rulebook(rules, cache)  # reads the rule files, writes a file per folder
    uncached = load_rulebook(rules)
    loads: list[int] = []
    original = rulebook._load_all
    monkeypatch.setattr(rulebook, "_load_all", lambda files: loads.append(1) or original(files))
    warm = load_rulebook(rules, cache)
    assert cold.languages == warm.languages == uncached.languages == ("en",)
    assert [r.id for r in warm.rules] == [r.id for r in cold.rules] == [r.id for r in uncached.rules]
    assert warm.for_language("de") == warm.for_language("common") and len(warm.for_language("en")) > 20
    assert loads == []  # the warm run read the cache, not the rule files
