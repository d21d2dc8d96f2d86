"""The daily frame: one row per calendar day of a period, for analysis, charts and export.

Columns (amounts carry their unit in the name):

- ``logged``: the day is marked complete or has at least one food entry;
  ``complete``, ``food_entries``, ``food_grams``; ``episodes`` (every day).
- per registry nutrient: ``<key>_<unit>`` total, ``<key>_food_<unit>``,
  ``<key>_supplements_<unit>`` and ``<key>_known_fraction``.
- ``drinks_ml``, ``water_total_ml``, ``water_total_known_fraction``.
- day factors ``sleep_hours``, ``stress`` (1-5) and ``exercise_min``: NaN where
  not given, and kept on days without food entries (they were logged).
- targets: ``<key>_target_<unit>`` and ``<key>_pct`` (percent of that day's
  target) for the shown nutrients, ``drinks_target_ml``,
  ``water_total_target_ml``; ceilings ``<key>_upper_limit_<unit>`` (registry
  nutrients; NaN where none) and ``caffeine_limit_mg``.

Amounts, fractions and percents are NaN on days that are not logged: an
unlogged day's intake is unknown, not zero. A logged day whose foods all lack
a nutrient's value has NaN for it too (see ``tracker.analysis.intake``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeAlias

import numpy as np
import pandas as pd

from tracker.analysis.intake import KEYS, PeriodIntake
from tracker.domain.nutrients import BY_KEY
from tracker.domain.reference import Target, unit_of
from tracker.domain.summary import SHOWN_KEYS

# Named here so the services can annotate with it without importing pandas.
DailyFrame: TypeAlias = pd.DataFrame


def _share(targets_by_day: Sequence[Mapping[str, Target]]
           ) -> tuple[list[Mapping[str, Target]], np.ndarray]:
    """The distinct target dicts and, per day, which one applies.

    Days usually share a handful of dicts (one per age band), so each target
    is looked up once per dict rather than once per day.
    """
    distinct: dict[int, int] = {}
    shared: list[Mapping[str, Target]] = []
    codes = np.empty(len(targets_by_day), dtype=np.int64)
    for i, targets in enumerate(targets_by_day):
        code = distinct.get(id(targets))
        if code is None:
            code = distinct[id(targets)] = len(shared)
            shared.append(targets)
        codes[i] = code
    return shared, codes


def _target_series(shared: Sequence[Mapping[str, Target]], codes: np.ndarray, key: str,
                   ceiling: bool = False) -> np.ndarray:
    """Day by day value of ``key``'s target (or ceiling), NaN where none."""
    values = np.full(len(shared), np.nan)
    for i, targets in enumerate(shared):
        target = targets.get(key)
        chosen = None if target is None else (target.upper_limit if ceiling else target.target)
        if chosen is not None:
            values[i] = chosen
    return values[codes]


def daily_frame(period: PeriodIntake,
                targets_by_day: Sequence[Mapping[str, Target]]) -> DailyFrame:
    """The daily frame of ``period``; ``targets_by_day[i]`` holds day ``i``'s targets."""
    logged = period.logged
    hide = ~logged
    shared, codes = _share(targets_by_day)
    index = pd.date_range(period.first, periods=period.n_days, freq="D", name="date")
    cols: dict[str, np.ndarray] = {
        "logged": logged,
        "complete": period.day_complete,
        "food_entries": period.day_food_entries,
        "food_grams": period.day_food_grams,
        "episodes": period.day_episodes.astype(np.int64),
    }

    def masked(values: np.ndarray) -> np.ndarray:
        return np.where(hide, np.nan, values)

    for key in KEYS:
        unit = BY_KEY[key].unit
        cols[f"{key}_{unit}"] = masked(period.total(key))
        cols[f"{key}_food_{unit}"] = masked(period.from_food(key))
        cols[f"{key}_supplements_{unit}"] = masked(period.from_supplements(key))
        cols[f"{key}_known_fraction"] = masked(period.known_fraction(key))
    cols["drinks_ml"] = masked(period.drinks_ml)
    cols["water_total_ml"] = masked(period.water_total_ml)
    cols["water_total_known_fraction"] = cols["water_known_fraction"]
    for i, name in enumerate(("sleep_hours", "stress", "exercise_min")):
        cols[name] = period.day_factors[:, i]

    for key in SHOWN_KEYS:
        unit = unit_of(key)
        goal = _target_series(shared, codes, key)
        if key != "caffeine":
            cols[f"{key}_target_{unit}"] = goal
            with np.errstate(invalid="ignore", divide="ignore"):
                cols[f"{key}_pct"] = 100.0 * cols[f"{key}_{unit}"] / goal
        ceiling = _target_series(shared, codes, key, ceiling=True)
        if key == "caffeine":
            cols["caffeine_limit_mg"] = ceiling
        elif key in BY_KEY:
            cols[f"{key}_upper_limit_{unit}"] = ceiling
    return pd.DataFrame(cols, index=index)
