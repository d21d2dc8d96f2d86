"""Generated daily frames in the shape tracker/analysis/daily.py produces.

Intake drifts from day to day (AR(1) around a mean near target), people skip
logging in runs (holidays, busy weeks), and episodes are overdispersed counts
with their own day-to-day persistence. Optionally one exposure drives the
episode rate through its true rolling mean, including on days not logged,
because people still eat on days they forget to write down.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

NUTRIENT_COLUMNS = ("magnesium_pct", "calcium_pct", "vitamin_d_pct", "vitamin_b12_pct")
DRINKS_TARGET_ML = 2000.0
CAFFEINE_LIMIT_MG = 400.0


@dataclass(frozen=True)
class Effect:
    """Episodes depend on one column's rolling mean being on the exposed side."""

    column: str
    window: int = 3
    lag: int = 1
    rate_exposed: float = 1.6
    rate_other: float = 0.4


def ar1(rng: np.random.Generator, n: int, mean: float, sd: float, phi: float = 0.7) -> np.ndarray:
    """An autocorrelated series with the given stationary mean and spread."""
    noise = rng.normal(0.0, sd * np.sqrt(1 - phi**2), n)
    out = np.empty(n)
    level = rng.normal(0.0, sd)
    for i in range(n):
        level = phi * level + noise[i]
        out[i] = mean + level
    return out


def logging_pattern(rng: np.random.Generator, n: int, logged_share: float,
                    mean_gap_days: float = 3.0) -> np.ndarray:
    """Logged days with gaps that come in runs, averaging ``logged_share`` of days."""
    if logged_share >= 1.0:
        return np.ones(n, dtype=bool)
    resume = 1.0 / mean_gap_days
    lapse = resume * (1.0 - logged_share) / logged_share
    out = np.empty(n, dtype=bool)
    state = True
    for i in range(n):
        out[i] = state
        state = rng.random() >= lapse if state else rng.random() < resume
    return out


def _exposed(series: np.ndarray, effect: Effect) -> np.ndarray:
    rolled = pd.Series(series).rolling(effect.window, min_periods=1).mean().to_numpy()
    if effect.column == "caffeine_mg":
        exposed = rolled > CAFFEINE_LIMIT_MG
    elif effect.column == "drinks_ml":
        exposed = rolled < DRINKS_TARGET_ML
    else:
        exposed = rolled < 100.0
    shifted = np.zeros(len(series), dtype=bool)
    shifted[effect.lag:] = exposed[: len(series) - effect.lag]
    return shifted


def make_daily(days: int = 180, seed: int = 0, logged_share: float = 0.8,
               effect: Effect | None = None, base_rate: float = 0.8,
               start: date = date(2024, 1, 1), date_index: bool = False) -> pd.DataFrame:
    """A daily frame following the analysis input contract."""
    rng = np.random.default_rng(seed)
    true = {
        "magnesium_pct": np.clip(ar1(rng, days, 100.0, 30.0), 5, None),
        "calcium_pct": np.clip(ar1(rng, days, 100.0, 30.0), 5, None),
        "vitamin_d_pct": np.clip(ar1(rng, days, 100.0, 45.0, phi=0.8), 0, None),
        "vitamin_b12_pct": np.clip(ar1(rng, days, 110.0, 40.0), 5, None),
        "drinks_ml": np.clip(ar1(rng, days, DRINKS_TARGET_ML, 500.0), 200, None),
        "caffeine_mg": np.clip(ar1(rng, days, 330.0, 150.0, phi=0.6), 0, None),
    }
    logged = logging_pattern(rng, days, logged_share)

    # Day-to-day persistence in twitching that has nothing to do with intake.
    mood = np.exp(ar1(rng, days, 0.0, 0.3, phi=0.5))
    if effect is None:
        rate = np.full(days, base_rate)
    else:
        rate = np.where(_exposed(true[effect.column], effect),
                        effect.rate_exposed, effect.rate_other)
    overdispersion = rng.gamma(4.0, 0.25, days)
    episodes = rng.poisson(rate * mood * overdispersion)

    frame = pd.DataFrame({"logged": logged}, index=pd.date_range(start, periods=days, freq="D"))
    for col in NUTRIENT_COLUMNS:
        frame[col] = np.where(logged, np.round(true[col], 1), np.nan)
    # An unlogged day reads as zero drinks and caffeine here on purpose: the
    # analysis must rely on ``logged``, not on the numbers looking missing.
    frame["drinks_ml"] = np.where(logged, np.round(true["drinks_ml"]), 0.0)
    frame["drinks_target_ml"] = DRINKS_TARGET_ML
    frame["caffeine_mg"] = np.where(logged, np.round(true["caffeine_mg"]), 0.0)
    frame["caffeine_limit_mg"] = CAFFEINE_LIMIT_MG
    frame["episodes"] = episodes.astype(int)
    if date_index:
        frame.index = pd.Index([d.date() for d in frame.index], name="date")
    else:
        frame.index.name = "date"
    return frame
