"""Inline Markdown <-> translator text: protected tokens become placeholders a translator cannot break.

A message shows help tokens as `{help.NAME}`, inline code, images' sources and bare or angle-bracket
URLs as `{codeN}` / `{urlN}`, emphasis as `<b>...</b>` / `<i>...</i>` and links as `<aN>...</aN>`.
Literal braces are doubled (`{{`), as in Python's brace format: GNU `msgfmt -c` (flag
`python-brace-format`) and translate-toolkit's `pofilter` (`pythonbraceformat`, `xmltags`) then check
that every placeholder survives translation.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from markdown_it.token import Token

from lessonkit.load.references import TOKEN
from lessonkit.markdown import markdown

URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]+[^\s<>()\[\].,;:!?]", re.IGNORECASE)
# One lexical unit of a message: an escaped brace, a placeholder, a protected tag, or text.
PART = re.compile(r"\{\{|\}\}|\{(?P<name>[A-Za-z_][\w.]*)\}|<(?P<close>/?)(?P<tag>b|i|a\d+|img\d+)>")
TAG_LIKE = re.compile(r"</?[A-Za-z][^>]*>")
_MD_SPECIAL = re.compile(r"([*`\[\]\\])")


@dataclass(frozen=True)
class Message:
    """A translatable message and how to turn its placeholders back into Markdown."""

    text: str
    originals: Mapping[str, str] = field(default_factory=dict)

    @property
    def has_format(self) -> bool:
        """True when the message needs the `python-brace-format` flag (placeholders or escaped braces)."""
        return "{" in self.text


@dataclass
class _Builder:
    parts: list[str] = field(default_factory=list)
    originals: dict[str, str] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)

    def number(self, kind: str) -> str:
        self.counts[kind] += 1
        return f"{kind}{self.counts[kind]}"

    def atom(self, kind: str, original: str) -> None:
        name = self.number(kind)
        self.originals[f"{{{name}}}"] = original
        self.parts.append(f"{{{name}}}")

    def text(self, value: str) -> None:
        position = 0
        for match in TOKEN.finditer(value):
            self._plain(value[position : match.start()])
            name = f"{{{match['kind']}.{match['name']}}}"
            self.originals[name] = match[0]
            self.parts.append(name)
            position = match.end()
        self._plain(value[position:])

    def _plain(self, value: str) -> None:
        position = 0
        for match in URL.finditer(value):
            self.parts.append(_escape_braces(value[position : match.start()]))
            self.atom("url", match[0])
            position = match.end()
        self.parts.append(_escape_braces(value[position:]))


def _escape_braces(value: str) -> str:
    return value.replace("{", "{{").replace("}", "}}")


@lru_cache(maxsize=16384)
def to_message(raw: str) -> Message:
    """The translator's view of a piece of inline Markdown (soft line breaks become spaces).

    Cached (and read-only): a build asks for the same English text several times per locale.
    """
    tokens = markdown().parseInline(raw)
    builder = _Builder()
    for token in tokens:
        _walk(token.children or [], builder)
    return Message("".join(builder.parts).strip(), MappingProxyType(builder.originals))


def _walk(children: list[Token], builder: _Builder) -> None:
    index = 0
    while index < len(children):
        token = children[index]
        if token.type == "text":
            builder.text(token.content)
        elif token.type == "softbreak":
            builder.parts.append(" ")
        elif token.type == "hardbreak":
            builder.parts.append("{br}")
            builder.originals["{br}"] = "\\\n"
        elif token.type == "code_inline":
            builder.atom("code", f"{token.markup}{token.content}{token.markup}")
        elif token.type in ("strong_open", "em_open", "strong_close", "em_close"):
            tag = "b" if token.type.startswith("strong") else "i"
            closing = token.type.endswith("close")
            name = f"<{'/' if closing else ''}{tag}>"
            builder.originals[name] = token.markup
            builder.parts.append(name)
        elif token.type == "link_open" and token.markup == "autolink":
            builder.atom("url", f"<{token.attrs.get('href', '')}>")
            while children[index].type != "link_close":
                index += 1
        elif token.type == "link_open":
            name = builder.number("a")
            builder.originals[f"<{name}>"] = "["
            builder.originals[f"</{name}>"] = f"]({_destination(token)})"
            builder.parts.append(f"<{name}>")
            builder.counts["open-link"] += 1
            builder.parts.append("\x00" + name)
        elif token.type == "link_close":
            _close_link(builder)
        elif token.type == "image":
            name = builder.number("img")
            builder.originals[f"<{name}>"] = "!["
            builder.originals[f"</{name}>"] = f"]({_destination(token, 'src')})"
            builder.parts.append(f"<{name}>")
            _walk(token.children or [], builder)
            builder.parts.append(f"</{name}>")
        else:
            builder.text(token.content)
        index += 1


def _close_link(builder: _Builder) -> None:
    # Links can hold emphasis, so the open marker is found by scanning back for the newest one.
    for position in range(len(builder.parts) - 1, -1, -1):
        if builder.parts[position].startswith("\x00"):
            name = builder.parts.pop(position)[1:]
            builder.parts.append(f"</{name}>")
            return


def _destination(token: Token, attr: str = "href") -> str:
    target = str(token.attrs.get(attr, ""))
    title = token.attrs.get("title")
    if " " in target or "(" in target or ")" in target:
        target = f"<{target}>"
    return f'{target} "{title}"' if title else target


def placeholders(text: str) -> Counter[str]:
    """Every placeholder and protected tag of a message, counted (escaped braces are not placeholders)."""
    return Counter(m[0] for m in PART.finditer(text) if m[0] not in ("{{", "}}"))


def placeholder_problems(source: str, translation: str) -> list[str]:
    """What is wrong with the translation's placeholders, as short sentences (empty when all is well)."""
    problems = []
    wanted, found = placeholders(source), placeholders(translation)
    for name in sorted(wanted - found):
        problems.append(f"placeholder {name} is missing")
    for name in sorted(found - wanted):
        problems.append(f"placeholder {name} is not in the English text")
    for tag in {m["tag"] for m in PART.finditer(translation) if m["tag"]}:
        if translation.find(f"<{tag}>") > translation.find(f"</{tag}>"):
            problems.append(f"tags <{tag}> and </{tag}> are in the wrong order")
    stray = [m for m in re.finditer(r"(?<!\{)\{(?!\{)|(?<!\})\}(?!\})", PART.sub("", translation))]
    if stray:
        problems.append("a single '{' or '}' must be written twice ('{{' or '}}')")
    return problems


def to_markdown(translation: str, message: Message) -> str:
    """Inline Markdown for a translation of `message`, with every placeholder restored."""
    out: list[str] = []
    position = 0
    for match in PART.finditer(translation):
        out.append(_MD_SPECIAL.sub(r"\\\1", translation[position : match.start()]))
        token = match[0]
        out.append({"{{": "{", "}}": "}"}.get(token) or message.originals.get(token, token))
        position = match.end()
    out.append(_MD_SPECIAL.sub(r"\\\1", translation[position:]))
    return "".join(out)
