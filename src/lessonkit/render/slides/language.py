"""Language tags on every run of a deck, so that spell-checking and screen-reader voices use the deck's language.

PowerPoint and Impress read `lang` on each run (`a:rPr`), not the document's language. Arabic
text also needs its complex-script font (`a:cs`) and, as PowerPoint writes it, an alternative
language for the Latin runs inside it (`altLang`).
"""

from __future__ import annotations

from babel import Locale as CldrLocale
from babel import UnknownLocaleError
from babel.core import get_global
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import BaseOxmlElement

from lessonkit.locale.locales import Locale

# Languages whose proofing tools are registered under one country whatever the locale's country:
# Arabic proofing is "ar-SA" in Office, so an Arabic deck for Germany (ar-DE) is tagged ar-SA.
PROOFING = {"ar": "ar-SA"}
ALT_LANGUAGE = "en-US"
RUNS = ("a:r", "a:fld")
PROPERTIES = ("a:rPr", "a:endParaRPr", "a:defRPr")
# Children of a:rPr that come before a:cs in the schema (CT_TextCharacterProperties).
BEFORE_CS = frozenset(
    qn(tag)
    for tag in (
        "a:ln", "a:noFill", "a:solidFill", "a:gradFill", "a:blipFill", "a:pattFill", "a:grpFill", "a:effectLst",
        "a:effectDag", "a:highlight", "a:uLnTx", "a:uLn", "a:uFillTx", "a:uFill", "a:latin", "a:ea",
    )
)  # fmt: skip


def language_tag(locale: Locale) -> str:
    """The tag for the deck's runs: the locale when CLDR knows it (de-DE, en-IE), else the language's usual one."""
    try:
        CldrLocale.parse(f"{locale.language}_{locale.country}")
        return f"{locale.language}-{locale.country}"
    except (UnknownLocaleError, ValueError):
        pass
    if locale.language in PROOFING:
        return PROOFING[locale.language]
    likely = str(get_global("likely_subtags").get(locale.language, locale.language))
    parts = likely.split("_")
    return f"{parts[0]}-{parts[-1]}" if len(parts) > 1 and parts[-1].isupper() else parts[0]


def tag_language(element: BaseOxmlElement, tag: str, complex_font: str = "") -> None:
    """Tag every run and paragraph default under `element` with `tag`; set the complex-script font if given."""
    for run in element.iter(*(qn(name) for name in RUNS)):
        if run.find(qn("a:rPr")) is None:
            run.insert(0, run.makeelement(qn("a:rPr"), {}))
    for properties in element.iter(*(qn(name) for name in PROPERTIES)):
        properties.set("lang", tag)
        if complex_font:
            properties.set("altLang", ALT_LANGUAGE)
            _complex_script_font(properties, complex_font)


def _complex_script_font(properties: BaseOxmlElement, font: str) -> None:
    existing = properties.find(qn("a:cs"))
    if existing is not None:
        existing.set("typeface", font)
        return
    position = 0
    for index, child in enumerate(properties):
        if child.tag in BEFORE_CS:
            position = index + 1
    properties.insert(position, properties.makeelement(qn("a:cs"), {"typeface": font}))
