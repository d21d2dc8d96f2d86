"""The foods and meals a person logs often or lately, offered before they type anything.

Ranked by the same habit boost that lifts these foods in search results, so
the empty search field and a typed query agree on what "your foods" are.
``quick_picks`` splits them into the groups the search field shows: saved
meals, foods logged lately, and foods logged most often.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tracker.domain.foods import MEAL_PREFIX, Food, FoodHit, base_id
from tracker.domain.meals import MEAL_GROUP
from tracker.services.context import Context
from tracker.services.foods.catalog import HABIT_WINDOW_DAYS, habit_boosts
from tracker.services.foods.lookup import current_foods
from tracker.storage import entries as entry_repo
from tracker.storage.own_foods import custom_foods as custom_repo
from tracker.storage.own_foods import meals as meal_repo


def recent_foods(ctx: Context, limit: int = 15, today: dt.date | None = None) -> list[FoodHit]:
    """Up to ``limit`` foods from the diary's recent entries, most habitual first."""
    boosts = habit_boosts(ctx, today)
    ranked = sorted((i for i in boosts if not i.startswith(MEAL_PREFIX)),
                    key=lambda food_id: (-boosts[food_id], food_id))
    found = current_foods(ctx, ranked)  # an entry may name a custom food deleted since
    hits = [FoodHit(food_id, found[food_id].name, found[food_id].group, boosts[food_id],
                    found[food_id].common_names)
            for food_id in ranked if food_id in found]
    return hits[:limit]


@dataclass(frozen=True)
class QuickPicks:
    """What an empty search field offers, in three labelled groups."""

    meals: list[FoodHit]
    recent: list[FoodHit]
    frequent: list[FoodHit]


def quick_picks(ctx: Context, limit: int = 8, today: dt.date | None = None) -> QuickPicks:
    """Saved meals (most used first), the foods logged most lately, then the foods
    logged most often that are not among the recent ones; ``limit`` per group."""
    today = today or dt.date.today()
    since = today - dt.timedelta(days=HABIT_WINDOW_DAYS)
    boosts = habit_boosts(ctx, today)
    meals = sorted(meal_repo.names(ctx.diary.conn),
                   key=lambda m: (-boosts.get(m[0], 0.0), m[1].casefold()))
    meal_hits = [FoodHit(meal_id, name, MEAL_GROUP, boosts.get(meal_id, 0.0))
                 for meal_id, name, _, _ in meals[:limit]]
    usage = custom_repo.usage_since(ctx.diary.conn, since)
    found = current_foods(ctx, usage)

    def hit(food_id: str) -> FoodHit:
        food = found[food_id]
        return FoodHit(food_id, food.name, food.group, boosts.get(food_id, 0.0),
                       food.common_names)

    known = [food_id for food_id in usage if food_id in found]
    latest = sorted(known, key=lambda i: (-usage[i][1].toordinal(), -usage[i][0], i))[:limit]
    shown = set(latest)
    often = sorted((i for i in known if i not in shown),
                   key=lambda i: (-usage[i][0], -usage[i][1].toordinal(), i))[:limit]
    return QuickPicks(meal_hits, [hit(i) for i in latest], [hit(i) for i in often])


def last_amount(ctx: Context, food: Food) -> tuple[float, str] | None:
    """How much of ``food`` (any version of it) the person logged last time, as
    (amount, unit), so that logging it again takes no typing; None before the first time.

    A measure the food no longer offers (an edited recipe or own food) comes back in
    grams, which every food takes."""
    entry = entry_repo.latest_of_food(ctx.diary.conn, base_id(food.id))
    if entry is None:
        return None
    offered = {portion.description for portion in food.portions} | {"g", "oz"}
    return (entry.amount, entry.unit) if entry.unit in offered else (entry.grams, "g")
