"""The quiz on paper (issue 19): the student handout asks, the teacher's plan answers.

The handout prints every question with empty boxes (to tick, or to number the shuffled steps of
an ordering item) and lines for short answers, and never an answer or feedback; the plan's key
marks the right options (a drawn tick, bold text and a "right answer" label), lists the steps in
their right order and prints each option's feedback. Checked in the PDFs (pdftotext, pypdf) of
the authoring example and of the Arabic test lesson, each with a structured quiz.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from conftest import FIXTURES, ROOT, authoring_example
from lessonkit.i18n.ui import translator
from lessonkit.load.curriculum import load_curriculum
from lessonkit.load.quiz import ORDER, Question, QuizOption, shown_order
from lessonkit.locale.country_pack import CountryPack, require_country_pack
from lessonkit.locale.locales import Locale, find_locale
from lessonkit.model import Lesson
from lessonkit.problems import Location
from lessonkit.render.html.documents import render_lesson_html
from lessonkit.render.html.view import build_view
from lessonkit.render.pdf.write import write_pdf
from lessonkit.render.settings import RenderSettings
from print_project import make_project, pdf_fonts, tool

ENGLISH_QUIZ = """::: quiz
Q: Pip sees a video that gives him an uh-oh feeling. What should Pip do next?
Type: scenario
- [ ] Keep watching and say nothing. :: Lots of children think so. Pip can always stop and tell a grown-up.
- [x] Stop and tell a trusted adult. :: Yes. A trusted adult can help Pip feel safe again.
- [ ] Hide the tablet under the bed. :: Hiding it does not make the feeling go away. A trusted adult can help.

Q: Who can be a trusted adult? Tick all that are right.
- [x] A teacher at school. :: Yes. Teachers are there to listen and help.
- [x] A grown-up at home who looks after you. :: Yes. The grown-ups who look after you want to know.
- [ ] Someone you only know from a game. :: Not quite. You do not really know who they are, so tell a grown-up you know.

Q: You will be in trouble if you tell.
Type: true-false
- [ ] True :: Many children worry about this. You will not be in trouble for telling.
- [x] False :: Yes. Telling is always the right thing to do.

Q: Something online gives you an uh-oh feeling. Put the steps in the right order.
Type: order
1. Stop what you are doing. :: First, stop. You do not have to answer.
2. Tell a trusted adult. :: Next, tell a grown-up you trust.
3. Keep telling until someone helps. :: If one grown-up does not listen, tell another one.

Q: Name one trusted adult at your school.
A: For example your teacher, a classroom assistant or the head teacher.
:::
"""

ARABIC_QUIZ = """::: quiz
Q: رأى بيب شيئًا مقلقًا على الجهاز اللوحي. ماذا يفعل بيب الآن؟
Type: scenario
- [ ] يسكت ولا يخبر أحدًا. :: يظن بعض الأطفال أن السكوت أفضل. يستطيع بيب دائمًا أن يتوقف ويخبر شخصًا كبيرًا.
- [x] يتوقف ويخبر شخصًا بالغًا موثوقًا. :: نعم. الشخص البالغ الموثوق يساعد بيب.
- [ ] يخبئ الجهاز تحت السرير. :: إخفاء الجهاز لا يبعد الشعور المقلق. الشخص البالغ الموثوق يساعد.

Q: ستقع في مشكلة إذا أخبرت.
Type: true-false
- [ ] صح :: يقلق أطفال كثيرون من هذا. لن تقع في مشكلة إذا أخبرت.
- [x] خطأ :: نعم. أن تخبر هو دائمًا الشيء الصحيح.

Q: رتّب الخطوات بالترتيب الصحيح.
Type: order
1. توقف عما تفعله. :: أولًا، توقف.
2. أخبر الكبار الذين تثق بهم. :: ثم أخبر شخصًا كبيرًا تثق به.
3. استمر في طلب المساعدة حتى يساعدك أحد. :: إذا لم يستمع إليك، أخبر شخصًا آخر.

Q: من هو الشخص البالغ الموثوق؟
A: شخص كبير تعرفه يحميك ويستمع إليك.
:::
"""

_QUIZ_SECTION = re.compile(r"::: quiz\n.*?\n:::\n", re.S)


def _with_quiz(lesson: str, quiz: str) -> str:
    replaced, count = _QUIZ_SECTION.subn(lambda _: quiz, lesson, count=1)
    assert count == 1, "the lesson lost its quiz section"
    return replaced


def english_lesson() -> str:
    """The authoring guide's example lesson with a structured quiz of every kind."""
    return _with_quiz(authoring_example(), ENGLISH_QUIZ)


def arabic_lesson() -> str:
    """The Arabic test lesson with a structured quiz (scenario, true-false, order, short answer)."""
    return _with_quiz((FIXTURES / "arabic" / "helpers-ar.md").read_text(encoding="utf-8"), ARABIC_QUIZ)


# The English quiz: what the handout must show, and what only the plan may show.
EN_RIGHT = (
    "Stop and tell a trusted adult.",
    "A teacher at school.",
    "A grown-up at home who looks after you.",
    "False",
)
EN_WRONG = (
    "Keep watching and say nothing.",
    "Hide the tablet under the bed.",
    "Someone you only know from a game.",
    "True",
)
EN_STEPS = ("Stop what you are doing.", "Tell a trusted adult.", "Keep telling until someone helps.")
EN_FEEDBACK = (
    "Pip can always stop and tell a grown-up.",
    "A trusted adult can help Pip feel safe again.",
    "Teachers are there to listen and help.",
    "You do not really know who they are",
    "Many children worry about this.",
    "Telling is always the right thing to do.",
    "First, stop. You do not have to answer.",
    "If one grown-up does not listen, tell another one.",
)
EN_SHORT_ANSWER = "For example your teacher, a classroom assistant or the head teacher."
AR_STEPS = ("توقف عما تفعله.", "أخبر الكبار الذين تثق بهم.", "استمر في طلب المساعدة حتى يساعدك أحد.")
# Words with tanween come out of pdftotext in another order: the checked feedback has none.
AR_FEEDBACK = ("الشخص البالغ الموثوق يساعد بيب.", "يقلق أطفال كثيرون من هذا.", "إذا لم يستمع إليك")


def _lesson(root: Path) -> tuple[Lesson, RenderSettings]:
    curriculum, problems = load_curriculum(root)
    assert curriculum is not None and not problems, problems
    return curriculum.lessons[0], RenderSettings(curriculum.config, root)


# What a document is rendered for: the locale, its country's help services and the interface labels.
Parts = tuple[Locale, CountryPack, Callable[[str], str]]


def _english(folder: Path) -> tuple[Path, Parts]:
    return make_project(folder, {"example.md": english_lesson()}), _english_parts()


def _arabic(folder: Path) -> tuple[Path, Parts]:
    root = make_project(folder, {"helpers-ar.md": arabic_lesson()}, source_language="ar")
    return root, (find_locale(ROOT, "ar-DE"), require_country_pack(ROOT, "DE"), translator(ROOT, "ar"))


def _html(root: Path, kind: str, parts: Parts) -> str:
    lesson, settings = _lesson(root)
    locale, pack, ui = parts
    document = render_lesson_html(kind, lesson, locale, pack, ui, settings)
    assert not document.warnings
    return document.html


def test_ordering_items_are_never_printed_in_the_right_order() -> None:
    for steps in range(2, 7):
        options = tuple(f"step {n}" for n in range(steps))
        for number in range(1, 150):
            question = _question(f"q{number}", options)
            order = shown_order("a-lesson", question)
            assert sorted(order) == list(range(steps))
            assert order != tuple(range(steps)), (steps, number)
            # The same in every build: seeded by the ids only, whatever the language of the text.
            translated = _question(f"q{number}", tuple(f"Schritt {n}" for n in range(steps)))
            assert shown_order("a-lesson", translated) == order


def _question(question_id: str, texts: tuple[str, ...]) -> Question:
    where = Location(Path("x.md"), 1, 1)
    options = tuple(QuizOption(f"{question_id}-o{n}", text, True, "", where) for n, text in enumerate(texts, 1))
    return Question(question_id, ORDER, "Put them in order.", where, options=options)


def test_quiz_text_goes_through_the_inline_renderer(tmp_path: Path) -> None:
    quiz = """::: quiz
Q: Who can you **call**? <img src=x onerror=alert(1)>
- [x] {{ help.child_helpline }} :: Yes. <script>alert(1)</script> They listen.
- [ ] Nobody :: Not quite. Someone *always* listens.
:::
"""
    root = make_project(tmp_path, {"example.md": _with_quiz(authoring_example(), quiz)})
    lesson, settings = _lesson(root)
    locale, pack, ui = _english_parts()
    view = build_view(lesson, locale, pack, ui, settings)
    (question,) = view.quiz
    assert "<strong>call</strong>" in question.prompt and "&lt;img" in question.prompt and "<img" not in question.prompt
    right, wrong = question.options
    assert (
        right.correct
        and "Childline" in right.html
        and "<script" not in right.feedback
        and "They listen." in right.feedback
    )
    assert not wrong.correct and "<em>always</em>" in wrong.feedback
    for kind in ("handout", "plan"):
        html = _html(root, kind, _english_parts())
        assert "<script" not in html and "<img src=x" not in html, kind


def _english_parts() -> Parts:
    return find_locale(ROOT, "en-IE"), require_country_pack(ROOT, "IE"), translator(ROOT, "en")


def test_handout_html_asks_and_plan_html_answers(tmp_path: Path) -> None:
    root, parts = _english(tmp_path)
    handout, plan = _html(root, "handout", parts), _html(root, "plan", parts)
    for text in (*EN_RIGHT, *EN_WRONG, *EN_STEPS):
        assert text in handout and text in plan, text
    for text in (*EN_FEEDBACK, EN_SHORT_ANSWER, "right answer", "ticked"):
        assert text not in handout, text
        assert text in plan, text
    # One box for each option and step, and two lines to write the short answer on.
    assert handout.count('<span class="tick-box') == len(EN_RIGHT) + len(EN_WRONG) + len(EN_STEPS)
    assert handout.count('class="write-line"') == 2
    # The key ticks exactly the right options.
    assert plan.count("tick-box ticked") == len(EN_RIGHT) == plan.count("(right answer)")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The handout and plan PDFs of the English and the Arabic lesson."""
    made: dict[str, Path] = {}
    for language, project in (("en", _english), ("ar", _arabic)):
        root, parts = project(tmp_path_factory.mktemp(f"quiz-{language}"))
        for kind in ("handout", "plan"):
            result = write_pdf(_html(root, kind, parts), root, [root], root / "handouts" / "css")
            assert not result.refused
            path = root / f"{language}-{kind}.pdf"
            path.write_bytes(result.data)
            made[f"{language}-{kind}"] = path
    return made


def _text(pdf: Path) -> str:
    return " ".join(tool("pdftotext", str(pdf), "-").split())


def _chunks(pdf: Path) -> list[tuple[bool, str]]:
    """Every run of text with whether its font is bold."""
    found: list[tuple[bool, str]] = []

    def visit(text: str, _cm: Any, _tm: Any, font: Any, _size: Any) -> None:
        if text.strip():
            found.append(("Bold" in str((font or {}).get("/BaseFont", "")), " ".join(text.split())))

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return found


@pytest.mark.slow
def test_handout_pdf_has_the_options_and_no_answers(pdfs: dict[str, Path]) -> None:
    text = _text(pdfs["en-handout"])
    for option in (*EN_RIGHT, *EN_WRONG, *EN_STEPS):
        assert option in text, option
    for answer in (*EN_FEEDBACK, "right answer", EN_SHORT_ANSWER):
        assert answer not in text, answer
    # The steps of the ordering item are printed shuffled: not in their right order.
    places = [text.index(step) for step in EN_STEPS]
    assert places != sorted(places)
    # No option is printed in bold on the student's sheet (bold marks right answers in the key).
    bold = " ".join(chunk for is_bold, chunk in _chunks(pdfs["en-handout"]) if is_bold)
    for option in (*EN_RIGHT, *EN_WRONG):
        assert option not in bold, option


@pytest.mark.slow
def test_plan_pdf_marks_the_right_options_and_prints_the_feedback(pdfs: dict[str, Path]) -> None:
    text = _text(pdfs["en-plan"])
    assert "Quiz with answers" in text
    assert text.count("(right answer)") == len(EN_RIGHT)
    for feedback in EN_FEEDBACK:
        assert feedback in text, feedback
    assert f"Answer: {EN_SHORT_ANSWER}" in text
    chunks = _chunks(pdfs["en-plan"])
    bold = [chunk for is_bold, chunk in chunks if is_bold]
    regular = [chunk for is_bold, chunk in chunks if not is_bold]
    for option in EN_RIGHT:
        assert option in bold, option
        assert f"{option} (right answer)" in text, option
    for option in EN_WRONG:
        assert option in regular and option not in bold, option
    # The ordering item's key lists the steps in their right order, numbered.
    key = text[text.index("Quiz with answers") :]
    assert all(f"{n} {step}" in key for n, step in enumerate(EN_STEPS, start=1))
    places = [key.index(step) for step in EN_STEPS]
    assert places == sorted(places)


# pdftotext's Arabic depends on how the PDF carries the text (glyph maps or /ActualText): lam-alef
# ligatures may come out reversed, vowel marks and punctuation move, a word's letters may come out
# in reverse. Compare each word's skeleton without those letters and marks, either way round.
_NOT_COMPARED = re.compile(r"[\s\u064b-\u065f\u0670\u200e\u200f\u202a-\u202e.,،؟:()اأإآلى]")


def _skeleton(text: str) -> str:
    return _NOT_COMPARED.sub("", text)


def _arabic_text(pdf: Path) -> str:
    return _skeleton(tool("pdftotext", str(pdf), "-"))


def _find(text: str, phrase: str) -> list[int]:
    """Where the phrase's words follow one another in the extracted text (each word either way round)."""
    words = [word for word in (_skeleton(w) for w in phrase.split()) if word]
    pattern = "".join(f"(?:{re.escape(w)}|{re.escape(w[::-1])})" for w in words)
    return [match.start() for match in re.finditer(pattern, text)]


@pytest.mark.slow
def test_arabic_handout_asks_and_plan_answers(pdfs: dict[str, Path]) -> None:
    handout, plan = _arabic_text(pdfs["ar-handout"]), _arabic_text(pdfs["ar-plan"])
    for step in AR_STEPS:
        assert _find(handout, step) and _find(plan, step), step
    for feedback in AR_FEEDBACK:
        assert not _find(handout, feedback), feedback
        assert _find(plan, feedback), feedback
    label = "الإجابة الصحيحة"
    assert not _find(handout, label)
    assert len(_find(plan, label)) == 2  # the scenario's right option and "false"
    # The handout prints the steps shuffled: not in their right order.
    places = [_find(handout, step)[0] for step in AR_STEPS]
    shuffled = sorted(range(len(AR_STEPS)), key=lambda index: places[index])
    assert shuffled != list(range(len(AR_STEPS)))


@pytest.mark.slow
def test_quiz_pdfs_use_only_the_bundled_fonts(pdfs: dict[str, Path]) -> None:
    # A tick or box glyph missing from the bundled fonts would pull in a system font (or print tofu).
    for name, pdf in pdfs.items():
        fonts = [font for font, _ in pdf_fonts(pdf)]
        assert fonts and all("Atkinson-Hyperlegible" in f or "Noto-Sans-Arabic" in f for f in fonts), (name, fonts)
