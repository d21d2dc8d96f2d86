"""Does twitching come more often after shortfall days? One honest answer per exposure.

For each exposure, every window in ``WINDOWS`` and lag in ``LAGS`` is compared:
episodes per day on the days after a shortfall stretch versus after an adequate
one. The rate ratio's uncertainty comes from a block bootstrap by week (days
are not independent), and the p-values are Holm-adjusted over every comparison
examined (exposures × windows × lags), so picking the best window and lag
afterwards does not manufacture findings. A finding is ``flagged`` only when it
survives that correction with enough data on both sides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from tracker.analysis.bootstrap import (
    DAYS_EXPOSED,
    DAYS_OTHER,
    EVENTS_EXPOSED,
    EVENTS_OTHER,
    REPLICATES,
    SEED,
    block_sums,
    bootstrap,
    corrected_log_ratio,
    week_blocks,
)
from tracker.analysis.exposures import (
    EXPOSURES,
    LAGS,
    WINDOWS,
    Exposure,
    exposure_points,
    is_exposed,
    lagged,
    normalise,
    rolling_percent,
    value_and_target,
)
from tracker.analysis.inference import holm, student_t_quantile_975, student_t_two_sided_p
from tracker.analysis.scatter import ScatterData, scatter_data
from tracker.analysis.wording import finding_message

MIN_LOGGED_DAYS = 14
MIN_GROUP_DAYS = 5
ALPHA = 0.05
# Beyond this many weeks the t distribution is as good as normal; capping keeps
# the closed-form tail series short.
MAX_DF = 100


@dataclass(frozen=True)
class Comparison:
    """One exposure at one window and lag."""

    exposure: Exposure
    window: int
    lag: int


COMPARISONS: tuple[Comparison, ...] = tuple(
    Comparison(e, w, lag) for e in EXPOSURES for w in WINDOWS for lag in LAGS
)


def comparison_sums(daily: pd.DataFrame) -> np.ndarray:
    """Per-week sums for every comparison: weeks × comparisons × 4 (see ``bootstrap``)."""
    blocks = week_blocks(pd.DatetimeIndex(daily.index))
    n_blocks = int(blocks.max()) + 1 if len(blocks) else 0
    episodes = daily["episodes"].to_numpy(dtype=float)
    outcomes = {lag: lagged(episodes, lag) for lag in LAGS}
    sums = np.zeros((n_blocks, len(COMPARISONS), 4))
    i = 0
    for exposure in EXPOSURES:
        value, target = value_and_target(daily, exposure)
        for window in WINDOWS:
            pct = rolling_percent(value, target, window)
            exposed = is_exposed(pct, exposure)
            known = np.isfinite(pct)
            for lag in LAGS:
                usable = known & np.isfinite(outcomes[lag])
                sums[:, i] = block_sums(blocks, n_blocks, np.nan_to_num(outcomes[lag]),
                                        usable & exposed, usable & ~exposed)
                i += 1
    return sums


def analyze_relationships(frame: pd.DataFrame, replicates: int = REPLICATES,
                          seed: int = SEED) -> dict[str, Any]:
    """The ``{"nutrients": {key: finding}}`` result the CLI prints and the charts show.

    ``frame`` follows the daily-frame contract (see ``exposures.REQUIRED_COLUMNS``).
    The same frame and seed always give the same answer.
    """
    daily = normalise(frame)
    logged_days = int(daily["logged"].sum())
    sums = comparison_sums(daily)
    totals = sums.sum(axis=0)
    eligible = ((logged_days >= MIN_LOGGED_DAYS)
                & (totals[:, DAYS_EXPOSED] >= MIN_GROUP_DAYS)
                & (totals[:, DAYS_OTHER] >= MIN_GROUP_DAYS))

    n = len(COMPARISONS)
    log_ratio = corrected_log_ratio(totals)
    se = np.full(n, np.nan)
    df = np.ones(n, dtype=int)
    rate_exposed_ci = np.full((n, 2), np.nan)
    rate_other_ci = np.full((n, 2), np.nan)
    if eligible.any():
        boot = bootstrap(sums[:, eligible], replicates, seed)
        # Never claim more certainty than independent Poisson days would give;
        # a bootstrap over a handful of weeks can understate the spread.
        poisson_se = np.sqrt(1.0 / (totals[eligible, EVENTS_EXPOSED] + 0.5)
                             + 1.0 / (totals[eligible, EVENTS_OTHER] + 0.5))
        se[eligible] = np.fmax(boot.se_log_ratio, poisson_se)
        # The bootstrap standard error is itself estimated from a limited number
        # of weeks, so the test uses Student's t on weeks - 1 degrees of freedom.
        df[eligible] = np.clip(boot.weeks_used - 1, 1, MAX_DF)
        rate_exposed_ci[eligible] = boot.rate_exposed_ci
        rate_other_ci[eligible] = boot.rate_other_ci
    p_raw = np.full(n, np.nan)
    for i in np.flatnonzero(eligible):
        p_raw[i] = student_t_two_sided_p(log_ratio[i] / se[i], int(df[i]))
    p_adjusted = holm(p_raw, n)

    findings: dict[str, Any] = {}
    for exposure in EXPOSURES:
        idx = [i for i, c in enumerate(COMPARISONS) if c.exposure is exposure]
        chosen = _choose(idx, eligible, p_raw, totals)
        findings[exposure.key] = _finding(
            COMPARISONS[chosen], totals[chosen], bool(eligible[chosen]), logged_days,
            log_ratio[chosen], se[chosen], int(df[chosen]), p_adjusted[chosen],
            rate_exposed_ci[chosen], rate_other_ci[chosen],
        )
    return {"nutrients": findings}


def _choose(idx: list[int], eligible: np.ndarray, p_raw: np.ndarray,
            totals: np.ndarray) -> int:
    """The reported window and lag: the smallest p among those with enough data.

    Without enough data anywhere, the one closest to having it (the largest
    smaller group) is reported, so the counts shown are the most useful ones.
    """
    runnable = [i for i in idx if eligible[i]]
    if runnable:
        return min(runnable, key=lambda i: (p_raw[i], idx.index(i)))
    return max(idx, key=lambda i: (min(totals[i, DAYS_EXPOSED], totals[i, DAYS_OTHER]),
                                   -idx.index(i)))


def _finding(comparison: Comparison, total: np.ndarray, enough: bool, logged_days: int,
             log_ratio: float, se: float, df: int, p_adjusted: float,
             rate_exposed_ci: np.ndarray, rate_other_ci: np.ndarray) -> dict[str, Any]:
    days_exposed = int(total[DAYS_EXPOSED])
    days_other = int(total[DAYS_OTHER])
    rate_exposed = total[EVENTS_EXPOSED] / days_exposed if days_exposed else None
    rate_other = total[EVENTS_OTHER] / days_other if days_other else None
    ratio: float | None = None
    ci: list[float | None] | None = None
    p: float | None = None
    flagged = False
    if enough:
        both_seen = total[EVENTS_EXPOSED] > 0 and total[EVENTS_OTHER] > 0
        # With no episodes on one side the plain ratio is 0 or infinite, so the
        # half-episode correction used for the test stands in for it.
        point = (rate_exposed / rate_other) if both_seen and rate_exposed and rate_other \
            else float(np.exp(log_ratio))
        half_width = student_t_quantile_975(df) * se
        low = float(np.exp(log_ratio - half_width))
        ratio = _round(point)
        ci = [_round(low), _round(float(np.exp(log_ratio + half_width)))]
        p = float(f"{p_adjusted:.3g}")
        flagged = bool(p < ALPHA and point > 1 and low > 1)
    result: dict[str, Any] = {
        "enough_data": enough,
        "flagged": flagged,
        "shortfall_days": days_exposed,
        "adequate_days": days_other,
        "episodes_per_day_shortfall": _round(rate_exposed),
        "episodes_per_day_adequate": _round(rate_other),
        "rate_ratio": ratio,
        "ci95": ci,
        "p_value_adjusted": p,
        "window_days": comparison.window,
        "lag_days": comparison.lag,
        "label": comparison.exposure.label,
        "logged_days": logged_days,
        "days_needed": max(0, MIN_LOGGED_DAYS - logged_days),
        "comparisons": len(COMPARISONS),
        "episodes_per_day_shortfall_ci95": _pair(rate_exposed_ci) if enough else None,
        "episodes_per_day_adequate_ci95": _pair(rate_other_ci) if enough else None,
    }
    result["message"] = finding_message(comparison.exposure, result, MIN_GROUP_DAYS)
    return result


def _round(value: float | None, digits: int = 3) -> float | None:
    if value is None or not np.isfinite(value):
        return None
    return round(float(value), digits)


def _pair(values: np.ndarray) -> list[float | None]:
    return [_round(float(values[0])), _round(float(values[1]))]


def chosen_points(frame: pd.DataFrame, result: dict[str, Any]) -> dict[str, ScatterData]:
    """Scatter points per exposure at the window and lag its finding reports."""
    return {
        key: scatter_data(exposure_points(frame, key, finding["window_days"],
                                          finding["lag_days"]))
        for key, finding in result["nutrients"].items()
    }
