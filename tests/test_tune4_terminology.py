"""Arabic and Spanish Luxembourg entries added by TUNE4 (2026-12-03): each flags its shape, and the
nearby good sentences (offenders 'involved in' exploitation, a child's relationship of trust with a
teacher, children working in a garden, peer sexting) pass. Sentences written fresh for this test."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker_support import rulebook, run_rule
from lessonkit.check.rulebook import Rule

BOOK = rulebook()

FLAG = [
    ("ar", "كانت الفتاة تمارس الدعارة منذ سنتين."),
    ("ar", "التلميذات المتورطات في الاستغلال الجنسي يحتجن إلى الدعم."),
    ("ar", "تورطت ثلاث فتيات من الحي في الاستغلال الجنسي."),
    ("ar", "مارس الفتى ذو الخمسة عشر عامًا الجنس مع مدربه."),
    ("ar", "استمرت علاقة الطالبة ذات الأربعة عشر عامًا بالرجل عدة أشهر."),
    ("ar", "تحارب الدول سياحة الجنس مع الأطفال."),
    ("ar", "كان يتبادل السكستنغ مع رجل غريب."),
    ("ar", "تبادل الرسائل الجنسية بين الفتيات والبالغين خطر كبير."),
    ("es", "El chico llevaba semanas haciendo sexting con su entrenador."),
    ("es", "Dos alumnas del instituto estaban implicadas en una red de prostitución, según la noticia."),
]
PASS = [
    ("ar", "المتورطون في استغلال الأطفال يعاقبهم القانون."),
    ("ar", "يعمل المعلم في المدرسة منذ عشر سنوات."),
    ("ar", "علاقة الطفل بمعلمه علاقة احترام وثقة."),
    ("ar", "الأطفال يعملون في الحديقة مع معلمتهم."),
    ("es", "Los adultos implicados en la explotación sexual de menores cometen un delito grave."),
    ("es", "Hablad del sexting entre compañeros de clase y de por qué reenviar fotos hace daño."),
]


def _rule(language: str) -> Rule:
    return next(r for r in BOOK.rules if r.id == "terminology.luxembourg" and r.language == language)


@pytest.mark.parametrize(("language", "text"), FLAG)
def test_flags(language: str, text: str, tmp_path: Path) -> None:
    assert run_rule(_rule(language), text, {"lang": language, "band": "14-18"}, tmp_path), text


@pytest.mark.parametrize(("language", "text"), PASS)
def test_passes(language: str, text: str, tmp_path: Path) -> None:
    assert not run_rule(_rule(language), text, {"lang": language, "band": "14-18"}, tmp_path), text
