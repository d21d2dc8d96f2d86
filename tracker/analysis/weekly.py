"""Weekly and per-day views of the daily frame, shaped for the charts.

Means are over logged days only, so a week with two logged days shows what was
eaten on those two days rather than being dragged toward zero by the rest.
Episodes are summed over every day, since they are recorded whether or not
food was logged.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tracker.analysis.exposures import BY_KEY, exposure_state, normalise, value_and_reference

NUTRIENT_PERCENT_COLUMNS: tuple[str, ...] = (
    "magnesium_pct", "calcium_pct", "vitamin_d_pct", "vitamin_b12_pct", "potassium_pct",
)
_LOGGED_MEAN_COLUMNS = NUTRIENT_PERCENT_COLUMNS + (
    "drinks_ml", "drinks_target_ml", "caffeine_mg", "caffeine_limit_mg",
)
# Day-level exposures shown as the share of the week's days (with a value) that
# count as exposed, by the same definitions the relationship analysis uses.
SHARE_COLUMNS: dict[str, str] = {
    "alcohol_days_pct": "alcohol", "short_sleep_days_pct": "sleep",
    "high_stress_days_pct": "stress", "hard_exercise_days_pct": "exercise",
}

WEEKLY_COLUMNS: tuple[str, ...] = _LOGGED_MEAN_COLUMNS + (
    "drinks_pct", "caffeine_pct", *SHARE_COLUMNS, "episodes", "logged_days", "days",
)


def week_start(index: pd.DatetimeIndex) -> pd.DatetimeIndex:
    """The Monday of each day's week."""
    return index - pd.to_timedelta(index.day_of_week, unit="D")


def weekly_summary(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per calendar week (indexed by its Monday), columns ``WEEKLY_COLUMNS``.

    ``drinks_pct`` and ``caffeine_pct`` are the week's logged drinks and
    caffeine as a percent of the week's logged targets, which lets them share a
    100 % line with the nutrients. Weeks with no logged days have NaN means.
    The ``*_days_pct`` columns are the percent of the week's days with a value
    that had 14 g of alcohol or more, under 7 hours' sleep, stress 4-5, or
    exercise well above the person's usual; NaN when no day had a value.
    """
    daily = normalise(frame)
    if daily.empty:
        return pd.DataFrame(columns=list(WEEKLY_COLUMNS), index=pd.DatetimeIndex([], name="week"))
    logged = daily["logged"].to_numpy(dtype=bool)
    values = pd.DataFrame(index=daily.index)
    for col in _LOGGED_MEAN_COLUMNS:
        values[col] = np.where(logged, pd.to_numeric(daily[col], errors="coerce"), np.nan)
    for column, key in SHARE_COLUMNS.items():
        exposure = BY_KEY[key]
        values[column] = exposure_state(*value_and_reference(daily, exposure), exposure, 1, 0)
    values["episodes"] = daily["episodes"].fillna(0.0)
    values["logged_days"] = logged.astype(int)
    values["days"] = 1
    weeks = week_start(pd.DatetimeIndex(daily.index))
    grouped = values.groupby(weeks)
    out = grouped[list(_LOGGED_MEAN_COLUMNS)].mean()
    shares = grouped[list(SHARE_COLUMNS)].mean() * 100.0
    sums = grouped[["drinks_ml", "drinks_target_ml", "caffeine_mg", "caffeine_limit_mg",
                    "episodes", "logged_days", "days"]].sum(min_count=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["drinks_pct"] = 100.0 * sums["drinks_ml"] / sums["drinks_target_ml"]
        out["caffeine_pct"] = 100.0 * sums["caffeine_mg"] / sums["caffeine_limit_mg"]
    out = out.replace([np.inf, -np.inf], np.nan)
    for column in SHARE_COLUMNS:
        out[column] = shares[column]
    out["episodes"] = sums["episodes"].fillna(0).astype(int)
    out["logged_days"] = sums["logged_days"].fillna(0).astype(int)
    out["days"] = sums["days"].astype(int)
    out.index = pd.DatetimeIndex(out.index, name="week")
    return out.loc[:, list(WEEKLY_COLUMNS)]


def daily_episodes(frame: pd.DataFrame) -> pd.Series:
    """Episodes per calendar day for the heat map; days absent from the diary count 0."""
    daily = normalise(frame)
    out = daily["episodes"].fillna(0).astype(int)
    out.index = pd.DatetimeIndex(out.index, name="date")
    out.name = "episodes"
    return out


def last_weeks(weekly: pd.DataFrame, weeks: int) -> pd.DataFrame:
    """The most recent ``weeks`` rows, for the chart's range selector."""
    return weekly.iloc[-weeks:] if weeks > 0 else weekly.iloc[0:0]
