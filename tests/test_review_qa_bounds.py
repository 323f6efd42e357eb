"""Review: translation QA on a hostile translation finishes (an msgstr of 3.5 MB, under the 4 MB limit).

`i18n check` on a catalogue with one msgstr of 3.5 MB ran for hours: rewriting the translated
lesson split the text into words with a regular expression that backtracked to the end of the
text at every `{{` ('{' x 200,000: 61 s; quadratic), and pofilter's pythonbraceformat and xmltags
checks are quadratic on '{help.' and '<a1 href=' runs.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from lessonkit.i18n.qa import POFILTER_MAX_CHARS, pofilter_problems
from lessonkit.i18n.rewrite import _words

OLD_WORD = re.compile(r"\S*\{\{.*?\}\}\S*|\S+")


@pytest.mark.parametrize(
    "text",
    [
        "Call (\u2066{{ help.child_helpline }}\u2069). Now",
        "{{ help.a }}{{ help.b }} and {{x",
        "a{{b c}}d e}} {{ f",
        "{{{ }}} {{",
        "  spaced\tout\u00a0words  ",
        "",
    ],
)
def test_words_are_the_old_patterns_words(text: str) -> None:
    assert _words(text) == OLD_WORD.findall(text)


def test_words_of_a_hostile_translation_take_linear_time() -> None:
    started = time.process_time()
    words = _words("{" * 100_000 + " {{ help.x }}" * 10_000)
    assert time.process_time() - started < 1
    assert len(words) == 10_000  # the run of braces joins the first token, as the old pattern read it
    assert _words("{" * 100 + " {{ help.x }}" * 3) == OLD_WORD.findall("{" * 100 + " {{ help.x }}" * 3)


def test_pofilter_does_not_read_a_huge_translation(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    text = "{help." * 10_000
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'msgid "Why talking matters"\nmsgstr "{text}"\n',
        encoding="utf-8",
    )
    started = time.process_time()
    (problem,) = pofilter_problems(path)
    assert time.process_time() - started < 5
    assert (problem.code, problem.location.line) == ("I105", 6)
    assert problem.message == (
        f"pofilter: translation is {len(text)} characters, too long to check (at most {POFILTER_MAX_CHARS})"
    )
