"""Words that do not read as they look are errors at their place (`structure.disguised-word`).

Before this rule, "child por\\u00adnography" (a soft hyphen inside) passed every terminology rule:
a harmful word could be hidden from the checker by one invisible character.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from conftest import ROOT, run_cli
from lessonkit.check.kinds.disguised import _disguises

HIDDEN = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u034f", "\ufe0f", "\U000e0041"]


@pytest.mark.parametrize("char", HIDDEN, ids=lambda c: f"U+{ord(c):04X}")
def test_an_invisible_character_inside_a_word_is_named_at_its_place(char: str) -> None:
    text = f"Never call it child porno{char}graphy."
    ((at, what, word),) = _disguises(text)
    assert (at, word) == (text.index(char), f"porno{char}graphy")
    assert f"U+{ord(char):04X}" in what


def test_the_message_names_the_character() -> None:
    ((_, what, word),) = _disguises("child p\u200bornography")
    assert "U+200B ZERO WIDTH SPACE" in what
    assert word == "p\u200bornography"


def test_a_run_of_invisible_characters_is_one_finding_however_long() -> None:
    text = "a" + "\u200b" * 100_000 + "b and c" + "\u00ad" * 3 + "d"
    found = list(_disguises(text))
    assert [at for at, _, _ in found] == [1, text.index("\u00ad")]


def test_one_finding_per_word_of_many_disguises() -> None:
    text = "ab\u00adc " * 1000 + "\uff43\uff48\uff49\uff4c\uff44"  # 1,000 words with a soft hyphen, one fullwidth word
    found = list(_disguises(text))
    assert len(found) == 1001
    assert "FULLWIDTH LATIN SMALL LETTER C" in found[-1][1]


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("\ufedf\ufe8e \u0630\u0646\u0628 \u0644\u0643", "ARABIC LETTER LAM INITIAL FORM"),
        ("\ufefb \u0630\u0646\u0628", "ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM"),
        ("the \ufb01le", "LATIN SMALL LIGATURE FI"),
        ("a \U0001d41c\U0001d421\U0001d422\U0001d425\U0001d41d", "MATHEMATICAL BOLD SMALL C"),
        ("\u0441hild", "two scripts"),
        ("pay\u0440al", "two scripts"),
        ("\u03b1dult", "two scripts"),
        ("\u0627\u0644\u0637\u200f\u0641\u0644", "RIGHT-TO-LEFT MARK"),
        ("x \u202e y", "direction override"),
    ],
)
def test_disguises_of_each_kind_are_found(text: str, named: str) -> None:
    ((_, what, _),) = _disguises(text)
    assert named in what


@pytest.mark.parametrize(
    "text",
    [
        "Never call it child pornography.",
        "\u0627\u062a\u0635\u0644 \u200f\u0628\u0646\u0627\u200f \u0627\u0644\u0622\u0646",  # marks between words
        "\u0627\u0644\u0631\u0642\u0645 \u2067116 111\u2069 \u0645\u062c\u0627\u0646\u064a",  # an isolated number
        "\U0001f468\u200d\U0001f469\u200d\U0001f467 family",  # an emoji sequence
        "Es la 1.\u00aa vez y el 2.\u00ba paso.",  # Spanish ordinals
        "\ufeffA file that starts with a byte order mark.",
        "The Greek letter \u03c0 and the word \u0434\u0430 stand alone.",
        "Stra\u00dfe, ni\u00f1o, \u00e7a, \u0163ara",  # Latin letters with accents are one script
    ],
)
def test_ordinary_text_is_not_reported(text: str) -> None:
    assert list(_disguises(text)) == []


def test_check_reports_a_hidden_word_in_a_lesson_text_at_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    line = "Never say child por\u00adnography."
    path.write_text(f"Talk to a trusted adult.\n\n{line}\n", encoding="utf-8")
    run = run_cli("check", str(path), "--audience", "parents")
    assert run.code == 1, run.out + run.err
    assert f"{path}:3:{line.index(chr(0xAD)) + 1}: error structure.disguised-word 'por\\u00adnography'" in run.out
    assert "U+00AD SOFT HYPHEN" in run.out


def test_check_reports_a_hidden_word_in_a_translation_at_its_msgstr(tmp_path: Path) -> None:
    for name in ("lessons", "locales", "rules"):
        shutil.copytree(ROOT / name, tmp_path / name)
    path = tmp_path / "locales" / "de" / "online-friends-8-10.po"
    catalogue = polib.pofile(str(path), wrapwidth=0)
    entry = next(e for e in catalogue if e.msgctxt and "|slide:" in e.msgctxt and "{" not in e.msgid and e.msgstr)
    entry.msgstr = "Sag es einer Vertrauens\u200bperson."
    catalogue.save()
    lines = path.read_text(encoding="utf-8").split("\n")
    line = lines.index('msgstr "Sag es einer Vertrauens\u200bperson."') + 1
    run = run_cli("check", "locales/de/online-friends-8-10.po", cwd=tmp_path)
    column = len('msgstr "Sag es einer Vertrauens') + 1
    assert f"online-friends-8-10.po:{line}:{column}: error structure.disguised-word" in run.out, run.out + run.err
