"""Use cases of the relationship analysis and the charts, over a period of the diary.

The analysis modules are imported inside the functions, so importing this
module (as the window does at start-up) loads neither numpy nor pandas.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tracker.services import totals
from tracker.services.context import Context
from tracker.storage import entries as entries_repo

if TYPE_CHECKING:
    from tracker.analysis.episode_calendar import CalendarGrid
    from tracker.analysis.scatter import ScatterData
    from tracker.analysis.totals import DailyFrame


@dataclass(frozen=True)
class ChartData:
    """Everything the chart widgets draw for one period, computed in one go."""

    first: dt.date
    last: dt.date
    weekly: Any  # DataFrame from tracker.analysis.weekly.weekly_summary
    calendar: CalendarGrid
    relationship: dict[str, Any]
    points: dict[str, ScatterData]
    # Self-experiment blocks in the period: (first day, last day, "on" or "off").
    trial_blocks: tuple[tuple[dt.date, dt.date, str], ...] = ()


def period(ctx: Context, date_from: dt.date | None = None,
           date_to: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The period to analyse: the dates given, else the first and last day with entries.

    An empty diary gives the single day ``date_to`` (or today), which the analysis
    reports as needing more logged days.
    """
    span = entries_repo.logged_dates(ctx.diary.conn)
    fallback = date_to or date_from or dt.date.today()
    first = date_from or (span[0] if span else fallback)
    last = date_to or (span[1] if span else fallback)
    return first, last


def _frame(ctx: Context, date_from: dt.date | None,
           date_to: dt.date | None) -> tuple[dt.date, dt.date, DailyFrame]:
    first, last = period(ctx, date_from, date_to)
    return first, last, totals.daily_frame(ctx, first, last)


def analyze(ctx: Context, date_from: dt.date | None = None,
            date_to: dt.date | None = None) -> dict[str, Any]:
    """Shortfall ↔ twitching findings, ``{"nutrients": {...}}`` as ``analyze --json`` prints."""
    from tracker.analysis.relationship import analyze_relationships

    _, _, frame = _frame(ctx, date_from, date_to)
    return analyze_relationships(frame)


def chart_data(ctx: Context, date_from: dt.date | None = None,
               date_to: dt.date | None = None) -> ChartData:
    """Weekly means, the episode calendar and the relationship view's data for a period."""
    from tracker.analysis.episode_calendar import calendar_grid
    from tracker.analysis.relationship import analyze_relationships, chosen_points
    from tracker.analysis.weekly import weekly_summary

    first, last, frame = _frame(ctx, date_from, date_to)
    result = analyze_relationships(frame)
    return ChartData(first, last, weekly_summary(frame), calendar_grid(frame), result,
                     chosen_points(frame, result), trial_blocks(ctx, first, last))


def trial_blocks(ctx: Context, first: dt.date, last: dt.date
                 ) -> tuple[tuple[dt.date, dt.date, str], ...]:
    """The blocks of every self-experiment not abandoned, as far as each ran, in the period."""
    from tracker.domain.experiments.trial import ABANDONED
    from tracker.services.experiments import trials

    out = []
    for trial in trials(ctx):
        if trial.status == ABANDONED:
            continue
        for block in trial.blocks():
            end = min(block.end, trial.span_end, last)
            if block.start <= end and end >= first and block.start <= trial.span_end:
                out.append((max(block.start, first), end, block.phase))
    return tuple(out)
