"""The foods a person logs often or lately, offered before they type anything.

Ranked by the same habit boost that lifts these foods in search results, so
the empty search field and a typed query agree on what "your foods" are.
"""

from __future__ import annotations

import datetime as dt

from tracker.domain.foods import FoodHit
from tracker.services.context import Context
from tracker.services.foods import get_foods, habit_boosts


def recent_foods(ctx: Context, limit: int = 15, today: dt.date | None = None) -> list[FoodHit]:
    """Up to ``limit`` foods from the diary's recent entries, most habitual first."""
    boosts = habit_boosts(ctx, today)
    ranked = sorted(boosts, key=lambda food_id: (-boosts[food_id], food_id))
    found = get_foods(ctx, ranked)  # an entry may name a custom food deleted since
    hits = [FoodHit(food_id, found[food_id].name, found[food_id].group, boosts[food_id],
                    found[food_id].common_names)
            for food_id in ranked if food_id in found]
    return hits[:limit]
