"""The bundled pictures (OpenMoji, CC BY-SA 4.0): the names lessons and templates use, and their files.

Each name is an SVG (print and website) and a PNG rendering (slide decks) under
`handouts/pictures/openmoji/`, listed with its OpenMoji code and designer in that folder's
ATTRIBUTION.md. A lesson names pictures in its front matter (`pictures:`); the loader refuses
a name that is not here, so a picture can never be a path chosen by lesson text.
"""

from __future__ import annotations

from pathlib import PurePosixPath

PICTURE_DIR = PurePosixPath("pictures") / "openmoji"  # inside handouts/
SYMBOL_SET = "OpenMoji"

# name -> OpenMoji code point(s) it was copied from.
ICONS: dict[str, str] = {
    "ask-for-help": "1F64B",
    "remember": "1F4A1",
    "activity": "270F",
    "draw": "1F58D",
    "words": "1F4D6",
    "safeguarding": "1F6E1",
    "home": "1F3E0",
    "cut-out": "2702",
    "timing": "23F1",
    "you-will-need": "1F4CB",
}
# Recurring characters always get the same picture.
CHARACTERS: dict[str, str] = {
    "benny-the-bear": "1F43B",
    "sami-the-squirrel": "1F43F",
    "hattie-the-hedgehog": "1F994",
    "kiko-the-koala": "1F428",
    "pip-the-penguin": "1F427",
    "rosie-the-rabbit": "1F430",
}
THINGS: dict[str, str] = {
    "trusted-adult": "1F9D1-200D-1F3EB",
    "helping-hand": "1F590",
    "stop-hand": "270B",
    "tablet": "1F4F1",
    "game": "1F3AE",
    "surprise-gift": "1F381",
    "worried-face": "1F61F",
    "speaking-up": "1F5E3",
    "thumbs-up": "1F44D",
    "family": "1F46A",
}
PICTURES: dict[str, str] = {**ICONS, **CHARACTERS, **THINGS}


def picture_file(name: str, suffix: str = ".svg") -> PurePosixPath:
    """The file of a picture, relative to the handouts folder (`.svg`, or `.png` for decks)."""
    if name not in PICTURES:
        raise KeyError(f"unknown picture '{name}'")
    return PICTURE_DIR / f"{name}{suffix}"
