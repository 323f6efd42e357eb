"""Codes of findings that come from the checker's stages rather than from rule files.

A plain module of constants, so that code which only needs a code (the `check` command decides
its exit status by `QA_RULE`) does not import the stage that reports it: `check.translations`
imports the i18n stage and polib, 0.4 s of start-up.
"""

from __future__ import annotations

from typing import Final

QA_RULE: Final = "translation.qa"  # a problem the translation QA reports in a catalogue
