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
from lessonkit.check import patterns
from lessonkit.check.anchors import fold
from lessonkit.check.kinds.phrases import matcher
from lessonkit.check.patterns import Matcher
from lessonkit.check.rulebook import Rule
from lessonkit.linear_re import Hit, Scanner
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
        [[0, None, None], *pieces[1:]],
        [[pieces[0][0] + 1, *pieces[0][1:]], *pieces[1:]],
        [[str(pieces[0][0]), *pieces[0][1:]], *pieces[1:]],
        [[pieces[0][0], [1, 2], pieces[0][2]], *pieces[1:]],
        [[*pieces[0][:2], "12"], *pieces[1:]],
        [[*pieces[0][:2], 0], *pieces[1:]],
        [pieces[0][:2], *pieces[1:]],
        pieces[:-1],
        [pieces[0]],
    ):
        assert patterns._layout(made.source, bad) is None, bad
    assert patterns._from_record({k: v for k, v in record.items() if k != "pieces"}) is None


def test_pruned_programs_are_cut_from_the_cached_re2_pattern(monkeypatch: pytest.MonkeyPatch) -> None:
    made = _large_rule()
    pieces, scanner = made.pieces, made.scanner
    assert isinstance(pieces, list) and scanner is not None and scanner.re2_source is not None
    assert all(isinstance(piece[2], int) for piece in pieces)  # every phrase's RE2 length is known
    layout = patterns._layout(made.source, pieces)
    assert layout is not None
    cut = patterns._re2_phrases(layout, scanner.re2_source)
    assert cut is not None and len(cut[1]) == len(pieces)
    opening, phrases = cut
    # Each phrase cut out, with the flags the pattern opens with, is that phrase translated alone.
    alone = [patterns.to_re2(scanner.pattern[start:end], re.IGNORECASE) for start, end, _, _ in layout]
    assert [opening + phrase for phrase in phrases] == alone

    def no_translating(pattern: str, flags: int = 0) -> str | None:
        raise AssertionError(f"translated at run time: {pattern[:40]}")

    reference = _large_rule().scanner  # made (translated) before translating is forbidden
    assert reference is not None
    monkeypatch.setattr(patterns, "to_re2", no_translating)
    monkeypatch.setattr(patterns._STRINGS, "matcher", None)
    for text in ("If only you had not sent it.", "You should have known better."):
        assert _hits(list(made.finditer(text))) == _hits(list(reference.finditer(text))), text
    assert made.__dict__.get("_programs")  # pruned, and cut, not translated
    # A length that does not fit the RE2 pattern is not used (the phrase is translated instead).
    wrong = tuple((start, end, need, length + 1 if length else length) for start, end, need, length in layout)
    assert patterns._re2_phrases(wrong, scanner.re2_source) is None
    assert patterns._re2_phrases(layout, "(?:" + scanner.re2_source) is None


def test_most_rules_know_their_phrases_re2_lengths() -> None:
    known = unknown = 0
    for rule in rulebook().rules:
        for made in _matchers(rule):
            for _, _, pieces in _parts(made):
                assert isinstance(pieces, list)
                if all(isinstance(piece[2], int) for piece in pieces):
                    known += 1
                else:
                    unknown += 1
    assert known >= 50 and unknown <= known // 10, (known, unknown)
