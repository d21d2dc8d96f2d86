"""Use cases on intake totals: a day against the person's targets, a week's means, a period.

The analysis modules are imported inside the functions, so importing this
module (as the window does at start-up) loads neither numpy nor pandas.

Without a profile there are no reference targets: ``targets`` raises a
UserError saying how to set one, while the summaries and the daily frame
still add up the intake, compare it with the person's own targets only, and
(for the summaries) carry that message as ``notice``.
"""

from __future__ import annotations

import datetime as dt
import weakref
from typing import TYPE_CHECKING

from tracker.domain.entries import SupplementProduct
from tracker.domain.errors import UserError
from tracker.domain.foods import Food
from tracker.domain.reference import (
    NO_PROFILE_MESSAGE,
    Target,
    band_key,
    targets_for,
    with_overrides,
)
from tracker.domain.summary import DaySummary, WeekSummary
from tracker.services.context import Context
from tracker.storage import intake_rows as rows_repo
from tracker.storage import profile as profile_repo
from tracker.storage.own_foods import supplements as supplement_repo

if TYPE_CHECKING:
    from tracker.analysis.intake import PeriodIntake
    from tracker.analysis.totals import DailyFrame

WEEK_DAYS = 7


def targets(ctx: Context, date: dt.date) -> dict[str, Target]:
    """The person's targets and ceilings on ``date``; UserError if no profile is set."""
    return targets_for(profile_repo.get_profile(ctx.diary.conn), date,
                       profile_repo.target_overrides(ctx.diary.conn))


def _targets_by_day(ctx: Context, first: dt.date,
                    n_days: int) -> tuple[list[dict[str, Target]], str | None]:
    conn = ctx.diary.conn
    profile = profile_repo.get_profile(conn)
    overrides = profile_repo.target_overrides(conn)
    if profile is None:
        own = with_overrides({}, overrides)
        return [own] * n_days, NO_PROFILE_MESSAGE
    # Days in the same age band share one dict, so a long period costs a few lookups.
    by_band: dict[int, dict[str, Target]] = {}
    out = []
    for i in range(n_days):
        day = first + dt.timedelta(days=i)
        band = band_key(profile, day)
        if band not in by_band:
            by_band[band] = targets_for(profile, day, overrides)
        out.append(by_band[band])
    return out, None


# Reference foods never change while a reference file is open, so the ones a
# diary uses are kept per open reference; custom foods can be edited and are
# always read afresh.
_REFERENCE_FOODS: weakref.WeakKeyDictionary[object, dict[str, Food]] = (
    weakref.WeakKeyDictionary())
_MAX_KEPT_FOODS = 4000


def _foods(ctx: Context, ids: set[str]) -> dict[str, Food]:
    from tracker.services.foods.catalog import get_foods

    kept = _REFERENCE_FOODS.setdefault(ctx.foods, {})
    found = {i: kept[i] for i in ids if i in kept}
    fresh = get_foods(ctx, ids - found.keys())
    if len(kept) > _MAX_KEPT_FOODS:
        kept.clear()
    kept.update((i, food) for i, food in fresh.items() if not food.is_custom)
    found.update(fresh)
    return found


def _load(ctx: Context, first: dt.date, last: dt.date, detail: bool = False) -> tuple[
        PeriodIntake, dict[str, Food], dict[str, SupplementProduct]]:
    from tracker.analysis.intake import period_intake

    if last < first:
        raise UserError(f"The period ends ({last}) before it starts ({first}).", "date")
    rows = rows_repo.intake_rows(ctx.diary.conn, first, last, detail)
    foods = _foods(ctx, {r[3] for r in rows.foods})
    wanted = {r[3] for r in rows.doses}
    products = {p.id: p for p in supplement_repo.all_products(ctx.diary.conn) if p.id in wanted}
    return period_intake(rows, foods, products, first, last), foods, products


def day_summary(ctx: Context, date: dt.date) -> DaySummary:
    """The day's totals by nutrient against the person's targets, with what lacks data."""
    from tracker.analysis.day_view import summarise_day

    period, foods, products = _load(ctx, date, date, detail=True)
    by_day, notice = _targets_by_day(ctx, date, 1)
    person = profile_repo.get_profile(ctx.diary.conn)
    return summarise_day(period, 0, by_day[0], foods, products, notice,
                         person.reference_set if person else None)


def week_summary(ctx: Context, end_date: dt.date) -> WeekSummary:
    """Means over the logged days among the seven days ending on ``end_date``."""
    from tracker.analysis.day_view import summarise_week

    first = end_date - dt.timedelta(days=WEEK_DAYS - 1)
    period, _, _ = _load(ctx, first, end_date)
    by_day, _ = _targets_by_day(ctx, first, WEEK_DAYS)
    return summarise_week(period, by_day)


def daily_frame(ctx: Context, first: dt.date, last: dt.date) -> DailyFrame:
    """One row per calendar day ``first`` .. ``last``; columns in ``tracker.analysis.totals``."""
    from tracker.analysis.totals import daily_frame as build

    period, _, _ = _load(ctx, first, last)
    by_day, _ = _targets_by_day(ctx, first, period.n_days)
    return build(period, by_day)


def caffeine_and_drinks(ctx: Context, first: dt.date, last: dt.date
                        ) -> list[tuple[float, float]]:
    """Per calendar day ``first`` .. ``last``: caffeine in mg (the known part) and drinks in ml.

    Given for every day, logged or not, because a self-experiment reads them on
    any day with an entry, not only on days the diary counts as logged.
    """
    period, _, _ = _load(ctx, first, last)
    return list(zip(period.known_part("caffeine").tolist(), period.drinks_ml.tolist(),
                    strict=True))
