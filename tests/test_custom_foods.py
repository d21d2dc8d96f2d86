"""A user's own foods: validation, per-serving conversion, found by search, habits boost results."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from tracker.domain.errors import UserError
from tracker.domain.food_ranking import habit_boost
from tracker.domain.foods import Portion
from tracker.services import diary
from tracker.services.context import Context
from tracker.services.foods import catalog as foods


def test_per_serving_amounts_become_per_100g(ctx: Context) -> None:
    food = foods.add_custom_food(ctx, "Granola bar, homemade", 40, {"magnesium": 30,
                                                                    "calcium": 10})
    assert food.nutrients["magnesium"] == pytest.approx(75)
    assert food.nutrients["calcium"] == pytest.approx(25)
    assert food.nutrients["vitamin_d"] is None
    assert food.portions[0] == Portion(1, "serving", 40)
    assert foods.get_food(ctx, food.id) == food


def test_per_100g_amounts_are_kept(ctx: Context) -> None:
    food = foods.add_custom_food(ctx, "Mineral water X", 500, {"magnesium": 12}, per="100g",
                                 portions=[Portion(1, "bottle", 500)], beverage=True)
    stored = foods.get_food(ctx, food.id)
    assert stored.nutrients["magnesium"] == 12
    assert stored.beverage
    assert [p.label for p in stored.portions] == ["1 serving", "1 bottle"]


def test_custom_food_is_found_with_sr28(ctx: Context) -> None:
    food = foods.add_custom_food(ctx, "Grandma's spinach pie", 150, {"magnesium": 40})
    hits = foods.search_foods(ctx, "spinach", 20)
    found = [hit.id for hit in hits]
    assert food.id in found and "sr28:11457" in found
    assert foods.search_foods(ctx, "grandmas spin")[0].id == food.id
    assert food.id not in [hit.id for hit in foods.search_foods(ctx, "banana")]


def test_own_foods_are_found_by_the_same_name_rules(ctx: Context) -> None:
    soy = foods.add_custom_food(ctx, "Homemade soymilk", 250, {"calcium": 30})
    salad = foods.add_custom_food(ctx, "Arugula and pear salad", 150, {"magnesium": 20})
    flakes = foods.add_custom_food(ctx, "Toasted corn flakes, no sugar", 30, {"iron": 2})
    assert soy.id in [hit.id for hit in foods.search_foods(ctx, "soy milk", 10)]
    assert salad.id in [hit.id for hit in foods.search_foods(ctx, "rocket", 3)]
    assert flakes.id in [hit.id for hit in foods.search_foods(ctx, "cornflakes", 5)]
    assert salad.id not in [hit.id for hit in foods.search_foods(ctx, "pear juice", 20)]


def test_frequent_food_rises_in_search(ctx: Context) -> None:
    goat_milk = "sr28:01106"
    assert foods.search_foods(ctx, "milk")[0].id != goat_milk
    today = dt.date.today()
    for days_ago in range(5):
        entry = diary.new_food_entry(ctx, goat_milk, today - dt.timedelta(days=days_ago),
                                     dt.time(8, 0), grams=250)
        diary.add_entry(ctx, entry)
    assert foods.search_foods(ctx, "milk")[0].id == goat_milk
    assert foods.habit_boosts(ctx)[goat_milk] > 0.5


def test_habit_boost_grows_with_use_and_fades_with_time() -> None:
    assert habit_boost(0, 0) == 0
    assert habit_boost(10, 0) > habit_boost(1, 0)
    assert habit_boost(5, 1) > habit_boost(5, 60)
    assert 0 < habit_boost(1000, 0) <= 1


def test_get_foods_mixes_sources_and_skips_unknowns(ctx: Context) -> None:
    food = foods.add_custom_food(ctx, "Oat cookie", 30, {"energy": 140})
    found = foods.get_foods(ctx, ["sr28:11457", food.id, "sr28:00000",
                                 "custom:" + "0" * 32, "junk"])
    assert set(found) == {"sr28:11457", food.id}


@pytest.mark.parametrize("food_id", ["sr28:00000", "custom:" + "a" * 32, "", "spinach",
                                     "sr28:11457x", "sr28:1145", "custom:xyz", "SR28:11457"])
def test_unknown_or_malformed_id_is_a_user_error(ctx: Context, food_id: str) -> None:
    with pytest.raises(UserError, match="Unknown food id") as err:
        foods.get_food(ctx, food_id)
    assert err.value.field == "food"


@pytest.mark.parametrize(("kwargs", "field", "words"), [
    ({"name": ""}, "name", "Food name is required"),
    ({"name": "   "}, "name", "Food name is required"),
    ({"name": "x" * 201}, "name", "Food name is longer than 200 characters"),
    ({"serving_grams": 0}, "serving_grams", "Serving weight must be more than zero"),
    ({"serving_grams": -5}, "serving_grams", "Serving weight must be more than zero"),
    ({"serving_grams": 5001}, "serving_grams", "5001 g is more than 5000 g"),
    ({"serving_grams": math.nan}, "serving_grams", "Serving weight must be a real number"),
    ({"nutrients": {"magnesium": -1}}, "magnesium", "Magnesium cannot be negative"),
    ({"nutrients": {"magnesium": math.inf}}, "magnesium", "Magnesium must be a real number"),
    ({"nutrients": {"magnesium": math.nan}}, "magnesium", "Magnesium must be a real number"),
    ({"nutrients": {"magnesium": 1e9}}, "magnesium", "Magnesium of 1e+09 mg is too large"),
    ({"nutrients": {"unobtainium": 1}}, "unobtainium", "Unknown nutrient 'unobtainium'"),
    ({"per": "cup"}, "per", "per 'serving' or per '100g'"),
    ({"portions": [Portion(1, "bar", 0)]}, "portions", "Portion weight must be more than zero"),
    ({"portions": [Portion(1, "", 40)]}, "portions", "Portion name is required"),
    ({"portions": [Portion(0, "bar", 40)]}, "portions", "Portion amount must be more than zero"),
])
def test_invalid_custom_food_is_refused(ctx: Context, kwargs: dict[str, object],
                                        field: str, words: str) -> None:
    args: dict[str, object] = {"name": "Test food", "serving_grams": 50,
                               "nutrients": {"magnesium": 10}, "per": "serving"}
    args.update(kwargs)
    with pytest.raises(UserError) as caught:
        foods.add_custom_food(ctx, **args)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert words in caught.value.message
    assert foods.search_foods(ctx, "test food") == []


@pytest.mark.parametrize(("text", "portion"), [
    ("1 bar=40", Portion(1, "bar", 40)),
    ("2 slices = 56g", Portion(2, "slices", 56)),
    ("cup=240", Portion(1, "cup", 240)),
    ("0.5 cup=120 g", Portion(0.5, "cup", 120)),
])
def test_parse_portion(text: str, portion: Portion) -> None:
    assert foods.parse_portion(text) == portion


@pytest.mark.parametrize(("text", "words"), [
    ("bar", "must look like '1 bar=40'"), ("=40", "must look like '1 bar=40'"),
    ("1 bar=", "must look like '1 bar=40'"), ("1 bar=forty", "Portion grams must be a number"),
])
def test_parse_portion_refuses_nonsense(text: str, words: str) -> None:
    with pytest.raises(UserError) as err:
        foods.parse_portion(text)
    assert err.value.field == "portions"
    assert words in err.value.message
