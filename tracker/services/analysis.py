"""Use cases of the relationship analysis and the charts, over a period of the diary.

The analysis modules are imported inside the functions, so importing this
module (as the window does at start-up) loads neither numpy nor pandas.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tracker.services import totals
from tracker.services.context import Context
from tracker.storage import entries as entries_repo
from tracker.storage.diary import Diary

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


def trial_spans(ctx: Context, first: dt.date, last: dt.date
                ) -> list[tuple[dt.date, dt.date, tuple[str, ...]]]:
    """Per self-experiment in the period (abandoned ones too: the person still changed the
    exposure): its days and the exposures it changed on purpose."""
    from tracker.services.experiments.trials import product_of, trials

    spans = []
    for trial in trials(ctx):
        plan = trial.plan
        end = trial.span_end if trial.status != "abandoned" else (trial.stopped_on or plan.end)
        if plan.start > last or end < first:
            continue
        if plan.kind == "supplement":
            product = product_of(ctx, plan)
            keys = tuple(k for k, v in (product.per_unit.items() if product else ()) if v)
        else:
            keys = ("caffeine",) if plan.kind == "caffeine-limit" else ("drinks",)
        spans.append((max(plan.start, first), min(end, last), keys))
    return spans


def without_trial_phases(ctx: Context, frame: DailyFrame) -> tuple[DailyFrame, dict[str, Any]]:
    """The frame with each trial's days excluded and the exposures it changed unknown on
    them (see ``tracker.analysis.experiment_phases``), and a note for ``analyze --json``."""
    from tracker.analysis.experiment_phases import mask_trial_days

    if frame.empty:
        return frame, {"excluded": [], "excluded_days": 0}
    first, last = frame.index[0].date(), frame.index[-1].date()
    spans = trial_spans(ctx, first, last)
    masked, days = mask_trial_days(frame, spans)
    return masked, {"excluded": [{"from": a.isoformat(), "to": b.isoformat(),
                                  "exposures": list(keys)} for a, b, keys in spans],
                    "excluded_days": days,
                    "note": "Days of a self-experiment are set aside: they count as no "
                            "exposure's outcome days, and the exposures the trial changed on "
                            "purpose are unknown on them. Its own result is under "
                            "'experiment result'."}


def analyze(ctx: Context, date_from: dt.date | None = None,
            date_to: dt.date | None = None) -> dict[str, Any]:
    """Findings as ``analyze --json`` prints them.

    ``{"exposures": {...}, "nutrients": (the same, an alias for one release), "model": {...},
    "experiments": {...}}``, the last naming the self-experiment days left out.
    """
    from tracker.analysis.relationship import analyze_relationships

    _, _, frame = _frame(ctx, date_from, date_to)
    masked, note = without_trial_phases(ctx, frame)
    result = analyze_relationships(masked)
    result["experiments"] = note
    return result


def chart_data(ctx: Context, date_from: dt.date | None = None,
               date_to: dt.date | None = None) -> ChartData:
    """Weekly means, the episode calendar and the relationship view's data for a period."""
    from tracker.analysis.episode_calendar import calendar_grid
    from tracker.analysis.relationship import analyze_relationships, chosen_points
    from tracker.analysis.weekly import weekly_summary

    first, last, frame = _frame(ctx, date_from, date_to)
    masked, _ = without_trial_phases(ctx, frame)
    result = analyze_relationships(masked)
    return ChartData(first, last, weekly_summary(frame), calendar_grid(frame), result,
                     chosen_points(masked, result), trial_blocks(ctx, first, last))


def chart_data_apart(ctx: Context) -> Callable[[], ChartData]:
    """``chart_data`` as work for a worker thread, so a long diary's charts never hold
    up the window: the work reads the diary through a connection of its own (one
    connection is not used from two threads) and shares the read-only food reference,
    which guards itself with a lock.

    An in-memory diary exists on its one connection only, so it is read here, now."""
    path = ctx.diary.path
    if path is None:
        data = chart_data(ctx)
        return lambda: data
    foods, cache_dir = ctx.foods, ctx.cache_dir

    def work() -> ChartData:
        reader = Diary.open(path, create=False, check=False)
        try:
            return chart_data(Context(reader, cache_dir, foods))
        finally:
            reader.close()

    return work


def trial_blocks(ctx: Context, first: dt.date, last: dt.date
                 ) -> tuple[tuple[dt.date, dt.date, str], ...]:
    """The blocks of every self-experiment not abandoned, as far as each ran, in the period."""
    from tracker.domain.experiments.trial import ABANDONED
    from tracker.services.experiments.trials import trials

    out = []
    for trial in trials(ctx):
        if trial.status == ABANDONED:
            continue
        for block in trial.blocks():
            end = min(block.end, trial.span_end, last)
            if block.start <= end and end >= first and block.start <= trial.span_end:
                out.append((max(block.start, first), end, block.phase))
    return tuple(out)
