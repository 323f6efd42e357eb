"""Interface strings (handout headings, site labels, slide-notes labels) and their translations.

English strings are the msgids; each language's translations live in `locales/<lang>/ui.po`.
A missing catalogue or entry falls back to English.

A label with a count ("1 lesson", "2 lessons") is an entry with a plural (`msgid_plural`,
`msgstr[0]`, `msgstr[1]`...); the form for a count is chosen with the catalogue's `Plural-Forms`
header, or CLDR's rule for the language (Babel) when the header is missing.

`ui.po` comes from a volunteer like any catalogue, so it is read through the one catalogue reader
(`lessonkit.i18n.store.read_po`: size limit, UTF-8, control characters, a usable Plural-Forms
header, lines as msgfmt counts them): a broken one raises `CatalogueError`, a located I107 that
the command line prints with exit status 2. The build never gets here with a catalogue the
translation QA refused (it translates that locale's interface into English), so this is the
last line of defence, not the place the refusal is reported.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import cache
from pathlib import Path

from babel import UnknownLocaleError
from babel.messages.plurals import get_plural

from lessonkit.i18n.store import po_path, read_po

UI_CATALOGUE = "ui.po"
_UI = "ui"  # the catalogue's name for `po_path`


@cache
def _entries(path: Path) -> dict[str, str]:
    catalogue = read_po(path)
    if catalogue is None:
        return {}
    return {e.msgid: e.msgstr for e in catalogue if e.msgstr and not e.fuzzy and not e.obsolete}


def translator(root: Path, language: str) -> Callable[[str], str]:
    """A function mapping an English interface string to `language`; an unusable ui.po raises CatalogueError."""
    entries = _entries(po_path(root, language, _UI))

    def translate(text: str) -> str:
        return entries.get(text, text)

    return translate


Plural = Callable[[str, str, int], str]


@cache
def _plurals(path: Path, language: str) -> tuple[dict[tuple[str, str], tuple[str, ...]], dict[str, str], str]:
    """Finished plural entries by (singular, plural), plain entries by msgid, and the plural rule."""
    rule = ""
    forms: dict[tuple[str, str], tuple[str, ...]] = {}
    plain: dict[str, str] = {}
    catalogue = read_po(path)
    if catalogue is not None:
        rule = catalogue.metadata.get("Plural-Forms", "")
        for entry in catalogue:
            if entry.fuzzy or entry.obsolete:
                continue
            if entry.msgid_plural and entry.msgstr_plural and all(entry.msgstr_plural.values()):
                ordered = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
                forms[(entry.msgid, entry.msgid_plural)] = ordered
            elif entry.msgstr:
                plain[entry.msgid] = entry.msgstr
    return forms, plain, rule or _cldr_rule(language)


def _cldr_rule(language: str) -> str:
    try:
        return f"plural={get_plural(language).plural_expr};"
    except (UnknownLocaleError, ValueError):
        return "plural=(n != 1);"


def plural_index(rule: str, count: int) -> int:
    """The plural form for `count` under a `Plural-Forms` rule (`nplurals=2; plural=(n != 1);`)."""
    expression = rule.split("plural=", 1)[-1].strip().rstrip(";")
    try:
        return int(gettext.c2py(expression)(count))
    except (ValueError, SyntaxError, RecursionError, ZeroDivisionError):
        return 0 if count == 1 else 1


def plural_translator(root: Path, language: str) -> Plural:
    """A function (singular, plural, count) -> the label in `language`, in the form for `count`.

    Without a finished plural entry, a plain translation of the English plural is used (as
    before the label had plural forms), then the English singular or plural. An unusable ui.po
    raises CatalogueError.
    """
    forms, plain, rule = _plurals(po_path(root, language, _UI), language)

    def translate(singular: str, plural: str, count: int) -> str:
        found = forms.get((singular, plural))
        if found:
            index = plural_index(rule, count)
            return found[index] if 0 <= index < len(found) else found[-1]
        if plural in plain:
            return plain[plural]
        return singular if count == 1 else plural

    return translate


def english_plural(singular: str, plural: str, count: int) -> str:
    """The English label for a count."""
    return singular if count == 1 else plural
