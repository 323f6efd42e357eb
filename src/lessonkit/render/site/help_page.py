"""The help page of a locale: every service of its country pack, with how to reach it, hours and cost."""

from __future__ import annotations

from lessonkit.locale.country_pack import Contact, Service
from lessonkit.locale.help_wording import unbroken
from lessonkit.render.site.context import LocaleContext
from lessonkit.render.site.text import escape, raw_block

# The order a person in trouble needs them in, with the heading of each group.
GROUP_LABELS: dict[str, str] = {
    "emergency": "In an emergency",
    "child_helpline": "For children and young people",
    "crisis_support": "Support in a crisis",
    "report_abuse_images": "Report sexual images of children",
    "take_down": "Get an image taken down",
    "parent_helpline": "For parents and carers",
    "police": "Report a crime to the police",
}
CONTACT_LABELS = {"phone": "Call", "text": "Text", "web": "Website", "email": "Email"}


def help_markdown(ctx: LocaleContext) -> str:
    """The Markdown of the help page."""
    t = ctx.t
    parts = [
        ctx.heading(1, "Get help now"),
        raw_block(
            "<p>"
            + escape(
                t(
                    "If a child is in danger right now, call the emergency number. "
                    "Telling someone is always the right thing to do: nobody is in trouble for asking for help."
                )
            )
            + "</p>",
            "lk-summary",
        ),
        raw_block(f"<p>{escape(t('Help services in {country}').format(country=ctx.pack.name))}</p>", "lk-meta"),
    ]
    tokens = [token for token in GROUP_LABELS if token in ctx.pack.services]
    tokens += [token for token in ctx.pack.services if token not in GROUP_LABELS]
    for token in tokens:
        parts.append(ctx.heading(2, GROUP_LABELS.get(token, token.replace("_", " ").capitalize()), token))
        for service in ctx.pack.services[token]:
            parts.append(raw_block(_service(ctx, service), "lk-service"))
    parts += _leaving(ctx)
    return "\n".join(parts)


def _leaving(ctx: LocaleContext) -> list[str]:
    """What "Leave this site" does, and that the browser's history still shows the visit."""
    t = ctx.t
    how = t(
        "The “{button}” button at the bottom of every page, or pressing the Esc key twice, opens a search "
        "engine's start page in place of this one straight away. The back button does not lead back here."
    ).format(button=t("Leave this site"))
    history = t(
        "Your browser still keeps a list of the pages you opened here. To remove them, delete your browsing "
        "history in your browser's settings. A private window keeps no history."
    )
    return [
        ctx.heading(2, "Leaving this site quickly", "leave-quickly"),
        raw_block(f"<p>{escape(how)}</p>\n<p>{escape(history)}</p>", "lk-exit-note"),
    ]


def _service(ctx: LocaleContext, service: Service) -> str:
    t = ctx.t
    contacts = "".join(f'<li class="lk-contact-{c.kind}">{_contact(ctx, c)}</li>\n' for c in service.contacts)
    facts = []
    if service.hours:
        facts.append(f"<div><dt>{escape(t('Hours'))}</dt><dd>{escape(service.hours)}</dd></div>")
    if service.cost:
        facts.append(f"<div><dt>{escape(t('Cost'))}</dt><dd>{escape(service.cost)}</dd></div>")
    if service.verified:
        checked = t("Checked on {date}").format(date=ctx.date(service.verified))
    else:
        checked = t("Not yet confirmed: please check the service's own website.")
    return (
        f'<section class="lk-service-card" aria-label="{escape(service.name)}">\n'
        f"<h3><bdi>{escape(service.name)}</bdi></h3>\n<p>{escape(service.description)}</p>\n"
        f'<ul class="lk-contacts">\n{contacts}</ul>\n'
        f'<dl class="lk-facts">{"".join(facts)}</dl>\n'
        f'<p class="lk-checked">{escape(checked)}</p>\n</section>'
    )


def _contact(ctx: LocaleContext, contact: Contact) -> str:
    label = escape(ctx.t(CONTACT_LABELS[contact.kind]))
    value = contact.value
    if contact.kind == "phone":
        href = "tel:" + "".join(ch for ch in value if ch.isdigit() or ch == "+")
    elif contact.kind == "text":
        href = "sms:" + "".join(ch for ch in value if ch.isdigit() or ch == "+")
    elif contact.kind == "email":
        href = "mailto:" + value
    else:
        href = value if value.startswith("https://") else "https://" + value.removeprefix("http://")
    note = f' <span class="lk-note">({escape(contact.note)})</span>' if contact.note else ""
    # <bdi dir="ltr"> keeps the digit groups in order in right-to-left pages; unbroken keeps them on one line.
    shown = escape(unbroken(value, contact.kind))
    # Numbers to call or text are large buttons on the page (tap to call).
    css = ' class="lk-call"' if contact.kind in ("phone", "text") else ""
    return f'{label}: <a{css} href="{escape(href)}"><bdi dir="ltr" class="lk-contact">{shown}</bdi></a>{note}'
