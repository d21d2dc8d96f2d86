"""Tests and the multiple-comparison correction behind a flagged finding."""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

Z_95 = 1.959963984540054


def holm(p_values: np.ndarray, n_tests: int) -> np.ndarray:
    """Holm step-down adjusted p-values, counting ``n_tests`` comparisons in total.

    Comparisons that could not be run are passed as NaN and count as p = 1: the
    family is everything examined, not only what had enough data.
    """
    p = np.where(np.isfinite(p_values), p_values, 1.0)
    if n_tests < len(p):
        raise ValueError("n_tests must cover every p-value given")
    order = np.argsort(p, kind="stable")
    factors = n_tests - np.arange(len(p))
    stepped = np.minimum(1.0, np.maximum.accumulate(p[order] * factors))
    adjusted = np.empty_like(p)
    adjusted[order] = stepped
    return adjusted


def student_t_two_sided_p(t: float, df: int) -> float:
    """P(|T| >= |t|) for Student's t with integer ``df``, by the closed-form finite series.

    Used instead of the normal tail because the standard error comes from a
    bootstrap over a limited number of weeks, which makes it itself uncertain.
    """
    if not math.isfinite(t):
        return math.nan
    if df < 1:
        raise ValueError("df must be at least 1")
    theta = math.atan(abs(t) / math.sqrt(df))
    sin, cos2 = math.sin(theta), math.cos(theta) ** 2
    if df % 2:
        term = total = 1.0
        for k in range(1, (df - 1) // 2):
            term *= cos2 * (2 * k) / (2 * k + 1)
            total += term
        inside = (2 / math.pi) * (theta + (sin * math.cos(theta) * total if df > 1 else 0.0))
    else:
        term = total = 1.0
        for k in range(1, df // 2):
            term *= cos2 * (2 * k - 1) / (2 * k)
            total += term
        inside = sin * total
    return min(1.0, max(0.0, 1.0 - inside))


@lru_cache(maxsize=256)
def student_t_quantile_975(df: int) -> float:
    """The t value with 2.5 % in the upper tail, found by bisection on the tail function."""
    low, high = Z_95, 16.0  # brackets every df >= 1 (df = 1 gives 12.7)
    for _ in range(60):
        mid = (low + high) / 2
        if student_t_two_sided_p(mid, df) > 0.05:
            low = mid
        else:
            high = mid
    return (low + high) / 2
