"""Episodes per day laid out as a wall calendar: rows Monday..Sunday, one column per week."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tracker.analysis.weekly import daily_episodes


@dataclass(frozen=True)
class CalendarGrid:
    """``counts[row, col]`` is the day ``first_monday + 7 * col + row``; NaN outside the period."""

    first_monday: dt.date
    counts: np.ndarray

    @property
    def weeks(self) -> int:
        return int(self.counts.shape[1])

    def last_weeks(self, weeks: int | None) -> CalendarGrid:
        """The most recent ``weeks`` columns (all of them for None)."""
        if weeks is None or weeks >= self.weeks:
            return self
        skipped = self.weeks - weeks
        return CalendarGrid(self.first_monday + dt.timedelta(weeks=skipped),
                            self.counts[:, skipped:])

    def highest(self) -> int:
        """The largest daily count shown, 0 for an empty grid."""
        finite = self.counts[np.isfinite(self.counts)]
        return int(finite.max()) if finite.size else 0


def calendar_grid(frame: pd.DataFrame) -> CalendarGrid:
    """The grid of the daily frame's episodes, every calendar day of its period."""
    per_day = daily_episodes(frame)
    if per_day.empty:
        return CalendarGrid(dt.date.today(), np.full((7, 0), np.nan))
    first = per_day.index[0].date()
    first_monday = first - dt.timedelta(days=first.weekday())
    offsets = np.asarray((per_day.index - pd.Timestamp(first_monday)).days, dtype=np.int64)
    grid = np.full((7, offsets[-1] // 7 + 1), np.nan)
    grid[offsets % 7, offsets // 7] = per_day.to_numpy(dtype=float)
    return CalendarGrid(first_monday, grid)
