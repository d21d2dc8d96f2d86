"""The exposures the relationship analysis examines, and their rolling means.

Intake is averaged over a few days because body stores change slowly. Only
logged days count: a day without entries is missing, never zero intake.

Missing-day rule: a rolling window of ``w`` calendar days ending on day ``t``
is used only when day ``t`` itself is logged and at least half of the window
(rounded up: 1 of 1, 2 of 3, 4 of 7) is logged; its mean is taken over the
logged days in it. Otherwise day ``t`` drops out of that comparison.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

# The fixed set of windows and lags examined; every comparison made is counted
# in the multiple-testing correction, so this set must not grow with the data.
WINDOWS: tuple[int, ...] = (1, 3, 7)
LAGS: tuple[int, ...] = (0, 1, 2)

REQUIRED_COLUMNS: tuple[str, ...] = (
    "logged", "magnesium_pct", "calcium_pct", "vitamin_d_pct", "vitamin_b12_pct",
    "drinks_ml", "drinks_target_ml", "caffeine_mg", "caffeine_limit_mg", "episodes",
)


@dataclass(frozen=True)
class Exposure:
    """One thing that may relate to twitching, measured against a target.

    ``target_column`` is None when the value is already a percent of target.
    ``above_is_exposed`` is True for caffeine, where going over the limit is
    the exposure, and False for nutrients and drinks, where falling short is.
    """

    key: str
    label: str
    value_column: str
    target_column: str | None
    above_is_exposed: bool
    exposed_phrase: str
    other_phrase: str

    @property
    def other_phrase_alone(self) -> str:
        """``other_phrase`` naming the target, for a sentence without the exposed side."""
        thing = self.exposed_phrase.split(" ", 1)[1]
        return f"{self.other_phrase.removesuffix(' it')} {thing}"


EXPOSURES: tuple[Exposure, ...] = (
    Exposure("magnesium", "Magnesium", "magnesium_pct", None, False,
             "below your magnesium target", "at or above it"),
    Exposure("calcium", "Calcium", "calcium_pct", None, False,
             "below your calcium target", "at or above it"),
    Exposure("vitamin_d", "Vitamin D", "vitamin_d_pct", None, False,
             "below your vitamin D target", "at or above it"),
    Exposure("vitamin_b12", "Vitamin B12", "vitamin_b12_pct", None, False,
             "below your vitamin B12 target", "at or above it"),
    Exposure("drinks", "Drinks", "drinks_ml", "drinks_target_ml", False,
             "below your drinks target", "at or above it"),
    Exposure("caffeine", "Caffeine", "caffeine_mg", "caffeine_limit_mg", True,
             "above your caffeine limit", "within it"),
)

BY_KEY: dict[str, Exposure] = {e.key: e for e in EXPOSURES}


def min_logged_days(window: int) -> int:
    """Logged days a window needs before its mean is trusted (half, rounded up)."""
    return (window + 1) // 2


def normalise(frame: pd.DataFrame) -> pd.DataFrame:
    """The daily frame on a consecutive DatetimeIndex, whatever index type came in.

    Days absent from the frame are added as not logged with unknown episodes,
    so positions in the arrays are calendar days and lags are day offsets.
    """
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"daily frame lacks columns: {', '.join(missing)}")
    out = frame.loc[:, list(REQUIRED_COLUMNS)].copy()
    out.index = pd.DatetimeIndex(pd.to_datetime(out.index)).normalize()
    out = out[~out.index.duplicated(keep="last")].sort_index()
    if len(out):
        full = pd.date_range(out.index[0], out.index[-1], freq="D")
        out = out.reindex(full)
    out["logged"] = out["logged"].fillna(False).astype(bool)
    out["episodes"] = pd.to_numeric(out["episodes"], errors="coerce").astype(float)
    return out


def value_and_target(frame: pd.DataFrame, exposure: Exposure) -> tuple[np.ndarray, np.ndarray]:
    """Per-day value and target, NaN on days that are not logged or not usable.

    Nutrients are already percent of target, so their target is 100.
    """
    logged = frame["logged"].to_numpy(dtype=bool)
    value = pd.to_numeric(frame[exposure.value_column], errors="coerce").to_numpy(dtype=float)
    if exposure.target_column is None:
        target = np.full(len(frame), 100.0)
    else:
        target = pd.to_numeric(frame[exposure.target_column], errors="coerce").to_numpy(
            dtype=float)
    usable = logged & np.isfinite(value) & np.isfinite(target) & (target > 0)
    return np.where(usable, value, np.nan), np.where(usable, target, np.nan)


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


def is_exposed(pct: np.ndarray, exposure: Exposure) -> np.ndarray:
    """Exposure days among the finite percents (NaN counts as neither)."""
    with np.errstate(invalid="ignore"):
        return pct > 100.0 if exposure.above_is_exposed else pct < 100.0


def lagged(episodes: np.ndarray, lag: int) -> np.ndarray:
    """Episodes ``lag`` days after each day; NaN past the end of the period."""
    out = np.full(len(episodes), np.nan)
    if lag < len(episodes):
        out[: len(episodes) - lag] = episodes[lag:]
    return out


def exposure_points(frame: pd.DataFrame, key: str, window: int, lag: int) -> pd.DataFrame:
    """Rolling percent of target and the episodes ``lag`` days later, one row per usable day.

    Feeds the scatter chart; ``exposed`` marks the days on the shortfall side.
    """
    daily = normalise(frame)
    exposure = BY_KEY[key]
    value, target = value_and_target(daily, exposure)
    pct = rolling_percent(value, target, window)
    eps = lagged(daily["episodes"].to_numpy(dtype=float), lag)
    keep = np.isfinite(pct) & np.isfinite(eps)
    return pd.DataFrame(
        {"percent": pct[keep], "episodes": eps[keep], "exposed": is_exposed(pct[keep], exposure)},
        index=daily.index[keep],
    )
