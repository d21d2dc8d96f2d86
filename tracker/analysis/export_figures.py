"""Figures for the doctor-visit export, taken from the daily frame (see ``analysis.totals``).

Means are over logged days only: a day without entries is unknown, not zero,
so it must not pull an average down. Percent of target is computed as total
intake over total target on the same days.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from tracker.domain.nutrients import BY_KEY, FOCUS
from tracker.domain.report import ChartBin, IntakeLine

# The nutrients with a target and percent column, in the order the summary lists them.
TARGET_KEYS: tuple[str, ...] = (*FOCUS, "potassium", "sodium")
AMOUNT_COLUMNS: tuple[str, ...] = (
    "magnesium_mg", "calcium_mg", "vitamin_d_ug", "vitamin_b12_ug", "potassium_mg",
    "sodium_mg", "caffeine_mg", "water_total_ml", "drinks_ml", "energy_kcal",
)
KNOWN_KEYS: tuple[str, ...] = (*TARGET_KEYS, "caffeine", "energy", "water_total")
MAX_BINS = 16


def _summary_spec() -> list[tuple[str, str, int | None]]:
    """(CSV column, frame column, decimals; None = whole number) of daily_summary.csv."""
    spec: list[tuple[str, str, int | None]] = []
    for column in AMOUNT_COLUMNS:
        key = column.rsplit("_", 1)[0]
        spec.append((column, column, (BY_KEY[key].decimals + 1) if key in BY_KEY else 0))
    spec.append(("episodes", "episodes", None))
    for key in (*TARGET_KEYS, "drinks", "water_total"):
        unit = BY_KEY[key].unit if key in BY_KEY else "ml"
        spec.append((f"{key}_target_{unit}", f"{key}_target_{unit}", 3))
        spec.append((f"{key}_pct_of_target", f"{key}_pct", 1))
    spec.append(("caffeine_limit_mg", "caffeine_limit_mg", 3))
    spec.extend((f"{key}_known_fraction", f"{key}_known_fraction", 3) for key in KNOWN_KEYS)
    spec.append(("logged", "logged", None))
    spec.append(("day_complete", "complete", None))
    return spec


SUMMARY_SPEC = _summary_spec()
SUMMARY_COLUMNS: tuple[str, ...] = ("date", *(c for c, _, _ in SUMMARY_SPEC))


def summary_rows(frame: pd.DataFrame) -> list[list[str | float | int | None]]:
    """daily_summary.csv's rows: one per day, unknown values as None."""
    index = pd.DatetimeIndex(frame.index)
    columns: list[list[str | float | int | None]] = [
        [day.date().isoformat() for day in index]]
    for _, source, decimals in SUMMARY_SPEC:
        if source not in frame.columns:
            columns.append([None] * len(frame))
            continue
        values = pd.to_numeric(frame[source], errors="coerce").to_numpy(dtype=float)
        if decimals is None:
            columns.append([None if math.isnan(v) else int(v) for v in values])
        else:
            rounded = np.round(values, decimals)
            columns.append([None if math.isnan(v) else float(v) + 0.0 for v in rounded])
    return [list(row) for row in zip(*columns, strict=True)]


def _ratio(values: np.ndarray, targets: np.ndarray) -> float | None:
    both = np.isfinite(values) & np.isfinite(targets) & (targets > 0)
    if not both.any():
        return None
    return float(100.0 * values[both].sum() / targets[both].sum())


def _column(frame: pd.DataFrame, name: str) -> np.ndarray:
    if name not in frame.columns:
        return np.full(len(frame), np.nan)
    return pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float)


def _mean(values: np.ndarray) -> float | None:
    finite = values[np.isfinite(values)]
    return float(finite.mean()) if finite.size else None


def intake_lines(frame: pd.DataFrame) -> list[IntakeLine]:
    """Average intake of the four focus nutrients, drinks and caffeine against target."""
    logged = frame["logged"].to_numpy(dtype=bool)
    lines = []
    for key, label, unit, target_col, known_col, is_limit in (
        *((k, BY_KEY[k].label, BY_KEY[k].unit, f"{k}_target_{BY_KEY[k].unit}",
           f"{k}_known_fraction", False) for k in FOCUS),
        ("drinks", "Drinks", "ml", "drinks_target_ml", None, False),
        ("caffeine", "Caffeine", "mg", "caffeine_limit_mg", "caffeine_known_fraction", True),
    ):
        values = np.where(logged, _column(frame, f"{key}_{unit}"), np.nan)
        targets = np.where(logged, _column(frame, target_col), np.nan)
        known = np.where(logged, _column(frame, known_col), np.nan) if known_col else None
        lines.append(IntakeLine(
            key, label, unit, _mean(values), _mean(targets[np.isfinite(values)]),
            _ratio(values, targets), _mean(known) if known is not None else None,
            int(np.isfinite(values).sum()), is_limit))
    return lines


def bin_days(n_days: int, max_bins: int = MAX_BINS) -> int:
    """Days per chart bar group: a week, or several whole weeks when the period is long."""
    weeks = math.ceil(n_days / 7)
    return 7 * max(1, math.ceil(weeks / max_bins))


def chart_bins(frame: pd.DataFrame, keys: Sequence[str] = FOCUS) -> tuple[list[ChartBin], int]:
    """The period cut into equal runs of days from its first day, with their figures."""
    index = pd.DatetimeIndex(frame.index)
    n = len(frame)
    size = bin_days(n)
    logged = frame["logged"].to_numpy(dtype=bool)
    episodes = _column(frame, "episodes")
    bins = []
    for start in range(0, n, size):
        stop = min(start + size, n)
        part = slice(start, stop)
        pct = {}
        for key in keys:
            unit = BY_KEY[key].unit
            values = np.where(logged[part], _column(frame, f"{key}_{unit}")[part], np.nan)
            pct[key] = _ratio(values, _column(frame, f"{key}_target_{unit}")[part])
        counted = episodes[part][np.isfinite(episodes[part])]
        bins.append(ChartBin(index[start].date(), index[stop - 1].date(), pct,
                             7.0 * float(counted.sum()) / (stop - start),
                             int(logged[part].sum())))
    return bins, size
