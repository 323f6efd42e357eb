"""On ASCII text a scanner runs a Latin-1 program (`linear_re.ascii_form`): it must find what the UTF-8 one finds.

The Latin-1 program narrows every class to its ASCII members, so it is only right on ASCII
text: these tests compare both programs of every rule pattern and every hand-written scanner on
the rules' examples and regression sentences, on generated ASCII text, and class by class over
all 128 ASCII characters.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import re2
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessonkit.check.kinds import contact
from lessonkit.check.kinds.phrases import matcher
from lessonkit.check.plain import plain_text
from lessonkit.check.rulebook import Rulebook, load_rulebook
from lessonkit.i18n import qa
from lessonkit.linear_re import DIGIT, SPACE, WORD, Hit, Scanner, ascii_form

TESTS = Path(__file__).resolve().parent

LATIN1 = re2.Options()
LATIN1.encoding = re2.Options.Encoding.LATIN1  # type: ignore[attr-defined]  # the stubs lack the enum


def rulebook() -> Rulebook:
    return load_rulebook(TESTS.parent / "rules")


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


def _sentences() -> list[str]:
    """The rules' examples and the regression sentences, as the checker reads them (plain text)."""
    texts: list[str] = []
    for path in sorted([*(TESTS / "checker_examples").glob("*.yml"), *(TESTS / "regression").rglob("*.yml")]):
        texts += _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    return [plain_text(t) for t in texts]


def _scanners() -> list[tuple[str, Scanner]]:
    found: list[tuple[str, Scanner]] = []
    for rule in rulebook().rules:
        name = f"{rule.language}:{rule.id}"
        if rule.spec.kind in ("existence", "occurrence"):
            found.append((name, matcher(rule).scanner))  # type: ignore[arg-type]  # checked below
        elif rule.spec.kind == "substitution":
            found += [(f"{name}:{p}", matcher(rule, [p]).scanner) for p in rule.spec.replacements]  # type: ignore[misc]
        elif rule.spec.kind == "required-phrase":
            found += [(f"{name}:{g[0]}", matcher(rule, g).scanner) for g in rule.spec.groups]  # type: ignore[misc]
    found += [("contact:web", contact._WEB), ("contact:email", contact._EMAIL), ("contact:phone", contact._PHONE)]
    found += [("qa:domain", qa.DOMAIN), ("qa:ip", qa.IP_ADDRESS)]
    return found


SCANNERS = _scanners()
ASCII_SENTENCES = [s for s in _sentences() if s.isascii()]


def _hits(found: list[Hit]) -> list[tuple[int, int, str, dict[str, str | None]]]:
    return [(h.start, h.end, h.text, dict(h.groups)) for h in found]


def _utf8(scan: Scanner, text: str) -> list[Hit]:
    return list(scan._finditer(text))  # the UTF-8 program (or Python's engine), whatever the text


def test_every_rule_pattern_has_a_latin1_program() -> None:
    # Not a correctness matter (without one the UTF-8 program runs), but the speed-up depends on it.
    assert len(SCANNERS) > 100
    missing = [name for name, scan in SCANNERS if scan.re2_source is not None and scan._ascii_engine() is None]
    assert missing == []


@pytest.mark.parametrize(("name", "scan"), SCANNERS, ids=[name for name, _ in SCANNERS])
def test_both_programs_find_the_same_in_the_examples(name: str, scan: Scanner) -> None:
    assert scan is not None
    assert len(ASCII_SENTENCES) > 500
    for text in ASCII_SENTENCES:
        assert _hits(list(scan.finditer(text))) == _hits(_utf8(scan, text)), (name, text)


def _words() -> list[str]:
    # The literal words of the patterns, so generated text actually reaches the phrases.
    found = set()
    for _, scan in SCANNERS:
        found |= {w for w in re.findall(r"[A-Za-z']+", scan.pattern) if len(w) > 1}
    return sorted(found)


PIECES = [*_words(), " ", " ", "\n", "\n\n", ". ", "? ", ", ", "; ", "-", "'", '"', "*", "_", "(", ")", "1", "42", "@"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=60), st.integers(0, len(SCANNERS) - 1))
def test_both_programs_find_the_same_in_generated_text(pieces: list[str], which: int) -> None:
    text = " ".join(pieces)
    name, scan = SCANNERS[which]
    assert _hits(list(scan.finditer(text))) == _hits(_utf8(scan, text)), (name, text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_both_programs_agree_on_any_ascii(text: str) -> None:
    for _, scan in SCANNERS[:: max(1, len(SCANNERS) // 15)]:
        assert _hits(list(scan.finditer(text))) == _hits(_utf8(scan, text))


CLASSES = [
    f"[{WORD}]",
    f"[^{WORD}]",
    f"[^{WORD}.!?;:؟؛]",
    f"[{SPACE}]",
    f"[^{SPACE}]",
    DIGIT,
    r"\P{Nd}",
    r"\p{Lu}",
    r"[^\p{Ll}]",
    r"[a-z]",
    r"[A-Z]",
    r"[\x{c0}-\x{17e}a]",
    r"ä",
    r"\x{2019}",
    r"[’'ʼ]",
    r"\x41",
    r"\.",
    r"\n",
    r".",
]


@pytest.mark.parametrize("pattern", CLASSES)
@pytest.mark.parametrize("flags", ["", "(?i)", "(?s)"])
def test_each_class_matches_the_same_ascii_characters(pattern: str, flags: str) -> None:
    form = ascii_form(flags + pattern)
    assert form is not None
    latin1, utf8 = re2.compile(form, LATIN1), re2.compile(flags + pattern)
    for code in range(128):
        assert bool(latin1.fullmatch(bytes([code]))) == bool(utf8.fullmatch(chr(code))), (pattern, code)


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?i)\x{212a}",  # the Kelvin sign matches k and K case-insensitively
        r"(?i)ſ",  # the long s matches s and S
        r"(?i)[\x{2100}-\x{2200}]",
        r"(?i)[^\x{17f}]",
    ],
)
def test_a_character_that_matches_ascii_case_insensitively_keeps_the_utf8_program(pattern: str) -> None:
    assert ascii_form(pattern) is None
    scan = Scanner("x", re2_pattern=pattern)
    assert scan._ascii_engine() is None
    assert _hits(list(scan.finditer("k K s S x"))) == _hits(_utf8(scan, "k K s S x"))


@pytest.mark.parametrize("pattern", [r"\Qa.b\E", "[[:alpha:]]", r"\C", "[a"])
def test_syntax_it_does_not_translate_keeps_the_utf8_program(pattern: str) -> None:
    assert ascii_form(pattern) is None


def test_text_beyond_ascii_runs_the_utf8_program() -> None:
    # One curly apostrophe makes the text non-ASCII: the UTF-8 program reads it, as Python's engine does.
    made = matcher(next(r for r in rulebook().rules if r.spec.kind == "existence"))
    assert made.scanner is not None
    for text in ASCII_SENTENCES[:200]:
        curly = text.replace("'", "’") + " ça"
        reference = [(m.start(), m.end()) for m in made.regex.finditer(curly)]
        assert [h.span() for h in made.finditer(curly)] == reference


def test_the_cached_matcher_keeps_its_latin1_form() -> None:
    import json

    from lessonkit.check import patterns

    rule = next(r for r in rulebook().rules if r.spec.kind == "existence" and r.language == "en")
    derived = patterns._derive(tuple(rule.spec.patterns), tuple(sorted(rule.define.items())), "")
    assert derived.scanner is not None and derived.scanner.ascii_source is not None
    record = json.loads(json.dumps(patterns._record(derived)))
    back = patterns._from_record(record)
    assert back is not None and back.scanner is not None
    assert "ascii_source" in vars(back.scanner)  # read from the record, not derived again
    assert back.scanner.ascii_source == derived.scanner.ascii_source
    assert patterns._from_record({**record, "ascii": "caf\u00e9"}) is None
    assert patterns._from_record({k: v for k, v in record.items() if k != "ascii"}) is None
