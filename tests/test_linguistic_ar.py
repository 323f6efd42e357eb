"""The Arabic linguistic layer: clitics and vowel marks, the verb's person, لو/كان عليك modality, and the rules."""

from __future__ import annotations

import time
import unicodedata

import pytest
import yaml

from checker_support import ROOT, rulebook
from lessonkit.check.linguistic import arabic
from lessonkit.check.linguistic.clauses import analyse
from lessonkit.check.linguistic.lemmas import candidates, forms
from lessonkit.check.linguistic.modality import COUNTERFACTUAL, FUTURE, POSSIBLE
from lessonkit.check.linguistic.shape import compile_shape, match
from lessonkit.check.linguistic.tokens import tokenise

BOOK = rulebook()
RULES = {r.id: r for r in BOOK.rules if r.spec.kind == "grammar" and r.language == "ar"}
# The development files. corpus/tone/ar/author-7.yml was kept back for an unseen-author figure until the
# evening of 2026-12-02, when TUNE2's fixes for promoted rules were driven by its flagged good items: not unseen now.
DEV = ("author-2.yml", "author-3.yml", "author-4.yml", "author-6.yml")


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("وصورتك", "صورة"),  # و + صورة (ة written ت before the pronoun) + ك
        ("ساذجة", "ساذج"),
        ("ابنتي", "ابنة"),
        ("عليك", "على"),
        ("فسيراها", "يرى"),  # ف + the future س + يرى (ى written ا before the pronoun) + ها
        ("بالمدرسة", "مدرسة"),
        ("صفك", "صف"),
    ],
)
def test_arabic_candidates_take_off_clitics_and_endings(form: str, lemma: str) -> None:
    assert lemma in candidates(form, "ar")


def test_a_two_letter_head_is_read_only_for_the_listed_nouns() -> None:
    assert "من" not in candidates("منهم", "ar")  # "أنت من" (you are the one who) must not match "وأنتِ منهم"


def test_tokens_keep_their_marks_in_the_text_and_lose_them_in_the_norm() -> None:
    text = "لو جعلتَ حسابك خاصًا"
    tokens = tokenise(text, "ar")
    assert [t.norm for t in tokens] == ["لو", "جعلت", "حسابك", "خاصا"]
    assert [text[t.start : t.end] for t in tokens] == ["لو", "جعلتَ", "حسابك", "خاصًا"]


def _dev_tokens() -> list[str]:
    texts = [
        item["text"]
        for name in DEV
        for item in yaml.safe_load((ROOT / "corpus" / "tone" / "ar" / name).read_text(encoding="utf-8"))["items"]
    ]
    return texts


def test_words_hold_every_candidate_of_every_token() -> None:
    """`arabic.words` is what the pre-filter should read: it must hold every lemma the analysis may match."""
    texts = _dev_tokens()
    assert len(texts) > 1000
    missing = set()
    for text in texts:
        found = arabic.words(text)
        missing |= {(t.norm, c) for t in tokenise(text, "ar") for c in candidates(t.norm, "ar") if c not in found}
    assert not missing, sorted(missing)[:10]


def test_an_arabic_lemma_is_its_only_form_and_the_text_gives_its_lemmas() -> None:
    """The pre-filter meets `forms` with `arabic.words`: "وصورتكِ" is found through its lemma صورة."""
    assert forms("صورة", "ar") == frozenset(["صورة"])
    assert "صورة" in arabic.words("وصورتكِ في الهاتف")


def _first(text: str) -> tuple[str | None, frozenset[str]]:
    clause = analyse(text, "ar").clauses[0]
    return clause.who, clause.modalities


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("لو جعلتَ حسابك خاصًا لما حدث شيء.", "you"),  # the marked ending
        ("لو جعلت حسابك خاصا لما حدث شيء.", "you"),  # unmarked, but the sentence speaks to the child (ك)
        ("لو سمع ابني كلامي لما وقع في الورطة.", "child"),  # verb first, its subject after it
        ("كان عليها أن تفكر قبل أن ترسل.", "person"),
        ("كان عليك أن ترفض.", "you"),
        ("لماذا قبلتِ طلب الصداقة؟", "you"),
        ("أرسلتُ الصورة إلى معلمتي.", "speaker"),
        ("كانت ليلى ساذجة.", "person"),
        ("أرسلت الصورة إلى الموقع.", None),  # I, you or she: nothing says which
        ("لو حذفت الشركة الإعلان في يومه لما رآه أحد.", "offender"),  # a company after the verb is its subject
        ("وصلت الرسالة إلى كثير من الطلاب.", None),  # a noun after a preposition is not the subject
        ("ذهب مع أخيه إلى المدرسة.", None),
        ("وماذا كنت تنتظر من شخص يطلب صورك؟", "you"),  # not شخص: it follows the preposition من
        ("هل يعقل أن ترسلي صورتك؟", "you"),  # هل يعقل أن frames the question; ترسلي has the subject
    ],
)
def test_arabic_subject_reads_pronouns_nouns_and_the_verbs_person(text: str, who: str | None) -> None:
    assert _first(text)[0] == who


@pytest.mark.parametrize(
    ("text", "modality", "present"),
    [
        ("لو جعلت حسابك خاصا لما حدث شيء", COUNTERFACTUAL, True),
        ("لو انتبهت في الدرس لعرفت أن الحساب مزيف", COUNTERFACTUAL, True),  # ل on a past verb answers لو
        ("لو طلب منك أحد صورة فأخبر شخصا بالغا", COUNTERFACTUAL, False),  # a condition: no answer
        ("كان يجب أن تعرف ذلك", COUNTERFACTUAL, True),
        ("كان على طارق أن يرفض", COUNTERFACTUAL, True),
        ("إذا كان يجب أن تبقى المعلومة خاصة", COUNTERFACTUAL, False),
        ("إذا كنت على الجهاز وشعرت بالقلق", COUNTERFACTUAL, False),
        ("أعلى مما كانت عليه", COUNTERFACTUAL, False),
        ("ستطاردك هذه الصورة", FUTURE, True),
        ("ركبنا السيارة", FUTURE, False),
        ("قد تقتل بسبب رسالة", POSSIBLE, True),
    ],
)
def test_arabic_modality(text: str, modality: str, present: bool) -> None:
    assert (modality in _first(text)[1]) is present


def test_arabic_negation_governs_the_next_few_words_only() -> None:
    clause = analyse("لست ساذجا", "ar").clauses[0]
    assert clause.negated(1, "ar")
    clause = analyse("لا أفهم كيف تكونين بهذه السذاجة", "ar").clauses[0]
    assert not clause.negated(5, "ar")  # لا negates أفهم, not the label
    clause = analyse("لم تكن ساذجا", "ar").clauses[0]
    assert clause.negated(2, "ar")  # a verb of being does not end the negator's scope
    clause = analyse("كل من لا تعرفه يريد أن يؤذيك", "ar").clauses[0]
    assert not clause.negated(4, "ar")  # لا negates تعرفه; يريد is not negated


def _matches(rule_id: str, text: str) -> bool:
    rule = RULES[rule_id]
    return match(compile_shape(rule.spec.shape, rule.define, "ar"), analyse(text, "ar"), "ar") is not None


@pytest.mark.parametrize(
    ("rule_id", "text", "flagged"),
    [
        # The child only in the verb (pro-drop), with vowel marks and clitics: the shape, not a phrase.
        ("tone.grammar-hindsight-child", "لو حظرتَ ذلك الحساب من البداية لما بدأ كل هذا.", True),
        ("tone.grammar-hindsight-child", "لو لم تقبلي طلب الصداقة لما عرف عنوانك.", True),
        ("tone.grammar-accusing-question", "لماذا وافقتِ على مكالمة الفيديو؟", True),
        ("tone.grammar-labels", "كم أنتِ ساذجةٌ!", True),
        # About the offender, or cleared by who is to blame.
        ("tone.grammar-hindsight-child", "لو لم يضغط عليها لما أرسلت شيئا؛ فالذنب ذنبه.", False),
        ("tone.grammar-hindsight-child", "ما كان ينبغي له أن يطلب منك شيئا.", False),
        ("tone.grammar-labels", "لستِ ساذجة لأنك وثقت بصديقة.", False),
        ("tone.grammar-own-choice", "جسدك، اختيارك.", False),
        ("tone.grammar-next-victim", "مسؤول حماية الطفل هو من سيقرر الخطوات التالية.", False),
        # A sentence about wording is not the wording.
        ("tone.grammar-hindsight-child", "تجنبوا عبارة: لو انتبهت لما حدث هذا.", False),
    ],
)
def test_arabic_shapes(rule_id: str, text: str, flagged: bool) -> None:
    assert _matches(rule_id, text) is flagged


def test_analysis_of_a_long_arabic_sentence_is_linear() -> None:
    started = time.perf_counter()
    analyse("لو أنك " * 20000 + "لما", "ar")
    analyse("كان عليك أن " * 10000, "ar")
    assert time.perf_counter() - started < 5


def test_every_arabic_grammar_rule_has_a_severity_rationale_and_source() -> None:
    assert len(RULES) >= 20
    for rule in RULES.values():
        # Errors since 2026-12-02 (TUNE2): each flags no good item of the corpus (tests/test_tune2_promoted.py).
        assert rule.spec.severity in ("warning", "error") and rule.spec.rationale and rule.spec.source


# Each letter's isolated presentation form (U+FE80-U+FEFC), to write a sentence the way some PDFs and old tools do.
_ISOLATED = {
    unicodedata.normalize("NFKC", chr(point)): chr(point)
    for point in range(0xFE80, 0xFEFD)
    if "ISOLATED" in unicodedata.name(chr(point), "")
}


def _presentation(text: str) -> str:
    return "".join(_ISOLATED.get(c, c) for c in text)


@pytest.mark.parametrize(
    "written",
    ["\ufe83\ufead\ufeb1\ufedd\ufe95", "أرسـ\u200cـلت", "أر\u00adسلت", "أرس\u200dلت", "أرسل\ufeffت", "أ\u200fرسلت"],
)
def test_presentation_forms_and_format_characters_inside_a_word_read_as_the_plain_word(written: str) -> None:
    tokens = tokenise(f"لو {written} الصورة", "ar")
    assert [t.norm for t in tokens] == ["لو", "أرسلت", "الصورة"]
    assert tokens[1].text == written  # the span is the written word, so findings point at it
    assert "أرسلت" in arabic.words(written)


def test_a_format_character_after_a_word_is_not_part_of_it() -> None:
    tokens = tokenise("أرسلت\u200f الصورة", "ar")
    assert [(t.start, t.end) for t in tokens] == [(0, 5), (7, 13)]


def test_a_sentence_in_presentation_forms_or_with_joiners_is_read_as_in_plain_letters() -> None:
    sentence = "لو جعلتَ حسابك خاصًا لما حدث شيء."
    assert _matches("tone.grammar-hindsight-child", sentence)
    assert _matches("tone.grammar-hindsight-child", _presentation(sentence))
    assert _matches("tone.grammar-hindsight-child", sentence.replace("حسابك", "حسا\u200cبك").replace("لو", "لـــو"))
