"""Use cases on diary entries: log, edit, delete, read a day, copy a day.

Each function is one transaction. The GUI's undo commands and the CLI call
these same functions, so both faces validate and store entries identically.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from tracker.domain import validation
from tracker.domain.amounts import amount_from_grams, parse_amount
from tracker.domain.entries import (
    CaffeineEntry,
    DayEntries,
    DayFactors,
    Entry,
    Episode,
    FoodEntry,
    SupplementDose,
    WaterEntry,
    new_id,
)
from tracker.domain.errors import UserError
from tracker.services.context import Context
from tracker.storage import entries as repo
from tracker.storage.own_foods import supplements as supplement_repo

# Constrained, so a caller gets back the same kind of entry it passed in.
E = TypeVar("E", bound=Entry)

_CHECKS = {
    FoodEntry: validation.check_food_entry,
    WaterEntry: validation.check_water_entry,
    CaffeineEntry: validation.check_caffeine_entry,
    SupplementDose: validation.check_supplement_dose,
    Episode: validation.check_episode,
}


def _validate(ctx: Context, entry: Entry) -> None:
    _CHECKS[type(entry)](entry)  # type: ignore[operator]
    if isinstance(entry, FoodEntry):
        from tracker.services.foods.catalog import get_food

        get_food(ctx, entry.food_id)  # raises UserError for an unknown food
    elif isinstance(entry, SupplementDose) and supplement_repo.product_by_id(
            ctx.diary.conn, entry.product_id) is None:
        raise UserError("That supplement product does not exist.", "product")


def check(ctx: Context, entry: Entry) -> None:
    """Refuse ``entry`` as ``add_entry`` would, without storing it."""
    _validate(ctx, entry)


def add_entry(ctx: Context, entry: E) -> E:
    """Validate and store ``entry``; storing the same entry (same id) again is a no-op."""
    _validate(ctx, entry)
    with ctx.diary.write() as conn:
        repo.insert(conn, entry)
    return entry


def update_entry(ctx: Context, entry: E) -> E:
    """Replace the stored entry that has ``entry.id`` with these values."""
    _validate(ctx, entry)
    with ctx.diary.write() as conn:
        if not repo.update(conn, entry):
            raise UserError("That entry no longer exists; it may have been deleted.")
    return entry


def delete_entry(ctx: Context, entry: Entry) -> None:
    with ctx.diary.write() as conn:
        repo.delete(conn, type(entry), entry.id)


def day(ctx: Context, date: dt.date) -> DayEntries:
    return repo.day_entries(ctx.diary.conn, date)


def new_food_entry(ctx: Context, food_id: str, date: dt.date, time: dt.time, *,
                   grams: float | str | None = None, amount: str | None = None) -> FoodEntry:
    """A food entry from what the user typed: grams, or an amount such as "1 cup"."""
    from tracker.services.foods.catalog import get_food

    food = get_food(ctx, food_id)
    if (grams is None) == (amount is None):
        raise UserError("Give either grams or an amount such as '1 cup'.", "amount")
    if grams is not None:
        resolved = amount_from_grams(validation.parse_number(grams, "The amount", "grams"))
    else:
        resolved = parse_amount(str(amount), food)
    return FoodEntry(date, time, food.id, resolved.grams, resolved.amount, resolved.unit)


def set_factors(ctx: Context, factors: DayFactors) -> DayFactors:
    validation.check_day_factors(factors)
    with ctx.diary.write() as conn:
        repo.put_factors(conn, factors)
    return factors


def copy_foods(ctx: Context, source: dt.date, target: dt.date) -> list[FoodEntry]:
    """Copy every food entry of ``source`` to ``target`` (e.g. "copy yesterday"), as new entries."""
    copies = [FoodEntry(target, e.time, e.food_id, e.grams, e.amount, e.unit, id=new_id())
              for e in repo.in_range(ctx.diary.conn, FoodEntry, source, source)]
    if not copies:
        raise UserError(f"There are no foods logged on {source.isoformat()} to copy.")
    with ctx.diary.write() as conn:
        for entry in copies:
            repo.insert(conn, entry)
    return copies


def last_caffeine(ctx: Context) -> CaffeineEntry | None:
    """The caffeine entry logged last (by diary date and time), for "the same again"."""
    found = repo.latest(ctx.diary.conn, CaffeineEntry)
    return found if isinstance(found, CaffeineEntry) else None


def days_with_entries(ctx: Context, first: dt.date, last: dt.date) -> set[dt.date]:
    return repo.dates_with_entries(ctx.diary.conn, first, last)
