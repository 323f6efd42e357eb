"""How help details read in one locale: list joining, text direction, and the few words the build adds.

A phone number printed wrong is the worst defect this project can ship. In a right-to-left paragraph a
number written with spaces ("116 111") is shown with its digit groups reversed, because each group is
a separate left-to-right run and the spaces between them take the paragraph's direction. Every
contact value is therefore wrapped in a left-to-right isolate (LRI ... PDI) and every Latin service
name in a first-strong isolate (FSI ... PDI) where the text runs right to left. The same characters
work in HTML, in WeasyPrint (Pango, FriBidi) and in PowerPoint and LibreOffice, so one filling step
serves every output. Spaces inside numbers become no-break spaces, so a number never breaks across
lines in any language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from babel.lists import format_list

LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"
NBSP = "\u00a0"
ISOLATES = frozenset((LRI, FSI, PDI, "\u2067"))
# Interface strings (translated through ui.po) that the help wording adds to lesson text.
NOT_CONFIRMED = "not yet confirmed"
LAW_FALLBACK = "The law protects children and young people from sexual abuse and exploitation."


@dataclass(frozen=True)
class HelpWording:
    """The words and direction with which help services and legal statements are printed in one locale."""

    language: str = "en"
    rtl: bool = False
    not_confirmed: str = NOT_CONFIRMED
    law_fallback: str = LAW_FALLBACK

    def contact(self, value: str, kind: str = "phone") -> str:
        """A contact value that keeps its order and stays on one line in any paragraph direction."""
        value = unbroken(value, kind)
        return f"{LRI}{value}{PDI}" if self.rtl else value

    def name(self, value: str) -> str:
        """A service name, isolated so that a Latin name inside right-to-left text keeps its order."""
        return f"{FSI}{value}{PDI}" if self.rtl else value

    def any_of(self, items: Sequence[str]) -> str:
        """Alternatives joined the way the language does it ("A, B or C", "A, B oder C", "A، B أو C")."""
        return format_list(list(items), style="or", locale=self.language) if items else ""


def unbroken(value: str, kind: str = "phone") -> str:
    """A phone or text number whose digit groups are joined by no-break spaces, so it never splits."""
    return NBSP.join(value.split()) if kind in ("phone", "text") else value


def wording_for(language: str, direction: str, ui: Callable[[str], str]) -> HelpWording:
    """The wording of a locale, its added words taken from the interface catalogue."""
    # Literal strings, so that the interface-string scan finds them for the catalogue.
    return HelpWording(
        language,
        direction == "rtl",
        ui("not yet confirmed"),
        ui("The law protects children and young people from sexual abuse and exploitation."),
    )


def strip_isolates(text: str) -> str:
    """The text without bidi isolate marks and with ordinary spaces (for comparing extracted text)."""
    return "".join(" " if ch == NBSP else ch for ch in text if ch not in ISOLATES)
