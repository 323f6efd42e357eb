"""Exports: GIFT round-trips through a parser, QTI and the cartridge's manifest are well formed, every quiz is there.

No IMS schema (XSD) of Common Cartridge 1.3 or QTI 1.2 is packaged on PyPI, npm or Debian, so the
XML is checked against RELAX NG grammars written here from the published element names of the
parts lessonkit writes, and by following every reference in the manifest.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import pytest
from lxml import etree

from conftest import ROOT, run_cli
from lessonkit.build.localize import localize
from lessonkit.export.cartridge import QTI_RESOURCE, CartridgeLesson, manifest_xml, write_cartridge
from lessonkit.export.gift import escape, gift_file
from lessonkit.export.qti import QTI_NS, assessment_xml, item_profile
from lessonkit.export.quizzes import LessonQuiz, lesson_quiz, shuffled
from lessonkit.export.run import ready_student_lessons
from lessonkit.load.curriculum import load_curriculum
from lessonkit.load.quiz import CHOICE, ORDER, SHORT, TRUE_FALSE
from lessonkit.locale.locales import find_locale
from lessonkit.localized import Localized
from lessonkit.model import Curriculum, Lesson, Section
from lessonkit.problems import Location
from test_quiz_format import guide_quiz, structured_lesson

# ---------------------------------------------------------------- a GIFT parser (Moodle's grammar, subset)


@dataclass
class GiftAnswer:
    text: str
    right: bool
    weight: float | None = None
    feedback: str = ""
    match: str = ""


@dataclass
class GiftQuestion:
    title: str
    text: str
    kind: str  # essay, truefalse, multichoice, matching
    answers: list[GiftAnswer] = field(default_factory=list)
    truth: bool | None = None
    general: str = ""
    true_feedback: tuple[str, str] = ("", "")


def _split(text: str, marks: str) -> list[tuple[str, str]]:
    """Pieces of GIFT text cut at unescaped `marks`: (mark that opened the piece, raw piece)."""
    pieces: list[tuple[str, str]] = []
    mark, current, index = "", [], 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            current.append(text[index : index + 2])
            index += 2
            continue
        if char in marks:
            pieces.append((mark, "".join(current)))
            mark, current = char, []
        else:
            current.append(char)
        index += 1
    pieces.append((mark, "".join(current)))
    return pieces


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text).strip()


def parse_gift(source: str) -> list[GiftQuestion]:
    blocks, current = [], []
    for line in source.split("\n"):
        if line.startswith("//") or line.startswith("$CATEGORY:"):
            continue
        if not line.strip():
            if current:
                blocks.append("\n".join(current))
                current = []
            continue
        current.append(line)
    if current:
        blocks.append("\n".join(current))
    return [_question(block) for block in blocks]


def _question(block: str) -> GiftQuestion:
    match = re.match(r"::(?P<title>(?:\\.|[^:\\])*)::(?P<rest>.*)$", block, re.S)
    assert match, block
    rest = match["rest"]
    opens = [m.start() for m in re.finditer(r"(?<!\\)\{", rest)]
    closes = [m.start() for m in re.finditer(r"(?<!\\)\}", rest)]
    assert len(opens) == 1 and len(closes) == 1 and closes[0] == len(rest.rstrip()) - 1, f"unbalanced: {block}"
    text, inside = rest[: opens[0]], rest[opens[0] + 1 : closes[0]]
    question = GiftQuestion(unescape(match["title"]), unescape(text), "")
    general_at = inside.find("####")
    if general_at >= 0:
        question.general = unescape(inside[general_at + 4 :])
        inside = inside[:general_at]
    body = inside.strip()
    if not body:
        question.kind = "essay"
        return question
    head = _split(body, "#")
    if head[0][1].strip() in ("TRUE", "FALSE", "T", "F"):
        question.kind = "truefalse"
        question.truth = head[0][1].strip() in ("TRUE", "T")
        assert len(head) == 3, body
        question.true_feedback = (unescape(head[1][1]), unescape(head[2][1]))
        return question
    for mark, raw in _split(body, "=~")[1:]:
        answer, feedback = _cut(raw)
        weight = None
        found = re.match(r"%(-?[\d.]+)%", answer)
        if found:
            weight, answer = float(found[1]), answer[found.end() :]
        if " -> " in answer:
            left, right = answer.split(" -> ", 1)
            question.answers.append(GiftAnswer(unescape(left), True, match=unescape(right)))
            question.kind = "matching"
            continue
        right_answer = mark == "=" or (weight is not None and weight > 0)
        question.answers.append(GiftAnswer(unescape(answer), right_answer, weight, unescape(feedback)))
        question.kind = question.kind or "multichoice"
    return question


def _cut(raw: str) -> tuple[str, str]:
    """An answer and its feedback, cut at the first unescaped '#'."""
    pieces = _split(raw, "#")
    return pieces[0][1], pieces[1][1] if len(pieces) > 1 else ""


def assert_round_trip(quiz: LessonQuiz, parsed: list[GiftQuestion]) -> None:
    """The parsed GIFT questions say exactly what the quiz model says."""
    assert [q.title for q in parsed] == [f"{quiz.id} {q.id}" for q in quiz.questions]
    for question, gift in zip(quiz.questions, parsed, strict=True):
        assert gift.text == " ".join(question.prompt.split()).replace("->", "- >")
        if question.kind == SHORT:
            assert gift.kind == "essay" and gift.general == question.answer.replace("->", "- >")
        elif question.kind == TRUE_FALSE:
            true, false = question.options
            right, wrong = (true, false) if question.truth else (false, true)
            assert gift.kind == "truefalse" and gift.truth == question.truth
            assert gift.true_feedback == (wrong.feedback, right.feedback)
        elif question.kind == ORDER:
            assert gift.kind == "matching"
            assert [(a.text, a.match) for a in gift.answers] == [
                (o.text, str(n)) for n, o in enumerate(question.options, start=1)
            ]
        else:
            assert question.kind == CHOICE and gift.kind == "multichoice"
            assert [(a.text, a.right, a.feedback) for a in gift.answers] == [
                (o.text, o.correct, o.feedback) for o in question.options
            ]
            if question.multiple:
                weights = [a.weight for a in gift.answers if a.right]
                assert weights and abs(sum(w or 0 for w in weights) - 100) < 0.01


# ---------------------------------------------------------------- RELAX NG grammars of what lessonkit writes

QTI_RNG = f"""
<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="{QTI_NS}"
         datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start><element name="questestinterop">
    <attribute ns="http://www.w3.org/2001/XMLSchema-instance" name="schemaLocation"/>
    <element name="assessment"><attribute name="ident"><data type="ID"/></attribute><attribute name="title"/>
      <ref name="qtimetadata"/>
      <element name="section"><attribute name="ident"/><oneOrMore><ref name="item"/></oneOrMore></element>
    </element>
  </element></start>
  <define name="qtimetadata"><element name="qtimetadata"><oneOrMore><element name="qtimetadatafield">
    <element name="fieldlabel"><text/></element><element name="fieldentry"><text/></element>
  </element></oneOrMore></element></define>
  <define name="material"><element name="material"><element name="mattext">
    <attribute name="texttype"><choice><value>text/plain</value></choice></attribute>
    <attribute ns="http://www.w3.org/XML/1998/namespace" name="lang"/><text/>
  </element></element></define>
  <define name="item"><element name="item"><attribute name="ident"/><attribute name="title"/>
    <element name="itemmetadata"><ref name="qtimetadata"/></element>
    <element name="presentation"><ref name="material"/>
      <choice>
        <element name="response_lid"><attribute name="ident"/>
          <attribute name="rcardinality"><choice><value>Single</value><value>Multiple</value></choice></attribute>
          <element name="render_choice"><oneOrMore><element name="response_label"><attribute name="ident"/>
            <ref name="material"/></element></oneOrMore></element>
        </element>
        <element name="response_str"><attribute name="ident"/><attribute name="rcardinality">
          <value>Single</value></attribute>
          <element name="render_fib"><element name="response_label"><attribute name="ident"/>
            <attribute name="rshuffle"/></element></element>
        </element>
      </choice>
    </element>
    <element name="resprocessing">
      <element name="outcomes"><element name="decvar"><attribute name="varname"/><attribute name="vartype"/>
        <attribute name="minvalue"/><attribute name="maxvalue"/></element></element>
      <oneOrMore><element name="respcondition"><attribute name="continue"><choice><value>Yes</value>
        <value>No</value></choice></attribute>
        <element name="conditionvar"><ref name="condition"/></element>
        <optional><element name="setvar"><attribute name="action"/><attribute name="varname"/>
          <data type="decimal"/></element></optional>
        <optional><element name="displayfeedback"><attribute name="feedbacktype"/>
          <attribute name="linkrefid"/></element></optional>
      </element></oneOrMore>
    </element>
    <zeroOrMore><element name="itemfeedback"><attribute name="ident"/><element name="flow_mat">
      <ref name="material"/></element></element></zeroOrMore>
  </element></define>
  <define name="condition"><choice>
    <element name="other"><empty/></element>
    <element name="varequal"><attribute name="respident"/><text/></element>
    <element name="and"><oneOrMore><choice>
      <element name="varequal"><attribute name="respident"/><text/></element>
      <element name="not"><element name="varequal"><attribute name="respident"/><text/></element></element>
    </choice></oneOrMore></element>
  </choice></define>
</grammar>
"""

CC_NS = "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"
LOMM = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest"
MANIFEST_RNG = f"""
<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="{CC_NS}"
         datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start><element name="manifest"><attribute name="identifier"><data type="ID"/></attribute>
    <attribute ns="http://www.w3.org/2001/XMLSchema-instance" name="schemaLocation"/>
    <element name="metadata">
      <element name="schema"><value>IMS Common Cartridge</value></element>
      <element name="schemaversion"><value>1.3.0</value></element>
      <element ns="{LOMM}" name="lom">
        <element ns="{LOMM}" name="general">
          <element ns="{LOMM}" name="title"><element ns="{LOMM}" name="string"><attribute name="language"/>
            <text/></element></element>
          <element ns="{LOMM}" name="language"><text/></element>
        </element>
        <element ns="{LOMM}" name="rights">
          <element ns="{LOMM}" name="copyrightAndOtherRestrictions"><element ns="{LOMM}" name="value">
            <value>yes</value></element></element>
          <element ns="{LOMM}" name="description"><element ns="{LOMM}" name="string">
            <attribute name="language"/><text/></element></element>
        </element>
      </element>
    </element>
    <element name="organizations"><element name="organization"><attribute name="identifier"><data type="ID"/>
      </attribute>
      <attribute name="structure"><value>rooted-hierarchy</value></attribute>
      <element name="item"><attribute name="identifier"><data type="ID"/></attribute>
        <oneOrMore><element name="item"><attribute name="identifier"><data type="ID"/></attribute>
          <element name="title"><text/></element>
          <oneOrMore><element name="item"><attribute name="identifier"><data type="ID"/></attribute>
            <attribute name="identifierref"><data type="IDREF"/></attribute><element name="title"><text/>
              </element></element></oneOrMore>
        </element></oneOrMore>
      </element>
    </element></element>
    <element name="resources"><oneOrMore><element name="resource">
      <attribute name="identifier"><data type="ID"/></attribute>
      <choice>
        <group><attribute name="type"><value>webcontent</value></attribute><attribute name="href"/>
          <optional><attribute name="intendeduse"><choice><value>lessonplan</value><value>syllabus</value>
            <value>assignment</value><value>unspecified</value></choice></attribute></optional>
        </group>
        <attribute name="type"><value>{QTI_RESOURCE}</value></attribute>
      </choice>
      <element name="file"><attribute name="href"/></element>
    </element></oneOrMore></element>
  </element></start>
</grammar>
"""


def rng(text: str) -> etree.RelaxNG:
    return etree.RelaxNG(etree.fromstring(text.encode("utf-8")))


def assert_valid(schema: etree.RelaxNG, data: bytes) -> etree._Element:
    document = etree.fromstring(data)
    assert schema.validate(document), schema.error_log
    return document


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def curriculum() -> Curriculum:
    loaded, _ = load_curriculum(ROOT)
    assert loaded is not None
    return loaded


@pytest.fixture(scope="module")
def localized(curriculum: Curriculum) -> dict[str, Localized]:
    return {locale: localize(curriculum, ROOT, find_locale(ROOT, locale)) for locale in ("en-IE", "ar-DE")}


def structured_quiz(localized: Localized, extra: str = "") -> LessonQuiz:
    """The guide's structured example quiz (plus `extra` items) as a lesson quiz of the locale."""
    (text,) = re.findall(r"::: quiz\n(.*?)\n:::", guide_quiz(), re.S)
    lesson = next(x for x in localized.curriculum.lessons if x.is_student_lesson)
    quiz_section = Section("quiz", MappingProxyType({}), text + extra, Location(lesson.path, 1, 1))
    body_lesson = _with_quiz(lesson, quiz_section)
    return lesson_quiz(body_lesson, localized.pack)


def _with_quiz(lesson: Lesson, quiz: Section) -> Lesson:
    others = tuple(s for s in lesson.sections if s.kind != "quiz")
    return dataclasses.replace(lesson, sections=(*others, quiz))


SPECIALS = """
Q: Tricky {braces} = signs ~ tildes # hashes : colons \\ backslash -> arrow?
- [x] Yes {really} :: Right = correct ~ #1: well done \\ ok
- [ ] No :: Not = quite ~ #2
"""


# ---------------------------------------------------------------- tests


def test_every_ready_student_lesson_quiz_is_exported(localized: dict[str, Localized], tmp_path: Path) -> None:
    english = localized["en-IE"]
    students = [x for x in english.curriculum.lessons if x.is_student_lesson]
    by_band = ready_student_lessons(english)
    assert sorted(x.id for lessons in by_band.values() for x in lessons) == sorted(x.id for x in students)
    qti = rng(QTI_RNG)
    for locale, item in localized.items():
        for band, lessons in ready_student_lessons(item).items():
            quizzes = [lesson_quiz(lesson, item.pack) for lesson in lessons]
            assert all(len(q.questions) >= 3 for q in quizzes), band
            text = gift_file(quizzes, "heading", f"lessonkit/{band}")
            parsed = parse_gift(text)
            for quiz in quizzes:
                assert f"$CATEGORY: $course$/top/lessonkit/{band}/{quiz.id}" in text
                mine = [g for g in parsed if g.title.split(" ")[0] == quiz.id]
                assert_round_trip(quiz, mine)
                document = assert_valid(qti, assessment_xml(quiz, item.locale.language))
                items = document.findall(f".//{{{QTI_NS}}}item")
                assert [i.get("ident") for i in items] == [f"{quiz.id}-{q.id}" for q in quiz.questions], locale


def test_structured_items_round_trip_through_gift(localized: dict[str, Localized]) -> None:
    for item in localized.values():
        quiz = structured_quiz(item, SPECIALS)
        assert [q.kind for q in quiz.questions] == [SHORT, CHOICE, CHOICE, TRUE_FALSE, ORDER, CHOICE]
        text = gift_file([quiz], "structured")
        assert "\\{braces\\} \\= signs \\~ tildes \\# hashes \\: colons \\\\ backslash" in text
        assert_round_trip(quiz, parse_gift(text))


def test_gift_escapes_every_special_character() -> None:
    assert escape("a~b=c#d{e}f:g\\h") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h"
    assert escape("two\nlines  here") == "two lines here"
    assert unescape(escape("x {y} = z")) == "x {y} = z"


def test_qti_items_follow_the_cartridge_profile(localized: dict[str, Localized]) -> None:
    quiz = structured_quiz(localized["ar-DE"], SPECIALS)
    data = assessment_xml(quiz, "ar")
    document = assert_valid(rng(QTI_RNG), data)
    ns = {"q": QTI_NS}
    profiles = [
        i.findtext("q:itemmetadata/q:qtimetadata/q:qtimetadatafield[q:fieldlabel='cc_profile']/q:fieldentry", None, ns)
        for i in document.findall(".//q:item", ns)
    ]
    assert profiles == [
        "cc.essay.v0p1",
        "cc.multiple_choice.v0p1",
        "cc.multiple_response.v0p1",
        "cc.true_false.v0p1",
        "cc.essay.v0p1",
        "cc.multiple_choice.v0p1",
    ]
    assert profiles == [item_profile(q) for q in quiz.questions]
    scenario = document.findall(".//q:item", ns)[1]
    right = [o.id for o in quiz.questions[1].right]
    assert [
        v.text for v in scenario.findall("q:resprocessing/q:respcondition[@continue='No']//q:varequal", ns)
    ] == right
    feedback_ids = {f.get("ident") for f in scenario.findall("q:itemfeedback", ns)}
    links = {d.get("linkrefid") for d in scenario.findall(".//q:displayfeedback", ns)}
    assert links == feedback_ids and len(links) == len(quiz.questions[1].options)
    several = document.findall(".//q:item", ns)[2]
    assert several.find(".//q:response_lid", ns).get("rcardinality") == "Multiple"
    order = document.findall(".//q:item", ns)[4]
    shown = order.findtext(".//q:presentation/q:material/q:mattext", None, ns)
    steps = [o.text for o in quiz.questions[4].options]
    assert [line[2:] for line in shown.split("\n")[1:]] == [o.text for o in shuffled(quiz.lesson.id, quiz.questions[4])]
    assert [line[2:] for line in shown.split("\n")[1:]] != steps
    key = order.findtext("q:itemfeedback/q:flow_mat/q:material/q:mattext", None, ns)
    assert key.index(steps[0]) < key.index(steps[1]) < key.index(steps[2])
    assert all(
        m.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar" for m in document.iter(f"{{{QTI_NS}}}mattext")
    )


def test_cartridge_manifest_is_valid_and_complete(localized: dict[str, Localized], tmp_path: Path) -> None:
    item = localized["ar-DE"]
    band, lessons = next(iter(ready_student_lessons(item).items()))
    quizzes = [lesson_quiz(lesson, item.pack) for lesson in lessons]
    plan = tmp_path / f"{quizzes[0].id}-plan.pdf"
    plan.write_bytes(b"%PDF-1.7 test")
    handout = tmp_path / f"{quizzes[0].id}-handout.pdf"
    handout.write_bytes(b"%PDF-1.7 test")
    entries = [CartridgeLesson(q, {"handout": handout, "plan": plan} if n == 0 else {}) for n, q in enumerate(quizzes)]
    target = tmp_path / "out.imscc"
    write_cartridge(
        target, f"lessonkit-{band}-ar-DE", "Title", item.locale, entries, item.pack, item.ui, "CC BY-SA 4.0"
    )
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        manifest = assert_valid(rng(MANIFEST_RNG), archive.read("imsmanifest.xml"))
        ns = {"c": CC_NS}
        resources = manifest.findall(".//c:resource", ns)
        for resource in resources:
            for file in resource.findall("c:file", ns):
                assert file.get("href") in names
            if resource.get("type") == QTI_RESOURCE:
                assert_valid(rng(QTI_RNG), archive.read(resource.find("c:file", ns).get("href")))
        assessments = [r for r in resources if r.get("type") == QTI_RESOURCE]
        assert len(assessments) == len(quizzes)
        assert {r.get("href") for r in resources if r.get("intendeduse") == "lessonplan"} == {
            f"{quizzes[0].id}/{plan.name}"
        }
        page = archive.read(f"{quizzes[0].id}/index.html").decode("utf-8")
    html = etree.HTML(page)
    assert html.get("lang") == "ar" and html.get("dir") == "rtl"
    assert html.find(".//h1").text == quizzes[0].title
    links = [a.get("href") for a in html.iter("a")]
    assert links == [handout.name]  # learners see the handout, not the teacher's plan
    assert "{{" not in page and "help." not in page and "<script" not in page
    assert manifest_xml("x", "T", item.locale, entries, item.ui, "L") == manifest_xml(
        "x", "T", item.locale, entries, item.ui, "L"
    )


def test_export_command_writes_cartridges_and_leaves_out_lessons_not_ready(project: Path, tmp_path: Path) -> None:
    """A small project: the structured example lesson, with no German translation yet."""
    path = project / "lessons" / "students" / "example.md"
    path.parent.mkdir(parents=True)
    path.write_text(structured_lesson(), encoding="utf-8")
    shutil.copytree(ROOT / "locales" / "countries", project / "locales" / "countries")
    shutil.copy(ROOT / "locales" / "locales.yml", project / "locales" / "locales.yml")
    out = tmp_path / "out"
    result = run_cli("export", "--format", "imscc", "--out", str(out), "--project", str(project))
    assert result.code == 0, result.err
    english = out / "exports" / "imscc" / "en-IE" / "lessonkit-4-7-en-IE.imscc"
    assert english.is_file()
    assert not list((out / "exports" / "imscc" / "de-DE").glob("*.imscc"))
    assert "lessons/students/example.md:1:1: warning X001 not exported in de-DE" in result.err
    with zipfile.ZipFile(english) as archive:
        assert "example-helpers-4-7/assessment.xml" in archive.namelist()
    gift = run_cli("export", "--format", "gift", "--locale", "en-IE", "--out", str(out), "--project", str(project))
    assert gift.code == 0, gift.err
    text = (out / "exports" / "gift" / "en-IE" / "4-7" / "example-helpers-4-7.gift.txt").read_text(encoding="utf-8")
    assert len(parse_gift(text)) == 5
    assert english.is_file()  # another format's export is kept
    qti = run_cli("export", "--format", "qti", "--locale", "en-IE", "--out", str(out), "--project", str(project))
    assert qti.code == 0, qti.err
    assert_valid(rng(QTI_RNG), (out / "exports" / "qti" / "en-IE" / "4-7" / "example-helpers-4-7.qti.xml").read_bytes())
    assert (out / ".lessonkit-output").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "gift", "--out", "."), "project folder"),
        (("--format", "gift", "--locale", "xx-XX"), "unknown locale"),
        (
            (
                "--format",
                "zip",
            ),
            "Invalid value",
        ),
    ],
)
def test_export_refuses_bad_arguments(project: Path, args: tuple[str, ...], message: str) -> None:
    (project / "locales").mkdir()
    shutil.copy(ROOT / "locales" / "locales.yml", project / "locales" / "locales.yml")
    result = run_cli("export", *args, "--project", str(project))
    assert result.code == 2, result.err
    assert message in result.err and "Traceback" not in result.err
