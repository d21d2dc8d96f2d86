"""Saved meals: saved from a day or entries, logged in one step, taken back in one."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.domain.entries import CaffeineEntry, Episode, SupplementDose, WaterEntry
from tracker.domain.errors import UserError
from tracker.domain.meals import MealItem, parse_time_span
from tracker.services import diary, supplements
from tracker.services.context import Context
from tracker.services.foods import catalog as foods
from tracker.services.foods import meals
from tracker.services.foods.edits import edit_custom_food
from tracker.services.foods.recent import quick_picks

DAY = dt.date(2026, 6, 1)
NEXT = DAY + dt.timedelta(days=1)


def _breakfast_day(ctx: Context) -> None:
    oats = diary.new_food_entry(ctx, "sr28:08120", DAY, dt.time(7, 30), grams=40)
    milk = diary.new_food_entry(ctx, "sr28:01077", DAY, dt.time(7, 30), amount="1 cup")
    product = supplements.save_product(ctx, supplements.SupplementProduct(
        "Magnesium citrate", {"magnesium": 150}, "tablet"))
    for entry in (oats, milk, WaterEntry(DAY, dt.time(7, 45), 250),
                  CaffeineEntry(DAY, dt.time(8, 0), 95, "coffee"),
                  SupplementDose(DAY, dt.time(8, 0), product.id, 1),
                  Episode(DAY, dt.time(8, 10), "twitch", "calf", 4),
                  diary.new_food_entry(ctx, "sr28:09040", DAY, dt.time(15, 0), grams=120)):
        diary.add_entry(ctx, entry)


def test_a_meal_from_part_of_a_day_holds_those_entries(ctx: Context) -> None:
    _breakfast_day(ctx)
    meal = meals.meal_from_day(ctx, "Usual breakfast", DAY, parse_time_span("07:00-09:00"))
    kinds = [item.kind for item in meal.items]
    assert kinds == ["food", "food", "water", "caffeine", "supplement"]  # no episode, no banana
    assert meal.items[1] == MealItem("food", food_id="sr28:01077", grams=244.0, amount=1.0,
                                     unit="cup")


def test_logging_a_meal_adds_everything_at_once_and_unlogging_removes_it(ctx: Context) -> None:
    _breakfast_day(ctx)
    meal = meals.meal_from_day(ctx, "Usual breakfast", DAY, parse_time_span("07:00-09:00"))
    logged = meals.log_meal(ctx, meal, NEXT, dt.time(8, 15))
    day = diary.day(ctx, NEXT)
    assert (len(day.foods), len(day.water), len(day.caffeine), len(day.doses)) == (2, 1, 1, 1)
    assert {e.time for e in logged.entries} == {dt.time(8, 15)}
    assert meals.find_meal(ctx, "usual breakfast").times_logged == 1
    meals.unlog_meal(ctx, logged)
    assert diary.day(ctx, NEXT).is_empty
    assert meals.find_meal(ctx, "Usual breakfast").times_logged == 0


def test_a_meal_uses_a_food_as_it_is_now(ctx: Context) -> None:
    bar = foods.add_custom_food(ctx, "Granola bar", 40, {"magnesium": 30})
    meal = meals.save_meal(ctx, "Snack", [MealItem("food", food_id=bar.id, grams=40,
                                                   amount=1, unit="serving")])
    edit = edit_custom_food(ctx, bar.id, "Granola bar", 45, {"magnesium": 30})
    logged = meals.log_meal(ctx, meal, DAY, dt.time(10, 0))
    [entry] = logged.entries
    assert (entry.food_id, entry.grams) == (edit.food.id, 45)  # type: ignore[union-attr]


def test_meal_names_are_unique_and_meals_need_entries(ctx: Context) -> None:
    _breakfast_day(ctx)
    meals.meal_from_day(ctx, "Breakfast", DAY, parse_time_span("07:00-09:00"))
    with pytest.raises(UserError, match="already exists") as refused:
        meals.meal_from_day(ctx, "BREAKFAST", DAY)
    assert refused.value.field == "name"
    with pytest.raises(UserError, match="Nothing to save"):
        meals.meal_from_day(ctx, "Night", DAY, parse_time_span("22:00-23:00"))
    with pytest.raises(UserError, match="No saved meal named 'Lunch'"):
        meals.find_meal(ctx, "Lunch")


@pytest.mark.parametrize("span", ["7-9", "09:00-07:00", "07:00", "25:00-26:00"])
def test_a_bad_time_span_is_refused(span: str) -> None:
    with pytest.raises(UserError) as refused:
        parse_time_span(span)
    assert refused.value.field == "times"


def test_a_product_in_a_meal_cannot_be_deleted(ctx: Context) -> None:
    product = supplements.save_product(ctx, supplements.SupplementProduct(
        "Vitamin D3", {"vitamin_d": 25}, "drop"))
    meals.save_meal(ctx, "Pills", [MealItem("supplement", product_id=product.id, units=2)])
    with pytest.raises(UserError, match="saved meal"):
        supplements.delete_product(ctx, product.id)


def test_meals_are_searched_and_offered_apart_from_recent_and_frequent(ctx: Context) -> None:
    _breakfast_day(ctx)
    meal = meals.meal_from_day(ctx, "Usual breakfast", DAY, parse_time_span("07:00-09:00"))
    meals.log_meal(ctx, meal, NEXT, dt.time(8, 0))
    assert foods.search_foods(ctx, "usual br", 3)[0].id == meal.id
    assert meal.id not in [h.id for h in foods.search_foods(ctx, "usual br", 3, meals=False)]
    for _ in range(3):
        diary.add_entry(ctx, diary.new_food_entry(ctx, "sr28:09040", DAY - dt.timedelta(days=5),
                                                  dt.time(15, 0), grams=100))
    picks = quick_picks(ctx, 2, NEXT)
    assert [h.name for h in picks.meals] == ["Usual breakfast"]
    # Logged last on NEXT (by the meal): milk and oats; the banana, logged 4 times
    # but last on DAY, is the most frequent of the rest.
    assert [h.id for h in picks.recent] == ["sr28:01077", "sr28:08120"]
    assert [h.id for h in picks.frequent] == ["sr28:09040"]
