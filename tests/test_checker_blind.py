"""Score the checker on the blind sets (tests/blind/<set>/): recall per family, precision, errors on good text.

A blind set is written by someone who never saw the rules. It is for SCORING ONLY: nobody may
read its sentences to write or tune a rule (see each set's README). Once a set has been read to
tune rules it is a regression set: it is still scored here, but its figures only show that a
change has not lost what was caught, nothing about unseen text. 2026-12, 2026-12b and 2026-12c are
regression sets (2026-12b since 2026-12-02, when TUNE read its misses to write the shape rules;
2026-12c since the evening of 2026-12-02, when TUNE1 and TUNE2 did the same; 2026-12d since the morning of
2026-12-03, when TUNE5 and TUNE6 read its misses); 2026-12e, 2026-12f, 2026-12g and 2026-12h are the current
blind sets, scored by the lead. This module therefore
reports numbers only, never the sentences it missed, and writes them to
test-artifacts/checker-blind-<set>.json. Its assertions are weak floors that cannot hide a
regression (no error on good text; recall not below the figures recorded in docs/checker.md
before any tuning, minus a small margin), never targets to tune against.

Two figures per category: `caught` counts a sentence when a rule of its family reports an
error; `flagged` when a rule of its family reports an error or a warning (the statistical and
linguistic layers warn rather than fail a build).

Print the tables: .venv/bin/python tests/test_checker_blind.py [set ...]
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest
import yaml

from lessonkit.check.documents import text_document
from lessonkit.check.engine import check_document
from lessonkit.check.finding import ERROR
from lessonkit.check.rulebook import load_rulebook

ROOT = Path(__file__).resolve().parent.parent
BLIND = ROOT / "tests" / "blind"
ARTIFACTS = ROOT / "test-artifacts"
# Each set and the languages it was written in.
SETS: dict[str, tuple[str, ...]] = {
    "2026-12": ("en", "de", "ar"),  # regression set (tuned on)
    "2026-12b": ("en", "de", "ar", "es"),  # regression set since 2026-12-02 (TUNE read its misses)
    "2026-12c": ("en", "de", "ar", "es"),  # regression set since 2026-12-02 evening (TUNE1, TUNE2 read it)
    "2026-12d": ("en", "de", "ar", "es"),  # regression set since 2026-12-03 (TUNE5, TUNE6 read it)
    "2026-12e": ("en", "de", "ar", "es"),  # blind since 2026-12-02 evening (BLIND5): scored, never read
    "2026-12f": ("en", "de", "ar", "es"),  # blind since 2026-12-02 late evening (BLIND6): scored, never read
    "2026-12g": ("en", "de", "ar", "es"),  # blind since 2026-12-03 morning (BLIND7): scored, never read
    "2026-12h": ("en", "de", "ar", "es"),  # blind since 2026-12-03 afternoon (BLIND8): scored, never read
    "2026-12i": ("en", "de", "ar", "es"),  # blind since 2026-12-03 night (BLIND9): scored, never read
    "2026-12j": ("en", "de", "ar", "es"),  # blind since 2026-12-04 (BLIND10): scored, never read
    "2026-12k": ("en", "de", "ar", "es"),  # blind since 2026-12-04 morning (BLIND11): scored, never read
    "2026-12l": ("en", "de", "ar", "es"),  # blind since 2026-12-04 (BLIND12a en/es, BLIND12b de/ar): scored, never read
    "2026-12m": ("en", "de", "ar", "es"),  # blind since 2026-12-04 (BLIND13a en/es, BLIND13b de/ar): scored, never read
    "2026-12n": ("de", "ar"),  # blind since 2026-12-04 evening (BLIND14a de, BLIND14b ar): scored, never read
    "2026-12o": ("en",),  # blind since 2026-12-04 evening (BLIND15): scored, never read
    "2026-12p": ("en", "es", "de", "ar"),  # blind since 2026-12-05 (BLIND16a en/es, BLIND16b de/ar): scored, never read
    "2026-12q": ("en", "es", "de", "ar"),  # blind since 2026-12-07 (BLIND17a en/es, BLIND17b de/ar): scored, never read
    "2026-12r": ("en", "es", "de", "ar"),  # blind since 2026-12-07 (BLIND18a en/es, BLIND18b de/ar): scored, never read
}
# Category of a blind set -> the rule family meant to catch it.
FAMILIES = {"blame": "tone", "fear": "tone", "shame": "tone", "terminology": "terminology"}
NON_STUDENT = ("parents", "educators")

# Recall (errors only) per (set, language, category) measured BEFORE any rule was tuned on the
# set, or written after it: 2026-12 at commit 1b29f8a, 2026-12b at commit 8ce3af5, 2026-12c at commit
# bccbeed (the commit that added it, before the shape rules of TUNE were committed), 2026-12d at
# commit f18c184 (the commit that completed it; no rule changed after it that day), 2026-12e at
# commit c68d16b (the commit that added it), 2026-12f at commit 8068c6e (the tree when BLIND6 began to
# write it; scored before any rule of that round was committed), 2026-12g at commit b1b5252 (the tree when
# BLIND7 began to write it, scored on an export of it), 2026-12h at commit 2438d51, 2026-12i at commit
# e152b3a and 2026-12j at commit 0f1064c (the trees BLIND8, BLIND9 and BLIND10 began from, scored on exports),
# 2026-12k at the tree after commit 3875bfd with the contraction fix of its English shame patterns (written by
# BLIND11 after every rule of the fourteenth round was committed; also scored at 41b6fff, before the round),
# 2026-12l at the end of the fifteenth session's rules (the set was committed before them and also scored at
# dcb9c8a, the tree the session began from; German and Arabic rose by 3 and 1 sentences, English and Spanish
# unchanged), 2026-12m at the end of the sixteenth session's rules (committed before them, 29a2e31, and also
# scored at ca659f8, the tree the session began from: English rose by 5 sentences, 4 once five ambiguous English shapes
# became the warning rule tone.blame-shapes-context; Spanish by 1, German and Arabic unchanged), 2026-12n (German,
# Arabic) and 2026-12o (English) at the end of the seventeenth session's rules (committed before them, dc59ad9 and
# 04b1f13, and also scored at 8ac08e3, the tree the session's rules began from: German rose by 8 sentences, Arabic by 4,
# English by 2), 2026-12p (all four languages, written on 2026-12-05 by BLIND16a and BLIND16b) at 4354ffd, the tree the
# twenty-first session's rules began from, the tree as it was when the set was written (docs/checker.md), and 2026-12q
# (all four languages, written on 2026-12-07 by BLIND17a and BLIND17b) at b54a1f7, the tree the thirty-sixth session
# began from (scored on a worktree of it before any change of that session was committed), and 2026-12r (all four
# languages, written on 2026-12-07 by BLIND18a and BLIND18b) at f2c5f95, the tree the fortieth session began from
# (scored on a worktree of it; the set was written after that session's first three commits).
# A later change may not fall below it by more than MARGIN (one or two sentences).
BASELINE_RECALL: dict[tuple[str, str, str], float] = {
    ("2026-12", "en", "blame"): 0.182,
    ("2026-12", "en", "fear"): 0.148,
    ("2026-12", "en", "shame"): 0.091,
    ("2026-12", "en", "terminology"): 0.667,
    ("2026-12", "de", "blame"): 0.0,
    ("2026-12", "de", "fear"): 0.111,
    ("2026-12", "de", "shame"): 0.048,
    ("2026-12", "de", "terminology"): 0.429,
    ("2026-12", "ar", "blame"): 0.03,
    ("2026-12", "ar", "fear"): 0.0,
    ("2026-12", "ar", "shame"): 0.048,
    ("2026-12", "ar", "terminology"): 0.143,
    ("2026-12b", "en", "blame"): 0.343,
    ("2026-12b", "en", "fear"): 0.179,
    ("2026-12b", "en", "shame"): 0.167,
    ("2026-12b", "en", "terminology"): 0.667,
    ("2026-12b", "de", "blame"): 0.257,
    ("2026-12b", "de", "fear"): 0.143,
    ("2026-12b", "de", "shame"): 0.25,
    ("2026-12b", "de", "terminology"): 0.533,
    ("2026-12b", "ar", "blame"): 0.2,
    ("2026-12b", "ar", "fear"): 0.107,
    ("2026-12b", "ar", "shame"): 0.083,
    ("2026-12b", "ar", "terminology"): 0.4,
    ("2026-12b", "es", "blame"): 0.0,
    ("2026-12b", "es", "fear"): 0.071,
    ("2026-12b", "es", "shame"): 0.167,
    ("2026-12b", "es", "terminology"): 0.556,
    ("2026-12c", "en", "blame"): 0.4,
    ("2026-12c", "en", "fear"): 0.214,
    ("2026-12c", "en", "shame"): 0.25,
    ("2026-12c", "en", "terminology"): 0.667,
    ("2026-12c", "de", "blame"): 0.257,
    ("2026-12c", "de", "fear"): 0.107,
    ("2026-12c", "de", "shame"): 0.208,
    ("2026-12c", "de", "terminology"): 0.467,
    ("2026-12c", "ar", "blame"): 0.229,
    ("2026-12c", "ar", "fear"): 0.0,
    ("2026-12c", "ar", "shame"): 0.125,
    ("2026-12c", "ar", "terminology"): 0.533,
    ("2026-12c", "es", "blame"): 0.05,
    ("2026-12c", "es", "fear"): 0.071,
    ("2026-12c", "es", "shame"): 0.0,
    ("2026-12c", "es", "terminology"): 0.444,
    ("2026-12d", "en", "blame"): 0.343,
    ("2026-12d", "en", "fear"): 0.179,
    ("2026-12d", "en", "shame"): 0.25,
    ("2026-12d", "en", "terminology"): 0.867,
    ("2026-12d", "de", "blame"): 0.143,
    ("2026-12d", "de", "fear"): 0.143,
    ("2026-12d", "de", "shame"): 0.208,
    ("2026-12d", "de", "terminology"): 0.533,
    ("2026-12d", "ar", "blame"): 0.114,
    ("2026-12d", "ar", "fear"): 0.107,
    ("2026-12d", "ar", "shame"): 0.125,
    ("2026-12d", "ar", "terminology"): 0.533,
    ("2026-12d", "es", "blame"): 0.0,
    ("2026-12d", "es", "fear"): 0.0,
    ("2026-12d", "es", "shame"): 0.0,
    ("2026-12d", "es", "terminology"): 0.4,
    ("2026-12e", "en", "blame"): 0.286,
    ("2026-12e", "en", "fear"): 0.071,
    ("2026-12e", "en", "shame"): 0.208,
    ("2026-12e", "en", "terminology"): 0.667,
    ("2026-12e", "de", "blame"): 0.2,
    ("2026-12e", "de", "fear"): 0.143,
    ("2026-12e", "de", "shame"): 0.167,
    ("2026-12e", "de", "terminology"): 0.6,
    ("2026-12e", "ar", "blame"): 0.286,
    ("2026-12e", "ar", "fear"): 0.357,
    ("2026-12e", "ar", "shame"): 0.583,
    ("2026-12e", "ar", "terminology"): 0.333,
    ("2026-12e", "es", "blame"): 0.257,
    ("2026-12e", "es", "fear"): 0.429,
    ("2026-12e", "es", "shame"): 0.458,
    ("2026-12e", "es", "terminology"): 0.533,
    ("2026-12f", "en", "blame"): 0.314,
    ("2026-12f", "en", "fear"): 0.25,
    ("2026-12f", "en", "shame"): 0.417,
    ("2026-12f", "en", "terminology"): 0.667,
    ("2026-12f", "de", "blame"): 0.143,
    ("2026-12f", "de", "fear"): 0.107,
    ("2026-12f", "de", "shame"): 0.5,
    ("2026-12f", "de", "terminology"): 0.933,
    ("2026-12f", "ar", "blame"): 0.371,
    ("2026-12f", "ar", "fear"): 0.321,
    ("2026-12f", "ar", "shame"): 0.625,
    ("2026-12f", "ar", "terminology"): 0.667,
    ("2026-12f", "es", "blame"): 0.286,
    ("2026-12f", "es", "fear"): 0.464,
    ("2026-12f", "es", "shame"): 0.542,
    ("2026-12f", "es", "terminology"): 0.6,
    ("2026-12g", "en", "blame"): 0.4,
    ("2026-12g", "en", "fear"): 0.179,
    ("2026-12g", "en", "shame"): 0.292,
    ("2026-12g", "en", "terminology"): 0.8,
    ("2026-12g", "de", "blame"): 0.229,
    ("2026-12g", "de", "fear"): 0.143,
    ("2026-12g", "de", "shame"): 0.375,
    ("2026-12g", "de", "terminology"): 0.733,
    ("2026-12g", "ar", "blame"): 0.429,
    ("2026-12g", "ar", "fear"): 0.536,
    ("2026-12g", "ar", "shame"): 0.708,
    ("2026-12g", "ar", "terminology"): 0.667,
    ("2026-12g", "es", "blame"): 0.514,
    ("2026-12g", "es", "fear"): 0.429,
    ("2026-12g", "es", "shame"): 0.375,
    ("2026-12g", "es", "terminology"): 0.533,
    ("2026-12h", "en", "blame"): 0.371,
    ("2026-12h", "en", "fear"): 0.357,
    ("2026-12h", "en", "shame"): 0.417,
    ("2026-12h", "en", "terminology"): 0.667,
    ("2026-12h", "de", "blame"): 0.257,
    ("2026-12h", "de", "fear"): 0.321,
    ("2026-12h", "de", "shame"): 0.458,
    ("2026-12h", "de", "terminology"): 0.8,
    ("2026-12h", "ar", "blame"): 0.457,
    ("2026-12h", "ar", "fear"): 0.429,
    ("2026-12h", "ar", "shame"): 0.75,
    ("2026-12h", "ar", "terminology"): 0.467,
    ("2026-12h", "es", "blame"): 0.371,
    ("2026-12h", "es", "fear"): 0.464,
    ("2026-12h", "es", "shame"): 0.5,
    ("2026-12h", "es", "terminology"): 0.733,
    ("2026-12i", "en", "blame"): 0.429,
    ("2026-12i", "en", "fear"): 0.214,
    ("2026-12i", "en", "shame"): 0.5,
    ("2026-12i", "en", "terminology"): 0.733,
    ("2026-12i", "de", "blame"): 0.257,
    ("2026-12i", "de", "fear"): 0.179,
    ("2026-12i", "de", "shame"): 0.375,
    ("2026-12i", "de", "terminology"): 0.733,
    ("2026-12i", "ar", "blame"): 0.486,
    ("2026-12i", "ar", "fear"): 0.464,
    ("2026-12i", "ar", "shame"): 0.5,
    ("2026-12i", "ar", "terminology"): 0.6,
    ("2026-12i", "es", "blame"): 0.343,
    ("2026-12i", "es", "fear"): 0.393,
    ("2026-12i", "es", "shame"): 0.417,
    ("2026-12i", "es", "terminology"): 0.667,
    ("2026-12j", "en", "blame"): 0.257,
    ("2026-12j", "en", "fear"): 0.357,
    ("2026-12j", "en", "shame"): 0.25,
    ("2026-12j", "en", "terminology"): 0.667,
    ("2026-12j", "de", "blame"): 0.257,
    ("2026-12j", "de", "fear"): 0.179,
    ("2026-12j", "de", "shame"): 0.25,
    ("2026-12j", "de", "terminology"): 0.867,
    ("2026-12j", "ar", "blame"): 0.371,
    ("2026-12j", "ar", "fear"): 0.393,
    ("2026-12j", "ar", "shame"): 0.708,
    ("2026-12j", "ar", "terminology"): 0.667,
    ("2026-12j", "es", "blame"): 0.257,
    ("2026-12j", "es", "fear"): 0.536,
    ("2026-12j", "es", "shame"): 0.5,
    ("2026-12j", "es", "terminology"): 0.667,
    ("2026-12k", "en", "blame"): 0.571,
    ("2026-12k", "en", "fear"): 0.607,
    ("2026-12k", "en", "shame"): 0.375,
    ("2026-12k", "en", "terminology"): 0.667,
    ("2026-12k", "de", "blame"): 0.257,
    ("2026-12k", "de", "fear"): 0.464,
    ("2026-12k", "de", "shame"): 0.292,
    ("2026-12k", "de", "terminology"): 0.667,
    ("2026-12k", "ar", "blame"): 0.286,
    ("2026-12k", "ar", "fear"): 0.536,
    ("2026-12k", "ar", "shame"): 0.625,
    ("2026-12k", "ar", "terminology"): 0.667,
    ("2026-12k", "es", "blame"): 0.343,
    ("2026-12k", "es", "fear"): 0.679,
    ("2026-12k", "es", "shame"): 0.292,
    ("2026-12k", "es", "terminology"): 0.667,
    ("2026-12l", "en", "blame"): 0.429,
    ("2026-12l", "en", "fear"): 0.679,
    ("2026-12l", "en", "shame"): 0.458,
    ("2026-12l", "en", "terminology"): 0.867,
    ("2026-12l", "de", "blame"): 0.571,
    ("2026-12l", "de", "fear"): 0.393,
    ("2026-12l", "de", "shame"): 0.375,
    ("2026-12l", "de", "terminology"): 0.8,
    ("2026-12l", "ar", "blame"): 0.6,
    ("2026-12l", "ar", "fear"): 0.429,
    ("2026-12l", "ar", "shame"): 0.5,
    ("2026-12l", "ar", "terminology"): 0.667,
    ("2026-12l", "es", "blame"): 0.429,
    ("2026-12l", "es", "fear"): 0.607,
    ("2026-12l", "es", "shame"): 0.333,
    ("2026-12l", "es", "terminology"): 0.6,
    ("2026-12m", "en", "blame"): 0.4,
    ("2026-12m", "en", "fear"): 0.536,
    ("2026-12m", "en", "shame"): 0.333,
    ("2026-12m", "en", "terminology"): 0.667,
    ("2026-12m", "de", "blame"): 0.343,
    ("2026-12m", "de", "fear"): 0.643,
    ("2026-12m", "de", "shame"): 0.458,
    ("2026-12m", "de", "terminology"): 0.8,
    ("2026-12m", "ar", "blame"): 0.343,
    ("2026-12m", "ar", "fear"): 0.464,
    ("2026-12m", "ar", "shame"): 0.458,
    ("2026-12m", "ar", "terminology"): 0.733,
    ("2026-12m", "es", "blame"): 0.457,
    ("2026-12m", "es", "fear"): 0.571,
    ("2026-12m", "es", "shame"): 0.292,
    ("2026-12m", "es", "terminology"): 0.6,
    ("2026-12n", "de", "blame"): 0.457,
    ("2026-12n", "de", "fear"): 0.536,
    ("2026-12n", "de", "shame"): 0.625,
    ("2026-12n", "de", "terminology"): 0.733,
    ("2026-12n", "ar", "blame"): 0.571,
    ("2026-12n", "ar", "fear"): 0.5,
    ("2026-12n", "ar", "shame"): 0.792,
    ("2026-12n", "ar", "terminology"): 0.667,
    ("2026-12o", "en", "blame"): 0.571,
    ("2026-12o", "en", "fear"): 0.5,
    ("2026-12o", "en", "shame"): 0.625,
    ("2026-12o", "en", "terminology"): 0.733,
    ("2026-12p", "en", "blame"): 0.571,
    ("2026-12p", "en", "fear"): 0.643,
    ("2026-12p", "en", "shame"): 0.5,
    ("2026-12p", "en", "terminology"): 0.867,
    ("2026-12p", "es", "blame"): 0.457,
    ("2026-12p", "es", "fear"): 0.607,
    ("2026-12p", "es", "shame"): 0.5,
    ("2026-12p", "es", "terminology"): 0.667,
    ("2026-12p", "de", "blame"): 0.457,
    ("2026-12p", "de", "fear"): 0.536,
    ("2026-12p", "de", "shame"): 0.5,
    ("2026-12p", "de", "terminology"): 0.733,
    ("2026-12p", "ar", "blame"): 0.543,
    ("2026-12p", "ar", "fear"): 0.536,
    ("2026-12p", "ar", "shame"): 0.625,
    ("2026-12p", "ar", "terminology"): 0.733,
    ("2026-12q", "en", "blame"): 0.543,
    ("2026-12q", "en", "fear"): 0.536,
    ("2026-12q", "en", "shame"): 0.5,
    ("2026-12q", "en", "terminology"): 0.733,
    ("2026-12q", "es", "blame"): 0.371,
    ("2026-12q", "es", "fear"): 0.643,
    ("2026-12q", "es", "shame"): 0.417,
    ("2026-12q", "es", "terminology"): 0.667,
    ("2026-12q", "de", "blame"): 0.4,
    ("2026-12q", "de", "fear"): 0.321,
    ("2026-12q", "de", "shame"): 0.5,
    ("2026-12q", "de", "terminology"): 0.867,
    ("2026-12q", "ar", "blame"): 0.486,
    ("2026-12q", "ar", "fear"): 0.643,
    ("2026-12q", "ar", "shame"): 0.542,
    ("2026-12q", "ar", "terminology"): 0.667,
    ("2026-12r", "en", "blame"): 0.457,
    ("2026-12r", "en", "fear"): 0.607,
    ("2026-12r", "en", "shame"): 0.625,
    ("2026-12r", "en", "terminology"): 0.733,
    ("2026-12r", "es", "blame"): 0.4,
    ("2026-12r", "es", "fear"): 0.536,
    ("2026-12r", "es", "shame"): 0.417,
    ("2026-12r", "es", "terminology"): 0.467,
    ("2026-12r", "de", "blame"): 0.486,
    ("2026-12r", "de", "fear"): 0.643,
    ("2026-12r", "de", "shame"): 0.5,
    ("2026-12r", "de", "terminology"): 0.867,
    ("2026-12r", "ar", "blame"): 0.571,
    ("2026-12r", "ar", "fear"): 0.536,
    ("2026-12r", "ar", "shame"): 0.5,
    ("2026-12r", "ar", "terminology"): 0.8,
}
# Good sentences with an error, at most: none in 2026-12; in 2026-12b the checker as it was when the
# set was written (commit 8ce3af5) gave an error on 3 of 50 good sentences in en, de and ar and 1 of
# 30 in es; after TUNE's shape rules (2026-12-02, the set then read as a regression set) 2, 1, 1 and 1,
# then 2, 0, 1 and 0 once quotation marks of every language counted as quotation (check/quotation.py)
# and the victim-blaming and blaming-question rules skipped quoted words. In 2026-12c, at commit bccbeed,
# 5 in en, 4 in de and ar, 0 in es; at the end of 2026-12-02 (quotation marks of every language, the
# blaming rules skipping quoted words) 2, 1, 2 and 0, and the same at the end of the sixth session. In
# 2026-12d, at commit f18c184, 2 in each language (no tone error among them: tone precision 100%). In
# 2026-12e, at commit c68d16b, 3, 4, 1 and 3. In 2026-12f, at commit 8068c6e, 4, 2, 0 and 0. In 2026-12g,
# at commit b1b5252, 2, 3, 3 and 0. In 2026-12h, at commit 2438d51, 2, 6, 2 and 2. In 2026-12i, at commit
# e152b3a (the tree BLIND9 began from, exported and scored before this round's rules counted), 4, 1, 0 and 1.
# In 2026-12j, at commit 0f1064c (the tree BLIND10 began from, exported and scored before this round's rules
# counted), 3, 2, 2 and 2. In 2026-12k, at the end of the fourteenth round (and the same at 41b6fff, before
# it), 2, 2, 2 and 1. In 2026-12l, at dcb9c8a and at the end of the fifteenth session's rules alike, 1, 2, 2 and 3.
# In 2026-12m, at ca659f8 and at the end of the sixteenth session's rules alike, 3, 1, 0 and 2.
# In 2026-12p, at 4354ffd, 2, 1, 3 and 0 (en, es, de, ar); in 2026-12q, at b54a1f7, 2, 0, 3 and 2; in 2026-12r, at
# f2c5f95, 1, 0, 2 and 1.
# 2026-12h English lowered from 2 to 1 at the end of the thirteenth session: a good sentence lost its error
# (counted, not read), after the offender's fault set against the child's and the offender asking for a picture
# became exceptions of the blame rules (read from corpus-14's good items).
# Raised once, for 2026-12d English (2 to 3), at the end of
# 2026-12-02: the grammar rules promoted to errors that evening (no good item of the labelled corpus, no
# curriculum sentence) gave tone.grammar-hindsight-person an error on one good sentence of 2026-12d,
# found by scoring, not read, and left as measured rather than tuned away (docs/checker.md; the next round
# decides the rule with a fresh set). Lowered at the end of the round of 2026-12-03 to what it left (the
# rules narrowed against fresh hard negatives, quoted terms cited to correct them spared, and
# tone.grammar-hindsight-person a warning again): 2026-12d 1, 1, 0, 0; 2026-12e 1, 3, 0, 0; 2026-12f 2, 1, 0, 0.
# Those sentences are not read (that would end the set's blindness), so the ceiling records the
# counts; a later change may remove such errors, never add one. 2026-12d lowered to 0 in every language
# on 2026-12-03, once TUNE5 and TUNE6 had read it (a regression set now).
# Lowered at the end of the thirty-sixth session (2026-12-07) to what its changes left (claims refuted where they
# stand, wording to leave out, the corpus-16..19 false errors mended), counted by the scoring, not read.
GOOD_ERRORS_CEILING: dict[str, dict[str, int]] = {
    "2026-12": {"en": 0, "de": 0, "ar": 0},
    "2026-12b": {"en": 0, "de": 0, "ar": 0, "es": 0},
    "2026-12c": {"en": 0, "de": 0, "ar": 0, "es": 0},
    "2026-12d": {"en": 0, "de": 0, "ar": 0, "es": 0},
    "2026-12e": {"en": 1, "de": 3, "ar": 0, "es": 0},
    "2026-12f": {"en": 2, "de": 1, "ar": 0, "es": 0},
    "2026-12g": {"en": 2, "de": 2, "ar": 3, "es": 0},
    "2026-12h": {"en": 1, "de": 5, "ar": 2, "es": 2},
    "2026-12i": {"en": 3, "de": 1, "ar": 0, "es": 1},
    "2026-12j": {"en": 3, "de": 2, "ar": 2, "es": 2},
    "2026-12k": {"en": 2, "de": 1, "ar": 2, "es": 1},
    "2026-12l": {"en": 1, "de": 0, "ar": 2, "es": 2},
    "2026-12m": {"en": 3, "de": 1, "ar": 0, "es": 1},
    "2026-12n": {"de": 0, "ar": 3},
    "2026-12o": {"en": 1},
    "2026-12p": {"en": 0, "es": 0, "de": 2, "ar": 0},
    "2026-12q": {"en": 2, "es": 0, "de": 2, "ar": 2},
    "2026-12r": {"en": 1, "es": 0, "de": 2, "ar": 1},
}
MARGIN = 0.07


@dataclass
class Tally:
    sentences: int = 0
    caught: int = 0  # an error of the category's family
    flagged: int = 0  # an error or a warning of the category's family
    with_error: int = 0  # sentences with any error
    with_tone_warning: int = 0  # sentences with a warning of the tone family
    flags: dict[str, int] = field(default_factory=dict)  # sentences with an error per family

    @property
    def recall(self) -> float:
        return self.caught / self.sentences if self.sentences else 1.0


def _document(text: str, language: str, band: str) -> object:
    if band in NON_STUDENT:
        return text_document(Path("blind.md"), text, language, band, None)
    return text_document(Path("blind.md"), text, language, "students", band)


@cache
def score(name: str) -> dict[str, dict[str, Tally]]:
    """Tallies per language and category (good included) for one blind set."""
    book = load_rulebook(ROOT / "rules")
    result: dict[str, dict[str, Tally]] = {}
    for language in SETS[name]:
        data = yaml.safe_load((BLIND / name / f"{language}.yml").read_text(encoding="utf-8"))
        rules = list(book.for_language(language))
        for category, entries in data.items():
            tally = result.setdefault(language, {}).setdefault(category, Tally())
            for entry in entries:
                document = _document(entry["text"], language, str(entry["band"]))
                findings = list(check_document(document, rules))  # type: ignore[arg-type]
                errors = [f for f in findings if f.severity == ERROR]
                families = {f.code.split(".")[0] for f in errors}
                any_families = {f.code.split(".")[0] for f in findings}
                tally.sentences += 1
                tally.with_error += bool(errors)
                tally.with_tone_warning += any(f.severity != ERROR and f.code.startswith("tone.") for f in findings)
                for family in families:
                    tally.flags[family] = tally.flags.get(family, 0) + 1
                if category in FAMILIES:
                    tally.caught += FAMILIES[category] in families
                    tally.flagged += FAMILIES[category] in any_families
    return result


def figures(name: str) -> dict[str, object]:
    """The per-family numbers (no sentences), as written to the artifact and docs/checker.md."""
    out: dict[str, object] = {}
    for language, tallies in score(name).items():
        good = tallies["good"]
        per: dict[str, object] = {}
        for category in FAMILIES:
            t = tallies[category]
            per[category] = {
                "sentences": t.sentences,
                "caught": t.caught,
                "recall": round(t.recall, 3),
                "flagged": t.flagged,
            }
        precision: dict[str, float] = {}
        for family in ("tone", "terminology"):
            right = sum(tallies[c].flags.get(family, 0) for c in FAMILIES if FAMILIES[c] == family)
            wrong = sum(tallies[c].flags.get(family, 0) for c in tallies if FAMILIES.get(c) != family)
            precision[family] = round(right / (right + wrong), 3) if right + wrong else 1.0
        per["precision"] = precision
        per["good"] = {
            "sentences": good.sentences,
            "with_error": good.with_error,
            "with_tone_warning": good.with_tone_warning,
        }
        out[language] = per
    return out


def write_artifact(name: str) -> dict[str, object]:
    data = figures(name)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"checker-blind-{name}.json").write_text(
        json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return data


def _share(numerator: int, denominator: int) -> str:
    return f"{numerator}/{denominator} ({numerator / denominator:.0%})"


def table(data: dict[str, object]) -> str:
    lines = [
        "| lang | blame | fear | shame | tone (all three) | terminology | precision tone / term. "
        "| good with an error | tone error or warning (all three) | good with a tone warning |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for language, per in data.items():
        assert isinstance(per, dict)
        cells = [_share(per[c]["caught"], per[c]["sentences"]) for c in ("blame", "fear", "shame")]
        total = sum(per[c]["sentences"] for c in ("blame", "fear", "shame"))
        cells.append(_share(sum(per[c]["caught"] for c in ("blame", "fear", "shame")), total))
        cells.append(_share(per["terminology"]["caught"], per["terminology"]["sentences"]))
        cells.append(f"{per['precision']['tone']:.0%} / {per['precision']['terminology']:.0%}")
        cells.append(f"{per['good']['with_error']}/{per['good']['sentences']}")
        cells.append(_share(sum(per[c]["flagged"] for c in ("blame", "fear", "shame")), total))
        cells.append(f"{per['good']['with_tone_warning']}/{per['good']['sentences']}")
        lines.append(f"| {language} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


@pytest.mark.parametrize("name", sorted(SETS))
def test_blind_set_is_complete_and_figures_are_written(name: str) -> None:
    data = write_artifact(name)
    assert set(data) == set(SETS[name])
    for per in data.values():
        assert isinstance(per, dict)
        assert all(per[c]["sentences"] >= 5 for c in FAMILIES)
        assert per["good"]["sentences"] >= 10
    assert (ARTIFACTS / f"checker-blind-{name}.json").is_file()


@pytest.mark.parametrize("name", sorted(SETS))
def test_good_child_friendly_text_gets_no_new_error(name: str) -> None:
    errors = {language: tallies["good"].with_error for language, tallies in score(name).items()}
    ceiling = GOOD_ERRORS_CEILING[name]
    assert set(errors) == set(ceiling)
    assert all(errors[language] <= ceiling[language] for language in ceiling), (errors, ceiling)


def test_recall_does_not_fall_below_the_recorded_baseline() -> None:
    below = {
        key: (round(score(key[0])[key[1]][key[2]].recall, 3), floor)
        for key, floor in BASELINE_RECALL.items()
        if score(key[0])[key[1]][key[2]].recall < floor - MARGIN
    }
    assert {(s, lang) for s, lang, _ in BASELINE_RECALL} == {(s, lang) for s in SETS for lang in SETS[s]}
    assert not below, below


if __name__ == "__main__":
    for name in sys.argv[1:] or sorted(SETS):
        print(f"blind {name}")
        print(table(write_artifact(name)))
