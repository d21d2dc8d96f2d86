"""Block bootstrap by calendar week, vectorised over every comparison at once.

Twitching and intake both run in streaks, so days are not independent; resampling
whole weeks keeps that dependence inside each replicate. All comparisons share
one resampling of weeks, done as a single matrix product of how often each week
was drawn against the per-week sums, so ten years of days cost one BLAS call.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

REPLICATES = 2000
SEED = 20_240_611

# Columns of the per-week sums: episodes and days on each side of the comparison.
EVENTS_EXPOSED, DAYS_EXPOSED, EVENTS_OTHER, DAYS_OTHER = range(4)


def week_blocks(index: pd.DatetimeIndex) -> np.ndarray:
    """Block number per day: calendar weeks starting on Monday, counted from the first."""
    if len(index) == 0:
        return np.zeros(0, dtype=np.int64)
    first_monday = index[0] - pd.Timedelta(days=int(index[0].day_of_week))
    return np.asarray((index - first_monday).days // 7, dtype=np.int64)


def block_sums(blocks: np.ndarray, n_blocks: int, episodes: np.ndarray,
               exposed: np.ndarray, other: np.ndarray) -> np.ndarray:
    """Per-week episodes and day counts on the exposed and the other side (n_blocks × 4)."""
    out = np.empty((n_blocks, 4))
    for col_events, col_days, mask in ((EVENTS_EXPOSED, DAYS_EXPOSED, exposed),
                                       (EVENTS_OTHER, DAYS_OTHER, other)):
        out[:, col_events] = np.bincount(blocks[mask], weights=episodes[mask],
                                         minlength=n_blocks)
        out[:, col_days] = np.bincount(blocks[mask], minlength=n_blocks)
    return out


def draw_counts(n_blocks: int, replicates: int, rng: np.random.Generator) -> np.ndarray:
    """How many times each week is drawn in each replicate (replicates × n_blocks)."""
    picks = rng.integers(0, n_blocks, size=(replicates, n_blocks))
    flat = picks + (np.arange(replicates) * n_blocks)[:, None]
    counts = np.bincount(flat.ravel(), minlength=replicates * n_blocks)
    return counts.reshape(replicates, n_blocks).astype(float)


@dataclass(frozen=True)
class BootstrapResult:
    """Per comparison: standard error of the log rate ratio, weeks used, 95 % rate intervals."""

    se_log_ratio: np.ndarray
    weeks_used: np.ndarray
    rate_exposed_ci: np.ndarray
    rate_other_ci: np.ndarray


def corrected_log_ratio(sums: np.ndarray) -> np.ndarray:
    """Log rate ratio with half an episode added to each side, so zero counts stay finite.

    ``sums`` has the four sum columns on its last axis; NaN where a side has no days.
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        exposed = (sums[..., EVENTS_EXPOSED] + 0.5) / sums[..., DAYS_EXPOSED]
        other = (sums[..., EVENTS_OTHER] + 0.5) / sums[..., DAYS_OTHER]
        out = np.log(exposed) - np.log(other)
    return np.where(np.isfinite(out), out, np.nan)


def bootstrap(sums: np.ndarray, replicates: int = REPLICATES, seed: int = SEED,
              rate_intervals: np.ndarray | None = None) -> BootstrapResult:
    """Resample weeks for all comparisons at once.

    ``sums`` is n_blocks × comparisons × 4. The standard error is scaled by
    sqrt(k / (k - 1)) for the k weeks a comparison uses, since a bootstrap over
    few weeks otherwise understates the spread. The intervals of the two rates
    (percentiles, the costly part) are computed only where ``rate_intervals``
    is True, all comparisons by default; elsewhere they are NaN.
    """
    n_blocks, n_tests, _ = sums.shape
    rng = np.random.default_rng(seed)
    counts = draw_counts(n_blocks, replicates, rng)
    reps = (counts @ sums.reshape(n_blocks, n_tests * 4)).reshape(replicates, n_tests, 4)
    log_ratio = corrected_log_ratio(reps)
    finite = np.isfinite(log_ratio).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        se = np.where(finite > 1, np.nanstd(np.where(finite > 1, log_ratio, 0.0), axis=0,
                                            ddof=1), np.nan)
        used = ((sums[:, :, DAYS_EXPOSED] + sums[:, :, DAYS_OTHER]) > 0).sum(axis=0)
        se = se * np.sqrt(used / np.maximum(used - 1, 1))
        wanted = (np.ones(n_tests, dtype=bool) if rate_intervals is None
                  else np.asarray(rate_intervals, dtype=bool))
        rate_exposed = reps[:, wanted, EVENTS_EXPOSED] / reps[:, wanted, DAYS_EXPOSED]
        rate_other = reps[:, wanted, EVENTS_OTHER] / reps[:, wanted, DAYS_OTHER]
    exposed_ci = np.full((n_tests, 2), np.nan)
    other_ci = np.full((n_tests, 2), np.nan)
    exposed_ci[wanted] = _interval(rate_exposed)
    other_ci[wanted] = _interval(rate_other)
    return BootstrapResult(se, used, exposed_ci, other_ci)


def _interval(samples: np.ndarray) -> np.ndarray:
    """2.5th and 97.5th percentiles per column (comparisons × 2), NaN when none are finite."""
    samples = np.where(np.isfinite(samples), samples, np.nan)
    out = np.full((samples.shape[1], 2), np.nan)
    ok = np.isfinite(samples).any(axis=0)
    if ok.any():
        out[ok] = np.nanpercentile(samples[:, ok], [2.5, 97.5], axis=0).T
    return out
