"""A rule's program cut to the phrases a text holds the strings of finds exactly what the whole program finds.

`Matcher._pruned` (start-up: one small file compiles a few phrases of a large rule, not the whole
rule) leaves out every phrase one of whose needed strings is missing from the text. Every test
compares the hits (span, text, named groups) with the rule's whole scanner on the same text, for
every pattern rule of every language, on the rules' examples, the regression sentences and the
labelled corpus of the rule's language.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from checker_support import rulebook
from lessonkit import linear_re
from lessonkit.check import patterns
from lessonkit.check.anchors import fold
from lessonkit.check.kinds.phrases import matcher
from lessonkit.check.patterns import Matcher
from lessonkit.check.rulebook import Rule
from lessonkit.linear_re import Hit, Scanner, ascii_form, word_bounded
from test_linear_re_ascii import _sentences

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "de", "es", "ar")


def _hits(found: list[Hit]) -> list[tuple[int, int, str, dict[str, str | None]]]:
    return [(h.start, h.end, h.text, dict(h.groups)) for h in found]


def _corpus(language: str) -> list[str]:
    texts = []
    for path in sorted((ROOT / "corpus" / "tone" / language).glob("*.yml")):
        texts += [item["text"] for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]]
    return texts


def _matchers(rule: Rule) -> list[Matcher]:
    if rule.spec.kind in ("existence", "occurrence"):
        return [matcher(rule)]
    if rule.spec.kind == "substitution":
        return [matcher(rule, [p]) for p in rule.spec.replacements]
    return []


def _parts(made: Matcher) -> list[tuple[int, Scanner, object]]:
    parts: list[tuple[int, Scanner, object]] = []
    if made.scanner is not None and made.pieces is not None:
        parts.append((0, made.scanner, made.pieces))
    if made.linear_part is not None and made.linear_pieces is not None:
        parts.append((1, made.linear_part, made.linear_pieces))
    return parts


@pytest.mark.parametrize("language", LANGUAGES)
def test_pruned_programs_find_what_the_whole_rule_finds(language: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns, "_PRUNED_PROGRAMS", 1 << 20)  # every text gets its own program here
    texts = [*_sentences(), *_corpus(language)]
    folded = [fold(t) for t in texts]
    compared = with_hits = ruled = 0
    for rule in rulebook().rules:
        if rule.language != language:
            continue
        for made in _matchers(rule):
            for which, scanner, pieces in _parts(made):
                ruled += 1
                for text, text_folded in zip(texts, folded, strict=True):
                    if not made.may_match(text_folded):
                        continue  # `_hits` reads no part that the anchor rules out
                    pruned = made._pruned(scanner, which, pieces, text, text_folded)
                    if pruned is None:
                        continue  # every phrase kept: the whole program runs
                    found = _hits(list(pruned))
                    assert found == _hits(list(scanner.finditer(text))), (rule.id, text)
                    compared += 1
                    with_hits += bool(found)
    # The comparison is not empty: rules are pruned, and pruned programs find matches.
    assert ruled >= 10 and compared >= 200 and with_hits >= 50, (ruled, compared, with_hits)


def _large_rule() -> Matcher:
    rule = next(r for r in rulebook().rules if r.language == "en" and r.id == "tone.counterfactual-blame")
    negation = rule.negation if rule.spec.negation else ""
    define = tuple(sorted(rule.define.items()))
    return patterns._derive((*rule.spec.patterns, *rule.spec.words), define, negation)


def test_a_small_run_compiles_only_the_phrases_its_text_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns._STRINGS, "matcher", None)  # a small run: the string set is not built
    made = _large_rule()  # freshly made: nothing compiled yet
    text = "If only you had not sent it, none of this would have happened."
    found = _hits(list(made.finditer(text)))
    assert made.scanner is not None and not made.scanner.compiled
    assert found and found == _hits(list(made.scanner.finditer(text)))
    assert made.scanner.compiled  # the comparison compiled the whole program, which then serves every text


def test_a_large_run_or_a_compiled_rule_runs_the_whole_program(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "If only you had not sent it, none of this would have happened."
    made = _large_rule()
    monkeypatch.setattr(patterns._STRINGS, "matcher", object())  # the string set is built: a large run
    list(made.finditer(text))
    assert made.scanner is not None and made.scanner.compiled and "_programs" not in made.__dict__


def test_each_rule_compiles_at_most_a_few_pruned_programs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns._STRINGS, "matcher", None)
    made = _large_rule()
    texts = [
        "If only you had not sent it.",
        "You should have known better.",
        "If you had listened, this would not have happened.",
        "You should never have trusted him.",
        "Had you told someone sooner, it would have stopped.",
        "If you hadn't gone online, you would have been fine.",
    ]
    reference = _large_rule().scanner  # another instance: compiling its whole program stops no pruning of `made`
    assert reference is not None
    for text in texts:
        assert _hits(list(made.finditer(text))) == _hits(list(reference.finditer(text))), text
    assert 1 <= len(made.__dict__.get("_programs", {})) <= patterns._PRUNED_PROGRAMS


def test_the_pieces_survive_the_cache_and_a_bad_record_is_not_read() -> None:
    made = _large_rule()
    record = json.loads(json.dumps(patterns._record(made)))
    back = patterns._from_record(record)
    assert back is not None and back.pieces == made.pieces and isinstance(made.pieces, list)
    assert patterns._layout(made.source, made.pieces) is not None
    pieces = made.pieces
    assert isinstance(pieces, list)
    for bad in (
        "pieces",
        [[0, *pieces[0][1:]], *pieces[1:]],
        [[pieces[0][0] + 1, *pieces[0][1:]], *pieces[1:]],
        [[str(pieces[0][0]), *pieces[0][1:]], *pieces[1:]],
        [[pieces[0][0], [1, 2], *pieces[0][2:]], *pieces[1:]],
        [[*pieces[0][:2], "12", pieces[0][3]], *pieces[1:]],
        [[*pieces[0][:3], 0], *pieces[1:]],
        [pieces[0][:3], *pieces[1:]],
        pieces[:-1],
        [pieces[0]],
    ):
        assert patterns._layout(made.source, bad) is None, bad
    assert patterns._from_record({k: v for k, v in record.items() if k != "pieces"}) is None


def _cut_forms(made: Matcher, which: int, kept: tuple[int, ...]) -> tuple[tuple[str, bytes | None], str, bytes | None]:
    """What `_program_forms` cuts for the kept phrases, and what translating them gives."""
    scanner = made.linear_part if which else made.scanner
    pieces = made.linear_pieces if which else made.pieces
    assert scanner is not None
    layout = patterns._layout(scanner.pattern, pieces)
    assert layout is not None
    scanner.ascii_source  # noqa: B018  # made, as the cache gives it
    forms = patterns._program_forms(layout, scanner, kept)
    assert forms is not None
    joined = "|".join(scanner.pattern[start:end] for start, end, *_ in (layout[number] for number in kept))
    inner = patterns.to_re2(joined, re.IGNORECASE)
    assert inner is not None
    translated = word_bounded(inner)
    return forms, translated, ascii_form(translated)


def test_pruned_programs_are_cut_from_the_cached_patterns(monkeypatch: pytest.MonkeyPatch) -> None:
    made = _large_rule()
    pieces = made.pieces
    assert isinstance(pieces, list)
    assert all(isinstance(piece[2], int) and isinstance(piece[3], int) for piece in pieces)  # all lengths known
    for kept in ((0,), (1, 3), tuple(range(1, len(pieces)))):
        forms, translated, latin1 = _cut_forms(made, 0, kept)
        assert forms == (translated, latin1), kept

    def no_translating(pattern: str, flags: int = 0) -> str | None:
        raise AssertionError(f"translated at run time: {pattern[:40]}")

    reference = _large_rule().scanner  # made (translated) before translating is forbidden
    assert reference is not None and made.scanner is not None
    made.scanner.ascii_source  # noqa: B018  # as the cache gives it
    reference.ascii_source  # noqa: B018
    monkeypatch.setattr(patterns, "to_re2", no_translating)
    monkeypatch.setattr(linear_re, "ascii_form", no_translating)
    monkeypatch.setattr(patterns._STRINGS, "matcher", None)
    for text in ("If only you had not sent it.", "You should have known better."):
        assert _hits(list(made.finditer(text))) == _hits(list(reference.finditer(text))), text
    assert made.__dict__.get("_programs")  # pruned, and cut, not translated
    # Lengths that do not fit the patterns are not used (the phrases are translated instead).
    layout = patterns._layout(made.source, pieces)
    assert layout is not None
    wrong = tuple((*piece[:3], piece[3] and piece[3] + 1, piece[4]) for piece in layout)
    assert patterns._program_forms(wrong, made.scanner, (0,)) is None
    wrong = tuple((*piece[:4], piece[4] and piece[4] + 1) for piece in layout)
    forms = patterns._program_forms(wrong, made.scanner, (0,))
    assert forms is not None and forms[1] is None  # the RE2 form still cut, the Latin-1 one derived when needed


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_rules_cut_programs_are_its_phrases_translated(language: str) -> None:
    checked = 0
    for rule in rulebook().rules:
        if rule.language != language:
            continue
        for made in _matchers(rule):
            for which, _, pieces in _parts(made):
                assert isinstance(pieces, list)
                if not all(isinstance(piece[2], int) and isinstance(piece[3], int) for piece in pieces):
                    continue
                count = len(pieces)
                for kept in {(0,), (count - 1,), tuple(range(0, count, 2)), tuple(range(1, count))}:
                    if kept:
                        forms, translated, latin1 = _cut_forms(made, which, kept)
                        assert forms == (translated, latin1), (rule.id, kept)
                        checked += 1
    assert checked >= 20, checked


def test_most_rules_know_their_phrases_lengths_in_the_cached_patterns() -> None:
    known = unknown = 0
    for rule in rulebook().rules:
        for made in _matchers(rule):
            for _, _, pieces in _parts(made):
                assert isinstance(pieces, list)
                if all(isinstance(piece[2], int) and isinstance(piece[3], int) for piece in pieces):
                    known += 1
                else:
                    unknown += 1
    assert known >= 50 and unknown <= known // 10, (known, unknown)
