"""`lessonkit i18n`: extraction, update with fuzzy marking, readiness, apply and translation QA."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
import yaml

from conftest import FIXTURES, ROOT, authoring_example, run_cli
from lessonkit.i18n.apply import translate_curriculum, translate_lesson
from lessonkit.i18n.catalogue import lesson_template
from lessonkit.i18n.qa import check_translations
from lessonkit.load.curriculum import load_curriculum
from lessonkit.locale.locales import Locale
from lessonkit.model import Lesson

LESSON_ID = "example-helpers-4-7"
GOLDEN = FIXTURES / "i18n" / f"{LESSON_ID}.pot"


@pytest.fixture
def example(project: Path) -> Path:
    """A project with the authoring guide's example lesson, the real locales and country packs."""
    (project / "lessons" / "students").mkdir()
    (project / "lessons" / "students" / "example.md").write_text(authoring_example(), encoding="utf-8")
    shutil.copytree(ROOT / "locales" / "countries", project / "locales" / "countries")
    shutil.copy(ROOT / "locales" / "locales.yml", project / "locales" / "locales.yml")
    return project


def _po(project: Path, language: str) -> Path:
    return project / "locales" / language / f"{LESSON_ID}.po"


def _fill(path: Path, translate: dict[str, str] | None = None) -> None:
    """Translate every entry (msgstr = msgid unless `translate` gives the text for a msgid)."""
    catalogue = polib.pofile(str(path))
    for entry in catalogue:
        entry.msgstr = (translate or {}).get(entry.msgid, entry.msgid)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalogue.save(str(path))


def test_extraction_matches_golden_pot(example: Path) -> None:
    assert run_cli("i18n", "extract", "--project", str(example)).code == 0
    pot = (example / "locales" / "templates" / f"{LESSON_ID}.pot").read_text(encoding="utf-8")
    assert pot == GOLDEN.read_text(encoding="utf-8")
    assert 'msgctxt "example-helpers-4-7|help:1|p:1"' in pot
    assert "Children can also call {help.child_helpline}." in pot
    assert "Slide text: at most" in pot


def test_msgfmt_accepts_every_shipped_catalogue() -> None:
    files = sorted((ROOT / "locales").rglob("*.po")) + sorted((ROOT / "locales").rglob("*.pot"))
    assert len(files) > 60
    for path in files:
        run = subprocess.run(
            ["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True, check=False
        )
        assert run.returncode == 0, f"{path}: {run.stderr}"


def test_round_trip_reproduces_every_lesson_exactly() -> None:
    curriculum, _ = load_curriculum(ROOT)
    assert curriculum is not None
    for lesson in (*curriculum.lessons,):
        catalogue = lesson_template(lesson, curriculum.config, ROOT)
        for entry in catalogue:
            entry.msgstr = entry.msgid
        assert translate_lesson(lesson, catalogue) == lesson, lesson.id


def test_changed_sentence_becomes_fuzzy_and_lesson_not_ready(example: Path) -> None:
    assert run_cli("i18n", "update", "--project", str(example)).code == 0
    for language in ("de", "ar"):
        _fill(_po(example, language))
    curriculum, _ = load_curriculum(example)
    assert curriculum is not None
    translated, readiness = translate_curriculum(curriculum, example, Locale("de-DE", "de", "DE"))
    assert readiness.lessons[LESSON_ID].ready and translated.lesson(LESSON_ID) is not None

    source = example / "lessons" / "students" / "example.md"
    old = "Grown-ups who help us are everywhere."
    source.write_text(source.read_text(encoding="utf-8").replace(old, "Helpers are all around us."), encoding="utf-8")
    assert run_cli("i18n", "update", "--project", str(example)).code == 0
    for language in ("de", "ar"):
        catalogue = polib.pofile(str(_po(example, language)))
        changed = [e for e in catalogue if e.msgid == "Helpers are all around us."]
        assert len(changed) == 1 and changed[0].fuzzy and changed[0].previous_msgid == old

    curriculum, _ = load_curriculum(example)
    assert curriculum is not None
    for locale in (Locale("de-DE", "de", "DE"), Locale("ar-DE", "ar", "DE")):
        translated, readiness = translate_curriculum(curriculum, example, locale)
        assert not readiness.lessons[LESSON_ID].ready
        assert readiness.lessons[LESSON_ID].counts.fuzzy == 1
        assert translated.lesson(LESSON_ID) is None  # a student lesson is never built half-translated
    status = run_cli("i18n", "status", "--project", str(example), "--format", "json")
    assert '"fuzzy": 1' in status.out


def test_inserted_item_keeps_the_translations_it_shifted(example: Path) -> None:
    assert run_cli("i18n", "update", "--project", str(example), "-l", "de").code == 0
    _fill(_po(example, "de"), {"A grown-up you know who keeps you safe and listens to you.": "Eine Vertrauensperson."})
    source = example / "lessons" / "students" / "example.md"
    text = source.read_text(encoding="utf-8")
    new = '  helper: "Someone who helps you."\n'
    source.write_text(
        text.replace("vocabulary:\n", "vocabulary:\n" + new, 1).replace("Who helps us?", "Who is a helper?")
    )
    assert run_cli("i18n", "update", "--project", str(example), "-l", "de").code == 0
    catalogue = polib.pofile(str(_po(example, "de")))
    by_id = {e.msgid: e for e in catalogue if not e.obsolete}
    moved = catalogue.find(
        "A grown-up you know who keeps you safe and listens to you.", msgctxt=f"{LESSON_ID}|vocabulary:2|definition"
    )
    assert moved is not None
    assert moved.msgstr == "Eine Vertrauensperson." and not moved.fuzzy
    assert by_id["Someone who helps you."].msgstr == "" and not by_id["Someone who helps you."].fuzzy
    assert [e.msgid for e in catalogue if e.fuzzy] == ["Who is a helper?"]


@pytest.mark.parametrize(
    ("english", "tampered", "code"),
    [
        (
            "Tell a trusted adult. Children can also call {help.child_helpline}.",
            "Kinder können auch 0800 123 4567 anrufen.",
            "I100",
        ),
        (
            "Tell a trusted adult. Children can also call {help.child_helpline}.",
            "Kinder rufen {help.child_helpline} oder 0800 123 4567 an.",
            "I101",
        ),
        ("Grown-ups who help us are everywhere.", "Hilfe überall. <script>alert(1)</script>", "I102"),
        ("Grown-ups who help us are everywhere.", "Mehr auf https://example.com/hilfe", "I101"),
        ("Grown-ups who help us are everywhere.", "مزيد على ٠٨٠٠١٢٣٤٥٦٧ الآن", "I101"),
    ],
)
def test_tampered_translation_is_an_error(example: Path, english: str, tampered: str, code: str) -> None:
    assert run_cli("i18n", "update", "--project", str(example), "-l", "de").code == 0
    _fill(_po(example, "de"), {english: tampered})
    curriculum, _ = load_curriculum(example)
    assert curriculum is not None
    problems = check_translations(curriculum, example, ["de"])
    assert any(p.code == code and p.severity == "error" and p.location.line > 1 for p in problems), problems
    result = run_cli("i18n", "check", "--project", str(example), "-l", "de")
    assert result.code == 2
    assert f"locales/de/{LESSON_ID}.po:" in result.out


def test_clean_translation_passes_check(example: Path) -> None:
    assert run_cli("i18n", "update", "--project", str(example), "-l", "de").code == 0
    _fill(_po(example, "de"))
    result = run_cli("i18n", "check", "--project", str(example), "-l", "de")
    assert result.code == 0, result.out


def test_guide_falls_back_with_notice_only_when_allowed(example: Path) -> None:
    guide = (ROOT / "lessons" / "parents" / "talking-together.md").read_text(encoding="utf-8")
    (example / "lessons" / "parents").mkdir()
    (example / "lessons" / "parents" / "guide.md").write_text(guide, encoding="utf-8")
    curriculum, _ = load_curriculum(example)
    assert curriculum is not None
    locale = Locale("de-DE", "de", "DE")
    strict, _ = translate_curriculum(curriculum, example, locale)
    assert strict.lesson("parents-talking-together") is None
    loose, readiness = translate_curriculum(curriculum, example, locale, allow_fallback=True)
    shown = loose.lesson("parents-talking-together")
    assert shown is not None and readiness.lessons["parents-talking-together"].fallback
    assert shown.body.startswith("*This translation is not complete")
    original = curriculum.lesson("parents-talking-together")
    assert original is not None
    assert [s.location for s in shown.sections] == [s.location for s in original.sections]
    assert loose.lesson(LESSON_ID) is None


def test_source_language_is_identity() -> None:
    curriculum, _ = load_curriculum(ROOT)
    assert curriculum is not None
    same, readiness = translate_curriculum(curriculum, ROOT, Locale("en-IE", "en", "IE"))
    assert same is curriculum and not readiness.not_ready()


@pytest.mark.parametrize(("language", "word"), [("de", "Vertrauensperson"), ("ar", "موثوق")])
def test_fixture_translation_is_ready_clean_and_same_shape(example: Path, language: str, word: str) -> None:
    target = _po(example, language)
    target.parent.mkdir(parents=True)
    shutil.copy(FIXTURES / "i18n" / language / f"{LESSON_ID}.po", target)
    curriculum, _ = load_curriculum(example)
    assert curriculum is not None
    locale = Locale(f"{language}-DE", language, "DE")
    translated, readiness = translate_curriculum(curriculum, example, locale)
    assert readiness.lessons[LESSON_ID].ready
    lesson, source = translated.lesson(LESSON_ID), curriculum.lesson(LESSON_ID)
    assert lesson is not None and source is not None
    assert word in lesson.body and word in lesson.key_messages[0]
    assert "{{ help.child_helpline }}" in lesson.sections_of("help")[0].text
    assert [(s.kind, s.location, s.attrs.get("stage")) for s in lesson.sections] == [
        (s.kind, s.location, s.attrs.get("stage")) for s in source.sections
    ]
    assert check_translations(curriculum, example, [language]) == []


def _as_markdown(lesson: Lesson) -> str:
    """A lesson file written back from the model (front matter + body), as a translator's copy would be."""
    meta = {
        "id": lesson.id,
        "title": lesson.title,
        "topic": lesson.topic,
        "audience": lesson.audience,
        "band": lesson.band,
        "duration": lesson.duration,
        "summary": lesson.summary,
        "objectives": list(lesson.objectives),
        "vocabulary": dict(lesson.vocabulary),
        "key_messages": list(lesson.key_messages),
        "sources": list(lesson.sources),
        "pictures": [{"name": x.name, "alt": x.alt} for x in lesson.pictures],
    }
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return f"---\n{head}---\n{lesson.body}"


def test_import_of_translated_markdown_fills_the_catalogue(example: Path, tmp_path: Path) -> None:
    fixture = polib.pofile(str(FIXTURES / "i18n" / "de" / f"{LESSON_ID}.po"))
    curriculum, _ = load_curriculum(example)
    assert curriculum is not None
    source = curriculum.lesson(LESSON_ID)
    assert source is not None
    german = translate_lesson(source, fixture)
    copy = tmp_path / "de" / "students" / "example.md"
    copy.parent.mkdir(parents=True)
    copy.write_text(_as_markdown(german), encoding="utf-8")

    assert run_cli("i18n", "update", "--project", str(example), "-l", "de").code == 0
    result = run_cli("i18n", "import", "--project", str(example), "de", str(tmp_path / "de"))
    assert result.code == 0, result.out + result.err
    imported = polib.pofile(str(_po(example, "de")))
    expected = {(e.msgctxt, e.msgid): e.msgstr for e in fixture if e.msgstr}
    assert {(e.msgctxt, e.msgid): e.msgstr for e in imported} == expected


def test_import_refuses_a_broken_placeholder(example: Path, tmp_path: Path) -> None:
    text = authoring_example().replace("{{ help.child_helpline }}", "Childline")
    copy = tmp_path / "xx" / "students" / "example.md"
    copy.parent.mkdir(parents=True)
    copy.write_text(text, encoding="utf-8")
    assert run_cli("i18n", "update", "--project", str(example), "-l", "de").code == 0
    result = run_cli("i18n", "import", "--project", str(example), "de", str(tmp_path / "xx"))
    assert result.code == 2
    line = authoring_example().split("\n").index("::: help") + 2  # the paragraph under the help fence
    assert f"example.md:{line}:1: error I110 help:1|p:1: placeholder {{help.child_helpline}} is missing" in result.out


def test_a_help_token_is_never_split_over_two_lines_when_text_is_written_back() -> None:
    from lessonkit.i18n.rewrite import _spread

    for count in range(1, 8):
        chunks = _spread("Habla con {{ help.child_helpline }} o {{ law.fake_images }} cuando quieras.", count)
        assert all(chunk.count("{{") == chunk.count("}}") for chunk in chunks), chunks
