"""Use cases on saved meals: save one (from entries or a day), log it in one step, undo that.

Logging a meal writes all its entries in one transaction, and ``unlog_meal``
removes them all again in one, so one undo takes back the whole meal.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.domain.entries import (
    CaffeineEntry,
    Entry,
    FoodEntry,
    SupplementDose,
    WaterEntry,
    new_id,
)
from tracker.domain.errors import UserError
from tracker.domain.foods import MEAL_PREFIX, base_id
from tracker.domain.meals import Meal, MealItem, check_meal, food_item
from tracker.services import diary
from tracker.services.context import Context
from tracker.services.foods.catalog import get_food
from tracker.services.foods.edits import weighed_again
from tracker.storage import entries as entry_repo
from tracker.storage.own_foods import meals as repo
from tracker.storage.own_foods import supplements as supplement_repo


def items_from_entries(entries: Sequence[Entry]) -> list[MealItem]:
    """Meal items for ``entries`` (episodes are not part of a meal and are left out)."""
    items = []
    for entry in entries:
        if isinstance(entry, FoodEntry):
            items.append(food_item(base_id(entry.food_id), entry.grams, entry.amount,
                                   entry.unit))
        elif isinstance(entry, WaterEntry):
            items.append(MealItem("water", volume_ml=entry.volume_ml))
        elif isinstance(entry, CaffeineEntry):
            items.append(MealItem("caffeine", caffeine_mg=entry.caffeine_mg, label=entry.label))
        elif isinstance(entry, SupplementDose):
            items.append(MealItem("supplement", product_id=entry.product_id, units=entry.units))
    return items


def save_meal(ctx: Context, name: str, items: Sequence[MealItem]) -> Meal:
    """Store a new meal; names are unique, ignoring case."""
    name = check_meal(name, items)
    conn = ctx.diary.conn
    if repo.by_name(conn, name) is not None:
        raise UserError(f"A meal named {name!r} already exists; choose another name.", "name")
    for item in items:
        if item.kind == "food":
            get_food(ctx, item.food_id or "")
        elif item.kind == "supplement" and supplement_repo.product_by_id(
                conn, item.product_id or "") is None:
            raise UserError("A supplement in the meal does not exist.", "items")
    meal = Meal(f"{MEAL_PREFIX}{uuid.uuid4().hex}", name, tuple(items))
    with ctx.diary.write() as write:
        repo.put(write, meal)
    return meal


def meal_from_day(ctx: Context, name: str, day: dt.date,
                  span: tuple[dt.time, dt.time] | None = None) -> Meal:
    """Save the foods, water, caffeine and supplements of ``day`` (within ``span``) as a meal."""
    logged = diary.day(ctx, day)
    entries: list[Entry] = [*logged.foods, *logged.water, *logged.caffeine, *logged.doses]
    if span is not None:
        entries = [e for e in entries if span[0] <= e.time <= span[1]]
    entries.sort(key=lambda e: e.time)
    if not entries:
        within = f" between {span[0]:%H:%M} and {span[1]:%H:%M}" if span else ""
        raise UserError(f"Nothing to save: no foods, water, caffeine or supplements on "
                        f"{day.isoformat()}{within}.", "from_day")
    return save_meal(ctx, name, items_from_entries(entries))


def meals(ctx: Context) -> list[Meal]:
    return repo.all_meals(ctx.diary.conn)


def find_meal(ctx: Context, name_or_id: str) -> Meal:
    """The meal with this id or name (ignoring case)."""
    conn = ctx.diary.conn
    found = (repo.by_id(conn, name_or_id) if name_or_id.startswith(MEAL_PREFIX)
             else repo.by_name(conn, name_or_id))
    if found is None:
        known = ", ".join(m.name for m in repo.all_meals(conn)) or "none yet"
        raise UserError(f"No saved meal named {name_or_id!r} (saved meals: {known}).", "meal")
    return found


def entries_for(ctx: Context, meal: Meal, day: dt.date, time: dt.time) -> list[Entry]:
    """New entries for everything in ``meal`` at ``day`` ``time``; foods as they are now."""
    entries: list[Entry] = []
    for item in meal.items:
        if item.kind == "food":
            food = get_food(ctx, item.food_id or "")
            grams = weighed_again(item.grams or 0.0, item.amount or 0.0, item.unit or "g",
                                  food.portions)
            entries.append(FoodEntry(day, time, food.id, grams, item.amount or grams,
                                     item.unit or "g", id=new_id()))
        elif item.kind == "water":
            entries.append(WaterEntry(day, time, item.volume_ml or 0.0, id=new_id()))
        elif item.kind == "caffeine":
            entries.append(CaffeineEntry(day, time, item.caffeine_mg or 0.0, item.label or "",
                                         id=new_id()))
        elif item.kind == "supplement":
            entries.append(SupplementDose(day, time, item.product_id or "", item.units or 0.0,
                                          id=new_id()))
    for entry in entries:
        diary.check(ctx, entry)
    return entries


@dataclass(frozen=True)
class LoggedMeal:
    """A meal logged once: its entries, and how often it had been logged before."""

    meal: Meal
    entries: tuple[Entry, ...]


def log_meal(ctx: Context, meal: Meal, day: dt.date, time: dt.time,
             entries: Sequence[Entry] | None = None) -> LoggedMeal:
    """Add every item of ``meal`` at ``day`` ``time`` in one transaction.

    ``entries`` (from ``entries_for``) lets a redo store the same entries again.
    """
    made = list(entries) if entries is not None else entries_for(ctx, meal, day, time)
    with ctx.diary.write() as conn:
        for entry in made:
            entry_repo.insert(conn, entry)
        last = max(day, meal.last_logged) if meal.last_logged else day
        repo.set_usage(conn, meal.id, meal.times_logged + 1, last)
    return LoggedMeal(meal, tuple(made))


def unlog_meal(ctx: Context, logged: LoggedMeal) -> None:
    """Remove every entry ``log_meal`` added, in one transaction (the undo)."""
    with ctx.diary.write() as conn:
        for entry in logged.entries:
            entry_repo.delete(conn, type(entry), entry.id)
        if repo.by_id(conn, logged.meal.id) is not None:
            repo.set_usage(conn, logged.meal.id, logged.meal.times_logged,
                           logged.meal.last_logged)


def delete_meal(ctx: Context, meal_id: str) -> Meal:
    """Delete a saved meal (its logged entries stay); returns it for an undo."""
    meal = find_meal(ctx, meal_id)
    with ctx.diary.write() as conn:
        repo.delete(conn, meal.id)
    return meal


def restore_meal(ctx: Context, meal: Meal) -> None:
    with ctx.diary.write() as conn:
        repo.put(conn, meal)
