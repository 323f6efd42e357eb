"""The quiz on a lesson page as real form controls (issue 19 item 2), in Chromium against the real site.

A question with options is a fieldset of radio buttons (one right answer) or tick boxes (several),
or numbered steps to put in order; "Check the answer" announces right or not quite in a live
region, with the lesson's own feedback for what was chosen. It works with the keyboard alone and
right to left; without JavaScript the options and "Show the answer" remain.
"""

from __future__ import annotations

from playwright.sync_api import Browser, Locator

from conftest import ROOT
from lessonkit.build.localize import localize
from lessonkit.i18n.ui import translator
from lessonkit.load.quiz import ORDER, lesson_questions
from lessonkit.locale.locales import load_locales
from lessonkit.model import Curriculum, Lesson
from lessonkit.render.site.layout import html_path, lesson_page

from .conftest import DESKTOP, PHONE, Visit

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


def test_a_question_can_be_answered_with_the_keyboard_alone(
    browser: Browser, base_url: str, curriculum: Curriculum
) -> None:
    lesson = _lesson(curriculum)
    questions = [q for q in lesson_questions(lesson) if q.structured]
    single = next(q for q in questions if not q.multiple and q.kind != ORDER)
    visit = Visit(browser, DESKTOP)
    visit.page.goto(base_url + html_path(lesson_page(lesson)), wait_until="networkidle")
    item = visit.page.locator("fieldset[data-lk-quiz]").nth(questions.index(single))
    radios = item.locator("input[type=radio]")
    radios.first.focus()
    visit.page.keyboard.press("Space")  # chooses the focused option
    right_at = next(i for i, o in enumerate(single.options) if o.correct)
    for _ in range(right_at):
        visit.page.keyboard.press("ArrowDown")  # moves through the group, choosing as it goes
    assert radios.nth(right_at).is_checked()
    visit.page.keyboard.press("Tab")  # the group is one stop: the next one is the button
    assert visit.page.evaluate("document.activeElement.hasAttribute('data-lk-check')")
    visit.page.keyboard.press("Enter")
    lines = [line.strip() for line in item.locator(".lk-quiz-result p").all_inner_texts()]
    assert lines == [EN("Right!"), single.options[right_at].feedback]
    assert visit.errors == []
    visit.close()


def test_steps_put_in_order_get_feedback_on_the_misplaced_ones(
    browser: Browser, base_url: str, curriculum: Curriculum
) -> None:
    lesson = _lesson(curriculum)
    questions = [q for q in lesson_questions(lesson) if q.structured]
    steps = next(q for q in questions if q.kind == ORDER)
    visit = Visit(browser, PHONE)
    visit.page.goto(base_url + html_path(lesson_page(lesson)), wait_until="networkidle")
    item = visit.page.locator("fieldset[data-lk-quiz]").nth(questions.index(steps))
    labels = [label.strip() for label in item.locator("label").all_inner_texts()]
    assert sorted(labels) == sorted(o.text for o in steps.options)
    assert labels != [o.text for o in steps.options]  # never shown in the right order
    # Every step in the first place: only the first step is right.
    for option in steps.options:
        item.get_by_label(option.text).select_option("1")
    by_label = {o.text: o for o in steps.options}
    misplaced = [by_label[label].feedback for label in labels if by_label[label] is not steps.options[0]]
    assert _check(item) == [EN("Not quite."), *misplaced]  # in the order shown
    for place, option in enumerate(steps.options, start=1):
        item.get_by_label(option.text).select_option(str(place))
    assert _check(item) == [EN("Right!")]
    assert visit.errors == []
    visit.close()


def test_the_arabic_quiz_runs_right_to_left_with_the_translated_feedback(
    browser: Browser, base_url: str, curriculum: Curriculum
) -> None:
    arabic = next(x for x in load_locales(ROOT) if x.language == "ar")
    localized = localize(curriculum, ROOT, arabic)
    lesson = localized.curriculum.lesson("online-friends-8-10")
    assert lesson is not None
    questions = [q for q in lesson_questions(lesson) if q.structured]
    single = next(q for q in questions if not q.multiple and q.kind != ORDER)
    visit = Visit(browser, PHONE)
    visit.page.goto(base_url + f"{arabic.id}/" + html_path(lesson_page(lesson)), wait_until="networkidle")
    item = visit.page.locator("fieldset[data-lk-quiz]").nth(questions.index(single))
    assert item.evaluate("e => getComputedStyle(e).direction") == "rtl"
    wrong = next(o for o in single.options if not o.correct)
    box = item.get_by_label(wrong.text)
    label = item.locator(f"label[for='{box.get_attribute('id')}']")
    box_at, label_at = box.bounding_box(), label.bounding_box()
    assert box_at is not None and label_at is not None
    assert box_at["x"] > label_at["x"]  # the control stands at the start of the line, on the right
    box.check()
    ui = localized.ui
    assert _check(item) == [ui("Not quite."), wrong.feedback]
    assert ui("Not quite.") != EN("Not quite.")  # the interface is translated, not left in English
    assert visit.errors == []
    visit.close()
