"""A structured quiz's wrong option is quoted in the checker's plain text; its feedback and right options are not."""

from __future__ import annotations

from lessonkit.check.plain import plain_text
from lessonkit.check.quotation import in_quotation

QUIZ = (
    "::: quiz\n"
    "Q: Whose fault is it if a photo you sent gets shared?\n"
    "- [ ] It's your own fault if someone shares it. :: Not true. The person who shares it is responsible.\n"
    "- [x] The person who shares it. :: Yes. You can get help.\n"
    "- [ ] A line with no feedback\n"
    ":::\n"
)


def _at(text: str, words: str) -> int:
    return text.index(words)


def test_a_wrong_option_is_quoted_and_its_feedback_is_not() -> None:
    plain = plain_text(QUIZ)
    assert len(plain) == len(QUIZ)  # every offset still maps to the same line and column
    assert in_quotation(plain, _at(plain, "your own fault"))
    assert not in_quotation(plain, _at(plain, "Not true"))
    assert not in_quotation(plain, _at(plain, "The person who shares it is responsible"))


def test_a_right_option_and_an_option_without_feedback_are_not_quoted() -> None:
    plain = plain_text(QUIZ)
    assert not in_quotation(plain, _at(plain, "The person who shares it. "))
    assert not in_quotation(plain, _at(plain, "A line with no feedback"))


def test_the_option_still_ends_its_sentence_before_the_feedback() -> None:
    # The closing mark takes the first colon of " :: ", so the option's full stop is still followed by a space.
    plain = plain_text(QUIZ)
    assert "shares it. \u203a: Not true." in plain
    assert plain.count("\u2039") == plain.count("\u203a") == 1


def test_text_without_a_wrong_box_is_left_as_it_was() -> None:
    text = "- [x] Right. :: Yes.\n- item :: not a quiz\n"
    assert "\u2039" not in plain_text(text) and "\u203a" not in plain_text(text)
