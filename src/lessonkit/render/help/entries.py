"""A country pack's services as help boxes and help slides print them: contacts, hours, cost, confirmation."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from lessonkit.locale.country_pack import CountryPack, Service
from lessonkit.locale.help_wording import HelpWording

# Services printed in every student-facing and every adult-facing help box, whatever the lesson names.
STUDENT_HELP = ("child_helpline", "emergency")
ADULT_HELP = ("parent_helpline", "report_abuse_images", "emergency")


@dataclass(frozen=True)
class ContactView:
    """One way to reach a service; renderers isolate `value` as left-to-right and keep it on one line."""

    label: str
    value: str
    note: str = ""


@dataclass(frozen=True)
class HelpEntry:
    """A help service with what a caller needs to know, and whether its entry is confirmed."""

    name: str
    description: str
    contacts: tuple[ContactView, ...]
    hours: str
    cost: str = ""
    confirmed: bool = True


def help_entries(pack: CountryPack, tokens: Iterable[str], ui: Callable[[str], str]) -> tuple[HelpEntry, ...]:
    """The entries of the named services, each service once, in the order named."""
    names = tuple(dict.fromkeys(tokens))
    return tuple(help_entry(service, ui, pack.wording) for token in names for service in pack.services.get(token, ()))


def help_entry(service: Service, ui: Callable[[str], str], wording: HelpWording) -> HelpEntry:
    """One service as printed, its name and contacts isolated for right-to-left text.

    Control characters as well as markup: WeasyPrint ignores `unicode-bidi: isolate`, and PPTX has
    no markup for it, so the isolate characters are what keeps the order in print and decks.
    """
    labels = {"phone": ui("Phone"), "text": ui("Text"), "web": ui("Web"), "email": ui("Email")}
    contacts = tuple(ContactView(labels[c.kind], wording.contact(c.value, c.kind), c.note) for c in service.contacts)
    return HelpEntry(
        wording.name(service.name),
        service.description,
        contacts,
        service.hours,
        service.cost,
        service.verified is not False,
    )
