"""The adjusted model's rows and columns: one row per day the episodes are counted.

Columns, in order: the intercept; each exposure that has enough days on both
sides, at its primary timing (the ones tested); the acute exposures again at
their other timing (the day before for the same-day ones, whose estimate adds
it to their own; the same day for alcohol, for adjustment only); an
"unknown" indicator for each distinct pattern of days an exposure could not be
known on (the missing-indicator method, so a person who logs sleep on half of
their days keeps all their days in the model); weekend or weekday; and a slow
trend, linear with a bend every year. Few columns on purpose: each nuisance
column costs a short diary precision, and weekend drinking against weekend
episodes is the weekly pattern most likely to mix with an exposure.

A row is a day whose episodes are known, that is not excluded, and on which at
least one exposure in the model is known. Exposures unknown on only a handful
of rows drop those rows instead of getting an indicator, which would fit them
exactly and say nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from tracker.analysis.exposures import BY_KEY, EXPOSURES, Exposure, exposure_by_outcome_day
from tracker.domain.finding_text import timing_phrase

# Days each side of an exposure needs before it is tested (see
# docs/relationship-statistics.md: chosen from simulations with no effect).
MIN_GROUP_DAYS = 10
# An "unknown" pattern shorter than this drops its rows instead.
MIN_UNKNOWN_DAYS = 10
# The weekly rhythm enters as one weekend column (Saturday and Sunday), from
# eight weeks of rows on: weekend drinking and weekend episodes must not pass
# for each other, and six weekday columns cost more than they remove.
DOW_MIN_ROWS = 56
DAY_OF_WEEK = "weekend"  # or "full" (six columns) or "none"
# A linear trend, bending once a year in longer diaries.
TREND_KNOT_DAYS = 365
_DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class Design:
    """What the count regression is fitted to."""

    y: np.ndarray
    x: np.ndarray
    names: tuple[str, ...]
    tested: dict[str, int]  # exposure key -> its column in ``x``
    rows: np.ndarray  # calendar-day position of each row
    adjusted_for: tuple[str, ...]
    # A tested same-day exposure's column at the day before: the effect tested is
    # the two coefficients together (see ``count_model``). Alcohol, tested the day
    # after, keeps its same-day column for adjustment only: its timing was chosen
    # to keep out drinking *because of* a bad day.
    other_timing: dict[str, int] = field(default_factory=dict)


def primary_exposures(daily: pd.DataFrame) -> dict[str, np.ndarray]:
    """Each exposure at its primary timing, by outcome day (1, 0 or NaN)."""
    return {e.key: exposure_by_outcome_day(daily, e, e.window, e.lag) for e in EXPOSURES}


def other_timing(exposure: Exposure) -> int:
    """The lag an acute exposure is also adjusted at: the same day or the day before."""
    return 1 if exposure.lag == 0 else 0


def group_sizes(state: np.ndarray, rows: np.ndarray) -> tuple[int, int]:
    """Exposed and unexposed days among ``rows``."""
    return int(np.sum(rows & (state == 1.0))), int(np.sum(rows & (state == 0.0)))


def _enough(state: np.ndarray, rows: np.ndarray, min_group: int) -> bool:
    return min(group_sizes(state, rows)) >= min_group


def outcome_rows(daily: pd.DataFrame) -> np.ndarray:
    """Days whose episodes can enter the model at all."""
    return (np.isfinite(daily["episodes"].to_numpy(dtype=float))
            & ~daily["excluded"].to_numpy(dtype=bool))


def build_design(daily: pd.DataFrame, primary: Mapping[str, np.ndarray],
                 candidates: tuple[str, ...], min_group: int = MIN_GROUP_DAYS,
                 extra: Mapping[str, np.ndarray] | None = None,
                 one_timing: frozenset[str] = frozenset()) -> Design:
    """The model for the exposures in ``candidates`` (those with enough days each side).

    ``extra`` holds further per-day covariates (NaN where unknown), entered for
    adjustment like the acute exposures' second timing. Acute exposures named
    in ``one_timing`` enter at their primary timing only.
    """
    base = outcome_rows(daily)
    columns: dict[str, np.ndarray] = {key: primary[key] for key in candidates}
    sources = {key: _source(key) for key in candidates}
    labels: list[str] = []
    for exposure in EXPOSURES:
        if (exposure.key not in candidates or not exposure.acute
                or exposure.key in one_timing):
            continue
        lag = other_timing(exposure)
        state = exposure_by_outcome_day(daily, exposure, exposure.window, lag)
        if _enough(state, base, min_group):
            columns[f"{exposure.key}@{lag}"] = state
            sources[f"{exposure.key}@{lag}"] = _source(exposure.key)
            labels.append(f"{exposure.subject} "
                          f"{timing_phrase(exposure.window, lag, exposure.key == 'sleep')}")
    for name, values in (extra or {}).items():
        columns[name] = np.asarray(values, dtype=float)
        sources[name] = name
        labels.append(name)

    known_any = np.zeros(len(daily), dtype=bool)
    for values in columns.values():
        known_any |= np.isfinite(values)
    rows = base & known_any
    tested = [key for key in candidates if _enough(columns[key], rows, min_group)]
    positions = np.flatnonzero(rows)

    blocks: list[tuple[str, np.ndarray]] = [("intercept", np.ones(len(positions)))]
    blocks += [(key, _filled(columns[key], rows)[positions]) for key in tested]
    blocks += [(name, _filled(values, rows)[positions]) for name, values in columns.items()
               if name not in candidates]
    unknown = _unknown_indicators(columns, rows, sources)
    blocks += [(name, mask[positions].astype(float)) for name, mask in unknown.items()]
    labels += [f"days without a value in the {name.removeprefix('unknown:')}"
               for name in unknown]
    dow = pd.DatetimeIndex(daily.index).day_of_week.to_numpy()[positions]
    if len(positions) >= DOW_MIN_ROWS and DAY_OF_WEEK == "full":
        blocks += [(f"dow{d}", (dow == d).astype(float)) for d in range(1, 7)]
        labels.append("day of the week")
    elif len(positions) >= DOW_MIN_ROWS and DAY_OF_WEEK == "weekend":
        blocks.append(("weekend", (dow >= 5).astype(float)))
        labels.append("day of the week (weekend or weekday)")
    blocks += _trend(positions, len(daily))
    labels.append("a slow trend over time")

    names, x = _independent(blocks)
    tested_columns = {key: names.index(key) for key in tested if key in names}
    return Design(
        y=daily["episodes"].to_numpy(dtype=float)[positions],
        x=x,
        names=tuple(names),
        tested=tested_columns,
        rows=positions,
        adjusted_for=tuple(labels),
        other_timing={key: names.index(f"{key}@1") for key in tested_columns
                      if BY_KEY[key].acute and BY_KEY[key].lag == 0 and f"{key}@1" in names},
    )


def _source(key: str) -> str:
    return "food log" if BY_KEY[key].from_food_log else "day factors"


def _filled(values: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """``values`` with unknown days set to the mean of the known ones among ``rows``.

    A filled day sits at the average, so it carries no information about the
    exposure's coefficient; the unknown indicators soak up any difference in
    level between known and unknown days.
    """
    known = rows & np.isfinite(values)
    mean = float(values[known].mean()) if known.any() else 0.0
    return np.where(np.isfinite(values), values, mean)


def _unknown_indicators(columns: Mapping[str, np.ndarray], rows: np.ndarray,
                        sources: Mapping[str, str]) -> dict[str, np.ndarray]:
    """One indicator per source of data (the food log, the day factors, each extra column).

    It marks the rows where any column from that source is unknown, so days the
    person did not log may sit at a different level without one indicator per
    column. Fewer than ``MIN_UNKNOWN_DAYS`` such rows get none: an indicator
    would fit those few days exactly and tell nothing.
    """
    masks: dict[str, np.ndarray] = {}
    for name, values in columns.items():
        source = sources[name]
        masks[source] = masks.get(source, np.zeros(len(rows), dtype=bool)) | (
            rows & ~np.isfinite(values))
    return {f"unknown:{source}": mask for source, mask in masks.items()
            if mask.sum() >= MIN_UNKNOWN_DAYS}


def _trend(positions: np.ndarray, n_days: int) -> list[tuple[str, np.ndarray]]:
    """A line through the period, bending once a year so slow drifts are absorbed."""
    years = (positions - (n_days - 1) / 2) / _DAYS_PER_YEAR
    out = [("trend", years)]
    for knot in range(TREND_KNOT_DAYS, n_days - TREND_KNOT_DAYS // 2, TREND_KNOT_DAYS):
        out.append((f"trend>{knot}", np.maximum(positions - knot, 0) / _DAYS_PER_YEAR))
    return out


def _independent(blocks: list[tuple[str, np.ndarray]]) -> tuple[list[str], np.ndarray]:
    """The columns in order, leaving out any that the earlier ones already span.

    A tested exposure comes right after the intercept, so it is only dropped if
    it is constant on the rows (and then it cannot be estimated anyway). A
    dependent column is removed and the check repeated, since one near-zero
    pivot makes the later ones unreliable.
    """
    names = [name for name, _ in blocks]
    x = np.column_stack([values for _, values in blocks]) if blocks else np.zeros((0, 0))
    while x.shape[1]:
        if x.shape[0] <= x.shape[1]:
            return [], np.zeros((x.shape[0], 0))
        scale = np.linalg.norm(x, axis=0)
        r = np.linalg.qr(x / np.where(scale > 0, scale, 1.0), mode="r")
        weak = np.flatnonzero(np.abs(np.diag(r)) < 1e-7)
        if not len(weak):
            break
        names.pop(int(weak[0]))
        x = np.delete(x, int(weak[0]), axis=1)
    return names, x
