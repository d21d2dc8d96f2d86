"""Points and trend line for the relationship scatter chart, as plain lists.

The chart layer may not import numpy or pandas, so everything it draws is
computed here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class ScatterData:
    """One point per usable day: rolling percent of target and the episodes counted."""

    percent: list[float]
    episodes: list[float]
    exposed: list[bool]
    trend: tuple[float, float] | None  # slope, intercept of episodes on percent


def trend_line(x: np.ndarray, y: np.ndarray) -> tuple[float, float] | None:
    """Least-squares slope and intercept, or None when a line would mean nothing."""
    if len(x) < 3 or float(np.ptp(x)) == 0.0:
        return None
    slope, intercept = np.polyfit(x, y, 1)
    return float(slope), float(intercept)


def scatter_data(points: pd.DataFrame) -> ScatterData:
    """``points`` as made by ``exposures.exposure_points``."""
    x = points["percent"].to_numpy(dtype=float)
    y = points["episodes"].to_numpy(dtype=float)
    return ScatterData(x.tolist(), y.tolist(), points["exposed"].astype(bool).tolist(),
                       trend_line(x, y))
