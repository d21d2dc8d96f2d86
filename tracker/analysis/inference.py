"""Tests and the multiple-comparison correction behind a flagged finding."""

from __future__ import annotations

import math

import numpy as np

Z_95 = 1.959963984540054


def two_sided_p(z: np.ndarray) -> np.ndarray:
    """Two-sided normal p-value per z score; NaN stays NaN."""
    out = np.full(z.shape, np.nan)
    ok = np.isfinite(z)
    out[ok] = [math.erfc(abs(v) / math.sqrt(2.0)) for v in z[ok]]
    return out


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
