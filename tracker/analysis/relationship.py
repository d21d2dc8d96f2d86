"""Is twitching more frequent with a shortfall, caffeine, alcohol, short sleep, stress, exercise?

One pre-specified primary analysis per exposure (its window and lag fixed in
``exposures.EXPOSURES`` from physiology). Each gets two estimates:

- the **simple** one: episodes per day on exposed against other days, with a
  week-block bootstrap interval (``bootstrap``);
- the **adjusted** one: a count regression of daily episodes on all primary
  exposures together, the acute ones also at their other timing, day of the
  week and a slow trend (``design``, ``count_model``).

``flagged`` is decided on the adjusted estimate alone: more episodes with the
exposure, significant after Holm's correction over the eleven primary
exposures (one-sided tests for more episodes), with enough days on both sides. Other windows and
lags are returned as exploratory views, labelled so and never flagged, so
looking at them cannot create a finding.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from tracker.analysis import count_model, power
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
from tracker.analysis.design import (
    DOW_MIN_ROWS,
    MIN_GROUP_DAYS,
    build_design,
    outcome_rows,
    primary_exposures,
)
from tracker.analysis.exposures import (
    EXPOSURES,
    LAGS,
    WINDOWS,
    Exposure,
    exposure_points,
    exposure_state,
    normalise,
    reference_value,
    value_and_reference,
)
from tracker.analysis.inference import holm, student_t_quantile_975
from tracker.analysis.scatter import ScatterData, scatter_data
from tracker.analysis.wording import exposed_when, finding_message, model_summary
from tracker.domain.finding_text import both_days, short_timing

MIN_LOGGED_DAYS = 14
# The simple comparison is shown (never tested) once each side has this many days.
MIN_SHOWN_DAYS = 5
# Family-wise level of the Holm correction. The goal allows 5 % of no-effect
# diaries a flag, and a test exactly at its level spends all of it (Holm at
# 5 % over eleven: 4.9 %; the benchmark's --level measures the model's own
# level), so the rule keeps a fifth in hand against the chance excess a
# sample of a few hundred diaries shows (docs/relationship-statistics.md).
ALPHA = 0.04
PRIMARY_TESTS = len(EXPOSURES)
# Beyond this many weeks the t distribution is as good as normal.
MAX_DF = 100


@dataclass(frozen=True)
class Comparison:
    """One exposure at one window and lag; ``primary`` for the pre-specified one."""

    exposure: Exposure
    window: int
    lag: int
    primary: bool


def _exploratory_windows(exposure: Exposure) -> tuple[int, ...]:
    if exposure.value_column.endswith("_pct"):
        return WINDOWS
    return tuple(w for w in WINDOWS if w <= (7 if exposure.from_food_log else 3))


COMPARISONS: tuple[Comparison, ...] = (
    *(Comparison(e, e.window, e.lag, True) for e in EXPOSURES),
    *(Comparison(e, w, lag, False) for e in EXPOSURES for w in _exploratory_windows(e)
      for lag in LAGS if (w, lag) != (e.window, e.lag)),
)


def analyze_relationships(frame: pd.DataFrame, replicates: int = REPLICATES,
                          seed: int = SEED, min_group: int = MIN_GROUP_DAYS,
                          known_states: Mapping[str, np.ndarray] | None = None
                          ) -> dict[str, Any]:
    """``{"exposures": {key: finding}, "nutrients": (same), "model": {...}}``.

    ``frame`` follows the daily-frame contract (see ``exposures.REQUIRED_COLUMNS``
    and ``OPTIONAL_COLUMNS``). The same frame and seed always give the same answer.
    ``min_group`` (days each side before an exposure is tested) is a parameter
    only so the benchmark can show why it has the value it has.
    ``known_states`` (exposure key -> 1, 0 or NaN per outcome day) replaces what
    the diary says of those exposures at their primary timing: the benchmark
    feeds it a simulated diary's true exposure to measure what the model and
    its test can find when the reading of the diary is perfect. A known
    exposure is the truth at whatever timing it acts, so it enters at that one
    state, without the second timing an acute exposure read from the diary gets.
    """
    from threadpoolctl import threadpool_limits

    # The matrices are small: BLAS threads cost more than they save, and on a
    # busy machine they turned a 20 ms model fit into a second.
    with threadpool_limits(limits=1, user_api="blas"):
        return _analyze(normalise(frame), replicates, seed, min_group, known_states or {})


def _analyze(daily: pd.DataFrame, replicates: int, seed: int, min_group: int,
             known_states: Mapping[str, np.ndarray]) -> dict[str, Any]:
    logged_days = int(daily["logged"].sum())
    base = outcome_rows(daily)
    primary = {**primary_exposures(daily),
               **{key: np.asarray(state, dtype=float) for key, state in known_states.items()}}
    simple = _simple_comparisons(daily, base, primary, logged_days, replicates, seed)

    candidates = tuple(
        e.key for i, e in enumerate(EXPOSURES)
        if logged_days >= MIN_LOGGED_DAYS
        and min(simple.totals[i, DAYS_EXPOSED], simple.totals[i, DAYS_OTHER]) >= min_group)
    design = build_design(daily, primary, candidates, min_group,
                          one_timing=frozenset(known_states))
    fitted = count_model.fit(design)
    estimates = fitted.estimates if fitted else {}
    p_raw = np.array([estimates[e.key].p_more if e.key in estimates else np.nan
                            for e in EXPOSURES])
    p_adjusted = holm(p_raw, PRIMARY_TESTS)

    findings: dict[str, Any] = {}
    for i, exposure in enumerate(EXPOSURES):
        findings[exposure.key] = _finding(
            exposure, i, simple, estimates.get(exposure.key), float(p_adjusted[i]),
            logged_days, fitted.dispersion if fitted else None, min_group,
            reference_value(daily, exposure))
    model = model_summary(design, fitted, min_group, DOW_MIN_ROWS, PRIMARY_TESTS, ALPHA)
    return {"exposures": findings, "nutrients": findings, "model": model}


@dataclass(frozen=True)
class SimpleComparisons:
    """Per comparison (``COMPARISONS`` order): totals and bootstrap results."""

    totals: np.ndarray  # comparisons × 4
    shown: np.ndarray  # bool: enough days on each side to show a ratio
    log_ratio: np.ndarray
    se: np.ndarray
    df: np.ndarray
    rate_exposed_ci: np.ndarray
    rate_other_ci: np.ndarray


def _simple_comparisons(daily: pd.DataFrame, base: np.ndarray,
                        primary: dict[str, np.ndarray], logged_days: int, replicates: int,
                        seed: int) -> SimpleComparisons:
    blocks = week_blocks(pd.DatetimeIndex(daily.index))
    n_blocks = int(blocks.max()) + 1 if len(blocks) else 0
    episodes = np.nan_to_num(daily["episodes"].to_numpy(dtype=float))
    n = len(COMPARISONS)
    sums = np.zeros((n_blocks, n, 4))
    references = {e.key: value_and_reference(daily, e) for e in EXPOSURES}
    for i, c in enumerate(COMPARISONS):
        state = (primary[c.exposure.key] if c.primary
                 else exposure_state(*references[c.exposure.key], c.exposure, c.window,
                                     c.lag))
        sums[:, i] = block_sums(blocks, n_blocks, episodes, base & (state == 1.0),
                                base & (state == 0.0))
    totals = sums.sum(axis=0) if n_blocks else np.zeros((n, 4))
    shown = ((logged_days >= MIN_LOGGED_DAYS) & (totals[:, DAYS_EXPOSED] >= MIN_SHOWN_DAYS)
             & (totals[:, DAYS_OTHER] >= MIN_SHOWN_DAYS))
    log_ratio = corrected_log_ratio(totals)
    se = np.full(n, np.nan)
    df = np.ones(n, dtype=int)
    rate_exposed_ci = np.full((n, 2), np.nan)
    rate_other_ci = np.full((n, 2), np.nan)
    if shown.any():
        is_primary = np.array([c.primary for c in COMPARISONS])
        boot = bootstrap(sums[:, shown], replicates, seed, rate_intervals=is_primary[shown])
        # Never claim more certainty than independent Poisson days would give.
        poisson_se = np.sqrt(1.0 / (totals[shown, EVENTS_EXPOSED] + 0.5)
                             + 1.0 / (totals[shown, EVENTS_OTHER] + 0.5))
        se[shown] = np.fmax(boot.se_log_ratio, poisson_se)
        df[shown] = np.clip(boot.weeks_used - 1, 1, MAX_DF)
        rate_exposed_ci[shown] = boot.rate_exposed_ci
        rate_other_ci[shown] = boot.rate_other_ci
    return SimpleComparisons(totals, shown, log_ratio, se, df, rate_exposed_ci, rate_other_ci)


def _simple_ratio(simple: SimpleComparisons, i: int) -> tuple[float | None, list[float | None]
                                                              | None]:
    """The plain rate ratio and its 95 % interval, or Nones when not shown."""
    if not simple.shown[i]:
        return None, None
    total = simple.totals[i]
    both_seen = total[EVENTS_EXPOSED] > 0 and total[EVENTS_OTHER] > 0
    # With no episodes on one side the plain ratio is 0 or infinite, so the
    # half-episode correction used for the interval stands in for it.
    point = ((total[EVENTS_EXPOSED] / total[DAYS_EXPOSED])
             / (total[EVENTS_OTHER] / total[DAYS_OTHER])) if both_seen \
        else float(np.exp(simple.log_ratio[i]))
    half = student_t_quantile_975(int(simple.df[i])) * simple.se[i]
    return _round(point), [_round(float(np.exp(simple.log_ratio[i] - half))),
                           _round(float(np.exp(simple.log_ratio[i] + half)))]


def _finding(exposure: Exposure, i: int, simple: SimpleComparisons,
             estimate: count_model.Estimate | None, p_adjusted: float, logged_days: int,
             dispersion: float | None, min_group: int,
             reference: float | None) -> dict[str, Any]:
    total = simple.totals[i]
    days_exposed, days_other = int(total[DAYS_EXPOSED]), int(total[DAYS_OTHER])
    rate_exposed = total[EVENTS_EXPOSED] / days_exposed if days_exposed else None
    rate_other = total[EVENTS_OTHER] / days_other if days_other else None
    ratio, ci = _simple_ratio(simple, i)
    enough = estimate is not None
    both = estimate is not None and estimate.both_timings
    night = exposure.key == "sleep"
    timing = short_timing(exposure.window, exposure.lag, night=night)
    adjusted_ratio = adjusted_ci = p = None
    flagged = False
    if estimate is not None:
        adjusted_ratio = _round(_exp(estimate.log_ratio))
        adjusted_ci = [_round(_exp(estimate.ci_low)), _round(_exp(estimate.ci_high))]
        p = float(f"{p_adjusted:.3g}")
        flagged = bool(p_adjusted < ALPHA and estimate.log_ratio > 0 and estimate.ci_low > 0)
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
        "p_value": None if estimate is None else float(f"{estimate.p_more:.3g}"),
        "window_days": exposure.window,
        "lag_days": exposure.lag,
        "adjusted_rate_ratio": adjusted_ratio,
        "adjusted_ci95": adjusted_ci,
        "primary": True,
        "days_needed_for_doubling": None if flagged else _days_for_doubling(
            total, logged_days, estimate, dispersion),
        "label": exposure.label,
        "logged_days": logged_days,
        "days_needed": max(0, MIN_LOGGED_DAYS - logged_days),
        "minimum_days_each_side": min_group,
        "comparisons": PRIMARY_TESTS,
        "same_day": exposure.lag == 0,
        "exposed_when": exposed_when(exposure),
        "timing": timing,
        "adjusted_both_days": both,
        "adjusted_timing": both_days(night=night, short=True) if both else timing,
        "sides": [exposure.short[:1].upper() + exposure.short[1:],
                  exposure.other_short[:1].upper() + exposure.other_short[1:]],
        "unit": exposure.unit,
        "reference_value": reference,
        "episodes_per_day_shortfall_ci95": _pair(simple.rate_exposed_ci[i])
        if simple.shown[i] else None,
        "episodes_per_day_adequate_ci95": _pair(simple.rate_other_ci[i])
        if simple.shown[i] else None,
        "exploratory": _exploratory(exposure, simple),
    }
    result["message"] = finding_message(exposure, result, min_group)
    return result


def _days_for_doubling(total: np.ndarray, logged_days: int,
                       estimate: count_model.Estimate | None,
                       dispersion: float | None) -> int | None:
    known = int(total[DAYS_EXPOSED] + total[DAYS_OTHER])
    if known == 0 or logged_days == 0:
        return None
    share = total[DAYS_EXPOSED] / known
    days_other = total[DAYS_OTHER]
    rate_other = total[EVENTS_OTHER] / days_other if days_other else 0.0
    phi = math.nan
    if estimate is not None:
        phi = power.inflation_from_fit(estimate.se, total[EVENTS_EXPOSED], total[EVENTS_OTHER])
    if not math.isfinite(phi):
        phi = (dispersion or 1.0) * power.ADJUSTMENT_COST
    return power.more_logged_days(rate_other, share, phi, ALPHA / PRIMARY_TESTS, known,
                                  logged_days)


def _exploratory(exposure: Exposure, simple: SimpleComparisons) -> list[dict[str, Any]]:
    out = []
    for i, c in enumerate(COMPARISONS):
        if c.primary or c.exposure is not exposure:
            continue
        ratio, ci = _simple_ratio(simple, i)
        out.append({"window_days": c.window, "lag_days": c.lag, "exploratory": True,
                    "flagged": False, "shortfall_days": int(simple.totals[i, DAYS_EXPOSED]),
                    "adequate_days": int(simple.totals[i, DAYS_OTHER]),
                    "rate_ratio": ratio, "ci95": ci})
    return out


def _exp(value: float) -> float:
    """exp that gives inf instead of raising for an interval too wide to print."""
    return math.exp(value) if value < 700 else math.inf


def _round(value: float | None, digits: int = 3) -> float | None:
    if value is None or not np.isfinite(value):
        return None
    return round(float(value), digits)


def _pair(values: np.ndarray) -> list[float | None]:
    return [_round(float(values[0])), _round(float(values[1]))]


def chosen_points(frame: pd.DataFrame, result: dict[str, Any]) -> dict[str, ScatterData]:
    """Scatter points per exposure at its primary window and lag."""
    return {
        key: scatter_data(exposure_points(frame, key, finding["window_days"],
                                          finding["lag_days"]))
        for key, finding in result["exposures"].items()
    }
