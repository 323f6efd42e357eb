"""Means and the change between two independent groups with a 95% confidence interval (Welch), in pure Python.

Answers are anonymous, so a learner's "before" and "after" cannot be paired: the report compares
the group that answered before the lessons with the group that answered after them. The interval
is Welch's t interval for the difference of two means, which needs no equal variances; for 0/1
knowledge answers it is the usual interval for a difference of two proportions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

Z_975 = 1.959963984540054  # the standard normal's 97.5% point


@dataclass(frozen=True)
class Summary:
    """The size, mean and standard deviation of one group's values."""

    n: int
    mean: float
    sd: float


@dataclass(frozen=True)
class Change:
    """After minus before, with its 95% confidence interval."""

    pre: Summary
    post: Summary
    difference: float
    low: float
    high: float


def summary(values: Sequence[float]) -> Summary:
    """n, mean and sample standard deviation (0 for fewer than two values)."""
    n = len(values)
    if n == 0:
        return Summary(0, math.nan, math.nan)
    mean = math.fsum(values) / n
    sd = math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (n - 1)) if n > 1 else 0.0
    return Summary(n, mean, sd)


def t_975(df: float) -> float:
    """The 97.5% point of Student's t with `df` degrees of freedom.

    The Cornish-Fisher expansion of t around the normal (Abramowitz and Stegun 26.7.5); it is
    within 0.001 of the exact value from 3 degrees of freedom on, and groups smaller than 10 are
    never shown anyway.
    """
    if df <= 0 or math.isnan(df):
        return math.nan
    z = Z_975
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    g4 = (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160
    return z + g1 / df + g2 / df**2 + g3 / df**3 + g4 / df**4


def welch(pre: Sequence[float], post: Sequence[float]) -> Change:
    """The change from `pre` to `post` (difference of means) with Welch's 95% interval."""
    a, b = summary(pre), summary(post)
    difference = b.mean - a.mean
    if a.n < 2 or b.n < 2:
        return Change(a, b, difference, math.nan, math.nan)
    va, vb = a.sd**2 / a.n, b.sd**2 / b.n
    se = math.sqrt(va + vb)
    if se == 0:
        return Change(a, b, difference, difference, difference)
    df = (va + vb) ** 2 / ((va**2 / (a.n - 1) if va else 0) + (vb**2 / (b.n - 1) if vb else 0))
    margin = t_975(df) * se
    return Change(a, b, difference, difference - margin, difference + margin)
