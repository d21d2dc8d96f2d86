"""Recent and frequent foods offered on an empty search: ranked by habit, limited, recent only."""

from __future__ import annotations

import datetime as dt

from tracker.services import diary
from tracker.services.context import Context
from tracker.services.foods import catalog as foods
from tracker.services.foods.recent import recent_foods

TODAY = dt.date(2026, 11, 20)
NOON = dt.time(12, 0)


def _log(ctx: Context, query: str, days_ago: int, times: int = 1) -> str:
    food_id = foods.search_foods(ctx, query, 1)[0].id
    for _ in range(times):
        diary.add_entry(ctx, diary.new_food_entry(
            ctx, food_id, TODAY - dt.timedelta(days=days_ago), NOON, grams="50"))
    return food_id


def test_an_empty_diary_has_no_recent_foods(ctx: Context) -> None:
    assert recent_foods(ctx, 10, TODAY) == []


def test_frequent_and_recent_foods_come_first(ctx: Context) -> None:
    often = _log(ctx, "banana", days_ago=1, times=8)
    once_lately = _log(ctx, "spinach", days_ago=0)
    once_long_ago = _log(ctx, "almonds", days_ago=60)
    ranked = [hit.id for hit in recent_foods(ctx, 10, TODAY)]
    assert ranked == [often, once_lately, once_long_ago]
    assert [hit.id for hit in recent_foods(ctx, 2, TODAY)] == ranked[:2]


def test_custom_foods_are_offered_with_their_names(ctx: Context) -> None:
    soup = foods.add_custom_food(ctx, "Lentil soup", 300, {"magnesium": 90})
    diary.add_entry(ctx, diary.new_food_entry(ctx, soup.id, TODAY, NOON, amount="1 serving"))
    [hit] = recent_foods(ctx, 10, TODAY)
    assert (hit.id, hit.name) == (soup.id, "Lentil soup")


def test_foods_outside_the_habit_window_are_left_out(ctx: Context) -> None:
    # Habits count over the last 180 days.
    _log(ctx, "banana", days_ago=181)
    assert recent_foods(ctx, 10, TODAY) == []
    spinach = _log(ctx, "spinach", days_ago=179)
    assert [hit.id for hit in recent_foods(ctx, 10, TODAY)] == [spinach]
