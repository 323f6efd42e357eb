"""The quiz on a lesson page as real form controls (issue 19 item 2), in Chromium against the real site.

A question with options is a fieldset of radio buttons (one right answer) or tick boxes (several);
"Check the answer" announces right or not quite in a live region, with the lesson's own feedback
for what was chosen. Without JavaScript the options and "Show the answer" remain.
"""

from __future__ import annotations

from playwright.sync_api import Browser, Locator

from conftest import ROOT
from lessonkit.load.quiz import lesson_questions
from lessonkit.locale.ui import translator
from lessonkit.model import Curriculum, Lesson
from lessonkit.render.site.layout import html_path, lesson_page

from .conftest import PHONE, Visit

EN = translator(ROOT, "en")


def _lesson(curriculum: Curriculum) -> Lesson:
    found = curriculum.lesson("online-friends-8-10")
    assert found is not None
    return found


def _check(item: Locator) -> list[str]:
    item.locator("[data-lk-check]").click()
    result = item.locator(".lk-quiz-result")
    assert result.get_attribute("role") == "status" and result.get_attribute("aria-live") == "polite"
    return [line.strip() for line in result.locator("p").all_inner_texts()]


def test_a_choice_question_says_right_or_not_quite_with_the_lessons_feedback(
    browser: Browser, base_url: str, curriculum: Curriculum
) -> None:
    lesson = _lesson(curriculum)
    questions = [q for q in lesson_questions(lesson) if q.structured]
    single = next(q for q in questions if not q.multiple)
    several = next(q for q in questions if q.multiple)
    visit = Visit(browser, PHONE)
    visit.page.goto(base_url + html_path(lesson_page(lesson)), wait_until="networkidle")
    forms = visit.page.locator("fieldset[data-lk-quiz]")
    assert forms.count() == len(questions)

    item = forms.nth(questions.index(single))
    assert item.locator("input[type=radio]").count() == len(single.options)
    assert _check(item) == [EN("Choose an answer first.")]
    wrong = next(o for o in single.options if not o.correct)
    item.get_by_label(wrong.text).check()
    assert _check(item) == [EN("Not quite."), wrong.feedback]
    right = next(o for o in single.options if o.correct)
    item.get_by_label(right.text).check()
    assert _check(item) == [EN("Right!"), right.feedback]

    item = forms.nth(questions.index(several))
    assert item.locator("input[type=checkbox]").count() == len(several.options)
    first_right = several.right[0]
    item.get_by_label(first_right.text).check()
    assert _check(item)[0] == EN("Not quite.")  # only one of the right ones
    for option in several.right:
        item.get_by_label(option.text).check()
    assert _check(item) == [EN("Right!"), *(o.feedback for o in several.right)]
    assert visit.errors == []
    visit.close()


def test_without_javascript_the_answers_stay_readable(browser: Browser, base_url: str, curriculum: Curriculum) -> None:
    lesson = _lesson(curriculum)
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(base_url + "de-DE/" + html_path(lesson_page(lesson)))
    assert not page.locator("[data-lk-check]").first.is_visible()
    answers = page.locator(".lk-quiz details")
    assert answers.count() == len(lesson_questions(lesson))
    answers.first.locator("summary").click()
    assert answers.first.locator("p").first.is_visible()
    context.close()
