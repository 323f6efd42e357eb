"""Review: a slide title has the length limit its translator comment promises (I106).

Translator comments say "Slide title: at most N characters", but I106 read only comments that
say "Slide text: at most", so a slide title of any length (850 KB in the review) passed
`lessonkit i18n check`; five shipped German titles were longer than their limit and wrapped.
"""

from __future__ import annotations

from pathlib import Path

import polib

from lessonkit.i18n.catalogue import slide_limit
from lessonkit.i18n.placeholders import Message
from lessonkit.i18n.qa import entry_problems
from lessonkit.problems import Location

WHERE = Location(Path("locales/de/x.po"), 7, 9)
NO_CONTACTS: tuple[set[str], set[str]] = (set(), set())


def _title(msgstr: str) -> polib.POEntry:
    limit = slide_limit(Message("A trusted adult"))
    comment = f'Audience: students; section: slide "A trusted adult".\nSlide title: at most {limit} characters.'
    return polib.POEntry(msgid="A trusted adult", msgstr=msgstr, comment=comment)


def test_a_slide_title_longer_than_its_limit_is_a_warning() -> None:
    limit = slide_limit(Message("A trusted adult"))
    (problem,) = entry_problems(_title("W" * (limit + 1)), WHERE, NO_CONTACTS)
    assert (problem.code, problem.severity, problem.location) == ("I106", "warning", WHERE)
    assert problem.message == f"slide title is {limit + 1} characters; keep it under {limit}"


def test_a_huge_slide_title_is_reported() -> None:
    (problem,) = entry_problems(_title("Wort " * 170_000), WHERE, NO_CONTACTS)
    assert problem.code == "I106"
    assert "slide title is 850000 characters" in problem.message


def test_a_slide_title_within_its_limit_passes() -> None:
    limit = slide_limit(Message("A trusted adult"))
    assert entry_problems(_title("W" * limit), WHERE, NO_CONTACTS) == []


def test_slide_text_is_still_checked() -> None:
    limit = slide_limit(Message("Tell a trusted adult."))
    entry = polib.POEntry(
        msgid="Tell a trusted adult.",
        msgstr="W" * (limit + 1),
        comment=f"Audience: students.\nSlide text: at most {limit} characters; short words, one idea.",
    )
    (problem,) = entry_problems(entry, WHERE, NO_CONTACTS)
    assert problem.message == f"slide text is {limit + 1} characters; keep it under {limit}"


def test_the_shipped_german_slide_titles_fit() -> None:
    """The five titles the check found when it began reading titles, shortened in German."""
    root = Path(__file__).resolve().parent.parent
    for name in ("fake-images-11-13", "say-no-14-18", "secrets-4-7", "trusted-adults-4-7"):
        for entry in polib.pofile(str(root / "locales" / "de" / f"{name}.po")):
            if "Slide title: at most" in (entry.comment or "") and entry.msgstr:
                assert len(entry.msgstr) <= slide_limit(Message(entry.msgid)), (name, entry.msgstr)
