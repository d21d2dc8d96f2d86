"""The eleven exposures the relationship analysis examines, and how each day gets one.

An exposure is a day-level yes/no: a stretch below a nutrient target, a day
over the caffeine limit, a short night. Each has one **primary** timing chosen
from physiology before any data was looked at (``window`` days averaged,
counted ``lag`` days before the episodes; see docs/relationship-statistics.md).

Missing-day rule: only logged days carry intake, and only days with a value
given carry sleep, stress or exercise. A rolling window of ``w`` days ending on
day ``t`` is used only when day ``t`` itself has a value and at least half of
the window (rounded up: 1 of 1, 2 of 3, 14 of 28) has one; its mean is taken
over those days. A window is never filled from days the person did not log.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

# Windows and lags of the exploratory views (never flagged). The primary timing
# of each exposure is fixed in ``EXPOSURES``.
WINDOWS: tuple[int, ...] = (1, 3, 7, 28)
LAGS: tuple[int, ...] = (0, 1, 2)

REQUIRED_COLUMNS: tuple[str, ...] = (
    "logged", "magnesium_pct", "calcium_pct", "vitamin_d_pct", "vitamin_b12_pct",
    "drinks_ml", "drinks_target_ml", "caffeine_mg", "caffeine_limit_mg", "episodes",
)
# Read when present, unknown on every day when absent (an older frame).
OPTIONAL_COLUMNS: tuple[str, ...] = (
    "potassium_pct", "alcohol_g", "sleep_hours", "stress", "exercise_min", "excluded",
)

ALCOHOL_THRESHOLD_G = 14.0  # one US standard drink (NIAAA)
SHORT_SLEEP_HOURS = 7.0  # adults need at least 7 hours (AASM and SRS consensus, 2015)
HIGH_STRESS = 4.0  # 4 or 5 on the 1-5 scale
# Strenuous exercise: at least half as much again as the person's usual day
# (median of the days exercise was given, rest days included) and never less
# than half an hour.
STRENUOUS_FACTOR = 1.5
STRENUOUS_FLOOR_MIN = 30.0


@dataclass(frozen=True)
class Exposure:
    """One thing that may go with twitching, measured against a reference.

    The day's value is compared with ``reference`` (a column of per-day targets
    or limits, or a fixed number; None: relative to the person's usual): exposed
    when below it, or when above it (at or above when ``inclusive``) for
    ``above_is_exposed``. ``from_food_log`` values are known only on logged
    days; day factors wherever they were given. ``acute`` exposures act within
    a day or two; the adjusted model takes them in at the same day and the day
    before, whatever their primary timing.

    Wording: "when {subject} {timing} was {exposed}" / "... was {other}";
    ``other_alone`` names the reference without the exposed side.
    """

    key: str
    label: str
    value_column: str
    reference: str | float | None
    above_is_exposed: bool
    inclusive: bool
    from_food_log: bool
    window: int
    lag: int
    acute: bool
    subject: str
    exposed_phrase: str
    other_phrase: str
    other_alone: str
    unit: str
    short: str  # the exposed side in a table cell: "below target"
    other_short: str  # the other side: "at or above target"


def _nutrient(key: str, label: str, name: str, window: int) -> Exposure:
    return Exposure(key, label, f"{key}_pct", 100.0, False, False, True, window, 1, False,
                    "intake", f"below your {name} target", "at or above it",
                    f"at or above your {name} target", "% of target", "below target",
                    "at or above target")


EXPOSURES: tuple[Exposure, ...] = (
    _nutrient("magnesium", "Magnesium", "magnesium", 3),
    _nutrient("calcium", "Calcium", "calcium", 3),
    _nutrient("vitamin_d", "Vitamin D", "vitamin D", 28),
    _nutrient("vitamin_b12", "Vitamin B12", "vitamin B12", 28),
    _nutrient("potassium", "Potassium", "potassium", 3),
    Exposure("drinks", "Drinks", "drinks_ml", "drinks_target_ml", False, False, True, 1, 0,
             True, "drinks", "below your drinks target", "at or above it",
             "at or above your drinks target", "% of target", "below target",
             "at or above target"),
    Exposure("caffeine", "Caffeine", "caffeine_mg", "caffeine_limit_mg", True, False, True, 1,
             0, True, "caffeine", "above your caffeine limit", "within it",
             "within your caffeine limit", "% of limit", "above limit", "within limit"),
    Exposure("alcohol", "Alcohol", "alcohol_g", ALCOHOL_THRESHOLD_G, True, True, True, 1, 1,
             True, "alcohol", "one standard drink (14 g) or more", "less",
             "under one standard drink (14 g)", "g", "14 g or more", "less than 14 g"),
    Exposure("sleep", "Sleep", "sleep_hours", SHORT_SLEEP_HOURS, False, False, False, 1, 0,
             True, "sleep", "under 7 hours", "7 hours or more", "7 hours or more", "h",
             "under 7 h", "7 h or more"),
    Exposure("stress", "Stress", "stress", HIGH_STRESS, True, True, False, 1, 0, True,
             "stress", "high (4 or 5 of 5)", "lower (1 to 3)", "lower than 4 of 5", "of 5",
             "4 or 5 of 5", "1 to 3 of 5"),
    Exposure("exercise", "Exercise", "exercise_min", None, True, True, False, 1, 0, False,
             "exercise", "well above your usual", "at or near your usual or less",
             "at or near your usual or less", "min", "well above usual", "usual or less"),
)

BY_KEY: dict[str, Exposure] = {e.key: e for e in EXPOSURES}


def min_logged_days(window: int) -> int:
    """Days with a value a window needs before its mean is trusted (half, rounded up)."""
    return (window + 1) // 2


def normalise(frame: pd.DataFrame) -> pd.DataFrame:
    """The daily frame on a consecutive DatetimeIndex, whatever index type came in.

    Days absent from the frame are added as not logged with unknown episodes,
    so positions in the arrays are calendar days and lags are day offsets.
    Optional columns absent from the frame are added as unknown (NaN), and
    ``excluded`` (days a later step sets aside, e.g. a self-experiment) as False.
    """
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"daily frame lacks columns: {', '.join(missing)}")
    present = [c for c in OPTIONAL_COLUMNS if c in frame.columns]
    out = frame.loc[:, [*REQUIRED_COLUMNS, *present]].copy()
    out.index = pd.DatetimeIndex(pd.to_datetime(out.index)).normalize()
    out = out[~out.index.duplicated(keep="last")].sort_index()
    if len(out):
        full = pd.date_range(out.index[0], out.index[-1], freq="D")
        out = out.reindex(full)
    for column in OPTIONAL_COLUMNS:
        if column not in out.columns:
            out[column] = np.nan
    out["logged"] = out["logged"].fillna(False).astype(bool)
    out["excluded"] = out["excluded"].fillna(0).astype(bool)
    out["episodes"] = pd.to_numeric(out["episodes"], errors="coerce").astype(float)
    return out


def _numbers(frame: pd.DataFrame, column: str) -> np.ndarray:
    return pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float)


def usual_exercise_threshold(minutes: np.ndarray) -> float | None:
    """The minutes above which a day counts as strenuous for this person; None if none given."""
    given = minutes[np.isfinite(minutes)]
    if not len(given):
        return None
    return max(STRENUOUS_FLOOR_MIN, STRENUOUS_FACTOR * float(np.median(given)))


def value_and_reference(frame: pd.DataFrame,
                        exposure: Exposure) -> tuple[np.ndarray, np.ndarray]:
    """Per-day value and reference, NaN on days without a usable value."""
    value = _numbers(frame, exposure.value_column)
    if isinstance(exposure.reference, str):
        reference = _numbers(frame, exposure.reference)
    else:
        level = (usual_exercise_threshold(value) if exposure.reference is None
                 else exposure.reference)
        reference = np.full(len(frame), np.nan if level is None else float(level))
    usable = np.isfinite(value) & np.isfinite(reference) & (reference > 0)
    if exposure.from_food_log:
        usable &= frame["logged"].to_numpy(dtype=bool)
    return np.where(usable, value, np.nan), np.where(usable, reference, np.nan)


def reference_value(frame: pd.DataFrame, exposure: Exposure) -> float | None:
    """Where the scatter chart draws the exposure's line, in the chart's x units.

    Percent-of-target exposures (nutrients, drinks, caffeine) are drawn in percent,
    so their line is at 100; the others in their own unit (grams, hours, stress
    level, the person's strenuous-exercise minutes).
    """
    if isinstance(exposure.reference, str) or exposure.value_column.endswith("_pct"):
        return 100.0
    if exposure.reference is None:
        return usual_exercise_threshold(_numbers(frame, exposure.value_column))
    return float(exposure.reference)


def rolling_percent(value: np.ndarray, target: np.ndarray, window: int) -> np.ndarray:
    """Rolling percent of target over the usable days of each window, NaN when too few.

    Percent is 100 × (sum of values) / (sum of targets) over the same days, which
    equals comparing the rolling mean value with the rolling mean target.
    """
    usable = np.isfinite(value)
    v = np.concatenate(([0.0], np.cumsum(np.where(usable, value, 0.0))))
    t = np.concatenate(([0.0], np.cumsum(np.where(usable, target, 0.0))))
    c = np.concatenate(([0], np.cumsum(usable)))
    end = np.arange(1, len(value) + 1)
    start = np.maximum(end - window, 0)
    count = c[end] - c[start]
    enough = usable & (count >= min_logged_days(window))
    with np.errstate(invalid="ignore", divide="ignore"):
        pct = 100.0 * (v[end] - v[start]) / (t[end] - t[start])
    return np.where(enough, pct, np.nan)


def rolling_mean(value: np.ndarray, window: int) -> np.ndarray:
    """Rolling mean over the days with a value, under the same missing-day rule."""
    return rolling_percent(value, np.where(np.isfinite(value), 100.0, np.nan), window)


def is_exposed(pct: np.ndarray, exposure: Exposure) -> np.ndarray:
    """Exposure days among the finite percents (NaN counts as neither)."""
    with np.errstate(invalid="ignore"):
        if not exposure.above_is_exposed:
            return pct < 100.0
        # Sums of equal values can land a hair under 100 %; at the threshold counts.
        return pct >= 100.0 - 1e-9 if exposure.inclusive else pct > 100.0


def shifted(values: np.ndarray, lag: int) -> np.ndarray:
    """``values`` moved ``lag`` days later: entry ``t`` holds day ``t - lag``'s value."""
    out = np.full(len(values), np.nan)
    if 0 <= lag < len(values):
        out[lag:] = values[: len(values) - lag]
    return out


def lagged(episodes: np.ndarray, lag: int) -> np.ndarray:
    """Episodes ``lag`` days after each day; NaN past the end of the period."""
    out = np.full(len(episodes), np.nan)
    if lag < len(episodes):
        out[: len(episodes) - lag] = episodes[lag:]
    return out


def exposure_by_outcome_day(frame: pd.DataFrame, exposure: Exposure, window: int,
                            lag: int) -> np.ndarray:
    """Per day: 1.0 if the window ``lag`` days before was exposed, 0.0 if not, NaN if unknown.

    ``frame`` must be normalised. Indexing by the day the episodes are counted
    lets every exposure and timing share one row per outcome day in the model.
    """
    return exposure_state(*value_and_reference(frame, exposure), exposure, window, lag)


def exposure_state(value: np.ndarray, reference: np.ndarray, exposure: Exposure, window: int,
                   lag: int) -> np.ndarray:
    """``exposure_by_outcome_day`` from the day values already read."""
    pct = rolling_percent(value, reference, window)
    state = np.where(np.isfinite(pct), is_exposed(pct, exposure).astype(float), np.nan)
    return shifted(state, lag)


def exposure_points(frame: pd.DataFrame, key: str, window: int, lag: int) -> pd.DataFrame:
    """Rolling value and the episodes ``lag`` days later, one row per usable day.

    Feeds the scatter chart: ``percent`` is percent of target for nutrients and
    drinks and caffeine, and the mean value in its own unit (hours, grams,
    minutes, stress level) for the others. ``exposed`` marks the exposed days.
    """
    daily = normalise(frame)
    exposure = BY_KEY[key]
    value, reference = value_and_reference(daily, exposure)
    pct = rolling_percent(value, reference, window)
    shown = pct if isinstance(exposure.reference, str) or exposure.value_column.endswith(
        "_pct") else rolling_mean(value, window)
    eps = lagged(daily["episodes"].to_numpy(dtype=float), lag)
    keep = np.isfinite(pct) & np.isfinite(eps) & ~daily["excluded"].to_numpy(dtype=bool)
    return pd.DataFrame(
        {"percent": shown[keep], "episodes": eps[keep],
         "exposed": is_exposed(pct[keep], exposure)},
        index=daily.index[keep],
    )
