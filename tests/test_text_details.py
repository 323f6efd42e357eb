"""Small text details that readers see: a help token keeps the punctuation written against it when a
translated paragraph is spread over the lesson's lines, and plain text keeps the no-break spaces that
hold a phone number together.
"""

from __future__ import annotations

from lessonkit.i18n.rewrite import _spread
from lessonkit.render.sanitise import plain_text


def test_a_help_token_keeps_its_brackets_and_full_stop_when_a_paragraph_is_spread() -> None:
    text = "Du kannst jederzeit anrufen (\u2066{{ help.child_helpline }}\u2069). Das ist kostenlos, {{ help.police }}!"
    for lines in range(1, 6):
        joined = " ".join(_spread(text, lines))
        assert joined == text, lines
        assert " )." not in joined and " !" not in joined
    # Words without a token are still words of their own.
    assert _spread("one two three four", 2) == ["one two", "three four"]


def test_plain_text_keeps_no_break_spaces_and_collapses_the_rest() -> None:
    number = "1800\u00a066\u00a066\u00a066"
    assert plain_text(f"<p>Call  <b>{number}</b>\n now.</p>") == f"Call {number} now."
    assert plain_text("  <i>x</i>\t ") == "x"
    assert plain_text("") == ""


def test_a_length_in_minutes_takes_the_plural_form_its_number_needs() -> None:
    from conftest import ROOT
    from lessonkit.i18n.ui import plural_translator

    def minutes(language: str, count: int) -> str:
        return plural_translator(ROOT, language)("{minutes} minute", "{minutes} minutes", count).format(minutes=count)

    # Arabic counts 3 to 10 with the plural, 11 and more with the singular.
    assert [minutes("ar", n) for n in (5, 10, 12, 45)] == ["5 دقائق", "10 دقائق", "12 دقيقة", "45 دقيقة"]
    assert [minutes("de", n) for n in (1, 5)] == ["1 Minute", "5 Minuten"]
    assert [minutes("es", n) for n in (1, 45)] == ["1 minuto", "45 minutos"]
    assert [minutes("en", n) for n in (1, 45)] == ["1 minute", "45 minutes"]
