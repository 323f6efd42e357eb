"""Every teacher's plan has a SEND/EAL box (issue 14, item 3): advice for learners with special
educational needs and for learners of the lesson's language, with the advice of the lesson's band
first, translated with the interface labels, and printed in the PDF next to the safeguarding box.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from lessonkit.i18n.store import read_po
from lessonkit.i18n.ui import translator
from lessonkit.load.curriculum import load_curriculum
from lessonkit.locale import adaptations as box
from lessonkit.locale.country_pack import require_country_pack
from lessonkit.locale.locales import find_locale
from lessonkit.render.html.documents import render_lesson_html
from lessonkit.render.pdf.write import write_pdf
from lessonkit.render.settings import RenderSettings
from print_project import tool
from test_print_quiz import _arabic, _english, _html


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#34;", '"').replace("&#39;", "'")


def test_every_student_lesson_of_the_curriculum_gets_its_bands_box_and_guides_none() -> None:
    curriculum, problems = load_curriculum(ROOT)
    assert curriculum is not None and not problems
    settings = RenderSettings(curriculum.config, ROOT)
    locale, pack, ui = find_locale(ROOT, "en-IE"), require_country_pack(ROOT, "IE"), translator(ROOT, "en")
    bands_seen = set()
    for band in ("4-7", "8-10", "11-13", "14-18"):
        lesson = next(x for x in curriculum.lessons if x.band == band and x.is_student_lesson)
        html = render_lesson_html("plan", lesson, locale, pack, ui, settings).html
        text = _text(html)
        assert 'class="box adapt-box"' in html, lesson.id
        for sentence in box.BY_BAND[band] + box.SEND + box.EAL:
            assert sentence in text, (lesson.id, sentence)
        others = {s for b, advice in box.BY_BAND.items() if b != band for s in advice} - set(box.BY_BAND[band])
        assert not any(s in text for s in others), lesson.id
        # The band's own advice comes first, the interpreter rule last.
        assert text.index(box.BY_BAND[band][0]) < text.index(box.SEND[0]) < text.index(box.EAL[-1])
        bands_seen.add(band)
    assert bands_seen == set(box.BY_BAND)
    guide = next(x for x in curriculum.lessons if not x.is_student_lesson)
    guide_html = render_lesson_html("guide", guide, locale, pack, ui, settings).html
    assert "adapt-box" not in guide_html and box.HEADING not in guide_html


@pytest.mark.parametrize("language", ["de", "ar", "es"])
def test_every_sentence_of_the_box_is_translated(language: str) -> None:
    catalogue = {e.msgid: e for e in read_po(ROOT / "locales" / language / "ui.po") if not e.obsolete}
    for text, _ in box.strings():
        entry = catalogue[text]
        assert entry.msgstr and entry.msgstr != text and not entry.fuzzy, (language, text)


def test_the_arabic_plan_prints_the_box_in_arabic_right_to_left(tmp_path: Path) -> None:
    root, parts = _arabic(tmp_path)
    html = _html(root, "plan", parts)
    ui = parts[2]
    assert 'dir="rtl"' in html
    assert ui(box.HEADING) in html and ui(box.HEADING) != box.HEADING
    assert ui(box.BY_BAND["4-7"][0]) in html and ui(box.EAL[-1]) in html


def test_the_box_is_in_the_plan_pdf(tmp_path: Path) -> None:
    root, parts = _english(tmp_path)
    result = write_pdf(_html(root, "plan", parts), root, [root], root / "handouts" / "css")
    assert not result.refused
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(result.data)
    flat = re.sub(r"\s+", " ", tool("pdftotext", str(pdf), "-"))
    assert box.HEADING in flat
    assert box.SEND_HEADING in flat and box.EAL_HEADING in flat
    # A sentence of the band's advice and of the EAL advice, as printed.
    assert "say the key message in the same words every time" in flat
    assert "ask your safeguarding lead for a professional interpreter" in flat
