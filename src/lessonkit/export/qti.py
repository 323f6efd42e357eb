"""QTI 1.2 assessments in the Common Cartridge profile: one assessment per lesson quiz.

Item types follow the cartridge's QTI profile, which Moodle and Canvas import: multiple choice
(`cc.multiple_choice.v0p1`), multiple response (`cc.multiple_response.v0p1`), true-false
(`cc.true_false.v0p1`) and essay (`cc.essay.v0p1`). The profile has no ordering type, so an ordering
item becomes an essay that lists the steps mixed up, with the right order as its feedback. Every
option's feedback is an `itemfeedback` shown when that option is chosen.
"""

from __future__ import annotations

from lxml import etree

from lessonkit.export.quizzes import LessonQuiz, shuffled
from lessonkit.load.quiz import CHOICE, ORDER, SHORT, TRUE_FALSE, Question, QuizOption

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
QTI_SCHEMA = "http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_qtiasiv1p2p1_v1p0.xsd"
PROFILES = {
    "single": "cc.multiple_choice.v0p1",
    "multiple": "cc.multiple_response.v0p1",
    TRUE_FALSE: "cc.true_false.v0p1",
    "essay": "cc.essay.v0p1",
}
RESPONSE = "response1"
GENERAL = "general_fb"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _q(tag: str) -> str:
    return f"{{{QTI_NS}}}{tag}"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, _q(tag), attrs)
    if text is not None:
        element.text = text
    return element


def _metadata(parent: etree._Element, fields: dict[str, str]) -> None:
    meta = _sub(parent, "qtimetadata")
    for label, entry in fields.items():
        field = _sub(meta, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)


def _material(parent: etree._Element, text: str, language: str) -> None:
    mattext = _sub(_sub(parent, "material"), "mattext", text, texttype="text/plain")
    mattext.set(XML_LANG, language)


def assessment_xml(quiz: LessonQuiz, language: str) -> bytes:
    """The QTI document (UTF-8 bytes) of one lesson's quiz."""
    root = etree.Element(_q("questestinterop"), nsmap={None: QTI_NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{QTI_NS} {QTI_SCHEMA}")
    assessment = _sub(root, "assessment", ident=f"{quiz.id}-quiz", title=quiz.title)
    _metadata(
        assessment,
        {"cc_profile": "cc.exam.v0p1", "qmd_assessmenttype": "Examination", "cc_maxattempts": "unlimited"},
    )
    section = _sub(assessment, "section", ident=f"{quiz.id}-section")
    for question in quiz.questions:
        _item(section, quiz, question, language)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def item_profile(question: Question) -> str:
    """The cartridge QTI profile of a question."""
    if question.kind in (SHORT, ORDER):
        return PROFILES["essay"]
    if question.kind == TRUE_FALSE:
        return PROFILES[TRUE_FALSE]
    return PROFILES["multiple" if question.multiple else "single"]


def _item(section: etree._Element, quiz: LessonQuiz, question: Question, language: str) -> None:
    item = _sub(section, "item", ident=f"{quiz.id}-{question.id}", title=f"{quiz.title} {question.id[1:]}")
    _metadata(_sub(item, "itemmetadata"), {"cc_profile": item_profile(question), "cc_weighting": "1"})
    presentation = _sub(item, "presentation")
    if question.kind in (SHORT, ORDER):
        _essay(item, presentation, quiz.lesson.id, question, language)
        return
    assert question.kind in (CHOICE, TRUE_FALSE)
    _material(presentation, question.prompt, language)
    cardinality = "Multiple" if question.multiple else "Single"
    response = _sub(presentation, "response_lid", ident=RESPONSE, rcardinality=cardinality)
    choices = _sub(response, "render_choice")
    for option in question.options:
        _material(_sub(choices, "response_label", ident=option.id), option.text, language)
    processing = _sub(item, "resprocessing")
    outcomes = _sub(processing, "outcomes")
    _sub(outcomes, "decvar", varname="SCORE", vartype="Decimal", minvalue="0", maxvalue="100")
    for option in question.options:
        if option.feedback:
            condition = _sub(processing, "respcondition", **{"continue": "Yes"})
            _sub(_sub(condition, "conditionvar"), "varequal", option.id, respident=RESPONSE)
            _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=f"{option.id}-fb")
    _scoring(processing, question)
    for option in question.options:
        if option.feedback:
            _feedback(item, f"{option.id}-fb", option.feedback, language)


def _scoring(processing: etree._Element, question: Question) -> None:
    condition = _sub(processing, "respcondition", **{"continue": "No"})
    variables = _sub(condition, "conditionvar")
    if question.multiple:
        both = _sub(variables, "and")
        for option in question.options:
            target = both if option.correct else _sub(both, "not")
            _sub(target, "varequal", option.id, respident=RESPONSE)
    else:
        (right,) = question.right
        _sub(variables, "varequal", right.id, respident=RESPONSE)
    _sub(condition, "setvar", "100", action="Set", varname="SCORE")


def _essay(
    item: etree._Element, presentation: etree._Element, lesson_id: str, question: Question, language: str
) -> None:
    if question.kind == ORDER:
        # One text: the cartridge importers read the first material of an essay.
        lines = [question.prompt, *(f"- {step.text}" for step in shuffled(lesson_id, question))]
        _material(presentation, "\n".join(lines), language)
        answer = _order_key(question.options)
    else:
        _material(presentation, question.prompt, language)
        answer = question.answer
    response = _sub(presentation, "response_str", ident=RESPONSE, rcardinality="Single")
    _sub(_sub(response, "render_fib"), "response_label", ident="answer1", rshuffle="No")
    processing = _sub(item, "resprocessing")
    _sub(_sub(processing, "outcomes"), "decvar", varname="SCORE", vartype="Decimal", minvalue="0", maxvalue="100")
    condition = _sub(processing, "respcondition", **{"continue": "No"})
    _sub(_sub(condition, "conditionvar"), "other")
    _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=GENERAL)
    _feedback(item, GENERAL, answer, language)


def _order_key(steps: tuple[QuizOption, ...]) -> str:
    parts = []
    for number, step in enumerate(steps, start=1):
        parts.append(f"{number}. {step.text}" + (f" ({step.feedback})" if step.feedback else ""))
    return " ".join(parts)


def _feedback(item: etree._Element, ident: str, text: str, language: str) -> None:
    feedback = _sub(item, "itemfeedback", ident=ident)
    _material(_sub(feedback, "flow_mat"), text, language)
