"""Arabic for the linguistic layer: plain word forms, clitics, the person of a verb, and modality.

Written Arabic joins words the other languages write apart: و/ف (and, so), ب/ل/ك (with, for, like)
and the article ال come in front of a word, object and possessive pronouns (ك "you", ها "her", هم
"them") after it. Vowel marks are mostly left out, so one spelling may be several persons: أرسلت is
"I sent", "you sent" or "she sent". The layer reads a person only where the writing says it (a
marked ending تَ/تِ, a plural تم, an imperfect ت...ين) or where the sentence is plainly addressed to
the child (أنت, a pronoun ك); otherwise it says nothing, which costs recall, never a false warning.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from itertools import pairwise
from typing import Final

# Vowel marks, shadda, sukun, dagger alif and Quranic marks; tatweel (the stretching stroke) too.
_MARKS: Final = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u0640"
# Invisible format characters that may stand inside a word (soft hyphen, Arabic letter mark, zero-width
# space and joiners, direction marks and isolates, word joiner, BOM): a word written with one is read as
# the word without it. (The lead's structure.disguised-word reports them; here they only must not hide one.)
_FORMAT: Final = "\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_FORMAT_RANGES: Final = (
    (0x00AD, 0x00AD),
    (0x061C, 0x061C),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x2069),
    (0xFEFF, 0xFEFF),
)  # the same characters as `_FORMAT`, as code points
# Arabic presentation forms (contextual letter shapes and ligatures): letters to `re`, read as the plain letters.
_PRESENTATION: Final = "\ufb50-\ufdff\ufe70-\ufefe"
# A word: letters with marks inside or after them (the marks are not word characters to `re`), and
# format characters between its letters (not after its last one: the word's span ends at a letter or mark).
WORD_SOURCE: Final = rf"[^\W_]+(?:[{_MARKS}]+[^\W_]*|[{_FORMAT}]+[^\W_]+)*"


@cache
def _without_marks() -> re.Pattern[str]:
    return re.compile(f"[{_MARKS}]")


@cache
def _unusual() -> re.Pattern[str]:
    """Any character `plain` changes: a mark, a format character or a presentation form."""
    return re.compile(f"[\u0610-\u06ed{_FORMAT}{_PRESENTATION}]")


@cache
def _spelling() -> dict[int, str | None]:
    """Presentation forms to their letters (NFKC, less an isolated mark's space); format characters dropped."""
    table: dict[int, str | None] = {}
    for first, last in ((0xFB50, 0xFDFF), (0xFE70, 0xFEFE)):
        for point in range(first, last + 1):
            letters = unicodedata.normalize("NFKC", chr(point))
            if letters != chr(point):
                table[point] = letters.replace(" ", "")
    for first, last in _FORMAT_RANGES:
        for point in range(first, last + 1):
            table[point] = None
    return table


def spelled(written: str) -> str:
    """The written word with presentation forms as plain letters and no format characters; marks kept."""
    if _unusual().search(written) is None:
        return written
    return written.translate(_spelling())


def plain(text: str) -> str:
    """The text without vowel marks and tatweel: the form the lexicon and the rule files write.

    Presentation forms are read as their letters and format characters inside words are dropped, so
    "ﺃﺭﺳﻠﺖ" and "أرسـ\u200cـلت" are the plain word أرسلت (a token's span is still the written text).
    """
    if _unusual().search(text) is None:
        return text
    return _without_marks().sub("", text.translate(_spelling()))


def _without_last_letters(written: str, count: int) -> str:
    """The written word without its last `count` letters (the marks on them go too)."""
    end = len(written)
    while count and end:
        end -= 1
        if not ("\u0610" <= written[end] <= "\u061a" or "\u064b" <= written[end] <= "\u065f"):
            count -= 1
    return written[:end]


def marked_ending(written: str) -> str:
    """The vowel mark on a word's last letter, if any ("أرسلتِ" -> kasra), else ''."""
    end = written.rstrip("\u0651")  # a shadda may stand before the vowel
    return end[-1] if end and "\u064b" <= end[-1] <= "\u0652" else ""


# Particles of two letters that و/ف may come before (the stems of 3+ letters are read anyway).
_SHORT_AFTER_CONJUNCTION: Final = frozenset(["لا", "لم", "لن", "ما", "لو", "قد", "هو", "هي", "هم", "من", "أن", "إن"])
# What a word without its first letter may look like without being it: كانت is not ك + انت.
_NOT_STEMS: Final = frozenset(["انت", "أنت", "انتم", "أنتم", "انا", "أنا"])
# Clitics. Proclitics in their order: a conjunction, then a preposition or the article (or both: بال).
CONJUNCTIONS: Final = ("و", "ف")
PREPOSITIONS: Final = ("بال", "وال", "فال", "كال", "لل", "ال", "ب", "ل", "ك")
# Pronoun suffixes (longest first) and verb endings a lemma may carry.
PRONOUNS: Final = ("كما", "هما", "كم", "كن", "هم", "هن", "ها", "نا", "ني", "ه", "ك", "ي")
ENDINGS: Final = ("تما", "تم", "تن", "ين", "ون", "وا", "ان", "ات", "ت", "ة", "ا", "ي")
MIN_STEM: Final = 3
# Nouns of two letters a pronoun may follow (صفك، أمك); other two-letter heads ("منهم" -> من) are not read.
_SHORT_NOUNS: Final = frozenset(["صف", "أب", "أم", "أخ", "يد", "حي", "جد"])


def _bare(form: str) -> list[str]:
    """The form without its proclitics: و/ف, then a preposition or the article (each leaving a stem of 3+)."""
    found = [form]
    for conjunction in ("", *CONJUNCTIONS):
        if not form.startswith(conjunction):
            continue
        rest = form[len(conjunction) :]
        if conjunction and rest in _SHORT_AFTER_CONJUNCTION:
            found.append(rest)  # فلا -> لا, ولم -> لم
        for preposition in ("", *PREPOSITIONS):
            if (conjunction or preposition) and rest.startswith(preposition):
                stem = rest[len(preposition) :]
                if (len(stem) >= MIN_STEM or stem in _SHORT_NOUNS) and stem not in _NOT_STEMS:
                    found.append(stem)
        if len(rest) > MIN_STEM + 1 and rest[0] == "س" and rest[1] in "يتنأ":
            found.append(rest[1:])  # the future prefix: سيعثر -> يعثر, فسيراها -> يراها
    return found


def _tails(stem: str) -> list[str]:
    """The stem without a pronoun suffix (ة written ت before it, ى written ي), then without an ending."""
    found = [stem]
    for pronoun in PRONOUNS:
        head = stem[: -len(pronoun)]
        if stem.endswith(pronoun) and (len(head) >= MIN_STEM or head in _SHORT_NOUNS):  # صفك -> صف
            found.append(head)
            if head.endswith("ت"):
                found.append(head[:-1] + "ة")  # صورتك -> صورة
            elif head.endswith("ي"):
                found.append(head[:-1] + "ى")  # عليك -> على
            elif head.endswith("ا"):
                found.append(head[:-1] + "ى")  # يراها -> يرى
            elif head.endswith("و") and len(head) > MIN_STEM:
                found.append(head[:-1])  # أرسلتموه -> أرسلتم
            elif head.endswith(("اؤ", "ائ")):
                # A plural in ـاء writes its hamza on و or ي before a suffix: أصدقاؤك, أصدقائك -> أصدقاء.
                found.append(head[:-1] + "ء")
    for tail in list(found):
        for ending in ENDINGS:
            if tail.endswith(ending) and len(tail) - len(ending) >= MIN_STEM:
                found.append(tail[: -len(ending)])
    return found


def clitic_free(form: str) -> tuple[str, ...]:
    """The plain word as a frequency table lists it: without its proclitics and a pronoun suffix.

    "وصورتك" -> صورتك, صورت, صورة; "لمايا" -> مايا; "حاسوبا" -> حاسوب (the accusative's alif). Unlike
    `candidates`, no verb or plural ending is cut: a rare word must not pass as a common shorter one.
    """
    found: list[str] = []
    for stem in _bare(form):
        found.append(stem)
        for pronoun in PRONOUNS:
            head = stem[: -len(pronoun)]
            if stem.endswith(pronoun) and len(head) >= MIN_STEM:
                found.append(head)
                if head.endswith("ت"):
                    found.append(head[:-1] + "ة")  # صورتك -> صورة
        if stem.endswith("ا") and len(stem) > MIN_STEM:
            found.append(stem[:-1])  # حاسوبًا -> حاسوب
    return tuple(dict.fromkeys(found))


_LONGEST_WORD: Final = 100  # lemmas.LONGEST_WORD (that module imports this one)


@lru_cache(maxsize=1 << 14)
def candidates(form: str) -> tuple[str, ...]:
    """The possible lemmas of a plain Arabic word: without proclitics, a pronoun suffix, an ending.

    "وصورتك" -> صورتك, صورة, صور...; "ساذجة" -> ساذج. Over-long lists cost nothing but a look-up:
    a shape's lemma is matched when it is any of them. A run-together "word" longer than any
    word is read as itself (as in `lemmas.candidates`): its dozen near-copies would stay cached.
    """
    if len(form) > _LONGEST_WORD:
        return (form,)
    return tuple(dict.fromkeys(tail for stem in _bare(form) for tail in _tails(stem)))


def words(text: str) -> frozenset[str]:
    """What the grammar kind's pre-filter should look up for an Arabic text: each plain word and its lemmas.

    With these, a lemma's only form is the lemma itself (`lemmas.forms`): the thousands of clitic
    combinations a word may carry are read off the text, not listed for every lemma of every rule.
    """
    found: set[str] = set()
    for match in _word().finditer(text):
        found.update(candidates(plain(match.group()).lower()))
    return frozenset(found)


@cache
def _word() -> re.Pattern[str]:
    return re.compile(WORD_SOURCE)


# --- who is addressed, and the person of a verb --------------------------------------------------

YOU: Final = frozenset(["أنت", "انت", "أنتم", "انتم", "أنتن", "أنتما"])
# "كان عليك أن", "بإمكانك", "يا لك من": the child is who the clause is about, through a pronoun ك.
EXPERIENCER: Final = frozenset(
    [
        *("عليك", "عليكم", "لك", "لكم", "بك", "بإمكانك", "بامكانك", "بوسعك", "يمكنك", "بمقدورك", "منك"),
        *("فعليك", "وعليك", "ليتك", "ليتكم", "لأنك", "لانك", "أنك", "انك", "إنك", "لعلك"),
    ]
)
# Words that end in ك without it being "you".
_NOT_YOU: Final = frozenset(
    [
        *("ذلك", "تلك", "هناك", "هنالك", "لذلك", "كذلك", "بذلك", "وذلك", "فذلك", "أولئك", "اولئك", "وتلك", "بتلك"),
        *("ملك", "شبك", "سمك", "ضحك", "يضحك", "مالك", "بنك", "البنك", "لذالك", "ديك", "شك", "بشك", "الشك", "سلك"),
        *("مسك", "فك", "حك", "درك", "تحرك", "يتحرك", "تشارك", "يشارك", "شارك", "مشارك", "ترك", "يترك", "تترك"),
        *("تملك", "يملك", "أملك", "نملك", "تدرك", "يدرك", "أدرك", "تمسك", "يمسك", "سلوك", "السلوك", "شريك"),
        *("اشترك", "تشترك", "يشترك", "مشترك", "المشترك", "المشتركة", "ممسك", "معارك", "بارك", "مبارك", "تبارك"),
    ]
)
# Nouns of the verbal-noun shape تفعيل (ت... ين) and others that look like "you" verbs.
_NOT_VERBS: Final = frozenset(
    [
        *("تمرين", "تمارين", "تحسين", "تأمين", "تلوين", "تكوين", "تعيين", "تدوين", "تخزين", "تزيين"),
        *("تمكين", "تلقين", "تضمين", "تخمين", "تدشين", "تعبين", "توطين", "تبيين", "تحصين", "تسكين"),
        *("تحدي", "تلقي", "تعدي", "ترقي", "تصدي", "تمني", "تبني", "تدني", "تفشي", "تعافي", "تلافي", "تحري"),
    ]
)
# Past forms of three letters (hollow verbs): كنتَ "you were", قلتِ "you said".
_SHORT_PAST: Final = frozenset(["كنت", "قلت", "خفت", "عشت", "زرت", "بعت", "نمت", "صرت", "عدت", "ظلت"])
_FATHA_KASRA: Final = ("\u064e", "\u0650")
_DAMMA: Final = "\u064f"


def _strip_conjunction(norm: str) -> str:
    if len(norm) > 4 and norm[0] in "وف":
        return norm[1:]
    return norm


@lru_cache(maxsize=1 << 14)
def second_person(norm: str, written: str) -> bool:
    """True when a word says "you" as such: أنت, a pronoun ك, an ending تَ/تِ, تم, or an imperfect ت...ين/ون."""
    if norm in YOU or norm in EXPERIENCER:
        return True
    if person(norm, written) == "you":
        return True
    base = _strip_conjunction(norm)
    return (
        len(base) >= 3
        and base.endswith(("ك", "كم", "كن"))
        and norm not in _NOT_YOU
        and base not in _NOT_YOU
        and not base.endswith("ذلك")
    )


@lru_cache(maxsize=1 << 14)
def person(norm: str, written: str) -> str | None:
    """The person a verb form says: 'you', 'speaker', 'other', 'maybe' (you or she: unmarked), or None."""
    base = _strip_conjunction(norm)
    if base.startswith("س") and len(base) >= 5 and base[1] in "تيأن":
        base = base[1:]  # the future prefix: ستندم, سيأتي
    written = spelled(written)  # its marks are read letter by letter: plain letters, no format characters
    mark = marked_ending(written)
    for pronoun in ("ها", "هم", "ه", "ني", "نا"):
        # صدّقتِه, أرسلتَها: the past verb with its object; the vowel is on the ت before it.
        if base.endswith("ت" + pronoun) and len(base) - len(pronoun) >= 4:
            base = base[: -len(pronoun)]
            mark = marked_ending(_without_last_letters(written, len(pronoun)))
            break
    if base.endswith("ت") and (len(base) >= 4 or base in _SHORT_PAST):
        if mark in _FATHA_KASRA:
            return "you"  # أرسلتَ, أرسلتِ
        if mark == _DAMMA:
            return "speaker"  # أرسلتُ
        return "maybe"
    if base.endswith(("تم", "تما", "تن")) and len(base) >= 5:
        return "you"  # أرسلتم
    if base.startswith("ت") and base not in _NOT_VERBS and len(base) >= 5 and base.endswith(("ين", "ون", "وا", "ي")):
        return "you"  # تعرفين, ترسلون, ألا ترسلوا
    if base.startswith("ت") and len(base) >= 4 and base not in _NOT_VERBS:
        return "maybe"  # ترسل: you, or she
    if base.startswith("ي") and len(base) >= 4:
        return "other"  # يرسل, يعرفون
    if base.startswith(("أ", "ن")) and len(base) >= 4 and base.endswith(("ت", "نا")):
        return "speaker"
    return None


# --- subject --------------------------------------------------------------------------------------

# Words before the subject that are not one: particles, question words, the auxiliary of a modal.
_BEFORE_SUBJECT: Final = frozenset(
    [
        *("لو", "ولو", "فلو", "لولا", "إذا", "اذا", "وإذا", "فإذا", "إن", "ان", "أن", "ألا", "الا", "لماذا", "ولماذا"),
        *("لم", "لا", "لن", "ما", "ماذا", "كيف", "هل", "أ", "قد", "لقد", "فقد", "وقد", "كان", "وكان", "فكان", "يجب"),
        *("ينبغي", "من", "المفروض", "المفترض", "الأفضل", "الافضل", "الأجدر", "لازم", "حقا", "بصراحة", "حتى", "ثم"),
        *("كل", "هذا", "هذه", "الآن", "الان", "أيضا", "فعلا", "بعد", "عندما", "حين", "لأن", "لان", "وأنت", "فأنت"),
        # "هل يعقل أن ترسلي": the frame of a rhetorical question, like يجب before the verb that has the subject.
        *("يعقل", "أيعقل", "معقول", "المعقول"),
    ]
)
_BE: Final = frozenset(["كان", "كانت", "وكان", "وكانت", "فكان", "فكانت"])
# Prepositions written apart: the noun after one is not the subject ("لما وصل إلى كثير من المراهقين").
_PREPOSITIONS: Final = frozenset(["إلى", "الى", "في", "عن", "مع", "عند", "لدى", "ضد", "بين", "حول", "نحو", "من"])
_THIRD: Final = frozenset(["عليه", "عليها", "عليهم", "بإمكانه", "بإمكانها", "بوسعه", "بوسعها"])
_SCAN: Final = 8
_LOOK_AHEAD: Final = 3


def _noun_class(norm: str, who: dict[str, str]) -> str | None:
    if norm in who:
        return who[norm]
    # The child as "you" is said by a whole word (أنت، عليك), never read off a longer one.
    return next((who[c] for c in candidates(norm) if c in who and who[c] != "you"), None)


def subject(norms: list[str], written: list[str], who: dict[str, str], addressed: bool) -> tuple[int, str] | None:
    """The subject of an Arabic clause: a pronoun, a noun of the lexicon, or the person of its first verb.

    Arabic puts the verb first as often as not ("لو سمع ابني كلامي"): after a verb of the third
    person the subject is the noun that follows it. A verb that may be "you" or "she" (أرسلت, ترسل)
    is the child only when the sentence is addressed to the child (أنت, a pronoun ك elsewhere) and
    no noun of the lexicon follows it as its subject.
    """
    # In "ما كان ليحدث شيء لو التزمتَ", who should have acted is the subject of the لو clause.
    start = next((i + 1 for i, n in enumerate(norms) if n in _IF_ONLY), 0)
    for position in range(start, min(len(norms), start + _SCAN)):
        norm = norms[position]
        if norm in YOU or norm in EXPERIENCER:
            return position, "you"
        if norm in _THIRD:
            return position, "person"  # كان عليها أن: what she should have done
        if norm == "على" and position > 0 and norms[position - 1] in _BE and position + 1 < len(norms):
            return position + 1, _noun_class(norms[position + 1], who) or "person"  # كان على طارق أن
        found = _noun_class(norm, who)
        if found is not None and not (position > start and norms[position - 1] in _PREPOSITIONS):
            return position, found
        if (
            norm in _BE
            and _HINDSIGHT.isdisjoint(norms[position + 1 : position + 4])
            and norms[position + 1 : position + 2] != ["على"]
        ):
            # "كان ساذجًا": "he was", its subject the noun after it or "he"; "كان عليك أن" reads on.
            named = next((c for c in (_noun_class(n, who) for n in norms[position + 1 : position + 4]) if c), None)
            return position, named or "person"
        if norm in _BEFORE_SUBJECT:
            continue
        said = person(norm, written[position])
        if said in ("you", "speaker"):
            return position, said
        if said in ("other", "maybe"):
            for ahead in range(position + 1, min(len(norms), position + 1 + _LOOK_AHEAD)):
                named = _noun_class(norms[ahead], who)
                if named is not None and named != "you" and norms[ahead - 1] not in _PREPOSITIONS:
                    return ahead, named
            if said == "maybe" and addressed:
                return position, "you"
            return None
    return None


# --- negation and modality ----------------------------------------------------------------------------

NEGATORS: Final = frozenset(
    [
        *("لا", "لم", "لن", "ليس", "ليست", "لست", "لستم", "لسنا", "ليسوا", "غير", "بدون", "دون", "بلا", "ألا", "الا"),
        *("ولا", "فلا", "ولم", "فلم", "ولن", "فلن", "وليس", "فليس", "وليست", "فليست", "ولست"),
        *("أبدا", "إطلاقا", "مطلقا"),
        # Colloquial negators of peer chat ("والله مو ذنبك", "مش غلطتك"): Gulf, Iraqi, Levantine and Egyptian.
        *("مو", "مش", "مب", "موب"),
    ]
)
# "ما" negates only before a past verb of being ("ما كان ينبغي"); elsewhere it is "what".
_MA: Final = frozenset(["ما", "وما", "فما"])
_WAS: Final = frozenset(["كان", "كانت", "كنت", "كنتم", "كانوا"])


# A negator governs the words just after it ("لست ساذجًا", "لم تكن ساذجًا"), not a whole clause:
# in "لا أفهم كيف تكونين بهذه السذاجة" it negates أفهم, not the label.
SCOPE: Final = 3


_COPULA: Final = frozenset(["يكن", "تكن", "يكون", "تكون", "أكون", "نكون", "يكونوا", "تكوني", "كان", "كانت", "كنت"])


def negates(negations: list[int], position: int, norms: list[str]) -> bool:
    """True when a negator stands at most `SCOPE` words before `position` with no other verb between them.

    "لستَ ساذجًا", "لم تكن ساذجًا" (a verb of being does not end it): negated; in "ولا تعرفه يريد أن
    يؤذيك" the negator's verb is تعرفه, and يؤذيك is not negated.
    """
    for n in negations:
        if position - SCOPE <= n < position:
            between = norms[n + 1 : position]
            if not any(w not in _COPULA and person(w, w) is not None for w in between):
                return True
    return False


# «غير أن» ("however"; also «غير أنه، أنك»...) opens a clause: it negates nothing ("نحن نحبك، غير أن الذنب ذنبك"
# is blame). «من غير أن» ("without") still negates, as «غير» before a word does ("غير مسؤول"). FP18ar, 2026-12-04;
# the pattern rules' NEG in rules/ar/tone.yml reads it the same way.
_THAT: Final = frozenset(
    [
        *("أن", "ان", "أنه", "انه", "أنها", "انها", "أنك", "انك", "أنهم", "انهم", "أننا", "اننا", "أني", "أنني"),
        *("انني", "أنكم", "انكم", "أنهما"),
    ]
)
_WITHOUT: Final = frozenset(["من", "ومن", "فمن"])


def _however(norms: list[str], i: int) -> bool:
    return norms[i] == "غير" and i + 1 < len(norms) and norms[i + 1] in _THAT and not (i and norms[i - 1] in _WITHOUT)


# «ما» before كان negates anywhere ("ما كان خطأك"); one that opens its clause (or follows "والله") before
# "you", "he", "she" negates too ("ما أنت السبب"، "ما هو ذنبك"), where after a verb it is "what" ("نفهم ما مررت
# به"). Before a past verb it is left as "what": "ما جلبتَ هذا على نفسك" may be a colloquial negation, but "ما
# أرسلتَ سيبقى إلى الأبد" (what you sent will stay forever) is the commoner reading in lessons, and a harmful
# sentence read as negated is missed (FP19ar's proposal, narrowed by the lead's review, 2026-12-04).
_MA_PRONOUNS: Final = frozenset(["أنت", "انت", "أنتم", "انتم", "أنتما", "هو", "هي", "هم"])
_MA_OPENS: Final = frozenset(["والله", "بل", "لا"])


def _ma_negates(norms: list[str], i: int) -> bool:
    if norms[i] not in _MA or i + 1 >= len(norms):
        return False
    following = norms[i + 1]
    if following in _WAS:
        return True
    return following in _MA_PRONOUNS and (i == 0 or norms[i - 1] in _MA_OPENS)


def negators(norms: list[str]) -> list[int]:
    """Positions of the clause's negators."""
    return [i for i, n in enumerate(norms) if (n in NEGATORS and not _however(norms, i)) or _ma_negates(norms, i)]


# لو (if, contrary to fact) and what answers it: "لو ... لما حدث", "لو ... لكان", "ليتك", "لو أنك".
_IF_ONLY: Final = frozenset(["لو", "ولو", "فلو", "لولا", "ولولا"])
_ANSWER: Final = frozenset(["لما", "لكان", "لكانت", "لكنت", "لكنا", "لكانوا", "لما كان", "ما كان", "لكنتِ"])
_WISH: Final = frozenset(["ليتك", "ليتكم", "ليتكِ", "ليتها", "ليته", "وليتك", "فليتك"])
# "كان عليك أن", "كان يجب أن", "كان من المفروض", "كان بإمكانك": what should have been done.
_HINDSIGHT: Final = frozenset(
    [
        *("يجب", "ينبغي", "عليك", "عليكم", "عليه", "عليها", "عليهم", "بإمكانك", "بامكانك", "بوسعك", "بإمكانه"),
        *("بإمكانها", "بوسعه", "بوسعها", "يمكنك", "يمكنه", "يمكنها", "لازم", "الأجدر", "الأفضل", "الاجدر"),
        *("الافضل", "الأولى", "الاولى", "المفروض", "المفترض", "الواجب", "أجدر", "حريا"),
    ]
)
# Before كان, these make it a condition or a comparison, not what should have been.
_NOT_HINDSIGHT: Final = frozenset(
    ["إذا", "اذا", "وإذا", "فإذا", "إن", "ان", "وإن", "مما", "عما", "كما", "بما", "أينما", "كلما", "سواء"]
)
_POSSIBLE: Final = frozenset(
    [
        *("يمكن", "ربما", "ممكن", "يمكنه", "يمكنها", "يمكنك", "يمكنهم", "بإمكانه", "بإمكانهم", "احتمال", "يحتمل"),
        *("لعل", "يستطيع", "يستطيعون", "تستطيع", "يستطيعوا"),
    ]
)
_FUTURE: Final = frozenset(["سوف", "لن", "ولن", "فلن", "وسوف", "فسوف"])
# Words starting with س + a prefix letter that are not futures.
_NOT_FUTURE: Final = frozenset(
    [
        *("سيارة", "سيارات", "سيدة", "سيدات", "سيد", "سيئ", "سيء", "سيئة", "ستة", "ستار", "ستارة", "سينما", "سياسة"),
        *("سياسات", "سياق", "سيطرة", "سيف", "سير", "سيرة", "ستين", "ستون", "نسيت", "سيول", "سياج", "سيناريو"),
    ]
)


# Futures of four letters (a doubled or weak verb): the length test below leaves them out with سيد and ستة.
_SHORT_FUTURE: Final = frozenset(["سيظن", "ستظن", "سنظن", "سيرى", "سترى", "سنرى"])


def _future(norm: str) -> bool:
    base = _strip_conjunction(norm)
    if base in _NOT_FUTURE or norm in _NOT_FUTURE:
        return False
    if base in _SHORT_FUTURE:
        return True
    return len(base) >= 5 and base[0] == "س" and base[1] in "تيأن" and not base.startswith(("سيار", "سياس", "ستار"))


def modalities(norms: list[str]) -> set[str]:
    """The clause's own modalities (what only the whole sentence says is added by `sentence_modalities`)."""
    found: set[str] = set()
    for i, norm in enumerate(norms):
        if i > 0 and norms[i - 1] in _NOT_HINDSIGHT:
            pass  # "إذا كان يجب أن", "إن كانوا سيعودون", "مما كانت عليه": a condition, a comparison
        elif norm in _WAS and any(n in _HINDSIGHT for n in norms[i + 1 : i + 4]):
            found.add("counterfactual")  # كان عليك أن, كان يجب أن, كان من المفروض
        elif norm in _BE and norms[i + 1 : i + 2] == ["على"] and "أن" in norms[i + 2 : i + 5]:
            found.add("counterfactual")  # كان على طارق أن (not "إذا كنت على الجهاز")
        elif norm in _WAS and i + 1 < len(norms) and _future(norms[i + 1]):
            found.add("counterfactual")  # كان سيعرف: would have known
        elif norm in _WISH:
            found.add("counterfactual")
        if norm in _FUTURE or _future(norm):
            found.add("future")
        following = norms[i + 2] if i + 2 < len(norms) and norms[i + 1 : i + 2] == ["لا"] else norms[i + 1 : i + 2]
        if norm in _POSSIBLE or (norm in ("قد", "وقد", "فقد") and following and following[0][:1] in "يتنأ"):
            found.add("possible")
    return found


def counterfactual_sentence(norms: list[str]) -> bool:
    """True when the sentence is contrary to fact: لو with its answer (لما, لكان...), or لو أنك."""
    if _IF_ONLY.isdisjoint(norms):
        return False
    pairs = {f"{a} {b}" for a, b in pairwise(norms)}
    if not _ANSWER.isdisjoint(norms) or not _ANSWER.isdisjoint(pairs) or not {"لو أنك", "لو انك"}.isdisjoint(pairs):
        return True
    start = next(i for i, n in enumerate(norms) if n in _IF_ONLY)
    return any(_answering(n) for n in norms[start + 2 :])


def _answering(norm: str) -> bool:
    """لعرفتَ, لضحكوا: ل on a past verb, the answer of لو (not لكن, لأن, للأسف)."""
    return len(norm) >= 5 and norm[0] == "ل" and norm[1] not in "لأا" and norm.endswith(("ت", "وا", "تم", "نا"))


def if_only(norms: list[str]) -> bool:
    """True when the clause holds لو or what answers it: the clauses a contrary-to-fact sentence marks."""
    return not _IF_ONLY.isdisjoint(norms) or not _ANSWER.isdisjoint(norms) or any(_answering(n) for n in norms)
