"""The evaluation kit's own words (instructions, scales, confidence and help-seeking items) per language.

The knowledge items come from the lessons and are translated through their PO catalogues; these
few framing texts are kept here, in English, German and Arabic, because each band's items are
phrased for that age and must say the same thing in every language for results to be pooled.
A language missing here falls back to English (and the command says so).
"""

from __future__ import annotations

from dataclasses import dataclass

# Band-phrased statements: confidence ("I know / I can ...") and help-seeking intention ("I would ...").
# Learners answer each on the same four-point scale.
ITEMS: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    "en": {
        "4-7": {
            "confidence": (
                "I know a grown-up I can tell if something online gives me an uh-oh feeling.",
                "I can say no if something online does not feel right.",
            ),
            "help": (
                "If something online gave me an uh-oh feeling, I would tell a grown-up.",
                "I would tell a grown-up even if someone asked me to keep it a secret.",
            ),
        },
        "8-10": {
            "confidence": (
                "I can spot when someone online is trying to trick me.",
                "I know what to do if someone online asks me to keep a secret.",
            ),
            "help": (
                "If something online worried me, I would tell a trusted adult.",
                "If I could not tell an adult I know, I would call a helpline.",
            ),
        },
        "11-13": {
            "confidence": (
                "I can spot the warning signs when someone online is pressuring or tricking me.",
                "I know how to block and report someone in the apps I use.",
            ),
            "help": (
                "If someone online pressured me for pictures, I would tell a trusted adult.",
                "If I could not talk to an adult I know, I would contact a helpline.",
            ),
        },
        "14-18": {
            "confidence": (
                "I can recognise when someone online is trying to manipulate or pressure me.",
                "I know where to get help to have an image of me taken down.",
            ),
            "help": (
                "If someone threatened to share an image of me, I would tell someone I trust.",
                "I would use a helpline or a reporting service if I needed to.",
            ),
        },
    },
    "de": {
        "4-7": {
            "confidence": (
                "Ich kenne einen Erwachsenen, dem ich es sagen kann, "
                "wenn mir etwas im Internet ein komisches Gefühl macht.",
                "Ich kann Nein sagen, wenn sich etwas im Internet nicht gut anfühlt.",
            ),
            "help": (
                "Wenn mir etwas im Internet ein komisches Gefühl macht, sage ich es einem Erwachsenen.",
                "Ich sage es einem Erwachsenen, auch wenn jemand will, dass ich es geheim halte.",
            ),
        },
        "8-10": {
            "confidence": (
                "Ich merke, wenn mich jemand im Internet hereinlegen will.",
                "Ich weiß, was ich tun kann, wenn jemand im Internet ein Geheimnis von mir verlangt.",
            ),
            "help": (
                "Wenn mir im Internet etwas Sorgen macht, erzähle ich es einer Vertrauensperson.",
                "Wenn ich es keinem Erwachsenen erzählen kann, den ich kenne, rufe ich bei einem Hilfetelefon an.",
            ),
        },
        "11-13": {
            "confidence": (
                "Ich erkenne die Warnzeichen, wenn mich jemand im Internet unter Druck setzt oder täuscht.",
                "Ich weiß, wie ich jemanden in meinen Apps blockiere und melde.",
            ),
            "help": (
                "Wenn mich jemand im Internet zu Bildern drängt, erzähle ich es einer Vertrauensperson.",
                "Wenn ich mit keinem Erwachsenen reden kann, den ich kenne, wende ich mich an ein Hilfetelefon.",
            ),
        },
        "14-18": {
            "confidence": (
                "Ich erkenne, wenn mich jemand im Internet manipulieren oder unter Druck setzen will.",
                "Ich weiß, wo ich Hilfe bekomme, damit ein Bild von mir gelöscht wird.",
            ),
            "help": (
                "Wenn jemand droht, ein Bild von mir zu verbreiten, erzähle ich es jemandem, dem ich vertraue.",
                "Wenn ich es brauche, nutze ich ein Hilfetelefon oder eine Meldestelle.",
            ),
        },
    },
    "ar": {
        "4-7": {
            "confidence": (
                "أعرف شخصًا كبيرًا أستطيع أن أخبره إذا جعلني شيء على الإنترنت أشعر بعدم الارتياح.",
                "أستطيع أن أقول لا إذا كان شيء على الإنترنت لا يبدو صحيحًا.",
            ),
            "help": (
                "إذا جعلني شيء على الإنترنت أشعر بعدم الارتياح، سأخبر شخصًا كبيرًا.",
                "سأخبر شخصًا كبيرًا حتى لو طلب مني أحد أن أحتفظ بالأمر سرًا.",
            ),
        },
        "8-10": {
            "confidence": (
                "أستطيع أن ألاحظ عندما يحاول شخص على الإنترنت أن يخدعني.",
                "أعرف ماذا أفعل إذا طلب مني شخص على الإنترنت أن أحتفظ بسر.",
            ),
            "help": (
                "إذا أقلقني شيء على الإنترنت، سأخبر شخصًا بالغًا أثق به.",
                "إذا لم أستطع أن أخبر شخصًا بالغًا أعرفه، سأتصل بخط مساعدة.",
            ),
        },
        "11-13": {
            "confidence": (
                "أستطيع أن أعرف علامات التحذير عندما يضغط علي شخص على الإنترنت أو يخدعني.",
                "أعرف كيف أحظر شخصًا وأبلغ عنه في التطبيقات التي أستخدمها.",
            ),
            "help": (
                "إذا ضغط علي شخص على الإنترنت لأرسل صورًا، سأخبر شخصًا بالغًا أثق به.",
                "إذا لم أستطع أن أتحدث مع شخص بالغ أعرفه، سأتواصل مع خط مساعدة.",
            ),
        },
        "14-18": {
            "confidence": (
                "أستطيع أن أعرف عندما يحاول شخص على الإنترنت أن يتلاعب بي أو يضغط علي.",
                "أعرف أين أجد المساعدة لحذف صورة لي.",
            ),
            "help": (
                "إذا هدد أحد بنشر صورة لي، سأخبر شخصًا أثق به.",
                "سأستخدم خط مساعدة أو جهة إبلاغ إذا احتجت إلى ذلك.",
            ),
        },
    },
}


@dataclass(frozen=True)
class KitWords:
    """The framing texts of the questionnaire in one language."""

    title: str
    intro: str
    before: str
    after: str
    when: str
    knowledge: str
    confidence: str
    help: str
    true: str
    false: str
    not_sure: str
    scale: tuple[str, str, str, str]
    help_line: str
    save: str
    saved: str
    download: str
    choose_phase: str
    unsaved: str
    statement: str


WORDS: dict[str, KitWords] = {
    "en": KitWords(
        title="What do you think? A short questionnaire",
        intro=(
            "Do not write your name. Nobody will know which answers are yours. This is not a test: "
            "your answers help us make the lessons better. You can leave out any question."
        ),
        before="Before the lessons",
        after="After the lessons",
        when="When is this?",
        knowledge="What do you know?",
        confidence="How sure do you feel?",
        help="What would you do?",
        true="True",
        false="False",
        not_sure="Not sure",
        scale=("No", "A little", "Mostly", "Yes"),
        help_line="If something worries you, talk to a trusted adult. You can also contact {{ help.child_helpline }}.",
        save="Save this answer and start the next one",
        saved="Answers saved: {count}",
        download="Download the answers (CSV)",
        choose_phase="Choose 'before' or 'after' first.",
        unsaved="Some answers are not downloaded yet.",
        statement="Is this true?",
    ),
    "de": KitWords(
        title="Was denkst du? Ein kurzer Fragebogen",
        intro=(
            "Schreib deinen Namen nicht auf. Niemand erfährt, welche Antworten von dir sind. Das ist kein Test: "
            "Deine Antworten helfen uns, die Stunden besser zu machen. Du kannst jede Frage auslassen."
        ),
        before="Vor den Stunden",
        after="Nach den Stunden",
        when="Wann ist das?",
        knowledge="Was weißt du?",
        confidence="Wie sicher fühlst du dich?",
        help="Was würdest du tun?",
        true="Stimmt",
        false="Stimmt nicht",
        not_sure="Weiß nicht",
        scale=("Nein", "Ein bisschen", "Meistens", "Ja"),
        help_line=(
            "Wenn dir etwas Sorgen macht, sprich mit einer Vertrauensperson. "
            "Du kannst dich auch an {{ help.child_helpline }} wenden."
        ),
        save="Antwort speichern und die nächste beginnen",
        saved="Gespeicherte Antworten: {count}",
        download="Antworten herunterladen (CSV)",
        choose_phase="Wähle zuerst 'vorher' oder 'nachher'.",
        unsaved="Einige Antworten sind noch nicht heruntergeladen.",
        statement="Stimmt das?",
    ),
    "ar": KitWords(
        title="ما رأيك؟ استبيان قصير",
        intro=(
            "لا تكتب اسمك. لن يعرف أحد أي الإجابات لك. هذا ليس امتحانًا: "
            "إجاباتك تساعدنا على تحسين الدروس. يمكنك ترك أي سؤال."
        ),
        before="قبل الدروس",
        after="بعد الدروس",
        when="متى هذا؟",
        knowledge="ماذا تعرف؟",
        confidence="ما مدى ثقتك؟",
        help="ماذا ستفعل؟",
        true="صحيح",
        false="غير صحيح",
        not_sure="لست متأكدًا",
        scale=("لا", "قليلًا", "غالبًا", "نعم"),
        help_line="إذا أقلقك شيء، تحدث مع شخص بالغ تثق به. يمكنك أيضًا التواصل مع {{ help.child_helpline }}.",
        save="احفظ هذه الإجابة وابدأ التالية",
        saved="الإجابات المحفوظة: {count}",
        download="نزّل الإجابات (CSV)",
        choose_phase="اختر 'قبل' أو 'بعد' أولًا.",
        unsaved="بعض الإجابات لم تُنزَّل بعد.",
        statement="هل هذا صحيح؟",
    ),
}


def words_for(language: str) -> tuple[KitWords, bool]:
    """The framing texts in the language, and False when English had to stand in."""
    if language in WORDS:
        return WORDS[language], True
    return WORDS["en"], False


def items_for(language: str, band: str) -> dict[str, tuple[str, ...]] | None:
    """The band's confidence and help-seeking statements in the language (English if missing), or None."""
    table = ITEMS.get(language, ITEMS["en"])
    return table.get(band) or ITEMS["en"].get(band)
