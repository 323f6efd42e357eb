"""Careless and hostile input: matching stays linear, QA is not fooled, nothing unlocated escapes.

Attack classes (issue 12): quadratic patterns in the checker and translation QA; numbers written
with other separators and Unicode or punycode host names in a translation; markup in a
translation; files that are links to devices, pipes or folders; impossible YAML values;
malformed, non-UTF-8 or oversized catalogues; links that leave the project.
"""

from __future__ import annotations

import gc
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
import re2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker_support import rulebook
from conftest import ROOT, authoring_example, run_cli
from lessonkit.check import engine, kinds
from lessonkit.check import plain as plain_module
from lessonkit.check.documents import text_document
from lessonkit.check.engine import check_document
from lessonkit.check.kinds import contact
from lessonkit.check.kinds.phrases import matcher
from lessonkit.check.patterns import Matcher
from lessonkit.check.plain import plain_text
from lessonkit.i18n import qa
from lessonkit.i18n.store import MAX_PO_BYTES, CatalogueError, parse_po, read_po
from lessonkit.linear_re import DIGIT, SPACE, WORD, Scanner, to_re2, word_bounded
from lessonkit.load.lesson_file import load_lesson
from lessonkit.load.references import help_token_problems
from lessonkit.load.source_file import read_text
from lessonkit.load.yaml_tree import load_yaml
from lessonkit.locale.locales import load_locales
from lessonkit.problems import LessonkitError, Location

# Patterns that need Python's engine (a lookahead of their own); everything else must be RE2. Each
# lookahead is bounded (the reassurance that clears shame by proxy is looked for within 120
# characters), and PATHOLOGICAL below repeats their anchors, so that their work stays linear.
KNOWN_FALLBACK = {"en:tone.victim-blaming", "en:tone.shame-by-proxy", "de:tone.shame-by-proxy", "de:tone.fear-shapes"}


# --- Linear-time matching -------------------------------------------------------------------


def _rule_matchers() -> list[tuple[str, Matcher]]:
    found: list[tuple[str, Matcher]] = []
    for rule in rulebook().rules:
        name = f"{rule.language}:{rule.id}"
        if rule.spec.kind in ("existence", "occurrence"):
            found.append((name, matcher(rule)))
        elif rule.spec.kind == "substitution":
            found += [(name, matcher(rule, [p])) for p in rule.spec.replacements]
        elif rule.spec.kind == "required-phrase":
            found += [(name, matcher(rule, group)) for group in rule.spec.groups]
    return found


MATCHERS = _rule_matchers()


def test_rule_patterns_are_compiled_with_re2() -> None:
    fallback = {name for name, m in MATCHERS if m.scanner is None or not m.scanner.linear}
    assert fallback == KNOWN_FALLBACK
    assert len(MATCHERS) > 50


@pytest.mark.parametrize(
    "found",
    [
        contact._WEB,
        contact._EMAIL,
        contact._PHONE,
        contact._TOKEN,
        plain_module._COMMENT,
        plain_module._TOKEN,
        plain_module._LINK_TARGET,
        plain_module._IMAGE,
        qa.PHONE,
        qa.EMAIL,
        qa.URLS,
        qa.DOMAIN,
        qa.IP_ADDRESS,
        qa.SCRIPTISH,
    ],
    ids=lambda s: s.pattern[:30],
)
def test_contact_plain_and_qa_patterns_are_compiled_with_re2(found: Scanner) -> None:
    assert found.linear
    assert isinstance(found.engine, re2._Regexp)


def test_re2_classes_mean_what_python_means_on_the_basic_plane() -> None:
    # RE2's \w \d \s are ASCII; ours must be Python's Unicode classes (planes beyond the BMP hold
    # letters newer than Python 3.11's Unicode tables: RE2 knows more there, never less).
    classes = {r"\w": f"[{WORD}]", r"\d": DIGIT, r"\s": f"[{SPACE}]"}
    for python, ours in classes.items():
        compiled = re2.compile(ours)
        differ = [
            hex(code)
            for code in range(0x10000)
            if not 0xD800 <= code <= 0xDFFF
            and bool(re.fullmatch(python, chr(code))) != (compiled.fullmatch(chr(code)) is not None)
        ]
        assert not differ, (python, differ[:10])


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        (r"a\w+", 0, r"a[\p{L}\p{N}_]+"),
        (r"[^\w.]", 0, r"[^\p{L}\p{N}_.]"),
        (r"x\u00a0y", 0, r"x\x{00a0}y"),
        (r"end\Z", 0, r"end\z"),
        (r"(?P<neg>not )?you", re.IGNORECASE, r"(?i)(?P<neg>not )?you"),
        (r"(?-i:[A-Z][a-z]+)", re.IGNORECASE, r"(?i)(?-i:[A-Z][a-z]+)"),
        (r"[]a]", 0, r"[\]a]"),
    ],
)
def test_to_re2_rewrites_classes_and_keeps_the_rest(pattern: str, flags: int, expected: str) -> None:
    assert to_re2(pattern, flags) == expected


@pytest.mark.parametrize("pattern", [r"(?<!\w)a", r"a(?=b)", r"(a)\1", r"\bword", r"a$", r"[\W]", r"(?x) a"])
def test_to_re2_refuses_what_re2_reads_differently(pattern: str) -> None:
    assert to_re2(pattern) is None


alphabet = st.sampled_from(
    [
        *("a", "b", "you", "Young", " ", ".", "-", "@", "+", "/", "é", "ü", "_", "1", "7", "٣", "(", ")", "]", ">"),
        *("\n", "com", "de", "www.", "http://", ":", ",", "\u00a0", "x", "{{", "}}", "İ", "ſ", "ß", "!"),
    ]
)
texts = st.lists(alphabet, max_size=24).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=texts)
def test_re2_forms_find_exactly_what_the_python_forms_find(text: str) -> None:
    for found in (contact._WEB, contact._EMAIL, contact._PHONE, contact._TOKEN):
        assert [m.span() for m in found.python.finditer(text)] == [h.span() for h in found.finditer(text)], (
            found.pattern,
            text,
        )


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=texts, index=st.integers(min_value=0, max_value=len(MATCHERS) - 1))
def test_rule_matchers_find_exactly_what_the_python_pattern_finds(text: str, index: int) -> None:
    name, found = MATCHERS[index]
    text = f"You are to blame. {text} it was your own fault, {text.upper()}"
    expected = [m.span() for m in found.regex.finditer(text)]
    assert expected == [h.span() for h in found.finditer(text)], name


def test_word_bounded_scan_restarts_so_adjacent_matches_are_found() -> None:
    scanner = Scanner(r"(?<!\w)(?:you|young)(?!\w)", re.IGNORECASE, re2_pattern=word_bounded("(?i)you|young"))
    text = "you you,YOU youngster young éyou"
    assert [h.span() for h in scanner.finditer(text)] == [m.span() for m in scanner.python.finditer(text)]
    assert [h.text for h in scanner.finditer(text)] == ["you", "you", "YOU", "young"]


# Text of n repetitions in one run (a repeated block would only repeat the work): each made a
# pattern of the Python engine quadratic (a backtracking scan from every start to the run's end).
PATHOLOGICAL: dict[str, Callable[[int], str]] = {
    "dotted host without a top-level domain": lambda n: "a." * n + ".com ",
    "dashed labels": lambda n: "a-" * n + "!",
    "dotted words before no @": lambda n: "a." * n + " ",
    "unclosed comments": lambda n: "<!--" * n,
    "unclosed link targets": lambda n: "](" * n,
    "unclosed tokens": lambda n: "{{" * n,
    "labels before a digit": lambda n: "a." * n + "1",
    "e-mail parts": lambda n: "a@a." * n + "-",
    "phone separators": lambda n: "1 " * n + "a",
    "unclosed tags": lambda n: "<a" * n,
    "handlers": lambda n: "on" * n,
    "one long word": lambda n: "a" * n,
    # Anchors of the lookahead rules, never followed by a sentence's end: an unbounded lazy scan to
    # the end from each anchor took 56 s on 232 KB of the first (2026-12-02).
    "shame-by-proxy anchors": lambda n: "what will your parents think " * (n // 20),
    "German shame-by-proxy anchors": lambda n: "stell dir vor, was deine eltern " * (n // 20),
    "German next-one anchors": lambda n: "wirst du die nächste sein " * (n // 20),
}
RUN = 10000  # repetitions in the small text: 10-40 KB


def _cpu(work: Callable[[], object]) -> float:
    # The collector is off while timing: after a thousand other tests the heap is large, and a full
    # collection landing in the larger text's runs is the collector's work, not the pattern's.
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            start = time.process_time()
            work()
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return best


def _everything(text: str) -> None:
    unit_text = plain_text(text)
    list(contact._contacts(text))
    for _, found in MATCHERS:
        list(found.finditer(unit_text))
    for pattern in (qa.PHONE, qa.EMAIL, qa.URLS, qa.DOMAIN, qa.IP_ADDRESS, qa.SCRIPTISH):
        list(pattern.finditer(text))
    qa.raw_markup(text)
    help_token_problems(text, Path("x.md"), 1, ())


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_matching_work_grows_linearly(name: str) -> None:
    # CPU time of this process (not wall time), best of three: four times the text must cost
    # about four times the work, far from the sixteen times of a quadratic pattern (Python's
    # engine measured 12-26x on these). The wide margin keeps a busy machine from failing it.
    make = PATHOLOGICAL[name]
    small, large = _cpu(lambda: _everything(make(RUN))), _cpu(lambda: _everything(make(4 * RUN)))
    assert large < 20.0, (name, large)
    assert large < 8.0 * max(small, 0.01), (name, small, large)


def test_a_40_kb_pathological_paragraph_is_checked_quickly(tmp_path: Path) -> None:
    text = ("Read .com a." + "a." * 20000)[: 40 * 1024] + "\n"
    document = text_document(tmp_path / "p.md", text, "en", "students", "11-13")
    rules = rulebook().for_language("en")
    # The first run builds the syllable and word-frequency tables: time the second one only.
    check_document(text_document(tmp_path / "warm.md", "Warm up.\n", "en", "students", "11-13"), rules)
    started = time.process_time()
    check_document(document, rules)
    assert time.process_time() - started < 15.0  # was 43 s with Python's engine


def test_an_oversized_part_is_a_located_error_not_read(tmp_path: Path) -> None:
    text = "Hello there.\n\n::: slide\n" + "word " * (engine.MAX_UNIT_CHARS // 5 + 10) + "\n:::\n"
    document = text_document(tmp_path / "big.md", text, "en", "students", "11-13")
    findings = check_document(document, rulebook().for_language("en"))
    too_large = [f for f in findings if f.code == engine.TOO_LARGE]
    assert len(too_large) == 1 and too_large[0].severity == "error"
    assert too_large[0].location.path == tmp_path / "big.md" and too_large[0].location.line >= 3


def test_a_file_past_its_time_budget_is_a_finding_not_a_hang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kinds, "TIME_BUDGET_SECONDS", 0.0)
    document = text_document(tmp_path / "slow.md", "Some text.\n\nMore text.\n", "en", "students", "11-13")
    findings = check_document(document, rulebook().for_language("en"))
    budget = [f for f in findings if f.code == engine.OUT_OF_TIME]
    assert len(budget) == 1 and budget[0].severity == "error" and budget[0].location.path == tmp_path / "slow.md"


def test_check_cli_on_a_pathological_file_exits_normally(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_text("<!--" * 5000 + "](" * 5000 + "a." * 10000 + "\n", encoding="utf-8")
    result = run_cli("check", str(path))
    assert result.code in (0, 1) and "Traceback" not in result.err, result.err


# --- Translation QA: numbers, hosts, markup -------------------------------------------------

ENGLISH = "Tell a trusted adult. Children can also call {help.child_helpline}."
NO_CONTACTS: tuple[set[str], set[str]] = (set(), set())


def _qa(translation: str, english: str = ENGLISH, contacts: tuple[set[str], set[str]] = NO_CONTACTS) -> set[str]:
    entry = polib.POEntry(msgid=english, msgstr=translation)
    return {p.code for p in qa.entry_problems(entry, Location(Path("de/x.po"), 7, 1), contacts)}


@pytest.mark.parametrize(
    "number",
    [
        "0800 123 4567",
        "0800-123-4567",
        "0800\u2013123\u20134567",  # en dash
        "0800\u2014123\u20144567",  # em dash
        "0800\u2011123\u20114567",  # non-breaking hyphen
        "0800\u2212123\u22124567",  # minus sign
        "0800.123.4567",
        "0800\u00a0123\u00a04567",  # no-break space
        "0800\u2009123\u20094567",  # thin space
        "0800\u202f123\u202f4567",  # narrow no-break space
        "0800\u200b123\u200b4567",  # zero-width space
        "0800\u00ad123\u00ad4567",  # soft hyphen
        "0800/123/4567",
        "0800,123,4567",
        "\uff10\uff18\uff10\uff10 123 4567",  # fullwidth digits
        "\u2070\u2078\u2070\u2070\u00b9\u00b2\u00b3",  # superscript digits
        "\u0660\u0668\u0660\u0660\u066b\u0661\u0662\u0663",  # Arabic-Indic digits, Arabic decimal separator
        "0\u20e38\u20e30\u20e30\u20e31\u20e3",  # keycap marks
    ],
)
def test_a_number_written_with_other_separators_is_refused(number: str) -> None:
    assert "I101" in _qa(f"Kinder rufen {{help.child_helpline}} oder {number} an.")


@pytest.mark.parametrize("number", ["116 111", "116-111", "116\u2013111", "116.111", "116\u00a0111", "116\u2009111"])
def test_a_pack_number_is_allowed_whatever_its_separators(number: str) -> None:
    assert "I101" not in _qa(f"Kinder rufen {{help.child_helpline}} oder {number} an.", contacts=({"116111"}, set()))


@pytest.mark.parametrize(
    "address",
    [
        "hilfe-telef\u00f6n.de",  # Unicode (IDN) host
        "xn--hilfe-telefn-5ib.de",  # punycode
        "\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444",  # Cyrillic host, Cyrillic top-level domain
        "hilfe-telefon-missbrauch.xn--p1ai",  # punycode top-level domain
        "hilfe-telefon-missbr\u0430uch.online",  # Cyrillic a in an allowed name
        "192.0.2.1",
        "http://[2001:db8::1]/hilfe",
        "http://3221225985/hilfe",
        "http://localhost/hilfe",
        "hilfe\u3002example",  # ideographic full stop separates labels in IDNA
        "\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.de",  # fullwidth letters
        "evil\u200b.de",  # zero-width space inside a host
        "q\u0301hilfe-telefon-missbrauch.online",  # a combining mark makes a different host
    ],
)
def test_an_unknown_host_in_any_form_is_refused(address: str) -> None:
    allowed: tuple[set[str], set[str]] = (set(), {"hilfe-telefon-missbrauch.online"})
    assert "I101" in _qa(f"Mehr unter {address} jetzt.", contacts=allowed)


def test_a_pack_host_is_allowed_and_abbreviations_are_not_hosts() -> None:
    allowed: tuple[set[str], set[str]] = (set(), {"hilfe-telefon-missbrauch.online"})
    english = "See the site in the evening."
    assert _qa("Siehe hilfe-telefon-missbrauch.online, z.B. am Abend.", english, allowed) == set()
    assert _qa("Das ist 3.5 Mal so viel, d.h. mehr.", english) == set()


@pytest.mark.parametrize("markup", ["<x", "<script>alert(1)</script>", "</div>", "<!-- x", "<?php", "<\u017fcript>"])
def test_any_angle_bracket_before_a_letter_is_markup(markup: str) -> None:
    assert "I102" in _qa(f"Hilfe {markup} überall.")


def test_protected_tags_and_plain_angle_brackets_are_not_markup() -> None:
    english = "Ask <b>first</b>, then call {help.child_helpline}."
    assert "I102" not in _qa("Frag <b>zuerst</b>, dann {help.child_helpline}. 2 < 3 und <3", english)


def test_qa_codes_and_places_are_kept() -> None:
    entry = polib.POEntry(msgid=ENGLISH, msgstr="Ruf 0800\u2013123\u20134567 an.", linenum=42)
    problems = qa.entry_problems(entry, Location(Path("locales/de/x.po"), 42, 1), NO_CONTACTS)
    assert {p.code for p in problems} == {"I100", "I101"}
    assert all(str(p.location) == "locales/de/x.po:42:1" for p in problems)
    assert any("0800-123-4567" in p.message for p in problems)


# --- Defensive reading ----------------------------------------------------------------------


def test_a_link_to_a_device_is_refused_without_reading_it(tmp_path: Path) -> None:
    link = tmp_path / "lesson.md"
    link.symlink_to("/dev/zero")
    text, problems = read_text(link)
    assert text is None and problems[0].code == "E001" and "not a regular file (a device)" in problems[0].message


def test_a_pipe_and_a_folder_are_refused_without_waiting(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)  # opening it for reading would wait for a writer
    folder = tmp_path / "folder.md"
    folder.mkdir()
    assert "a pipe" in read_text(pipe)[1][0].message
    assert "a folder" in read_text(folder)[1][0].message


@pytest.mark.parametrize("kind", ["pipe", "device"])
def test_check_refuses_a_named_pipe_or_device_without_waiting(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "named.md"
    if kind == "pipe":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    result = run_cli("check", str(path))  # before: a pipe waited forever, a device gave "0 files"
    assert result.code == 2 and "named.md: not a regular file or a folder" in result.err, result.err


def test_locales_file_linked_to_a_device_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "locales.yml").symlink_to("/dev/zero")
    with pytest.raises(LessonkitError, match=r"locales\.yml:1:1: error E001 not a regular file"):
        load_locales(tmp_path)


@pytest.mark.parametrize(
    ("value", "reason"),
    [("2026-13-45", "not a real date"), ("2026-02-30", "not a real date"), ("9" * 5000, "integer with 5000")],
)
def test_impossible_yaml_values_are_located_errors(project: Path, value: str, reason: str) -> None:
    lesson = authoring_example().replace("duration: ", f"reviewed: {value}\nduration: ", 1)
    path = project / "lessons" / "example.md"
    path.write_text(lesson, encoding="utf-8")
    result = run_cli("validate", str(path))
    assert result.code == 2 and "Traceback" not in result.err
    line = lesson.splitlines().index(f"reviewed: {value}") + 1
    assert f"example.md:{line}:11: error E003 YAML value cannot be read: " in result.out
    assert reason in result.out


def test_validate_reports_links_that_leave_the_project(project: Path) -> None:
    lesson = authoring_example() + "\nSee [notes](../../../etc/passwd) and [file](file:///etc/shadow).\n"
    path = project / "lessons" / "example.md"
    path.write_text(lesson, encoding="utf-8")
    result = run_cli("validate", str(path))
    line = len(lesson.splitlines())
    assert f"example.md:{line}:1: warning W100 link to '../../../etc/passwd' refused" in result.out
    assert f"example.md:{line}:1: warning W100 link with 'file:' address refused" in result.out
    assert result.code == 0, result.out + result.err


@pytest.fixture
def translated(project: Path) -> Path:
    """A project with the example lesson, the real locales and packs, and an empty German folder."""
    (project / "lessons" / "students").mkdir()
    (project / "lessons" / "students" / "example.md").write_text(authoring_example(), encoding="utf-8")
    shutil.copytree(ROOT / "locales" / "countries", project / "locales" / "countries")
    shutil.copy(ROOT / "locales" / "locales.yml", project / "locales" / "locales.yml")
    (project / "locales" / "de").mkdir()
    return project


BROKEN_CATALOGUES: dict[str, Callable[[Path], object]] = {
    "malformed": lambda p: p.write_text('msgid "a"\nmsgstr "b"\nthis is not PO\n', encoding="utf-8"),
    "not UTF-8": lambda p: p.write_bytes(b'msgid "a"\nmsgstr "\xe4"\n'),
    "a device": lambda p: p.symlink_to("/dev/zero"),
    "a folder": lambda p: p.mkdir(),
    "too large": lambda p: p.write_bytes(b"#" * (MAX_PO_BYTES + 1)),
}
EXPECTED_PLACE = {
    "malformed": "ui.po:3:1: error I107 malformed catalogue",
    "not UTF-8": "ui.po:2:9: error I107 catalogue is not valid UTF-8 (byte 0xe4)",
    # A link out of the project is refused before it is opened (a device outside a project: see above).
    "a device": "ui.po:1:1: error I107 cannot read catalogue: a link to a file outside the project: not read",
    "a folder": "ui.po:1:1: error I107 cannot read catalogue: not a regular file (a folder)",
    "too large": "ui.po:1:1: error I107 cannot read catalogue: file is too large",
}


@pytest.mark.parametrize("kind", sorted(BROKEN_CATALOGUES))
def test_a_broken_catalogue_is_a_located_error_in_every_command(translated: Path, kind: str) -> None:
    path = translated / "locales" / "de" / "ui.po"
    BROKEN_CATALOGUES[kind](path)
    with pytest.raises(CatalogueError) as caught:
        read_po(path)
    assert caught.value.problem.code == "I107"
    check = run_cli("i18n", "check", "--project", str(translated), "-l", "de")
    status = run_cli("i18n", "status", "--project", str(translated), "-l", "de")
    for result, output in ((check, check.out), (status, status.err)):
        assert result.code == 2 and "Traceback" not in result.err, result.err
        assert EXPECTED_PLACE[kind] in output, output


# --- Fuzzing: only located problems ---------------------------------------------------------

scalars = st.sampled_from(
    [
        "2026-13-45",
        "2026-02-30",
        "2026-12-01T25:61:00Z",
        "9" * 4400,
        "0x" + "f" * 5000,
        "0o" + "7" * 5000,
        "1e99999",
        "!!binary aGVsbG8",
        "!!binary ***",
        "!!timestamp nope",
        "!!int abc",
        "!!float x",
        "!!python/object:os.system x",
        "!!set {a, b}",
        "!!omap [a: 1]",
        "[1, [2, [3]]]",
        "{a: {b: c}}",
        "? [a, b]\n  : c",
        "\x85",
        "\ufeff",
        "'unterminated",
        "2026-12-01",
        "x",
    ]
)
keys = st.sampled_from(["id", "title", "topic", "band", "audience", "duration", "reviewed", "sources", "x"])
front = st.lists(st.tuples(keys, scalars), max_size=6).map(lambda items: "\n".join(f"{k}: {v}" for k, v in items))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(head=front, body=st.text(max_size=60))
def test_loader_fuzz_only_located_problems(head: str, body: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "lesson.md"
        path.write_bytes(f"---\n{head}\n---\n{body}\n".encode("utf-8", "surrogatepass"))
        lesson, problems = load_lesson(path)
    assert lesson is not None or problems
    assert all(p.code.startswith("E") and p.location.line >= 1 and p.location.column >= 1 for p in problems)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(front, st.text(max_size=200)))
def test_yaml_fuzz_only_located_problems(text: str) -> None:
    document, problems = load_yaml(text, Path("x.yml"))
    assert document is not None or problems
    assert all(p.location.line >= 1 for p in problems)


po_lines = st.sampled_from(
    [
        'msgid ""',
        'msgstr ""',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Content-Type: text/plain; charset=bogus\\n"',
        'msgid "Call {help.child_helpline}."',
        'msgstr "Ruf 0800\u2013123\u20134567 an <x"',
        'msgstr "hilfe-telef\u00f6n.de"',
        'msgctxt "x"',
        'msgid_plural "b"',
        'msgstr[0] "c"',
        "msgstr[x] 'c'",
        "#, fuzzy",
        '#| msgid "old',
        '#~ msgid "gone"',
        '"unterminated',
        'msgid "a"b"',
        "",
        "garbage",
        "\\",
    ]
)
po_text = st.lists(po_lines, max_size=14).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(text=po_text, noise=st.binary(max_size=8))
def test_po_fuzz_only_located_problems(text: str, noise: bytes) -> None:
    try:
        catalogue = parse_po(text.encode("utf-8") + noise, Path("de/x.po"))
    except CatalogueError as err:
        assert err.problem.code == "I107" and err.problem.location.line >= 1
        return
    for entry in catalogue:
        problems = qa.entry_problems(entry, Location(Path("de/x.po"), entry.linenum or 1, 1), NO_CONTACTS)
        assert all(p.code.startswith("I10") for p in problems)
