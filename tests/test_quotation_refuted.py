"""check/quotation.py: a claim the text calls untrue where it states it is quoted, and nothing else is."""

from __future__ import annotations

import pytest

from lessonkit.check.quotation import blank_quoted, in_quotation, in_refuted_claim, quotations


def quoted(text: str) -> list[str]:
    # A refuted claim's span starts one character before it (-1 at the text's start), as a quotation's starts at
    # its opening mark.
    return [text[max(start, 0) : end].strip() for start, end in quotations(text).spans()]


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (
            "Some people think it is your fault if a photo gets shared. That is not true: the sharer is responsible.",
            "Some people think it is your fault if a photo gets shared.",
        ),
        (
            "Intro. Option: Only careless people are targeted. Feedback: Incorrect. Anyone can be.",
            "Option: Only careless people are targeted.",
        ),
        ("Option: You will get in trouble. Feedback: No. Teachers want to help.", "Option: You will get in trouble."),
        ("People say he asked for it, which is a myth.", "People say he asked for it"),
        ("Myth: Only girls are targeted.\nFact: Anyone can be.", "Only girls are targeted."),
        ("Manche sagen, du bist selbst schuld, was nicht stimmt.", "Manche sagen, du bist selbst schuld"),
        (
            "Antwort: Du bist selbst schuld. Rückmeldung: Das stimmt nicht; schuld ist, wer droht.",
            "Antwort: Du bist selbst schuld.",
        ),
        ("Dicen que te lo buscaste. Eso no es cierto. Nadie se lo busca.", "Dicen que te lo buscaste."),
        ("Se repite que se lo buscaron, lo cual es falso.", "Se repite que se lo buscaron"),
        ("يقول البعض إن الوقت فات، وهذا خطأ، فالمساعدة متاحة.", "يقول البعض إن الوقت فات"),
        ("الخيار: أنت المسؤول. التعليق: خطأ، فالمسؤول هو من يهدد.", "الخيار: أنت المسؤول."),
        # The next sentence names the claim a lie or the offender's script, whatever follows (thirty-eighth session).
        (
            'Blackmailers write "Your life is over." That is part of the script to rush you.',
            'Blackmailers write "Your life is over."',
        ),
        (
            "Er schreibt, dein Leben sei vorbei. Das ist eine Lüge, um dir Angst zu machen.",
            "Er schreibt, dein Leben sei vorbei.",
        ),
        ("Dice que tu vida se acabó. Eso es un farol para asustarte.", "Dice que tu vida se acabó."),
        ("يقول إن حياتك انتهت. هذا كذب هدفه إخافتك.", "يقول إن حياتك انتهت."),
        # A closing quote after the claim's full stop, and a line break before the refutation.
        ('He said "it is your fault."\nNot true.', 'He said "it is your fault."'),
    ],
)
def test_a_refuted_claim_is_quoted_and_its_refutation_is_not(text: str, claim: str) -> None:
    assert claim in [found.lstrip(": ") for found in quoted(text)]
    refutation = text.index(claim) + len(claim) + 2
    assert not in_quotation(text, min(refutation, len(text) - 1)) or text.endswith(claim)


@pytest.mark.parametrize(
    "text",
    [
        "It's your own fault. Wrong choices have consequences.",  # "Wrong" does not stand alone
        "It's your own fault. Wrong. You knew better.",  # a bare "Wrong." only after a label or a "No,"
        "It's your fault if it is shared. That is not true of careful boys.",  # not followed by punctuation
        "Not true that he tricked you. It's your own fault.",  # the refutation comes first
        "It's your own fault.\n\nNot true.",  # a blank line ends the claim's paragraph
        "You can say right, wrong, or maybe.",  # a bare word after a comma refutes nothing
        "Es culpa tuya. Mentira no es, y lo sabes.",
        "You were naive. That is a trick they use.",  # a deed named, not a claim
        "It was your fault. That is a lien on the house.",
        "Du bist selbst schuld. Falsch gemacht hast du es.",
    ],
)
def test_no_refutation_quotes_nothing(text: str) -> None:
    assert quotations(text).spans() == []


def test_the_first_word_of_a_refuted_claim_at_the_start_of_the_text_is_quoted() -> None:
    text = "Sending it was your choice. That is a myth."
    assert in_quotation(text, 0)
    assert not in_quotation(text, text.index("That"))


def test_a_refuted_claim_is_blanked_for_the_rules_that_skip_quotations() -> None:
    text = "Option: It is your own fault. Feedback: Not true. The sharer is responsible."
    assert blank_quoted("Option: It is your own fault.", 0, text).strip() == ""
    assert blank_quoted("The sharer is responsible.", text.index("The sharer"), text) == "The sharer is responsible."


def test_quoted_words_and_a_refuted_claim_are_both_quotations() -> None:
    text = "Avoid „Pech gehabt“. Manche sagen, du bist selbst schuld, was nicht stimmt."
    assert quoted(text) == ["„Pech gehabt“", "Manche sagen, du bist selbst schuld"]


def test_a_refuted_claim_is_told_apart_from_quoted_words() -> None:
    # `skip_refuted`: a rule that reads quotations (fear quoted in a story still frightens) skips the claim only.
    text = "Er schrieb: „Du bist selbst schuld“. Manche sagen, du bist selbst schuld, was nicht stimmt."
    quoted_words, claim = text.index("Du bist"), text.index("du bist")
    assert in_quotation(text, quoted_words) and in_quotation(text, claim)
    assert not in_refuted_claim(text, quoted_words)
    assert in_refuted_claim(text, claim)
    assert not in_refuted_claim(text, text.index("was nicht"))
    assert not in_refuted_claim('He said "it is your fault".', 10)


@pytest.mark.parametrize(
    "text",
    [
        ". " + " " * 100_000 + "x",
        "a. Feedback:" + " " * 100_000 + "no",
        ", " * 50_000,
        ("that " + " " * 40) * 2_000,
        "a. " * 50_000 + "That is not true.",
    ],
)
def test_hostile_runs_are_read_in_one_pass(text: str) -> None:
    # Possessive quantifiers and one list of sentence ends: these would take minutes with backtracking or a scan
    # back from every refutation; the test only asserts the answer (tests never time anything).
    spans = quotations(text).spans()
    assert all(start < end for start, end in spans)


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("True or false: it is your fault. False: the sharer is responsible.", "it is your fault."),
        ("صح أم خطأ: أنت المسؤول. خطأ؛ المسؤول هو من يبتز.", "أنت المسؤول."),
        ("Wrong idea: only gullible kids get tricked. The truth: anyone can be.", "only gullible kids get tricked."),
        ("فكرة خاطئة: من يُخدع غبي. الحقيقة: المخادعون محترفون.", "من يُخدع غبي."),
        ("Vielleicht denkst du: Ich hätte es merken müssen. Viele denken das.", "Ich hätte es merken müssen."),
        ("You might think: I should have known. Many children do.", "I should have known."),
        ("If a friend says you'll be in trouble, that's a fib.", "If a friend says you'll be in trouble"),
        ("Dicen que te lo buscaste, pero no es cierto.", "Dicen que te lo buscaste"),
        ("قد تشعر بأن ما حصل بسببك، لكنه غير صحيح.", "قد تشعر بأن ما حصل بسببك"),
    ],
)
def test_answered_labelled_and_thought_claims_are_quoted(text: str, claim: str) -> None:
    assert claim in [found.lstrip(": ") for found in quoted(text)]


def test_a_true_or_false_statement_answered_true_or_not_answered_is_not_quoted() -> None:
    assert quoted("True or false: it is your fault. True.") == []
    assert quoted("True or false: it is your fault.") == []


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ('"Real men don\'t fall for this" is a myth: anyone can be targeted.', "Real men don't fall for this"),
        ('Remember: "You asked for it" is simply not true.', "You asked for it"),
        ("„Selbst schuld“ stimmt nicht: Schuld hat, wer droht.", "Selbst schuld"),
        ("„Ein echter Mann fällt nicht darauf rein“ ist ein Mythos.", "Ein echter Mann fällt nicht darauf rein"),
        ("Eso de que «te lo has buscado» es un mito, y nadie se lo busca.", "te lo has buscado"),
        ("«الرجل الحقيقي لا يقع في هذا» خرافة: يمكن أن يحدث لأي شخص.", "الرجل الحقيقي لا يقع في هذا"),
        # An offender's line named so right after its closing mark (the fortieth session, probe41).
        ('"You\'ll ruin your family if this gets out" is a line offenders use to keep you quiet.', "ruin your family"),
        ("„Wenn du zur Polizei gehst, landest du vor Gericht“ ist eine typische Lüge von Erpressern.", "landest du"),
        # A thought named as a common one.
        ("Thinking your life is ruined is a very common reaction; it eases with support.", "your life is ruined"),
        ("Pensar que tu vida está arruinada es una reacción muy frecuente; se suaviza con apoyo.", "tu vida está"),
        # A clause called a lie after a semicolon, or after «فاعلم أن هذا أسلوب».
        ("Te pueden decir que irás a la cárcel; es una mentira para asustarte.", "irás a la cárcel"),
        ("إذا قال لك المبتز «ستفضح عائلتك»، فاعلم أن هذا أسلوب ضغط.", "ستفضح عائلتك"),
        # The pressure named a tactic by a noun in the next sentence.
        ("Erpresser schreiben: „Sonst ist dein Leben ruiniert.“ Dieser Zeitdruck ist eine Masche.", "Leben ruiniert"),
        ('They write: "Pay now or your life is over." This deadline is a tactic to make you panic.', "life is over"),
        # An Arabic true-or-false item with صحيح, answered untrue.
        ("صحيح أم خطأ: الأطفال الأذكياء لا ينخدعون أبدًا. خطأ! الخدعة قد تنطلي على أي أحد.", "الأذكياء"),
    ],
)
def test_a_quotation_or_thought_named_untrue_a_lie_or_common_is_a_refuted_claim(text: str, claim: str) -> None:
    # The fortieth session: the quoted myth, the offender's line, the thought named as common were read as the text's
    # own words by the rules that read quotations.
    assert in_refuted_claim(text, text.index(claim) + 1)
    assert not in_refuted_claim(text, len(text) - 2)  # the words after it are the text's own


@pytest.mark.parametrize(
    "text",
    [
        '"Real men don\'t fall for this" is what they say.',
        '"Real men don\'t fall for this" is not true of every family.',  # no mark after the words: not a verdict
        "It's 'stupid' is a myth.",  # single quotes double as apostrophes: not read
        "You were naive. That's a trick they use.",  # a deed word alone refutes nothing before it
        "Thinking ahead is important: your life is your own.",  # no thought named as common
        '"Pay now" is what they write, and your life is over.',
    ],
)
def test_quotations_and_thoughts_not_so_named_are_no_refuted_claims(text: str) -> None:
    assert not any(in_refuted_claim(text, at) for at in range(len(text)))
